import TestSupport
import XCTest

@testable import Support

final class JSONParserTests: XCTestCase {
  func testValuesAndOrder() throws {
    let v = try JSONParser.parse(#"{"b": [1, 2.5, -3e2, true, null], "a": "x\u00e9\n", "c": {}}"#)
    XCTAssertEqual(v.members?.map(\.0), ["b", "a", "c"])
    XCTAssertEqual(v["b"], .array([.number(1), .number(2.5), .number(-300), .bool(true), .null]))
    XCTAssertEqual(v["a"]?.string, "xé\n")
  }

  func testSurrogatePairsAndBOM() throws {
    let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array(#"["\ud83d\ude00", "雪亮"]"#.utf8)
    XCTAssertEqual(try JSONParser.parse(bytes), .array([.string("😀"), .string("雪亮")]))
  }

  func testRejections() {
    let bad = [
      "", "{", "[1,]", "{\"a\" 1}", "NaN", "[Infinity]", "[1e999]", "01", "[\"\\x\"]", "[1] 2", "\"\\ud800\"",
      "[-]",
      "{\"a\":1,}",
    ]
    for text in bad {
      XCTAssertThrowsError(try JSONParser.parse(text), text)
    }
    XCTAssertThrowsError(try JSONParser.parse([0x22, 0xFF, 0x22])) { e in
      XCTAssertTrue((e as! JSONParseError).message.contains("UTF-8"))
    }
  }

  func testErrorPosition() {
    XCTAssertThrowsError(try JSONParser.parse("{\n  \"a\": [1,\n  2,,\n]}")) { e in
      let pe = e as! JSONParseError
      XCTAssertEqual(pe.line, 3)
      XCTAssertEqual(pe.column, 5)
    }
  }

  func testDeepNestingIsAnErrorNotACrash() {
    let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
    XCTAssertThrowsError(try JSONParser.parse(deep)) { e in
      XCTAssertTrue((e as! JSONParseError).message.contains("nesting"))
    }
    let ok = String(repeating: "[", count: 200) + String(repeating: "]", count: 200)
    XCTAssertNoThrow(try JSONParser.parse(ok))
  }

  func testNumbers() throws {
    XCTAssertEqual(try JSONParser.parse("123456789012345678").number, 123_456_789_012_345_680)
    XCTAssertEqual(try JSONParser.parse("-0.000001").number, -0.000001)
    XCTAssertEqual(try JSONParser.parse("121.0200000001").number, 121.0200000001)
  }

  func testWriterRoundTrip() throws {
    let v = try JSONParser.parse(#"{"name":"a\"b\\c\u0001","n":[1,2.25,-1e-7],"o":{"x":null,"y":false}}"#)
    let text = JSONWriter.serialize(v)
    XCTAssertEqual(try JSONParser.parse(text), v)
    XCTAssertEqual(JSONWriter.number(5), "5")
    XCTAssertEqual(JSONWriter.number(.nan), "null")
    XCTAssertEqual(JSONWriter.fixed(121.020000001, decimals: 8), "121.02")
    XCTAssertEqual(JSONWriter.fixed(-0.000000001, decimals: 8), "0")
  }
}

/// The parser's own UTF-8 check and short-decimal reading against the standard library's.
final class JSONScalarTests: XCTestCase {
  func testUTF8CheckAgreesWithTheStandardLibrary() {
    var rng = SplitMix64(seed: 11)
    let pieces: [[UInt8]] = [
      [0x41], [0xC3, 0xA9], [0xE8, 0xB7, 0xAF], [0xF0, 0x9F, 0x98, 0x80], [0xC0, 0x80], [0xE0, 0x80, 0x80],
      [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xF5], [0x80], [0xE8, 0xB7], [0xFF], [0xEF, 0xBF, 0xBD],
    ]
    for _ in 0..<20_000 {
      var bytes: [UInt8] = []
      for _ in 0..<rng.nextInt(6) { bytes += pieces[rng.nextInt(pieces.count)] }
      let mine = bytes.withUnsafeBufferPointer { JSONParser.validString($0) }
      let theirs = String(validating: bytes, as: UTF8.self)
      XCTAssertEqual(mine, theirs, "\(bytes)")
    }
  }

  func testShortDecimalsAreTheDoublesStrtodGives() throws {
    var rng = SplitMix64(seed: 12)
    for _ in 0..<20_000 {
      let intPart = rng.nextInt(1000)
      let digits = 1 + rng.nextInt(12)
      let frac = (0..<digits).map { _ in String(rng.nextInt(10)) }.joined()
      let text = "\(rng.nextInt(2) == 0 ? "-" : "")\(intPart).\(frac)"
      XCTAssertEqual(try JSONParser.parse(text), .number(strtod(text, nil)), text)
    }
    XCTAssertEqual(try JSONParser.parse("0.1"), .number(0.1))
    XCTAssertEqual(try JSONParser.parse("120.6074512"), .number(120.6074512))
    XCTAssertEqual(try JSONParser.parse("-0.0"), .number(-0.0))
    XCTAssertEqual(try JSONParser.parse("9007199254740993.5"), .number(strtod("9007199254740993.5", nil)))
    // Past 15 digits the reader hands over to strtod rather than overflow (a fuzzer found
    // the 33-digit one, which as an integer also keeps its digits).
    for text in ["444444444444444444444444444444444", "1234567890123456.5", "0.0000000000000000012345"] {
      XCTAssertEqual(try JSONParser.parse(text).number, strtod(text, nil), text)
    }
    XCTAssertEqual(
      try JSONParser.parse("444444444444444444444444444444444").integerDigits,
      "444444444444444444444444444444444")
  }
}

/// SPEC §1: a JSON number is taken as the digits written, never through a double.
final class JSONIntegerLiteralTests: XCTestCase {
  func testLongIntegersKeepTheirDigits() throws {
    let v = try JSONParser.parse(
      "[33048200001320000001, 33048200001320000002, -1234567890123456789, 123456789012345, 1.5e20]")
    XCTAssertEqual(
      v.array,
      [
        .integerLiteral("33048200001320000001"), .integerLiteral("33048200001320000002"),
        .integerLiteral("-1234567890123456789"), .number(123_456_789_012_345), .number(1.5e20),
      ])
    XCTAssertEqual(v.array?[0].integerDigits, "33048200001320000001")
    XCTAssertEqual(v.array?[3].integerDigits, "123456789012345")
    XCTAssertEqual(v.array?[0].number, 33048200001320000001.0)
    XCTAssertEqual(v.array?[0].typeName, "number")
    XCTAssertEqual(
      JSONWriter.serialize(v),
      "[33048200001320000001,33048200001320000002,-1234567890123456789,123456789012345,1.5e+20]"
    )
  }
}
