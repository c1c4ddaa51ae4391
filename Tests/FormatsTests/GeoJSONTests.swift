import Geometry
import Support
import XCTest

@testable import Formats

final class GeoJSONTests: XCTestCase {
  func parse(_ s: String) throws -> FeatureCollection {
    try GeoJSONReader.parse(bytes: Array(s.utf8), file: "t.geojson")
  }

  func testReadsGeometriesAndProperties() throws {
    let fc = try parse(
      """
      {"type":"FeatureCollection","features":[
       {"type":"Feature","id":7,"properties":{"code":"1","n":2},"geometry":{"type":"Point","coordinates":[121,30,5]}},
       {"type":"Feature","properties":null,"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}},
       {"type":"Feature","properties":{},"geometry":{"type":"MultiLineString","coordinates":[[[0,0],[1,1]],[[2,2],[3,3]]]}},
       {"type":"Feature","properties":{},"geometry":null}
      ]}
      """)
    XCTAssertEqual(fc.features.count, 4)
    XCTAssertEqual(fc.features[0].geometry, .point(XY(121, 30)))
    XCTAssertEqual(fc.features[0].property("n"), .number(2))
    XCTAssertEqual(fc.features[0].id, .number(7))
    XCTAssertEqual(fc.features[1].geometry?.polygons?.first?.first?.count, 4)
    XCTAssertEqual(fc.features[2].geometry?.lines?.count, 2)
    XCTAssertNil(fc.features[3].geometry)
  }

  func testUnclosedRingIsClosedWithWarning() throws {
    let fc = try parse(
      #"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1]]]}}]}"#
    )
    XCTAssertEqual(fc.features[0].geometry?.polygons?[0][0].count, 4)
    XCTAssertEqual(fc.warnings.count, 1)
    XCTAssertTrue(fc.warnings[0].contains("feature 0"))
  }

  func testErrorsNameFeatureAndField() {
    let cases: [(String, String)] = [
      (#"[1,2]"#, "not GeoJSON"),
      (#"{"type":"Feature"}"#, "expected a FeatureCollection"),
      (#"{"type":"FeatureCollection"}"#, "\"features\""),
      (
        #"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[200,10]}}]}"#,
        "feature 0: field \"geometry.coordinates\": longitude 200"
      ),
      (
        #"{"type":"FeatureCollection","features":[{},{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[30.7,121.0]}}]}"#,
        "feature 0"
      ),
      (
        #"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[30.7,121.0]}}]}"#,
        "swapped"
      ),
      (
        #"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"Circle","coordinates":[1,2]}}]}"#,
        "unknown geometry type"
      ),
      (
        #"{"type":"FeatureCollection","features":[{"type":"Feature","properties":[],"geometry":null}]}"#,
        "field \"properties\""
      ),
      (
        #"{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"EPSG:3857"}},"features":[]}"#,
        "EPSG:3857"
      ),
    ]
    for (text, expected) in cases {
      XCTAssertThrowsError(try parse(text), text) { e in
        let msg = (e as! InputError).description
        XCTAssertTrue(msg.hasPrefix("t.geojson"), msg)
        XCTAssertTrue(msg.contains(expected), "\(msg) lacks \(expected)")
      }
    }
  }

  func testNotJSONNamesLineAndColumn() {
    XCTAssertThrowsError(try parse("{\"type\":\n  oops}")) { e in
      XCTAssertEqual((e as! InputError).location, .byte(line: 2, column: 3))
    }
  }
}
