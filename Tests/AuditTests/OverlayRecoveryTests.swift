import XCTest

@testable import Audit
@testable import Geometry

final class OverlayRecoveryTests: XCTestCase {
  /// A bow-tie (self-intersecting) polygon makes GEOS's overlay raise a TopologyException;
  /// the tile engine retries on the make-valid geometry, keeps the area and says so.
  func testTopologyExceptionIsRecoveredWithAWarning() throws {
    let engine = CoverageEngine(
      grid: try TileGrid(extent: BBox(minX: 0, minY: 0, maxX: 10, maxY: 10), size: 10), footprints: [],
      targets: [],
      roads: [], roadDistricts: [], classes: false)
    let w = TileWorker(engine: engine)
    let bowtie = try Geom.fromWKT("POLYGON((0 0, 2 2, 2 0, 0 2, 0 0))", context: w.ctx)
    let square = try Geom.fromWKT("POLYGON((-1 -1, 3 -1, 3 3, -1 3, -1 -1))", context: w.ctx)
    XCTAssertThrowsError(try bowtie.intersection(square))
    let r = try w.overlay(bowtie, square, .intersection, 7)
    XCTAssertEqual(try r.area(), 2, accuracy: 1e-12)
    XCTAssertEqual(w.warnings.count, 1)
    XCTAssertTrue(w.warnings[0].hasPrefix("tile 7: GEOS GEOSIntersection_r"), w.warnings[0])
    XCTAssertTrue(w.warnings[0].hasSuffix("retried on make-valid geometry"))
  }
}
