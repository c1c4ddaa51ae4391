import Foundation
import XCTest

/// SPEC §6: `show` prints a camera's version, and `update`/`retire --if-version N` refuse
/// (exit 4) when another planner changed the camera since it was read.
final class RegistryVersionTests: XCTestCase {
  func testIfVersionRefusesAStaleEditAndLeavesTheCameraAsItWas() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("camgap-ver-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    try Self.run(db: dir.appendingPathComponent("r.gpkg").path)
  }

  func testIfVersionOnPostgreSQL() throws {
    try Self.run(db: PGTargets.fresh(self))
  }

  /// The scenario against one registry (a file or a `postgresql://` URI).
  static func run(db: String) throws {
    func ok(_ args: [String]) throws -> String {
      let r = try CLI.run(args + ["--db", db])
      XCTAssertEqual(r.code, 0, "\(args): \(r.stderr)")
      return r.stdout
    }
    _ = try ok(["registry", "init"])
    _ = try ok(["registry", "add", "K1", "--lon", "121", "--lat", "30.7", "--kind", "dome"])
    XCTAssertTrue(try ok(["registry", "show", "K1"]).contains("\nversion     1\n"))
    XCTAssertTrue(try ok(["registry", "show", "K1", "--format", "json"]).hasSuffix(",\"version\":1}\n"))

    // Planner A read version 1 and changes the range; planner B, who also read 1, is refused.
    _ = try ok(["registry", "update", "K1", "--range", "45", "--if-version", "1", "--by", "A"])
    let stale = try CLI.run([
      "registry", "update", "K1", "--fov", "60", "--if-version", "1", "--by", "B", "--db", db,
    ])
    XCTAssertEqual(stale.code, 4, stale.stderr)
    XCTAssertEqual(
      stale.stderr,
      "camgap: \(db): camera \"K1\" changed since you read it (version 1 then, 2 now); show it again and redo the change\n"
    )
    let json = try ok(["registry", "show", "K1", "--format", "json"])
    XCTAssertTrue(json.contains("\"fov\":null"), json)
    XCTAssertTrue(json.contains("\"range\":45"), json)
    XCTAssertTrue(json.hasSuffix(",\"version\":2}\n"), json)
    XCTAssertEqual(try CLI.run(["registry", "retire", "K1", "--if-version", "1", "--db", db]).code, 4)
    _ = try ok(["registry", "retire", "K1", "--if-version", "2", "--date", "2026-06-01"])
    XCTAssertTrue(try ok(["registry", "show", "K1", "--format", "json"]).hasSuffix(",\"version\":3}\n"))
    // An edit that changes nothing is no new version.
    _ = try ok(["registry", "update", "K1", "--range", "45"])
    XCTAssertTrue(try ok(["registry", "show", "K1", "--format", "json"]).hasSuffix(",\"version\":3}\n"))
    // Each accepted change is in the history, the refused one is not.
    let history = try ok(["registry", "history", "K1", "--format", "csv"])
    XCTAssertFalse(history.contains(",B,"), history)
    XCTAssertTrue(history.contains(",A,update,range,,45,"), history)
  }
}
