import Foundation
import XCTest

/// Real defects found on real data, each reproduced before it was fixed (docs/HARDENING.md).
final class ReliabilityCLITests: XCTestCase {
  static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
    "Fixtures")

  /// geodata/helsinki (446 OSM buildings) with one key-site zone: at a 35 m range the
  /// planner's occluded footprints leave a sliver that GEOS 3.11's rectangle clip rejected
  /// ("Invalid number of points in LinearRing found 3"), and `plan` exited 2.
  func testPlanWithBuildingsSurvivesSliversOfOcclusion() throws {
    let bundle = try CLI.copyBundle("helsinki")
    defer { try? FileManager.default.removeItem(at: bundle) }
    try FileManager.default.copyItem(
      at: Self.fixtures.appendingPathComponent("helsinki-zone/zones.geojson"),
      to: bundle.appendingPathComponent("zones.geojson"))
    let r = try CLI.run(["plan", bundle.path, "--budget", "2", "--range", "35", "--format", "json"])
    XCTAssertEqual(r.code, 0, r.stderr)
    let doc = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
    let summary = doc?["summary"] as? [String: Any]
    XCTAssertEqual(summary?["proposals"] as? Int, 2)
    XCTAssertGreaterThan(summary?["gain_m2"] as? Double ?? 0, 1000)
  }

  /// Two GB/T 28181 ids written as JSON numbers differ in their last digit only; through a
  /// double both became 3.304820000132e+19 and the import reported a duplicate id that is
  /// not in the file.
  func testTwentyDigitIdsWrittenAsNumbersKeepTheirDigits() throws {
    let bundle = try CLI.copyBundle("tiny")
    defer { try? FileManager.default.removeItem(at: bundle) }
    let cameras = """
      {"type": "FeatureCollection", "features": [
      {"type": "Feature", "geometry": {"type": "Point", "coordinates": [121.0, 30.7]},
       "properties": {"id": 33048200001320000001, "kind": "ptz"}},
      {"type": "Feature", "geometry": {"type": "Point", "coordinates": [121.0005, 30.7]},
       "properties": {"id": 33048200001320000002, "kind": "ptz"}}
      ]}
      """
    let file = bundle.appendingPathComponent("cameras.geojson")
    try cameras.write(to: file, atomically: true, encoding: .utf8)
    let audit = try CLI.run(["audit", bundle.path, "--format", "json", "--strict-ids"])
    XCTAssertEqual(audit.code, 0, audit.stderr)
    XCTAssertTrue(audit.stdout.contains("\"cameras\": 2,"), audit.stdout)
    let db = bundle.appendingPathComponent("r.sqlite").path
    XCTAssertEqual(try CLI.run(["registry", "init", "--db", db]).code, 0)
    let imp = try CLI.run(["registry", "import", file.path, "--db", db])
    XCTAssertEqual(imp.code, 0, imp.stderr)
    let list = try CLI.run(["registry", "list", "--db", db, "--format", "csv"])
    XCTAssertTrue(list.stdout.contains("\n33048200001320000001,"), list.stdout)
    XCTAssertTrue(list.stdout.contains("\n33048200001320000002,"), list.stdout)
  }
}
