import TestSupport
import XCTest

@testable import Geometry

/// Parameter intervals of segments inside polygons, by hand and against GEOS.
final class SegmentCoverTests: XCTestCase {
  let ctx = GEOSContext()

  func assertIntervals(
    _ got: [(Double, Double)], _ want: [(Double, Double)], file: StaticString = #filePath, line: UInt = #line
  ) {
    XCTAssertEqual(got.count, want.count, "\(got)", file: file, line: line)
    for (g, w) in zip(got, want) {
      XCTAssertEqual(g.0, w.0, accuracy: 1e-12, file: file, line: line)
      XCTAssertEqual(g.1, w.1, accuracy: 1e-12, file: file, line: line)
    }
  }

  func testByHand() {
    let sq = square(0, 0, 10)
    assertIntervals(SegmentCover.intervals(XY(-10, 5), XY(30, 5), in: sq), [(0.25, 0.5)])
    assertIntervals(SegmentCover.intervals(XY(1, 1), XY(2, 2), in: sq), [(0, 1)])
    assertIntervals(SegmentCover.intervals(XY(20, 1), XY(30, 2), in: sq), [])
    // Along an edge: the boundary is covered, as in a GEOS intersection.
    assertIntervals(SegmentCover.intervals(XY(-5, 0), XY(15, 0), in: sq), [(0.25, 0.75)])
    // Through a vertex only: a point, no length.
    assertIntervals(SegmentCover.intervals(XY(-5, 15), XY(15, -5), in: sq), [(0.25, 0.75)])
    assertIntervals(SegmentCover.intervals(XY(5, 15), XY(15, 5), in: sq), [])
    // A hole splits the stretch in two.
    let ring = PlanarPolygon(exterior: sq.exterior, holes: [square(4, 4, 2).exterior.reversed()])
    assertIntervals(SegmentCover.intervals(XY(0, 5), XY(10, 5), in: ring), [(0, 0.4), (0.6, 1)])
    XCTAssertEqual(SegmentCover.union([[(0, 0.3)], [(0.2, 0.5), (0.7, 0.8)]]).count, 2)
    assertIntervals(SegmentCover.complement([(0.2, 0.5), (0.7, 1)]), [(0, 0.2), (0.5, 0.7)])
  }

  /// Random segments through sectors: covered lengths match GEOS's intersections.
  func testAgreesWithGEOS() throws {
    var rng = SplitMix64(seed: 9)
    for _ in 0..<200 {
      let c = XY(rng.next(in: -20...20), rng.next(in: -20...20))
      let h = rng.next(in: 0...360)
      var ring = [c]
      for k in 0...18 {
        let b = (h - 45 + 5 * Double(k)) * .pi / 180
        ring.append(XY(c.x + 30 * sin(b), c.y + 30 * cos(b)))
      }
      ring.append(c)
      let poly = PlanarPolygon(exterior: Ring.oriented(ring, counterClockwise: true))
      let a = XY(rng.next(in: -50...50), rng.next(in: -50...50))
      let b = XY(rng.next(in: -50...50), rng.next(in: -50...50))
      let len = hypot(b.x - a.x, b.y - a.y)
      let mine = SegmentCover.intervals(a, b, in: poly).reduce(0.0) { $0 + ($1.1 - $1.0) * len }
      let geos = try Geom.lineString([a, b], context: ctx).intersection(Geom.polygon(poly, context: ctx))
        .length()
      XCTAssertEqual(mine, geos, accuracy: 1e-9 * max(1, len))
    }
  }
}
