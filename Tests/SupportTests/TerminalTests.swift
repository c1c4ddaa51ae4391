import XCTest

@testable import Support

final class TerminalTests: XCTestCase {
  func testDisplayWidthCountsWideAsTwoAndMarksAsNone() {
    XCTAssertEqual(DisplayWidth.of("camera"), 6)
    XCTAssertEqual(DisplayWidth.of("试验街道"), 8)
    XCTAssertEqual(DisplayWidth.of("停车场 P1"), 9)
    XCTAssertEqual(DisplayWidth.of("ＡＢ"), 4, "fullwidth forms")
    XCTAssertEqual(DisplayWidth.of("ｶﾒﾗ"), 3, "halfwidth katakana")
    XCTAssertEqual(DisplayWidth.of("서울"), 4, "Hangul syllables")
    XCTAssertEqual(DisplayWidth.of("e\u{301}"), 1, "a combining acute accent")
    XCTAssertEqual(DisplayWidth.of("a\u{200B}b"), 2, "a zero-width space")
    XCTAssertEqual(DisplayWidth.of("𠀀"), 2, "CJK extension B")
    XCTAssertEqual(DisplayWidth.of("°²"), 2)
  }

  /// The symbols of U+2300–U+2BFF that EastAsianWidth.txt calls Wide, and only those.
  func testDisplayWidthOfSymbolsIsTwoExactlyWhereEastAsianWidthSaysWide() {
    let wide: [UInt32] = [0x231A, 0x2329, 0x232A, 0x23F0, 0x2648, 0x2653, 0x26A1, 0x2705, 0x2B55]
    let narrow: [UInt32] = [0x2300, 0x2328, 0x2600, 0x2639, 0x2654, 0x2714, 0x2B1A, 0x2BFF]
    XCTAssertEqual(wide.map { DisplayWidth.of(Unicode.Scalar($0)!) }, Array(repeating: 2, count: wide.count))
    XCTAssertEqual(
      narrow.map { DisplayWidth.of(Unicode.Scalar($0)!) }, Array(repeating: 1, count: narrow.count))
    let columns = (0x2300..<0x2C00).reduce(0) { $0 + DisplayWidth.of(Unicode.Scalar(UInt32($1))!) }
    XCTAssertEqual(columns, 0x900 + 62, "62 wide: 2 angle brackets and 60 emoji")
  }

  func testSafeTextShowsControlAndBidiCharacters() {
    XCTAssertEqual(SafeText.visible("路口 12"), "路口 12")
    XCTAssertEqual(SafeText.visible("a\u{1B}[2Jb"), #"a\u001b[2Jb"#)
    XCTAssertEqual(SafeText.visible("\u{1B}]0;title\u{07}"), #"\u001b]0;title\u0007"#)
    XCTAssertEqual(SafeText.visible("one\ntwo\r\tthree"), #"one\u000atwo\u000d\u0009three"#)
    XCTAssertEqual(SafeText.visible("\u{7F}\u{85}\u{9B}"), #"\u007f\u0085\u009b"#)
    XCTAssertEqual(
      SafeText.visible("\u{202A}\u{202E}\u{2066}\u{2069}\u{200E}\u{200F}\u{061C}"),
      #"\u202a\u202e\u2066\u2069\u200e\u200f\u061c"#)
    XCTAssertEqual(SafeText.visible("\u{0}"), #"\u0000"#)
    XCTAssertEqual(SafeText.visible(#"a\u001b"#), #"a\u001b"#, "text that only looks escaped stays")
  }

  func testTableAlignsChineseNamesByDisplayWidth() {
    let t = TextTable.render(
      ["id", "name", "area"], [["1", "试验街道", "12 m²"], ["22", "A", "3 m²"], ["3", "平湖市当湖街道", "100 m²"]],
      rightAligned: [2])
    XCTAssertEqual(
      t,
      """
      id  name              area
      --  --------------  ------
      1   试验街道         12 m²
      22  A                 3 m²
      3   平湖市当湖街道  100 m²

      """)
    let widths = t.split(separator: "\n").map { DisplayWidth.of(String($0)) }
    XCTAssertEqual(widths, [26, 26, 26, 26, 26])
  }

  func testTableCellsCannotAddLinesOrControlTheTerminal() {
    let t = TextTable(header: nil, rows: [["name", "x\ny\u{1B}[2J"], ["id", "7"]], rule: false).render()
    XCTAssertEqual(t, "name  x\\u000ay\\u001b[2J\nid    7\n")
  }
}
