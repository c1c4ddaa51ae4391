import Geometry
import Support
import TestSupport
import XCTest

@testable import Formats

/// The byte-level polygon reader must read exactly what the full reader reads, and give
/// the file back to the full reader whenever it is not sure.
final class PolygonFeatureDecoderTests: XCTestCase {
  func collection(_ features: [String]) -> [UInt8] {
    Array("{\"type\":\"FeatureCollection\",\"features\":[\n\(features.joined(separator: ",\n"))\n]}".utf8)
  }

  func fast(_ bytes: [UInt8], threads: Int = 1) -> FeatureCollection? {
    bytes.withUnsafeBufferPointer {
      PolygonFeatureDecoder.read(bytes: $0, file: "b.geojson", threads: threads)
    }
  }

  /// Feature by feature, the same index, id, geometry and properties as the full reader.
  func assertSame(
    _ a: FeatureCollection, _ b: FeatureCollection, file: StaticString = #filePath, line: UInt = #line
  ) {
    XCTAssertEqual(a.features.count, b.features.count, file: file, line: line)
    XCTAssertEqual(a.warnings, b.warnings, file: file, line: line)
    for (f, g) in zip(a.features, b.features) {
      XCTAssertEqual(f.index, g.index, file: file, line: line)
      XCTAssertEqual(f.id, g.id, file: file, line: line)
      XCTAssertEqual(f.geometry, g.geometry, file: file, line: line)
      XCTAssertEqual(f.properties.map(\.0), g.properties.map(\.0), file: file, line: line)
      XCTAssertEqual(f.properties.map(\.1), g.properties.map(\.1), file: file, line: line)
    }
  }

  func testPlainPolygonsAreDecoded() throws {
    let bytes = collection([
      #"{"type":"Feature","properties":{"id":"B1","height":"12.5 m","building:levels":3,"x":{"a":[1,null,true]}},"geometry":{"type":"Polygon","coordinates":[[[120.71,30.76],[120.72,30.76],[120.72,30.77],[120.71,30.76]],[[120.711,30.761],[120.712,30.761],[120.712,30.762],[120.711,30.761]]]}}"#,
      #"{ "geometry" : { "type" : "MultiPolygon" , "coordinates" : [ [ [ [ -1.5e1 , 0 ] , [ 1 , 0 ] , [ 1 , 1 ] , [ -15 , 0 ] ] ] , [ [ [ 5 , 5 ] , [ 6 , 5 ] , [ 6 , 6 ] , [ 5 , 5 ] ] ] ] , "bbox" : [ 0 , 0 , 1 , 1 ] } , "id" : 7 , "properties" : null , "type" : "Feature" , "extra" : "x" }"#,
      #"{"type":"Feature","id":"w12345678901234567","geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[0,1],[0,0]]]}}"#,
      #"{"type":"Feature","id":12345678901234567890,"properties":{"name":"\u5efa\u7b51 \"A\"","n":-0.0},"geometry":{"type":"Polygon","coordinates":[[[180,90],[-180,-90],[0,0],[180,90]]]}}"#,
    ])
    let decoded = try XCTUnwrap(fast(bytes))
    XCTAssertEqual(decoded.features.count, 4)
    XCTAssertEqual(decoded.features[1].geometry?.polygons?.count, 2)
    XCTAssertEqual(decoded.features[1].geometry?.polygons?[0][0][0], XY(-15, 0))
    XCTAssertEqual(decoded.features[1].id, .number(7))
    XCTAssertEqual(decoded.features[0].property("height"), .string("12.5 m"))
    assertSame(decoded, try GeoJSONReader.parseTree(bytes: bytes, file: "b.geojson", threads: 1))
  }

  /// Each of these the full reader warns about, refuses or reads another way: the file
  /// goes back to it whole.
  func testAnythingUnsureGoesToTheFullReader() throws {
    let good =
      #"{"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[0,1],[0,0]]]}}"#
    let unsure = [
      // An unclosed ring: closed with a warning.
      #"{"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[0,1]]]}}"#,
      // A third coordinate, a latitude out of range, too few positions, an empty polygon.
      #"{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[0,0,3],[1,0],[0,1],[0,0]]]}}"#,
      #"{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[0,91],[1,0],[0,1],[0,91]]]}}"#,
      #"{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[0,0]]]}}"#,
      #"{"type":"Feature","geometry":{"type":"Polygon","coordinates":[]}}"#,
      #"{"type":"Feature","geometry":{"type":"MultiPolygon","coordinates":[]}}"#,
      // Another geometry, none, or the type after the coordinates.
      #"{"type":"Feature","geometry":{"type":"Point","coordinates":[0,0]}}"#,
      #"{"type":"Feature","geometry":null}"#,
      #"{"type":"Feature","properties":{}}"#,
      #"{"type":"Feature","geometry":{"coordinates":[[[0,0],[1,0],[0,1],[0,0]]],"type":"Polygon"}}"#,
      // Members twice, escapes in names, properties that are not an object.
      #"{"type":"Feature","type":"Feature","geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[0,1],[0,0]]]}}"#,
      #"{"type":"Feature","properties":{"a":1,"a":2},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[0,1],[0,0]]]}}"#,
      #"{"typ\u0065":"Feature","geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[0,1],[0,0]]]}}"#,
      #"{"type":"Feature","properties":[1],"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[0,1],[0,0]]]}}"#,
      #"{"type":"Feature","x":1,"x":2,"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[0,1],[0,0]]]}}"#,
      // Not JSON, or not a Feature.
      #"{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[0,1],[0,0]]]}"#,
      #"{"type":"feature","geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[0,1],[0,0]]]}}"#,
      #"{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[0,0],[1e999,0],[0,1],[0,0]]]}}"#,
    ]
    XCTAssertNotNil(fast(collection([good, good])))
    for u in unsure {
      XCTAssertNil(fast(collection([good, u, good])), u)
    }
  }

  /// A city-sized file is decoded in one chunk per core, joined in file order, and reads
  /// exactly as the full reader reads it; one feature to warn about in the second chunk
  /// still sends the file to the full reader, which then warns.
  func testLargeFileIsDecodedInChunks() throws {
    var rng = SplitMix64(seed: 42)
    var features: [String] = []
    for k in 0..<20_000 {
      let x = 120 + rng.next(in: 0...1)
      let y = 30 + rng.next(in: 0...1)
      let d = rng.next(in: 0.0001...0.001)
      let ring = "[[\(x),\(y)],[\(x + d),\(y)],[\(x + d),\(y + d)],[\(x),\(y + d)],[\(x),\(y)]]"
      let props = k % 3 == 0 ? #"{"id":"B\#(k)","height":\#(k % 40)}"# : #"{"id":"B\#(k)"}"#
      features.append(
        #"{"type":"Feature","properties":\#(props),"geometry":{"type":"Polygon","coordinates":[\#(ring)]}}"#)
    }
    let bytes = collection(features)
    XCTAssertGreaterThan(bytes.count, 1 << 20)
    let decoded = try XCTUnwrap(fast(bytes, threads: 2))
    XCTAssertEqual(decoded.features.count, 20_000)
    XCTAssertEqual(decoded.features[19_999].index, 19_999)
    XCTAssertEqual(decoded.features[12_345].property("id"), .string("B12345"))
    let full = try GeoJSONReader.parseTree(bytes: bytes, file: "b.geojson", threads: 2)
    assertSame(decoded, full)
    features[15_000] =
      #"{"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[0,1]]]}}"#
    let broken = collection(features)
    XCTAssertNil(fast(broken, threads: 2))
    let read = try GeoJSONReader.parse(bytes: broken, file: "b.geojson", threads: 2)
    XCTAssertEqual(read.warnings, ["b.geojson: feature 15000: ring 0 was not closed; closed it"])
    XCTAssertEqual(read.features.count, 20_000)
  }
}
