import Foundation
import XCTest

/// `--level-height` and `--target-height` (SPEC §2, 2.5-D occlusion) on the tiny bundle with
/// one building of one storey 10–20 m east of CAM-B.
final class Occlusion25DCLITests: XCTestCase {
  func bundle() throws -> URL {
    let dir = try CLI.copyBundle("tiny")
    let (lon, lat) = (121.023524394348, 30.696188912688)
    let (mx, my) = (1 / 95_730.0, 1 / 110_880.0)
    let ring = [(10.0, -5.0), (20, -5), (20, 5), (10, 5), (10, -5)].map {
      "[\(lon + $0.0 * mx), \(lat + $0.1 * my)]"
    }
    let text = """
      {"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"building:levels": 1},
       "geometry": {"type": "Polygon", "coordinates": [[\(ring.joined(separator: ", "))]]}}]}
      """
    try text.write(to: dir.appendingPathComponent("buildings.geojson"), atomically: true, encoding: .utf8)
    return dir
  }

  func covered(_ args: [String]) throws -> Double {
    let r = try CLI.run(args + ["--format", "json"])
    XCTAssertEqual(r.code, 0, r.stderr)
    let doc = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
    return (doc?["summary"] as? [String: Any])?["covered_m2"] as? Double ?? -1
  }

  /// One storey of 3 m under a 5 m eye (k = 2.5) hides all but the far corners of the wedge
  /// behind it within the 30 m range; at 10 m a storey it is over the eye and hides the whole
  /// wedge, as without heights; at 1 m (k = 1.25) it hides a short shadow only.
  func testLevelHeightDecidesTheShadow() throws {
    let dir = try bundle()
    defer { try? FileManager.default.removeItem(at: dir) }
    let storey3 = try covered(["audit", dir.path])
    let storey10 = try covered(["audit", dir.path, "--level-height", "10"])
    let storey1 = try covered(["audit", dir.path, "--level-height", "1"])
    let faces = try covered(["audit", dir.path, "--target-height", "1.6"])
    XCTAssertEqual(storey3 - storey10, 2.0, accuracy: 0.1)
    XCTAssertEqual(storey1 - storey10, 181.9, accuracy: 0.1)
    XCTAssertGreaterThan(faces, storey3 + 10)
    let c = try CLI.run(["coverage", dir.path, "--level-height", "10", "--target-height", "1"])
    XCTAssertEqual(c.code, 0, c.stderr)
  }

  /// A Shapefile's numeric `height` of 3 m reads as one 3 m storey in GeoJSON: the same cover.
  func testShapefileBuildingsCarryTheirHeight() throws {
    let dir = try bundle()
    defer { try? FileManager.default.removeItem(at: dir) }
    let geojson = try covered(["audit", dir.path])
    let file = dir.appendingPathComponent("buildings.geojson")
    let text = try String(contentsOf: file, encoding: .utf8)
    let source = dir.deletingLastPathComponent().appendingPathComponent("\(dir.lastPathComponent)-b.geojson")
    try text.replacingOccurrences(of: #""building:levels": 1"#, with: #""height": 3.0"#)
      .write(to: source, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(at: source) }
    try FileManager.default.removeItem(at: file)
    let shp = dir.appendingPathComponent("buildings.shp").path
    let c = try CLI.run(["convert", source.path, shp, "--layer", "buildings"])
    XCTAssertEqual(c.code, 0, c.stderr)
    XCTAssertEqual(try covered(["audit", dir.path]), geojson, accuracy: 1e-6)
    // A `height` does not depend on the storey height.
    XCTAssertEqual(try covered(["audit", dir.path, "--level-height", "10"]), geojson, accuracy: 1e-6)
  }

  func testEyesAtOrBelowTheTargetsAreBadInput() throws {
    let dir = try bundle()
    defer { try? FileManager.default.removeItem(at: dir) }
    let r = try CLI.run(["audit", dir.path, "--target-height", "5", "--format", "json"])
    XCTAssertEqual(r.code, 2)
    XCTAssertEqual(
      r.stderr,
      """
      camgap: cameras: field "height": camera "CAM-A": eye height 5 m is not above --target-height 5 m
      camgap: cameras: field "height": camera "CAM-B": eye height 5 m is not above --target-height 5 m

      """)
    let plan = try CLI.run(["plan", dir.path, "--budget", "1", "--target-height", "6"])
    XCTAssertEqual(plan.code, 1)
    XCTAssertTrue(
      plan.stderr.contains("the new cameras' eye (5 m) must be above --target-height 6 m"), plan.stderr)
    for bad in [["--level-height", "0"], ["--target-height", "-1"]] {
      let u = try CLI.run(["audit", dir.path] + bad)
      XCTAssertEqual(u.code, 1, bad.joined(separator: " "))
    }
  }
}
