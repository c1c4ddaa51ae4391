import Cameras
import Formats
import Geometry
import Support
import XCTest

/// An empty GeoJSON property is an absent one, as an empty CSV cell is.
final class EmptyPropertyTests: XCTestCase {
  func testEmptyDirectionIsNoHeadingNotAnError() throws {
    let text = #"""
      {"type":"FeatureCollection","features":[
      {"type":"Feature","properties":{"id":"a","direction":"","name":"  "},"geometry":{"type":"Point","coordinates":[106.7,20.8]}},
      {"type":"Feature","properties":{"id":"b","direction":" \t"},"geometry":{"type":"Point","coordinates":[106.7,20.8]}},
      {"type":"Feature","properties":{"id":"","kind":"dome"},"geometry":{"type":"Point","coordinates":[106.7,20.8]}}
      ]}
      """#
    let fc = try GeoJSONReader.parse(bytes: Array(text.utf8), file: "c.geojson")
    XCTAssertThrowsError(try CameraReader.fromFeatures(fc)) { e in
      XCTAssertEqual(
        (e as? InputErrors)?.errors.map(\.description),
        [
          #"c.geojson: feature 2: field "id": missing; every camera needs a unique id (or import with --generate-ids)"#
        ])
    }
    var two = fc
    two.features.removeLast()
    let cams = try CameraReader.fromFeatures(two).cameras
    XCTAssertEqual(cams.map(\.id), ["a", "b"])
    XCTAssertEqual(cams.map(\.views), [[], []])
    XCTAssertEqual(cams[0].name, "")
  }

  func testPointProblemIsReportedOnce() throws {
    let text = #"""
      {"type":"FeatureCollection","features":[
      {"type":"Feature","properties":{"id":"a"},"geometry":{"type":"LineString","coordinates":[[121,30],[121.1,30.1]]}},
      {"type":"Feature","properties":{"id":"b"},"geometry":null}
      ]}
      """#
    let fc = try GeoJSONReader.parse(bytes: Array(text.utf8), file: "c.geojson")
    XCTAssertThrowsError(try CameraReader.fromFeatures(fc)) { e in
      XCTAssertEqual(
        (e as? InputErrors)?.errors.map(\.description),
        [
          #"c.geojson: feature 0: field "geometry": must be a Point, got LineString"#,
          #"c.geojson: feature 1: field "geometry": missing; a camera needs a Point"#,
        ])
    }
  }

  func testCSVCoordinateProblemIsReportedOnce() throws {
    let csv = "id,lon,lat\na,abc,30\nb,30.7,121.02\n"
    XCTAssertThrowsError(try CameraReader.fromCSV(bytes: Array(csv.utf8), file: "c.csv")) { e in
      XCTAssertEqual(
        (e as? InputErrors)?.errors.map(\.description),
        [
          #"c.csv: line 2: field "lon": not a number: "abc""#,
          #"c.csv: line 3: field "lat": latitude 121.02 outside [-90, 90]; lat and lon look swapped"#,
        ])
    }
  }
}
