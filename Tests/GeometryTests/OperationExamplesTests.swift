import XCTest

@testable import Geometry

/// The examples in the doc comments of Sources/Geometry/Operations, held to GEOS.
final class OperationExamplesTests: XCTestCase {
  let ctx = GEOSContext()

  func g(_ p: PlanarPolygon) throws -> Geom { try Geom.polygon(p, context: ctx) }
  func pt(_ x: Double, _ y: Double) throws -> Geom { try Geom.point(XY(x, y), context: ctx) }
  var bowTie: PlanarPolygon { PlanarPolygon(exterior: [XY(0, 0), XY(2, 2), XY(2, 0), XY(0, 2), XY(0, 0)]) }

  func testOverlayAndMeasurement() throws {
    let a = try g(square(0, 0, 2))
    let b = try g(square(1, 0, 2))
    let both = try a.intersection(b)
    XCTAssertEqual(try both.area(), 2)
    XCTAssertEqual(both.bbox, BBox(minX: 1, minY: 0, maxX: 2, maxY: 2))
    let left = try a.difference(b)
    XCTAssertEqual(try left.area(), 2)
    XCTAssertEqual(left.bbox, BBox(minX: 0, minY: 0, maxX: 1, maxY: 2))
    let u = try a.union(b)
    XCTAssertEqual(try u.area(), 6)
    XCTAssertEqual(u.bbox, BBox(minX: 0, minY: 0, maxX: 3, maxY: 2))
    XCTAssertEqual(try a.area(), 4)
    XCTAssertEqual(try a.length(), 8)
    XCTAssertEqual(try a.centroid(), XY(1, 1))
    let inside = try XCTUnwrap(try a.pointOnSurface())
    XCTAssertTrue(inside.x > 0 && inside.x < 2 && inside.y > 0 && inside.y < 2, "\(inside)")
    let three = try Geom.collection(
      consuming: [try g(square(0, 0, 2)), try g(square(1, 0, 2)), try g(square(5, 5, 1))], context: ctx)
    XCTAssertEqual(try three.unaryUnion().area(), 7)
    XCTAssertEqual(try three.unaryUnion().numGeometries, 2)
    let all = try Geom.unionAll(consuming: [try g(square(0, 0, 2)), try g(square(1, 0, 2))], context: ctx)
    XCTAssertEqual(try all.area(), 6)
    XCTAssertTrue(try Geom.unionAll(consuming: [], context: ctx).isEmpty)
    let two = try Geom.multiPolygon([square(5, 0, 1), square(9, 0, 1)], context: ctx)
    let gathered = try Geom.gatherDisjoint([try g(square(0, 0, 1)), two], context: ctx)
    XCTAssertEqual(gathered.type, .multiPolygon)
    XCTAssertEqual(gathered.numGeometries, 3)
    XCTAssertEqual(try gathered.area(), 3)
  }

  func testClip() throws {
    let c = try g(square(0, 0, 4)).clip(to: BBox(minX: 2, minY: 1, maxX: 6, maxY: 3))
    XCTAssertEqual(try c.area(), 4)
    XCTAssertEqual(c.bbox, BBox(minX: 2, minY: 1, maxX: 4, maxY: 3))
  }

  func testValidity() throws {
    XCTAssertTrue(try g(square(0, 0, 2)).isValid())
    let tie = try g(bowTie)
    XCTAssertFalse(try tie.isValid())
    XCTAssertEqual(try tie.validityReason(), "Self-intersection[1 1]")
    XCTAssertEqual(try g(square(0, 0, 2)).validityReason(), "Valid Geometry")
    let fixed = try tie.makeValid()
    XCTAssertTrue(try fixed.isValid())
    XCTAssertEqual(try fixed.area(), 2)
    XCTAssertEqual(try fixed.polygons().count, 2)
    let snapped = try g(square(0.004, 0, 2)).snappedToGrid(0.01)
    XCTAssertEqual(try snapped.polygons().map(\.bbox), [BBox(minX: 0, minY: 0, maxX: 2, maxY: 2)])
    let mixed = try Geom.collection(
      consuming: [try g(square(0, 0, 1)), try Geom.lineString([XY(5, 5), XY(6, 6)], context: ctx)],
      context: ctx)
    let polys = try mixed.polygonalPart()
    XCTAssertEqual(polys.type, .multiPolygon)
    XCTAssertEqual(try polys.polygons(), [square(0, 0, 1)])
  }

  func testPredicates() throws {
    let a = try g(square(0, 0, 2))
    XCTAssertTrue(try g(square(0, 0, 1)).intersects(try g(square(1, 0, 1))))
    XCTAssertTrue(try a.covers(try pt(2, 1)))
    XCTAssertTrue(try a.contains(try pt(1, 1)))
    XCTAssertFalse(try a.contains(try pt(2, 1)))
    let p = try PreparedGeom(a)
    XCTAssertTrue(try PreparedGeom(try g(square(0, 0, 1))).intersects(try g(square(1, 0, 1))))
    XCTAssertTrue(try p.covers(try pt(2, 1)))
    XCTAssertFalse(try p.contains(try pt(2, 1)))
    XCTAssertTrue(try p.covers(XY(2, 1)))
    XCTAssertFalse(try p.covers(XY(3, 1)))
    let big = try PreparedGeom(try g(square(0, 0, 4)))
    XCTAssertTrue(try big.containsProperly(try g(square(1, 1, 1))))
    XCTAssertFalse(try big.containsProperly(try g(square(0, 0, 1))))
  }

  func testSTRtree() throws {
    let t = try STRtree(context: ctx)
    XCTAssertEqual(t.insert(try g(square(0, 0, 1))), 0)
    XCTAssertEqual(t.insert(try g(square(5, 5, 1))), 1)
    XCTAssertEqual(t.count, 2)
    XCTAssertEqual(t.query(try g(square(0.5, 0.5, 1))), [0])
    XCTAssertEqual(try t.query(box: BBox(minX: 0, minY: 0, maxX: 6, maxY: 6)), [0, 1])
  }
}
