import Foundation
import XCTest

/// Registry CSVs (`export`, `list`, `history`) are opened in spreadsheets by planners: a name
/// or id from a ledger must never run there as a formula, and the export must still import
/// back unchanged.
final class RegistryCSVSafetyTests: XCTestCase {
  var dir: URL!

  override func setUpWithError() throws {
    dir = FileManager.default.temporaryDirectory.appendingPathComponent("camgap-regcsv-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
  }

  override func tearDownWithError() throws {
    try? FileManager.default.removeItem(at: dir)
  }

  func path(_ name: String) -> String { dir.appendingPathComponent(name).path }

  func ok(_ args: [String]) throws -> String {
    let r = try CLI.run(args)
    XCTAssertEqual(r.code, 0, "\(args): \(r.stderr)")
    return r.stdout
  }

  func testFormulaNamesAndIdsAreDefusedEverywhereAndRoundTrip() throws {
    try defusedAndRoundTrip(db: path("r.sqlite"), db2: path("r2.sqlite"))
  }

  func testFormulaNamesAndIdsOnPostgreSQL() throws {
    try defusedAndRoundTrip(db: PGTargets.fresh(self), db2: PGTargets.fresh(self))
  }

  func defusedAndRoundTrip(db: String, db2: String) throws {
    let input = """
      id,name,lon,lat,kind,heading
      @CAM,"=HYPERLINK(""http://x"",""y"")",-83.25,42.31,fixed,90
      K2,"+1+cmd|' /C calc'!A0",121.0,30.7,dome,180
      K3,plain,121.0,30.7,ptz,

      """
    try input.write(toFile: path("in.csv"), atomically: true, encoding: .utf8)
    _ = try ok(["registry", "init", "--db", db])
    _ = try ok(["registry", "import", path("in.csv"), "--db", db])

    let export = try ok(["registry", "export", "--db", db, "--format", "csv"])
    XCTAssertTrue(
      export.contains("\n\"'@CAM\",\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",-83.25,42.31,"), export)
    XCTAssertTrue(export.contains("\nK2,\"'+1+cmd|' /C calc'!A0\",121,30.7,"), export)
    let list = try ok(["registry", "list", "--db", db, "--format", "csv"])
    XCTAssertTrue(list.contains("\"'@CAM\""), list)
    XCTAssertFalse(list.contains("\n@CAM"), list)
    let history = try ok(["registry", "history", "@CAM", "--db", db, "--format", "csv"])
    XCTAssertTrue(history.contains("\"'@CAM\""), history)
    XCTAssertFalse(history.contains("\n@CAM"), history)

    // The defused export imports into a new registry with the same values.
    try export.write(toFile: path("export.csv"), atomically: true, encoding: .utf8)
    _ = try ok(["registry", "init", "--db", db2])
    _ = try ok(["registry", "import", path("export.csv"), "--db", db2])
    XCTAssertEqual(try ok(["registry", "export", "--db", db2, "--format", "csv"]), export)
    let show = try ok(["registry", "show", "@CAM", "--db", db2, "--format", "json"])
    XCTAssertTrue(show.contains("\"name\":\"=HYPERLINK(\\\"http://x\\\",\\\"y\\\")\""), show)
  }
}
