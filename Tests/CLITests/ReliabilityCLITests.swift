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
}
