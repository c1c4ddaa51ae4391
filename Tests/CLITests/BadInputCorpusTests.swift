import Foundation
import XCTest

/// Runs every case under Fixtures/bad. A case directory holds the files that replace their
/// namesakes in a copy of geodata/tiny (a `cameras.csv` also removes `cameras.geojson`) and an
/// `expected.txt`: the exit code on line 1, then one substring per line that stderr must hold
/// (for exit 0: that one of the JSON `warnings` must hold). `cmd: validate FILE` runs
/// `camgap validate` on the case's FILE instead of auditing; `stdout: TEXT` is looked for in stdout.
final class BadInputCorpusTests: XCTestCase {
  static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Fixtures").appendingPathComponent("bad")

  struct Expectation {
    var code: Int32
    var command: [String] = []
    var stdout: [String] = []
    var messages: [String] = []
  }

  static func expectation(_ url: URL) throws -> Expectation {
    let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map(String.init)
    guard let first = lines.first, let code = Int32(first.trimmingCharacters(in: .whitespaces)) else {
      throw NSError(domain: "corpus", code: 1, userInfo: [NSLocalizedDescriptionKey: "\(url.path): line 1 is not an exit code"])
    }
    var e = Expectation(code: code)
    for line in lines.dropFirst() where !line.isEmpty {
      if line.hasPrefix("cmd: ") {
        e.command = line.dropFirst(5).split(separator: " ").map(String.init)
      } else if line.hasPrefix("stdout: ") {
        e.stdout.append(String(line.dropFirst(8)))
      } else {
        e.messages.append(line)
      }
    }
    return e
  }

  func run(case dir: URL, _ e: Expectation) throws -> Outcome {
    let fm = FileManager.default
    let files = try fm.contentsOfDirectory(atPath: dir.path).filter { $0 != "expected.txt" }
    if e.command.first == "validate" {
      let args = e.command.dropFirst().map { files.contains($0) ? dir.appendingPathComponent($0).path : $0 }
      return try Self.camgap(["validate"] + args)
    }
    let bundle = try CLI.copyBundle("tiny")
    defer { try? fm.removeItem(at: bundle) }
    if files.contains("cameras.csv") { try fm.removeItem(at: bundle.appendingPathComponent("cameras.geojson")) }
    for f in files {
      let dst = bundle.appendingPathComponent(f)
      if fm.fileExists(atPath: dst.path) { try fm.removeItem(at: dst) }
      try fm.copyItem(at: dir.appendingPathComponent(f), to: dst)
    }
    return try Self.camgap(["audit", bundle.path, "--format", "json"])
  }

  struct Outcome {
    var code: Int32
    var signalled: Bool
    var stdout: String
    var stderr: String
  }

  /// Like `CLI.run`, but says whether the process ended by a signal (then `code` is the signal).
  static func camgap(_ args: [String]) throws -> Outcome {
    let p = Process()
    p.executableURL = CLI.binary
    p.arguments = args
    let out = Pipe()
    let err = Pipe()
    p.standardOutput = out
    p.standardError = err
    try p.run()
    // Read stderr on another thread so that neither pipe can fill up and block the child.
    let errData = LockedData()
    let reader = Thread { errData.set(err.fileHandleForReading.readDataToEndOfFile()) }
    reader.start()
    let o = out.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    while !errData.done { usleep(1000) }
    return Outcome(
      code: p.terminationStatus, signalled: p.terminationReason == .uncaughtSignal,
      stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: errData.data, as: UTF8.self))
  }

  final class LockedData: @unchecked Sendable {
    private let lock = NSLock()
    private var value = Data()
    private var finished = false
    func set(_ d: Data) { lock.withLock { value = d; finished = true } }
    var done: Bool { lock.withLock { finished } }
    var data: Data { lock.withLock { value } }
  }

  func testCorpus() throws {
    let fm = FileManager.default
    let cases = try fm.contentsOfDirectory(atPath: Self.corpus.path).sorted()
    XCTAssertGreaterThanOrEqual(cases.count, 30)
    for name in cases {
      let dir = Self.corpus.appendingPathComponent(name)
      let e = try Self.expectation(dir.appendingPathComponent("expected.txt"))
      let r = try run(case: dir, e)
      XCTAssertFalse(r.signalled, "\(name): ended by signal \(r.code)\n\(r.stderr)")
      XCTAssertEqual(r.code, e.code, "\(name): exit code\n\(r.stderr)")
      for s in e.stdout { XCTAssertTrue(r.stdout.contains(s), "\(name): stdout lacks \(s)") }
      if e.code == 0 && e.command.isEmpty {
        let json = try? JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
        let warnings = (json?["warnings"] as? [String]) ?? []
        for m in e.messages {
          XCTAssertTrue(warnings.contains { $0.contains(m) }, "\(name): no warning holds \(m); warnings: \(warnings)")
        }
      } else {
        for m in e.messages { XCTAssertTrue(r.stderr.contains(m), "\(name): stderr lacks \(m)\n\(r.stderr)") }
      }
    }
  }
}
