import XCTest

@testable import Audit
@testable import Geometry

/// The pieces the audit's phases share: the per-tile footprint cache, joined gaps that keep
/// their GEOS parts, the district locator and the one WGS84 conversion of polygons.
final class PhaseTests: XCTestCase {
  func square(_ x: Double, _ y: Double, _ side: Double) -> PlanarPolygon {
    PlanarPolygon(exterior: [XY(x, y), XY(x + side, y), XY(x + side, y + side), XY(x, y + side), XY(x, y)])
  }

  func item(_ p: PlanarPolygon) -> FootprintSet.Item {
    FootprintSet.Item(camera: 0, cameraClass: 0, polygon: p, bbox: p.bbox)
  }

  func worker(_ footprints: [FootprintSet.Item]) throws -> TileWorker {
    let grid = try TileGrid(extent: BBox(minX: 0, minY: 0, maxX: 100, maxY: 100), size: 100)
    return TileWorker(
      engine: CoverageEngine(
        grid: grid, footprints: footprints, targets: [], roads: [], roadDistricts: [], classes: false))
  }

  func testTileFootprintsBuildEachFootprintOnceAndCutItToTheTile() throws {
    // Two overlapping 10 m squares inside the tile, one square half outside it, one far off.
    let items = [square(10, 10, 10), square(15, 10, 10), square(95, 50, 10), square(60, 60, 5)]
    let w = try worker(items.map(item))
    var cache = TileFootprints(items.map(item), rect: BBox(minX: 0, minY: 0, maxX: 100, maxY: 100))
    let target = try Geom.polygon(square(0, 0, 50), context: w.ctx)
    let near = try XCTUnwrap(cache.union(meeting: target, worker: w))
    XCTAssertEqual(try near.area(), 150, accuracy: 1e-9)
    XCTAssertEqual(cache.drawn.map { $0 != nil }, [true, true, false, false])
    let first = try XCTUnwrap(cache.drawn[0])
    let all = try XCTUnwrap(cache.union(meeting: nil, worker: w))
    // 150 + the 5 × 10 inside the tile + 25.
    XCTAssertEqual(try all.area(), 225, accuracy: 1e-9)
    XCTAssertTrue(cache.drawn[0] === first)
    XCTAssertEqual(cache.boxes[2], BBox(minX: 95, minY: 50, maxX: 100, maxY: 60))
  }

  func testPolygonPartsMatchPolygonsAndMeasureTheSame() throws {
    let ctx = GEOSContext()
    let joined = try Geom.union(of: [square(0, 0, 10), square(10, 0, 10), square(40, 0, 4)], context: ctx)
    let plain = try joined.polygons()
    let parts = try joined.polygonParts()
    XCTAssertEqual(parts.count, 2)
    XCTAssertEqual(parts.map(\.polygon.rings), plain.map(\.rings))
    let areas = try parts.map { try $0.geom.area() }.sorted()
    XCTAssertEqual(areas[0], 16, accuracy: 1e-9)
    XCTAssertEqual(areas[1], 200, accuracy: 1e-9)
    for (p, g) in parts {
      let rebuilt = try Geom.polygon(p, context: ctx)
      XCTAssertEqual(try g.centroid(), try rebuilt.centroid())
      XCTAssertEqual(try g.pointOnSurface(), try rebuilt.pointOnSurface())
    }
  }

  func testDistrictLocatorFindsTheFirstDistrictAndOverlaps() throws {
    let ctx = GEOSContext()
    let a = District(code: "A", name: "a", parent: nil, featureIndex: 0, polygons: [square(0, 0, 10)])
    let b = District(code: "B", name: "b", parent: nil, featureIndex: 1, polygons: [square(10, 0, 10)])
    let locator = try DistrictLocator([a, b], context: ctx)
    XCTAssertEqual(try locator.code(at: XY(5, 5)), "A")
    XCTAssertEqual(try locator.code(at: XY(15, 5)), "B")
    // On the shared edge the first district in input order wins.
    XCTAssertEqual(try locator.index(at: XY(10, 5)), 0)
    XCTAssertEqual(try locator.code(at: XY(25, 5)), "")
    let straddling = Target(
      polygons: [square(8, 2, 4)], bbox: square(8, 2, 4).bbox, wantGaps: true, wantClasses: false)
    XCTAssertEqual(try locator.codes(meeting: straddling), ["A", "B"])
    // Touching along an edge is no overlap.
    let touching = Target(
      polygons: [square(20, 0, 5)], bbox: square(20, 0, 5).bbox, wantGaps: true, wantClasses: false)
    XCTAssertEqual(try locator.codes(meeting: touching), [])
  }

  func testInversePolygonOrientsRingsForGeoJSON() throws {
    let proj = try Projector(crs: "EPSG:32651")
    let centre = try proj.forward(XY(121.0, 30.7))
    // A clockwise exterior with a counter-clockwise hole: the wrong way round for GeoJSON.
    let outer = [XY(0, 0), XY(0, 100), XY(100, 100), XY(100, 0), XY(0, 0)].map {
      XY(centre.x + $0.x, centre.y + $0.y)
    }
    let hole = [XY(20, 20), XY(40, 20), XY(40, 40), XY(20, 40), XY(20, 20)].map {
      XY(centre.x + $0.x, centre.y + $0.y)
    }
    let wgs = try proj.inverse(polygon: PlanarPolygon(rings: [outer, hole]))
    XCTAssertEqual(wgs.rings.count, 2)
    XCTAssertGreaterThan(Ring.signedArea(wgs.rings[0]), 0)
    XCTAssertLessThan(Ring.signedArea(wgs.rings[1]), 0)
    var points = outer
    try proj.inverse(&points)
    XCTAssertEqual(Set(wgs.rings[0]), Set(points))
    XCTAssertEqual(wgs.rings[0][0].x, 121.0, accuracy: 1e-6)
    XCTAssertEqual(wgs.rings[0][0].y, 30.7, accuracy: 1e-6)
  }
}
