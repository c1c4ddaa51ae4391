import XCTest

@testable import Audit
@testable import Reports

/// Zone and district names come from the bureau's files; a spreadsheet must never run them.
final class CSVSafetyTests: XCTestCase {
  func testFormulaCellsAreDefused() {
    XCTAssertEqual(
      CSVReport.cell("=HYPERLINK(\"http://x\",\"y\")"), "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"")
    XCTAssertEqual(CSVReport.cell("+86 10"), "\"'+86 10\"")
    XCTAssertEqual(CSVReport.cell("-1+1"), "\"'-1+1\"")
    XCTAssertEqual(CSVReport.cell("@SUM(A1)"), "\"'@SUM(A1)\"")
    XCTAssertEqual(CSVReport.cell("当湖街道"), "当湖街道")
    XCTAssertEqual(CSVReport.cell("a,b"), "\"a,b\"")
  }

  func testZoneRowsAreDefused() {
    var r = AuditResult(crs: "EPSG:32651")
    r.zones = [
      AuditResult.ZoneRow(
        id: "=1+1", name: "@cmd", kind: "key-site", districts: ["1"], area: 10, covered: 5, coverage: 0.5,
        target: 0.9,
        meetsTarget: false, gapCount: 1, gapArea: 5)
    ]
    let lines = CSVReport.render(r).split(separator: "\n")
    XCTAssertEqual(lines[1], "\"'=1+1\",\"'@cmd\",key-site,1,10,5,0.5,0.9,false,1,5")
  }
}
