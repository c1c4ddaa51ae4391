import Foundation
import XCTest

final class CoverageCLITests: XCTestCase {
  func features(_ r: CLI.Result) throws -> [[String: Any]] {
    let fc = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
    XCTAssertEqual(fc["type"] as? String, "FeatureCollection")
    return fc["features"] as! [[String: Any]]
  }

  func testPerCameraFootprints() throws {
    let r = try CLI.run(["coverage", CLI.geodata("tiny")])
    XCTAssertEqual(r.code, 0, r.stderr)
    let fs = try features(r)
    XCTAssertEqual(fs.map { ($0["properties"] as! [String: Any])["id"] as! String }, ["CAM-A", "CAM-B"])
    let geom = fs[1]["geometry"] as! [String: Any]
    XCTAssertEqual(geom["type"] as? String, "Polygon")
    XCTAssertEqual(((geom["coordinates"] as! [[[Double]]])[0]).count, 73, "the 72-gon, closed")
  }

  func testDissolvedPerDistrict() throws {
    let r = try CLI.run(["coverage", CLI.geodata("tiny"), "--dissolve"])
    XCTAssertEqual(r.code, 0, r.stderr)
    let fs = try features(r)
    XCTAssertEqual(fs.count, 1)
    let props = fs[0]["properties"] as! [String: Any]
    let s5 = sin(5 * Double.pi / 180)
    XCTAssertEqual(props["covered_m2"] as! Double, 0.5 * 2500 * 18 * s5 + 36 * 900 * s5, accuracy: 1e-6)
    XCTAssertEqual((fs[0]["geometry"] as! [String: Any])["type"] as? String, "MultiPolygon")
  }

  func testDORIBands() throws {
    let dir = try CLI.copyBundle("tiny")
    defer { try? FileManager.default.removeItem(at: dir) }
    let cams = #"""
      {"type":"FeatureCollection","features":[
      {"type":"Feature","properties":{"id":"R1","kind":"fixed","heading":45,"fov":90,"resolution":1920},"geometry":{"type":"Point","coordinates":[121.02,30.695]}},
      {"type":"Feature","properties":{"id":"F1","kind":"fixed","heading":45,"range":20},"geometry":{"type":"Point","coordinates":[121.021,30.695]}}]}
      """#
    try cams.write(to: dir.appendingPathComponent("cameras.geojson"), atomically: true, encoding: .utf8)
    let r = try CLI.run(["coverage", dir.path, "--dori-bands"])
    XCTAssertEqual(r.code, 0, r.stderr)
    let props = try features(r).map { $0["properties"] as! [String: Any] }
    XCTAssertEqual(props.map { $0["band"] as! String }, ["detect", "observe", "recognise", "identify"])
    XCTAssertEqual(Set(props.map { $0["id"] as! String }), ["R1"])
    // range = 1920 / (density × 2 × tan 45°)
    let ranges = props.map { $0["range_m"] as! Double }
    for (r, d) in zip(ranges, [25.0, 62.5, 125, 250]) { XCTAssertEqual(r, 1920 / (d * 2), accuracy: 1e-9) }
  }
}
