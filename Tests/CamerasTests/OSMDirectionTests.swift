import Cameras
import XCTest

final class OSMDirectionTests: XCTestCase {
  private func headings(_ text: String) throws -> [Double] {
    try OSMDirection.parse(text).map(\.heading)
  }

  private func single(_ text: String) throws -> ViewDirection {
    let views = try OSMDirection.parse(text)
    XCTAssertEqual(views.count, 1, "\(text)")
    return views[0]
  }

  private func assertInvalid(
    _ text: String, naming token: String, file: StaticString = #filePath, line: UInt = #line
  ) {
    XCTAssertThrowsError(try OSMDirection.parse(text), file: file, line: line) { error in
      guard case OSMDirectionError.invalid(let message) = error else {
        return XCTFail("unexpected error \(error)", file: file, line: line)
      }
      XCTAssertTrue(
        message.contains("\"\(token)\""), "message \(message) should name \(token)", file: file, line: line)
      XCTAssertEqual("\(error)", message, file: file, line: line)
    }
  }

  func testPlainNumbers() throws {
    XCTAssertEqual(try single("090"), ViewDirection(heading: 90, extraSweep: 0))
    XCTAssertEqual(try single("45.5"), ViewDirection(heading: 45.5, extraSweep: 0))
    XCTAssertEqual(try single("0"), ViewDirection(heading: 0, extraSweep: 0))
    XCTAssertEqual(try single("  270 "), ViewDirection(heading: 270, extraSweep: 0))
    XCTAssertEqual(try single("+30"), ViewDirection(heading: 30, extraSweep: 0))
  }

  func testNumbersAreNormalisedIntoOneTurn() throws {
    XCTAssertEqual(try single("-20").heading, 340)
    XCTAssertEqual(try single("360").heading, 0)
    XCTAssertEqual(try single("370").heading, 10)
    XCTAssertEqual(try single("-360").heading, 0)
    XCTAssertEqual(try single("-725").heading, 355)
    XCTAssertEqual(try single("-0.5").heading, 359.5)
    // A negative too small to survive the addition of 360 must not come back as 360.
    let tiny = try single("-0.00000000000000001").heading
    XCTAssertTrue(tiny >= 0 && tiny < 360, "\(tiny)")
  }

  func testCompassPoints() throws {
    XCTAssertEqual(try single("N").heading, 0)
    XCTAssertEqual(try single("SE").heading, 135)
    XCTAssertEqual(try single("NNW").heading, 337.5)
    XCTAssertEqual(try single("nne").heading, 22.5)
    XCTAssertEqual(try single("Wsw").heading, 247.5)
    let all = [
      "N", "NNE", "NE", "ENE", "E", "ESE", "SE", "SSE", "S", "SSW", "SW", "WSW", "W", "WNW", "NW", "NNW",
    ]
    XCTAssertEqual(try all.map { try single($0).heading }, (0..<16).map { Double($0) * 22.5 })
  }

  func testCompassWords() throws {
    XCTAssertEqual(try single("north").heading, 0)
    XCTAssertEqual(try single("East").heading, 90)
    XCTAssertEqual(try single("SOUTH").heading, 180)
    XCTAssertEqual(try single("west").heading, 270)
  }

  func testSeveralCamerasOnOneNode() throws {
    XCTAssertEqual(try headings("305;175;240"), [305, 175, 240])
    XCTAssertEqual(try headings("N; 090 ;-20"), [0, 90, 340])
    XCTAssertEqual(try headings("90;"), [90])
    XCTAssertEqual(try headings("90;;180"), [90, 180])
    let views = try OSMDirection.parse("10;243-288")
    XCTAssertEqual(
      views, [ViewDirection(heading: 10, extraSweep: 0), ViewDirection(heading: 265.5, extraSweep: 45)])
  }

  func testPanningRanges() throws {
    XCTAssertEqual(try single("243-288"), ViewDirection(heading: 265.5, extraSweep: 45))
    XCTAssertEqual(try single("350-10"), ViewDirection(heading: 0, extraSweep: 20))
    XCTAssertEqual(try single("0-360"), ViewDirection(heading: 0, extraSweep: 360))
    XCTAssertEqual(try single("180-90"), ViewDirection(heading: 315, extraSweep: 270))
    XCTAssertEqual(try single("243 - 288"), ViewDirection(heading: 265.5, extraSweep: 45))
    XCTAssertEqual(try single("N-E"), ViewDirection(heading: 45, extraSweep: 90))
    XCTAssertEqual(try single("NW-NE"), ViewDirection(heading: 0, extraSweep: 90))
    XCTAssertEqual(try single("90-90"), ViewDirection(heading: 90, extraSweep: 0))
    XCTAssertEqual(try single("-180-180"), ViewDirection(heading: 180, extraSweep: 360))
  }

  func testMinusSignsInRanges() throws {
    // From 10 clockwise to -20 (340): 330 degrees, centred on 175.
    XCTAssertEqual(try single("10--20"), ViewDirection(heading: 175, extraSweep: 330))
    // From -20 (340) clockwise to 20: 40 degrees, centred on north.
    XCTAssertEqual(try single("-20-20"), ViewDirection(heading: 0, extraSweep: 40))
  }

  func testGarbageIsRejectedNamingTheToken() {
    assertInvalid("abc", naming: "abc")
    assertInvalid("1e999", naming: "1e999")
    assertInvalid("1e2", naming: "1e2")
    assertInvalid("nan", naming: "nan")
    assertInvalid("inf", naming: "inf")
    assertInvalid("-inf", naming: "-inf")
    assertInvalid("0x10", naming: "0x10")
    assertInvalid("90;xyz;180", naming: "xyz")
    assertInvalid("10-", naming: "10-")
    assertInvalid("-", naming: "-")
    assertInvalid("1.2.3", naming: "1.2.3")
    assertInvalid("10-20-30", naming: "10-20-30")
    assertInvalid("NNNE", naming: "NNNE")
    assertInvalid(String(repeating: "9", count: 400), naming: String(repeating: "9", count: 400))
  }

  func testEmptyValuesAreRejected() {
    XCTAssertThrowsError(try OSMDirection.parse("")) { error in
      XCTAssertEqual(error as? OSMDirectionError, .invalid("direction is empty"))
    }
    XCTAssertThrowsError(try OSMDirection.parse("   "))
    XCTAssertThrowsError(try OSMDirection.parse(";;"))
  }
}
