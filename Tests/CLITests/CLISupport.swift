import Foundation
import XCTest

/// Runs the built `camgap` binary, as a planner or a scheduled job would.
enum CLI {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  static var binary: URL {
    // The test bundle sits in the same products directory as the executable.
    var dir = Bundle.main.bundleURL
    for b in Bundle.allBundles where b.bundlePath.hasSuffix(".xctest") {
      dir = b.bundleURL.deletingLastPathComponent()
    }
    let candidate = dir.appendingPathComponent("camgap")
    if FileManager.default.fileExists(atPath: candidate.path) { return candidate }
    return Bundle.main.bundleURL.appendingPathComponent("camgap")
  }

  struct Result {
    var code: Int32
    var stdout: String
    var stderr: String
  }

  @discardableResult
  static func run(_ args: [String], env: [String: String] = [:]) throws -> Result {
    let p = Process()
    p.executableURL = binary
    p.arguments = args
    var environment = ProcessInfo.processInfo.environment
    for (k, v) in env { environment[k] = v }
    p.environment = environment
    let out = Pipe()
    let err = Pipe()
    p.standardOutput = out
    p.standardError = err
    try p.run()
    let o = out.fileHandleForReading.readDataToEndOfFile()
    let e = err.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return Result(
      code: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self),
      stderr: String(decoding: e, as: UTF8.self))
  }

  static func geodata(_ name: String) -> String {
    root.appendingPathComponent("geodata").appendingPathComponent(name).path
  }

  /// A scratch copy of a geodata bundle, for tests that break one file.
  static func copyBundle(_ name: String) throws -> URL {
    let dst = FileManager.default.temporaryDirectory.appendingPathComponent("camgap-\(UUID().uuidString)")
    try FileManager.default.copyItem(at: URL(fileURLWithPath: geodata(name)), to: dst)
    return dst
  }
}
