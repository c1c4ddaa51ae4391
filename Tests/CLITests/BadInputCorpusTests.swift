import Foundation
import XCTest

/// Runs every case under Fixtures/bad. A case directory holds the files that replace their
/// namesakes in a copy of geodata/tiny (a `cameras.csv` also removes `cameras.geojson`) and an
/// `expected.txt`: the exit code on line 1, then one substring per line that stderr must hold
/// (for exit 0: that one of the JSON `warnings` must hold). `cmd: validate FILE` runs
/// `camgap validate` on the case's FILE instead of auditing; `stdout: TEXT` is looked for in stdout.
final class BadInputCorpusTests: XCTestCase {
  static let corpus = CLI.fixture("bad")

  struct Expectation {
    var code: Int32
    var command: [String] = []
    var stdout: [String] = []
    var messages: [String] = []
  }

  static func expectation(_ url: URL) throws -> Expectation {
    let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map(String.init)
    guard let first = lines.first, let code = Int32(first.trimmingCharacters(in: .whitespaces)) else {
      throw NSError(
        domain: "corpus", code: 1,
        userInfo: [NSLocalizedDescriptionKey: "\(url.path): line 1 is not an exit code"])
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
    if files.contains("cameras.csv") {
      try fm.removeItem(at: bundle.appendingPathComponent("cameras.geojson"))
    }
    for f in files {
      let dst = bundle.appendingPathComponent(f)
      if fm.fileExists(atPath: dst.path) { try fm.removeItem(at: dst) }
      try fm.copyItem(at: dir.appendingPathComponent(f), to: dst)
    }
    return try Self.camgap(["audit", bundle.path, "--format", "json"])
  }

  /// `CLI.run`'s result says whether the process ended by a signal (then `code` is the signal).
  typealias Outcome = CLI.Result

  static func camgap(_ args: [String]) throws -> Outcome { try CLI.run(args) }

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
          XCTAssertTrue(
            warnings.contains { $0.contains(m) }, "\(name): no warning holds \(m); warnings: \(warnings)")
        }
      } else {
        for m in e.messages { XCTAssertTrue(r.stderr.contains(m), "\(name): stderr lacks \(m)\n\(r.stderr)") }
      }
    }
  }

  /// A district of 1,000,000 vertices (the tiny district with each side cut into 250,000 steps)
  /// is audited like the 4-corner one. Written at run time: the file is 35 MB.
  func testMillionVertexDistrict() throws {
    let corners: [(Double, Double)] = [
      (121.016330099504, 30.690666561369), (121.026765235328, 30.690825567647),
      (121.026581690275, 30.699843846892), (121.01614558535, 30.699684783881),
    ]
    let steps = 250_000
    var text =
      #"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"code":"330482001000","name":"big"},"geometry":{"type":"Polygon","coordinates":[["#
    text.reserveCapacity(36_000_000)
    for i in 0..<4 {
      let a = corners[i]
      let b = corners[(i + 1) % 4]
      for k in 0..<steps {
        let t = Double(k) / Double(steps)
        text += "[\(a.0 + (b.0 - a.0) * t),\(a.1 + (b.1 - a.1) * t)],"
      }
    }
    text += "[\(corners[0].0),\(corners[0].1)]]]}}]}"
    let bundle = try CLI.copyBundle("tiny")
    defer { try? FileManager.default.removeItem(at: bundle) }
    try text.write(to: bundle.appendingPathComponent("districts.geojson"), atomically: true, encoding: .utf8)
    let r = try Self.camgap(["audit", bundle.path, "--format", "json"])
    XCTAssertFalse(r.signalled, r.stderr)
    XCTAssertEqual(r.code, 0, r.stderr)
    let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
    let summary = try XCTUnwrap(json["summary"] as? [String: Any])
    XCTAssertEqual(summary["districts"] as? Int, 1)
    // The same covered area as the 4-corner district: 18-step sector + 72-gon.
    XCTAssertEqual(try XCTUnwrap(summary["covered_m2"] as? Double), 1961.0843 + 2823.7214, accuracy: 0.5)
  }
}
