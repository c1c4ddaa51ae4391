import TestSupport
import XCTest

@testable import Audit
@testable import Cameras
@testable import Geometry

/// Helsinki centre from OpenStreetMap (geodata/helsinki/SOURCE.md): 221 cameras, 446
/// buildings and 2,510 roads of the same 1.7 km².
final class RealDataTests: XCTestCase {
  func testHelsinkiOcclusionLowersCoverage() throws {
    var input = try BundleLoader.load(directory: Repo.geodata("helsinki"))
    XCTAssertEqual(input.cameras.count, 221)
    XCTAssertEqual(input.buildings.count, 446)
    XCTAssertEqual(input.roads.count, 2510)
    XCTAssertEqual(input.crs, "EPSG:32635")
    XCTAssertEqual(input.cameras.filter { $0.camera.kind == .ptz }.count, 34, "revolving=yes")
    var o = AuditOptions()
    o.optics.unknownHeading = .disc
    let withBuildings = try AuditEngine.run(input, options: o)
    let buildings = input.buildings
    input.buildings = []
    let without = try AuditEngine.run(input, options: o)
    XCTAssertLessThan(withBuildings.summary.coverage, without.summary.coverage)
    XCTAssertLessThan(withBuildings.summary.covered, without.summary.covered)
    XCTAssertLessThan(withBuildings.summary.roadCovered, without.summary.roadCovered)
    // Buildings are not public space: the district shrinks by their area inside it.
    let ctx = GEOSContext()
    let district = try Geom.multiPolygon(input.districts[0].polygons, context: ctx)
    let built = try Geom.unionAll(
      consuming: buildings.map { try Geom.multiPolygon($0.polygons, context: ctx) }, context: ctx)
    let builtInside = try district.intersection(built).area()
    XCTAssertEqual(
      withBuildings.summary.districtArea, without.summary.districtArea - builtInside,
      accuracy: 1e-6 * without.summary.districtArea)
    // Default policy: 187 directional cameras without a heading cover nothing.
    let strict = try AuditEngine.run(input, options: AuditOptions())
    XCTAssertEqual(strict.summary.unknownHeading, 187)
    XCTAssertLessThan(strict.summary.covered, without.summary.covered)
  }
}
