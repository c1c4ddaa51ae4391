import Formats
import Foundation
import Geometry
import Support
import XCTest

@testable import Audit
@testable import Reports

final class GeoPackageReportTests: XCTestCase {
  func square(_ x: Double, _ y: Double, _ d: Double) -> PlanarPolygon {
    // Clockwise on purpose: the report writes exteriors counter-clockwise.
    PlanarPolygon(exterior: [XY(x, y), XY(x, y + d), XY(x + d, y + d), XY(x + d, y), XY(x, y)])
  }

  func result() -> AuditResult {
    var r = AuditResult(crs: "EPSG:32651")
    r.summary.cameras = 12
    r.summary.activeCameras = 10
    r.summary.coverage = 0.25
    r.summary.gaps = 1
    r.summary.workingRate = 10.0 / 11.0
    r.districts = [
      .init(code: "330482100000", name: "当湖街道", area: 4000, covered: 1000, coverage: 0.25, cameras: 10)
    ]
    r.districtShapes = [[square(121, 30.7, 0.01)]]
    r.zones = [
      .init(
        id: "z1", name: "钟埭集镇", kind: "town-renovation", districts: ["330482100000", "330482101000"],
        area: 500,
        covered: 100, coverage: 0.2, target: 0.8, meetsTarget: false, gapCount: 1, gapArea: 400)
    ]
    r.zoneShapes = [[square(121.001, 30.701, 0.002)]]
    r.gaps = [
      .init(
        id: "z1-1", zone: "z1", kind: "town-renovation", district: "330482100000", area: 400,
        centroid: XY(121.002, 30.702), polygon: square(121.001, 30.701, 0.001))
    ]
    r.uncoveredRoads = [
      .init(
        road: "r7", name: "新华路", district: "330482100000", length: 125.5,
        line: [XY(121, 30.7), XY(121.01, 30.7)])
    ]
    r.entries = [.init(district: "330482100000", road: "r7", point: XY(121, 30.7), covered: true)]
    r.districtCoverage = [[square(121.002, 30.702, 0.003), square(121.006, 30.706, 0.001)]]
    return r
  }

  func testLayersReadBackTyped() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "camgap-report-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent("audit.gpkg").path
    try GeoPackageReport.write(result(), to: path)

    let (districts, _) = try OGRLayerReader.read(path: path, layer: "districts")
    XCTAssertEqual(districts.features[0].property("name"), .string("当湖街道"))
    XCTAssertEqual(districts.features[0].property("cameras"), .number(10))
    let ring = districts.features[0].geometry?.polygons?[0][0] ?? []
    XCTAssertGreaterThan(Ring.signedArea(ring), 0, "exterior counter-clockwise")

    let (zones, _) = try OGRLayerReader.read(path: path, layer: "zones")
    XCTAssertEqual(zones.features[0].property("districts"), .string("330482100000,330482101000"))
    XCTAssertEqual(zones.features[0].property("meets_target"), .bool(false))
    XCTAssertEqual(zones.features[0].property("gap_count"), .number(1))

    let (gaps, _) = try OGRLayerReader.read(path: path, layer: "gaps")
    XCTAssertEqual(gaps.features[0].geometry?.typeName, "Polygon")
    XCTAssertEqual(gaps.features[0].property("centroid_lon"), .number(121.002))

    let (roads, _) = try OGRLayerReader.read(path: path, layer: "uncovered_roads")
    XCTAssertEqual(roads.features[0].properties.map(\.0), ["road", "district", "length_m"])
    XCTAssertEqual(roads.features[0].property("length_m"), .number(125.5))

    let (entries, _) = try OGRLayerReader.read(path: path, layer: "entries")
    XCTAssertEqual(entries.features[0].geometry, .point(XY(121, 30.7)))
    XCTAssertEqual(entries.features[0].property("covered"), .bool(true))

    let (coverage, _) = try OGRLayerReader.read(path: path, layer: "coverage")
    XCTAssertEqual(coverage.features[0].geometry?.polygons?.count, 2)

    let (summary, _) = try OGRLayerReader.read(path: path, layer: "summary")
    XCTAssertEqual(summary.features.count, 1)
    XCTAssertNil(summary.features[0].geometry)
    // The 20 summary keys of SPEC §4 and the plane the areas were measured in, for `diff`.
    XCTAssertEqual(summary.features[0].properties.count, 21)
    XCTAssertEqual(summary.features[0].property("crs"), .string("EPSG:32651"))
    XCTAssertEqual(summary.features[0].property("cameras"), .number(12))
    XCTAssertEqual(summary.features[0].property("working_rate"), .number(10.0 / 11.0))
  }

  func testOgrinfoListsEveryLayerWithoutWarning() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "camgap-report-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent("audit.gpkg").path
    try GeoPackageReport.write(result(), to: path)
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.arguments = ["ogrinfo", "-so", path]
    let pipe = Pipe()
    p.standardOutput = pipe
    p.standardError = pipe
    try p.run()
    let out = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    p.waitUntilExit()
    XCTAssertFalse(out.contains("Warning"), out)
    XCTAssertTrue(
      out.contains(
        """
        1: districts (Multi Polygon)
        2: zones (Multi Polygon)
        3: gaps (Polygon)
        4: uncovered_roads (Line String)
        5: entries (Point)
        6: coverage (Multi Polygon)
        7: summary
        """), out)
  }
}
