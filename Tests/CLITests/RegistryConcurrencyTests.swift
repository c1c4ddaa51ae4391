import Foundation
import XCTest

/// Eight planners (processes) edit five overlapping cameras of one registry for a minute:
/// no write may be lost, and each camera's history must chain every change to the one
/// before it (old value = the previous new value), with the version counting them.
final class RegistryConcurrencyTests: XCTestCase {
  static let planners = 8
  static let cameras = 5
  static let seconds: TimeInterval = 60

  func testEightPlannersEditingForAMinuteLoseNoWrite() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "camgap-conc-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    try Self.run(db: dir.appendingPathComponent("r.gpkg").path)
  }

  func testEightPlannersOnPostgreSQLLoseNoWrite() throws {
    try Self.run(db: PGTargets.fresh(self))
  }

  /// The whole scenario against one registry (a file or a `postgresql://` URI).
  static func run(db: String) throws {
    XCTAssertEqual(try CLI.run(["registry", "init", "--db", db]).code, 0)
    for c in 0..<cameras {
      let r = try CLI.run([
        "registry", "add", "C\(c)", "--lon", "121.0\(c)", "--lat", "30.7", "--name", "start", "--db", db,
      ])
      XCTAssertEqual(r.code, 0, r.stderr)
    }
    final class Log: @unchecked Sendable {
      let lock = NSLock()
      var landed: [String: Set<String>] = [:]
      var failures: [String] = []
    }
    let log = Log()
    let end = Date().addingTimeInterval(seconds)
    // One thread per planner (not concurrentPerform, which runs only as many as there are cores).
    let group = DispatchGroup()
    for p in 0..<planners {
      group.enter()
      Thread {
        defer { group.leave() }
        planner(p)
      }.start()
    }
    @Sendable func planner(_ p: Int) {
      var i = 0
      while Date() < end {
        let camera = "C\((p + i) % cameras)"
        let name = "p\(p)-\(i)"
        i += 1
        do {
          let r = try CLI.run(["registry", "update", camera, "--name", name, "--by", "p\(p)", "--db", db])
          log.lock.lock()
          if r.code == 0 {
            log.landed[camera, default: []].insert(name)
          } else {
            log.failures.append(r.stderr)
          }
          log.lock.unlock()
        } catch {
          log.lock.lock()
          log.failures.append("\(error)")
          log.lock.unlock()
        }
      }
    }
    group.wait()
    XCTAssertEqual(log.failures, [])
    let total = log.landed.values.reduce(0) { $0 + $1.count }
    XCTAssertGreaterThan(total, planners * 5, "too few edits to mean anything")
    for c in 0..<cameras {
      let camera = "C\(c)"
      let h = try CLI.run(["registry", "history", camera, "--format", "json", "--db", db])
      XCTAssertEqual(h.code, 0, h.stderr)
      let all = try JSONSerialization.jsonObject(with: Data(h.stdout.utf8)) as? [[String: Any]] ?? []
      let entries = all.filter { $0["field"] as? String == "name" }
      var previous = "start"
      var seen = Set<String>()
      for e in entries {
        XCTAssertEqual(e["old"] as? String, previous, "\(camera): the chain breaks")
        previous = e["new"] as? String ?? ""
        seen.insert(previous)
      }
      XCTAssertEqual(seen, log.landed[camera] ?? [], "\(camera): landed edits and history differ")
      let show = try CLI.run(["registry", "show", camera, "--format", "json", "--db", db])
      XCTAssertTrue(show.stdout.contains("\"name\":\"\(previous)\""), show.stdout)
      XCTAssertTrue(show.stdout.hasSuffix(",\"version\":\(1 + entries.count)}\n"), show.stdout)
    }
  }
}
