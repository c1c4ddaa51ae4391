import XCTest

@testable import Geometry

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
