import Foundation
import TestSupport
import XCTest

/// Runs the built `camgap` binary, as a planner or a scheduled job would.
enum CLI {
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

  typealias Result = ProcessResult

  @discardableResult
  static func run(_ args: [String], env: [String: String?] = [:], cwd: URL? = nil) throws -> Result {
    try Processes.run(binary, args, env: env, cwd: cwd)
  }

  /// `camgap` started now and finished later, for runs that overlap or get killed.
  static func start(_ args: [String], env: [String: String?] = [:], cwd: URL? = nil) throws -> RunningProcess
  {
    try RunningProcess(binary, args, env: env, cwd: cwd)
  }

  static func geodata(_ name: String) -> String { Repo.geodata(name) }

  /// A case directory under Tests/CLITests/Fixtures.
  static func fixture(_ name: String) -> URL {
    Repo.root.appendingPathComponent("Tests/CLITests/Fixtures").appendingPathComponent(name)
  }

  /// A scratch copy of a geodata bundle, for tests that break one file.
  static func copyBundle(_ name: String) throws -> URL {
    let dst = FileManager.default.temporaryDirectory.appendingPathComponent("camgap-\(UUID().uuidString)")
    try FileManager.default.copyItem(at: URL(fileURLWithPath: geodata(name)), to: dst)
    return dst
  }
}
