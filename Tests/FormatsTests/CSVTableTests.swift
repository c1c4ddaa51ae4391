import Foundation
import XCTest

@testable import Formats

final class CSVTableTests: XCTestCase {
  private func table(_ text: String) throws -> CSVTable {
    try CSVTable(bytes: Array(text.utf8))
  }

  private func assertError(
    _ text: String, line expectedLine: Int, contains fragment: String, file: StaticString = #filePath,
    line: UInt = #line
  ) {
    assertError(bytes: Array(text.utf8), line: expectedLine, contains: fragment, file: file, line: line)
  }

  private func assertError(
    bytes: [UInt8], line expectedLine: Int, contains fragment: String, file: StaticString = #filePath,
    line: UInt = #line
  ) {
    XCTAssertThrowsError(try CSVTable(bytes: bytes), file: file, line: line) { error in
      guard let csvError = error as? CSVError else {
        return XCTFail("unexpected error \(error)", file: file, line: line)
      }
      XCTAssertEqual(csvError.line, expectedLine, "\(csvError)", file: file, line: line)
      XCTAssertTrue(csvError.message.contains(fragment), "\(csvError)", file: file, line: line)
    }
  }

  func testSimpleFile() throws {
    let csv = try table("id,lon,lat\nc1,120.1,30.2\nc2,120.3,30.4\n")
    XCTAssertEqual(csv.header, ["id", "lon", "lat"])
    XCTAssertEqual(csv.rows, [["c1", "120.1", "30.2"], ["c2", "120.3", "30.4"]])
    XCTAssertEqual(csv.lineNumbers, [2, 3])
  }

  func testNoTrailingNewlineAndCRLF() throws {
    let lf = try table("a,b\n1,2")
    XCTAssertEqual(lf.rows, [["1", "2"]])
    let crlf = try table("a,b\r\n1,2\r\n3,4\r\n")
    XCTAssertEqual(crlf.header, ["a", "b"])
    XCTAssertEqual(crlf.rows, [["1", "2"], ["3", "4"]])
    XCTAssertEqual(crlf.lineNumbers, [2, 3])
    let crlfNoEnd = try table("a,b\r\n1,2")
    XCTAssertEqual(crlfNoEnd.rows, [["1", "2"]])
    let lonelyCR = try table("a,b\r1,2\r3,4")
    XCTAssertEqual(lonelyCR.rows, [["1", "2"], ["3", "4"]])
    XCTAssertEqual(lonelyCR.lineNumbers, [2, 3])
  }

  func testBOMAndHeaderTrimming() throws {
    let csv = try CSVTable(bytes: [0xEF, 0xBB, 0xBF] + Array(" id , Name\t,\" lat \"\n1,x,2\n".utf8))
    XCTAssertEqual(csv.header, ["id", "Name", "lat"])
    XCTAssertEqual(csv.column("ID"), 0)
    XCTAssertEqual(csv.column("name"), 1)
    XCTAssertEqual(csv.column(" LAT "), 2)
    XCTAssertNil(csv.column("lon"))
  }

  func testUnquotedCellsAreTrimmedQuotedAreNot() throws {
    let csv = try table("a,b,c,d\n  x  ,\" y \" ,\t\"\",\n")
    XCTAssertEqual(csv.rows, [["x", " y ", "", ""]])
  }

  func testQuotedCells() throws {
    let csv = try table("id,name,note\n1,\"Gate, north\",\"He said \"\"stop\"\"\"\n2,\"\"\"\",\"\"\n")
    XCTAssertEqual(csv.rows, [["1", "Gate, north", "He said \"stop\""], ["2", "\"", ""]])
  }

  func testEmbeddedNewlinesKeepLineNumbersPhysical() throws {
    let text = "id,note\n1,\"first\nsecond\"\n\n3,\"a\r\nb\r\nc\"\r\n4,x\n"
    let csv = try table(text)
    XCTAssertEqual(csv.rows, [["1", "first\nsecond"], ["3", "a\r\nb\r\nc"], ["4", "x"]])
    XCTAssertEqual(csv.lineNumbers, [2, 5, 8])
  }

  func testBadRowAfterMultilineCellReportsItsPhysicalLine() {
    // Row on lines 2–3, a good row on line 4, a short row on line 5.
    assertError(
      "id,note,lat\n1,\"two\nlines\",30\n2,ok,31\n3,short\n", line: 5,
      contains: "row has 2 cells, the header (line 1) has 3")
  }

  func testCellCountMismatch() {
    assertError("a,b\n1,2,3\n", line: 2, contains: "row has 3 cells, the header (line 1) has 2")
    assertError("a,b\n1,2\n\n\n1\n", line: 5, contains: "row has 1 cell, the header (line 1) has 2")
    assertError("a,b\n1,2,\n", line: 2, contains: "row has 3 cells")
  }

  func testBlankLinesAreSkippedButCounted() throws {
    let csv = try table("\n\na,b\n\n1,2\n   \n\t\n3,4\n\n\n")
    XCTAssertEqual(csv.header, ["a", "b"])
    XCTAssertEqual(csv.rows, [["1", "2"], ["3", "4"]])
    XCTAssertEqual(csv.lineNumbers, [5, 8])
  }

  func testQuotedEmptyCellIsNotABlankLine() throws {
    let csv = try table("a\n\"\"\n\nx\n")
    XCTAssertEqual(csv.rows, [[""], ["x"]])
    XCTAssertEqual(csv.lineNumbers, [2, 4])
  }

  func testUnterminatedQuoteNamesTheLineItOpened() {
    assertError("a,b\n1,2\n3,\"never\nclosed\n\n", line: 3, contains: "never closed")
    assertError("a,b\n1,\"x", line: 2, contains: "never closed")
  }

  func testStrayQuotes() {
    assertError("a,b\n1,ab\"c\n", line: 2, contains: "quote inside an unquoted cell (ab\"c)")
    assertError(
      "a,b\n1,2\n\"ab\"c,3\n", line: 3, contains: "text after the closing quote of a quoted cell (\"ab\"c,3)")
    assertError(
      "a,b\n1,\"multi\nline\"x\n", line: 3, contains: "text after the closing quote of a quoted cell (\"x)")
  }

  func testEmptyFileAndHeaderProblems() {
    assertError("", line: 1, contains: "empty")
    assertError("\n\n  \n", line: 1, contains: "empty")
    assertError(bytes: [0xEF, 0xBB, 0xBF], line: 1, contains: "empty")
    assertError("id,,lat\n", line: 1, contains: "header column 2 has no name")
    assertError("id,lon,ID\n", line: 1, contains: "header column 3 \"ID\" repeats column 1 \"id\"")
    assertError("\nid, \n", line: 2, contains: "header column 2 has no name")
  }

  func testInvalidUTF8NamesTheLine() {
    var bytes = Array("id,name\n1,ok\n2,".utf8)
    bytes += [0xC3, 0x28]  // a lead byte followed by a non-continuation byte
    bytes += Array("\n".utf8)
    assertError(bytes: bytes, line: 3, contains: "not valid UTF-8 (byte 0xC3 at byte 3 of the line)")
    // GBK-encoded 杭州 (what a Chinese Excel writes by default).
    assertError(bytes: Array("id,name\n".utf8) + [0xBA, 0xBC, 0xD6, 0xDD], line: 2, contains: "0xBA")
    // A line break inside a quoted cell still counts.
    assertError(bytes: Array("id,name\n1,\"a\nb\"\n2,".utf8) + [0xFF], line: 4, contains: "0xFF")
    // Surrogates and overlongs are not UTF-8 either.
    assertError(bytes: Array("a\n".utf8) + [0xED, 0xA0, 0x80], line: 2, contains: "0xED")
    assertError(bytes: Array("a\n".utf8) + [0xC0, 0xAF], line: 2, contains: "0xC0")
    assertError(bytes: Array("a\n".utf8) + [0xE6, 0x9D], line: 2, contains: "0xE6")
  }

  func testChineseText() throws {
    let csv = try table("id,name\n1,\"杭州市西湖区, 北山街\"\n2,  平湖 \n")
    XCTAssertEqual(csv.rows, [["1", "杭州市西湖区, 北山街"], ["2", "平湖"]])
  }

  func testTrailingCommaMakesAnEmptyLastCell() throws {
    let csv = try table("a,b,c\n1,2,\n1,2,")
    XCTAssertEqual(csv.rows, [["1", "2", ""], ["1", "2", ""]])
  }

  func testErrorDescription() {
    XCTAssertEqual("\(CSVError(line: 7, message: "bad"))", "line 7: bad")
  }

  func testLargeFileParsesQuickly() throws {
    let columns = 15
    var text = (0..<columns).map { "col\($0)" }.joined(separator: ",") + "\n"
    let rowCount = 150_000
    text.reserveCapacity(rowCount * 120)
    for row in 0..<rowCount {
      text +=
        "3301000000132500\(row),\"Camera \(row), gate\",120.\(row),30.\(row),fixed,90,45,40,1920,0,6,15,2,active,2020-01-01\n"
    }
    let bytes = Array(text.utf8)
    // Best of three, so that another process stealing the CPU for a moment does not fail the test.
    var elapsed = Double.infinity
    var parsed: CSVTable? = nil
    for _ in 0..<3 {
      parsed = nil
      let start = Date()
      let table = try CSVTable(bytes: bytes)
      elapsed = min(elapsed, Date().timeIntervalSince(start))
      parsed = table
    }
    let csv = try XCTUnwrap(parsed)
    XCTAssertEqual(csv.rows.count, rowCount)
    XCTAssertEqual(csv.lineNumbers.last, rowCount + 1)
    XCTAssertEqual(csv.rows[123_456][1], "Camera 123456, gate")
    XCTAssertEqual(csv.rows[123_456][14], "2020-01-01")
    // Debug builds are an order of magnitude slower; the 0.3 s budget is for release builds.
    #if DEBUG
      XCTAssertLessThan(elapsed, 5.0)
    #else
      XCTAssertLessThan(elapsed, 0.3)
    #endif
  }
}
