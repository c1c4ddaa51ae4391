import XCTest

@testable import Formats

/// Every CSV camgap writes is defused against formula injection and reads back exactly.
final class CSVWriterTests: XCTestCase {
  func testFormulaCellsAreDefusedAndNumbersAreNot() {
    XCTAssertEqual(CSVWriter.textCell("=HYPERLINK(\"http://x\")"), "\"'=HYPERLINK(\"\"http://x\"\")\"")
    XCTAssertEqual(CSVWriter.textCell("+1+cmd|' /C calc'!A0"), "\"'+1+cmd|' /C calc'!A0\"")
    XCTAssertEqual(CSVWriter.textCell("@CAM"), "\"'@CAM\"")
    XCTAssertEqual(CSVWriter.textCell("-2+3"), "\"'-2+3\"")
    XCTAssertEqual(CSVWriter.textCell("\tx"), "\"'\tx\"")
    XCTAssertEqual(CSVWriter.textCell("-83.25"), "-83.25")
    XCTAssertEqual(CSVWriter.textCell("+1e3"), "+1e3")
    XCTAssertEqual(CSVWriter.textCell("-1.5E-3"), "-1.5E-3")
    XCTAssertEqual(CSVWriter.textCell("-"), "\"'-\"")
    XCTAssertEqual(CSVWriter.textCell("-1."), "\"'-1.\"")
    XCTAssertEqual(CSVWriter.textCell("平湖, 当湖"), "\"平湖, 当湖\"")
    XCTAssertEqual(CSVWriter.textCell(" edge "), "\" edge \"")
    XCTAssertEqual(CSVWriter.textCell("当湖街道"), "当湖街道")
  }

  func testDefusedCellsReadBackAsWritten() throws {
    let values = [
      "=1+1", "@SUM(A1)", "+86 10", "-2+3", "'plain", "'=already", "''=twice, quoted", "'x,y", "a\"b", "x,y",
      "-83.25", "'-83.25", "名称",
    ]
    let text = CSVWriter.row(["v"]) + values.map { CSVWriter.row([$0]) }.joined()
    let table = try CSVTable(bytes: Array(text.utf8))
    XCTAssertEqual(table.rows.map { $0[0] }, values)
  }
}
