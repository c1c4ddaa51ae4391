import XCTest

@testable import Geometry

final class GEOSTests: XCTestCase {
  let ctx = GEOSContext()

  func testOverlayAreas() throws {
    let a = try Geom.polygon(square(0, 0, 10), context: ctx)
    let b = try Geom.polygon(square(5, 5, 10), context: ctx)
    XCTAssertEqual(try a.intersection(b).area(), 25)
    XCTAssertEqual(try a.union(b).area(), 175)
    XCTAssertEqual(try a.difference(b).area(), 75)
    XCTAssertEqual(try a.length(), 40)
    let u = try Geom.unionAll(
      consuming: [
        try Geom.polygon(square(0, 0, 1), context: ctx), try Geom.polygon(square(1, 0, 1), context: ctx),
      ],
      context: ctx)
    XCTAssertEqual(try u.area(), 2)
    XCTAssertEqual(try u.polygons().count, 1)
  }

  func testClipByRect() throws {
    let a = try Geom.polygon(square(0, 0, 10), context: ctx)
    let c = try a.clip(to: BBox(minX: 2, minY: -5, maxX: 4, maxY: 20))
    XCTAssertEqual(try c.area(), 20)
  }

  func testGEOSErrorsBecomeSwiftErrors() {
    XCTAssertThrowsError(try Geom.fromWKT("POLYGON((0 0, 1 1", context: ctx)) { e in
      guard case .geos(let fn, let msg) = e as! GeometryError else { return XCTFail() }
      XCTAssertEqual(fn, "GEOSWKTReader_read_r")
      XCTAssertFalse(msg.isEmpty)
    }
    XCTAssertThrowsError(
      try Geom.polygon(PlanarPolygon(exterior: [XY(0, 0), XY(1, 0), XY(0, 0)]), context: ctx))
  }

  func testMakeValidBowTie() throws {
    let g = try Geom.fromWKT("POLYGON((0 0, 2 2, 2 0, 0 2, 0 0))", context: ctx)
    XCTAssertFalse(try g.isValid())
    XCTAssertTrue(try g.validityReason().contains("Self-intersection"))
    let v = try g.makeValid().polygonalPart()
    XCTAssertTrue(try v.isValid())
    XCTAssertEqual(try v.area(), 2, accuracy: 1e-12)
  }

  func testPreparedAndSTRtree() throws {
    let p = try PreparedGeom(Geom.polygon(square(0, 0, 10), context: ctx))
    XCTAssertTrue(try p.covers(XY(10, 5)))  // boundary counts
    XCTAssertFalse(try p.covers(XY(10.001, 5)))
    let tree = try STRtree(context: ctx)
    for i in 0..<100 {
      _ = try tree.insert(box: BBox(minX: Double(i), minY: 0, maxX: Double(i) + 0.5, maxY: 0.5))
    }
    XCTAssertEqual(try tree.query(box: BBox(minX: 10.2, minY: 0, maxX: 12.1, maxY: 1)), [10, 11, 12])
  }

  func testCoordinatesRoundTrip() throws {
    let poly = PlanarPolygon(
      exterior: square(0, 0, 10).exterior, holes: [[XY(2, 2), XY(2, 4), XY(4, 4), XY(4, 2), XY(2, 2)]])
    let g = try Geom.polygon(poly, context: ctx)
    XCTAssertEqual(try g.polygons(), [poly])
    XCTAssertEqual(try g.area(), 96)
    XCTAssertEqual(poly.area, 96)
    XCTAssertEqual(
      try g.wkt(precision: 0), "POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0), (2 2, 2 4, 4 4, 4 2, 2 2))")
  }

  func testShoelaceKeepsPrecisionFarFromOrigin() {
    let p = square(310_000, 3_397_000, 1000)
    XCTAssertEqual(p.area, 1_000_000, accuracy: 1e-9)
  }
}

/// GEOS 3.11's rectangle clip fails on slivers that occlusion leaves; `clip(to:)` must not.
final class ClipFallbackTests: XCTestCase {
  func testSliverThatTheRectangleClipRejectsIsClippedExactly() throws {
    let ctx = try GEOSContext()
    // A footprint piece from the planner on geodata/helsinki (range 35 m): two vertices
    // 1e-10 m apart make GEOSClipByRect fail with "Invalid number of points in LinearRing".
    let sliver = try Geom.fromWKT(
      "POLYGON ((385617.265190068 6672255.152999054, 385617.26519006805 6672255.152999054, "
        + "385638.2368868756 6672221.1351211, 385617.265190068 6672255.152999054))", context: ctx)
    let rect = BBox(
      minX: 385575.56579888833, minY: 6672084.497680948, maxX: 385715.56579888833, maxY: 6672224.497680948)
    let clipped = try sliver.clip(to: rect)
    XCTAssertEqual(try clipped.area(), 0, accuracy: 1e-9)
    // An ordinary clip is the exact one: half of a 2 × 2 square.
    let square = try Geom.fromWKT("POLYGON ((0 0, 2 0, 2 2, 0 2, 0 0))", context: ctx)
    XCTAssertEqual(try square.clip(to: BBox(minX: 1, minY: -1, maxX: 3, maxY: 3)).area(), 2, accuracy: 1e-12)
  }
}
