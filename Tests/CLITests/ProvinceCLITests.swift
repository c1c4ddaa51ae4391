import Foundation
import TestSupport
import XCTest

/// The benchmark province from `camgap-gen province`: ten cities across 120°E, audited in
/// one run with each UTM zone's districts in their own plane.
final class ProvinceCLITests: XCTestCase {
  func testProvinceSpansTwoUTMZonesAndAuditsPerGroup() throws {
    let gen = CLI.binary.deletingLastPathComponent().appendingPathComponent("camgap-gen")
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("camgap-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: dir) }
    let made = try Processes.run(
      gen, ["province", "--cameras-per-city", "1000", "--buildings", "--heights", "--out", dir.path])
    XCTAssertEqual(made.code, 0, made.stderr)

    let districts =
      try JSONSerialization.jsonObject(
        with: Data(contentsOf: dir.appendingPathComponent("districts.geojson"))) as! [String: Any]
    let features = districts["features"] as! [[String: Any]]
    var west = 0
    var east = 0
    for f in features {
      let ring = ((f["geometry"] as! [String: Any])["coordinates"] as! [[[Double]]])[0]
      let lon = ring.map { $0[0] }.reduce(0, +) / Double(ring.count)
      if lon < 120 { west += 1 } else { east += 1 }
    }
    XCTAssertGreaterThan(west, 0)
    XCTAssertGreaterThan(east, 0)
    let codes = features.map { ($0["properties"] as! [String: Any])["code"] as! String }
    XCTAssertEqual(Set(codes).count, codes.count, "district codes repeat between cities")

    let buildings = try String(contentsOf: dir.appendingPathComponent("buildings.geojson"), encoding: .utf8)
    XCTAssertTrue(buildings.contains("\"height\":"))
    XCTAssertTrue(buildings.contains("\"building:levels\":"))

    let r = try CLI.run(["audit", dir.path, "--format", "json"])
    XCTAssertEqual(r.code, 0, r.stderr)
    let doc = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
    XCTAssertEqual(doc["crs"] as? String, "EPSG:32650+EPSG:32651")
    let summary = doc["summary"] as! [String: Any]
    XCTAssertEqual(summary["cameras"] as? Int, 10_000)
    XCTAssertEqual((doc["districts"] as! [Any]).count, features.count)
    XCTAssertEqual(summary["districts"] as? Int, features.count)
    let covered = summary["covered_m2"] as! Double
    XCTAssertGreaterThan(covered, 0)
  }
}
