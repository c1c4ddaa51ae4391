import XCTest

@testable import Support

/// The parallel parse gives the sequential parse's value, and its errors word for word.
final class JSONParallelTests: XCTestCase {
  func collection(_ n: Int) -> String {
    var s = "{\"type\": \"FeatureCollection\", \"name\": \"x\", \"features\": [\n"
    for i in 0..<n {
      if i > 0 { s += ",\n" }
      s +=
        "{\"type\":\"Feature\",\"properties\":{\"id\":\"c\(i)\",\"name\":\"路口 \\\"\(i)\\\" [a,b]\",\"heading\":\(i % 360)},"
        + "\"geometry\":{\"type\":\"Point\",\"coordinates\":[120.\(i),30.5]}}"
    }
    return s + "\n], \"crs\": null}"
  }

  func testSameValueAsSequential() throws {
    let bytes = Array(collection(500).utf8)
    let seq = try JSONParser.parse(bytes)
    let par = try JSONParser.parseParallel(bytes, threads: 4, minimumSize: 0)
    XCTAssertEqual(seq, par)
    XCTAssertEqual(par["features"]?.array?.count, 500)
    // With a byte-order mark too.
    let bom = [0xEF, 0xBB, 0xBF] + bytes
    XCTAssertEqual(try JSONParser.parseParallel(bom, threads: 2, minimumSize: 0), seq)
  }

  func testErrorsAsSequential() {
    let good = collection(200)
    let broken = [
      good.replacingOccurrences(of: "\"c77\"", with: "\"c77"),  // unterminated in the middle
      good.replacingOccurrences(of: "\"heading\":78", with: "\"heading\":078"),  // leading zero
      good.replacingOccurrences(of: "[120.150,30.5]", with: "[120.150,30.5"),  // unbalanced
      String(good.dropLast(3)),  // truncated
      good + " x",  // trailing text
      good.replacingOccurrences(
        of: "{\"type\":\"Feature\",\"properties\":{\"id\":\"c9\"",
        with: "{\"type\":\"Feature\",,\"properties\":{\"id\":\"c9\""),
    ]
    for (k, text) in broken.enumerated() {
      let bytes = Array(text.utf8)
      var seqError: JSONParseError?
      var parError: JSONParseError?
      do { _ = try JSONParser.parse(bytes) } catch { seqError = error as? JSONParseError }
      do { _ = try JSONParser.parseParallel(bytes, threads: 2, minimumSize: 0) } catch {
        parError = error as? JSONParseError
      }
      XCTAssertNotNil(seqError, "case \(k)")
      XCTAssertEqual(seqError, parError, "case \(k)")
    }
  }

  func testDepthLimitHoldsInsideElements() {
    // Nesting that the sequential parser rejects at depth 257 (object, array, 255 arrays) must not pass in parallel.
    let deep = String(repeating: "[", count: 255) + String(repeating: "]", count: 255)
    var items = Array(repeating: "{\"a\":1}", count: 100)
    items[50] = deep
    let text = "{\"features\":[" + items.joined(separator: ",") + "]}"
    let bytes = Array(text.utf8)
    XCTAssertThrowsError(try JSONParser.parse(bytes))
    XCTAssertThrowsError(try JSONParser.parseParallel(bytes, threads: 2, minimumSize: 0))
    let ok = String(repeating: "[", count: 254) + String(repeating: "]", count: 254)
    items[50] = ok
    let fine = Array(("{\"features\":[" + items.joined(separator: ",") + "]}").utf8)
    XCTAssertEqual(try JSONParser.parse(fine), try JSONParser.parseParallel(fine, threads: 2, minimumSize: 0))
  }
}
