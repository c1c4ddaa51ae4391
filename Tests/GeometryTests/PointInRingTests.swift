import Foundation
import TestSupport
import XCTest

@testable import Geometry

/// The one point-in-ring against GEOS's prepared covers and contains. Coordinates are whole
/// numbers and points lie on the half-unit lattice, so a point on an edge is exactly on it
/// (edge midpoints, vertices) and one off an edge is at least ~1/300 away: both sides then
/// decide every point the same way, and any disagreement is a wrong boundary rule.
final class PointInRingTests: XCTestCase {
  let ctx = GEOSContext()

  /// A star-shaped counter-clockwise ring around `c` on whole coordinates, closed.
  func starRing(_ rng: inout SplitMix64, _ c: XY, radius: Double, n: Int) -> [XY] {
    let angles = (0..<n).map { _ in rng.next(in: 0...(2 * Double.pi)) }.sorted()
    var ring: [XY] = []
    for a in angles {
      let r = radius * rng.next(in: 0.3...1)
      let p = XY((c.x + r * cos(a)).rounded(), (c.y + r * sin(a)).rounded())
      if ring.last != p && ring.first != p { ring.append(p) }
    }
    ring.append(ring[0])
    return ring
  }

  /// The rings of a star-shaped polygon of up to `sides` + 2 sides near the origin, with a
  /// star-shaped hole when asked; nil when a ring came out degenerate.
  func starPolygon(_ rng: inout SplitMix64, sides: Int, hole: Bool) -> [[XY]]? {
    let c = XY(Double(rng.nextInt(200)) - 100, Double(rng.nextInt(200)) - 100)
    var rings = [starRing(&rng, c, radius: 40, n: 3 + rng.nextInt(sides))]
    if hole { rings.append(Array(starRing(&rng, c, radius: 10, n: 3 + rng.nextInt(8)).reversed())) }
    return rings.allSatisfy({ $0.count >= 4 }) ? rings : nil
  }

  /// Vertices, edge midpoints and lattice points around every ring of `rings`.
  func probes(_ rng: inout SplitMix64, _ rings: [[XY]], count: Int) -> [XY] {
    var out: [XY] = []
    for r in rings {
      out += r
      for k in 0..<(r.count - 1) { out.append(XY((r[k].x + r[k + 1].x) / 2, (r[k].y + r[k + 1].y) / 2)) }
    }
    let b = BBox(points: rings.joined()).expanded(by: 2)
    for _ in 0..<count {
      out.append(
        XY(
          (rng.next(in: b.minX...b.maxX) * 2).rounded() / 2, (rng.next(in: b.minY...b.maxY) * 2).rounded() / 2
        ))
    }
    return out
  }

  func testPolygonsAgreeWithGEOS() throws {
    var rng = SplitMix64(seed: 41)
    var polygons = 0
    var onBoundary = 0
    var inside = 0
    var outside = 0
    for trial in 0..<300 {
      guard let rings = starPolygon(&rng, sides: 30, hole: trial % 2 == 0) else { continue }
      let poly = PlanarPolygon(rings: rings)
      let g = try Geom.polygon(poly, context: ctx)
      guard try g.isValid() else { continue }
      polygons += 1
      let prep = try PreparedGeom(g)
      for p in probes(&rng, rings, count: 150) {
        let covers = try prep.covers(p)
        let contains = try prep.contains(try Geom.point(p, context: ctx))
        XCTAssertEqual(PointInRing.covers(poly, p), covers, "covers \(p) in \(rings)")
        XCTAssertEqual(PointInRing.contains(poly, p), contains, "contains \(p) in \(rings)")
        if covers == contains {
          // Off the boundary, the bare crossing test needs no rule for it.
          XCTAssertEqual(PointInRing.evenOdd(rings, p), contains, "evenOdd \(p) in \(rings)")
          XCTAssertEqual(PointInRing.evenOdd(rings.reversed(), p), contains)
          if contains { inside += 1 } else { outside += 1 }
        } else {
          onBoundary += 1
        }
      }
    }
    // Enough of every kind that each rule was exercised.
    XCTAssertGreaterThan(polygons, 200)
    XCTAssertGreaterThan(onBoundary, 5_000)
    XCTAssertGreaterThan(inside, 5_000)
    XCTAssertGreaterThan(outside, 5_000)
  }

  /// `PolygonStrips` against the crossing test it stands in for, on the same polygons and
  /// probes, at three tolerances, on the lattice and off it at a UTM northing's magnitude,
  /// for valid polygons (the footprints it is used on).
  func testStripsAgreeWithTheCrossingTest() throws {
    var rng = SplitMix64(seed: 43)
    var agreed = 0
    var inside = 0
    for trial in 0..<300 {
      let shift = trial % 3 == 0 ? XY(310_000.123, 3_397_000.456) : XY(0, 0)
      guard let drawn = starPolygon(&rng, sides: 60, hole: trial % 2 == 0) else { continue }
      let rings = drawn.map { $0.map { XY($0.x + shift.x, $0.y + shift.y) } }
      let poly = PlanarPolygon(rings: rings)
      // Every ring at once stands for exterior-less-holes only in a valid polygon.
      guard try Geom.polygon(poly, context: ctx).isValid() else { continue }
      let strips = PolygonStrips(poly)
      var points = probes(&rng, rings, count: 100)
      let b = BBox(points: rings.joined())
      for _ in 0..<50 { points.append(XY(rng.next(in: b.minX...b.maxX), rng.next(in: b.minY...b.maxY))) }
      for p in points {
        for tol in [1e-9, 1e-6, 0.3] {
          let want = PointInRing.covers(poly, p, tolerance: tol)
          XCTAssertEqual(strips.covers(p, tolerance: tol), want, "\(p) tolerance \(tol) in \(rings)")
          agreed += 1
          if want { inside += 1 }
        }
      }
    }
    XCTAssertGreaterThan(agreed, 100_000)
    XCTAssertGreaterThan(inside, 30_000)
  }

  /// Convex hull of whole-number points, counter-clockwise without collinear vertices,
  /// closed (monotone chain).
  func hull(_ points: [XY]) -> [XY] {
    let pts = Array(Set(points)).sorted { $0.x != $1.x ? $0.x < $1.x : $0.y < $1.y }
    func cross(_ o: XY, _ a: XY, _ b: XY) -> Double { (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x) }
    var lower: [XY] = []
    for p in pts {
      while lower.count >= 2 && cross(lower[lower.count - 2], lower[lower.count - 1], p) <= 0 {
        lower.removeLast()
      }
      lower.append(p)
    }
    var upper: [XY] = []
    for p in pts.reversed() {
      while upper.count >= 2 && cross(upper[upper.count - 2], upper[upper.count - 1], p) <= 0 {
        upper.removeLast()
      }
      upper.append(p)
    }
    let ring = Array(lower.dropLast()) + Array(upper.dropLast())
    return ring + [ring[0]]
  }

  func testConvexFastPathAgreesWithGEOS() throws {
    var rng = SplitMix64(seed: 7)
    var bisected = 0
    var onBoundary = 0
    for _ in 0..<200 {
      let c = XY(Double(rng.nextInt(2000)) - 1000, Double(rng.nextInt(2000)) - 1000)
      let n = 3 + rng.nextInt(90)
      let pts = (0..<n).map { _ -> XY in
        let a = rng.next(in: 0...(2 * Double.pi))
        return XY((c.x + 500 * cos(a)).rounded(), (c.y + 500 * sin(a)).rounded())
      }
      let ring = hull(pts)
      guard ring.count >= 4 else { continue }
      XCTAssertTrue(PointInRing.isConvex(ring))
      XCTAssertFalse(PointInRing.isConvex(ring.reversed()))
      if ring.count - 1 >= 12 { bisected += 1 }
      let prep = try PreparedGeom(try Geom.polygon(PlanarPolygon(exterior: ring), context: ctx))
      for p in probes(&rng, [ring], count: 200) {
        let covers = try prep.covers(p)
        XCTAssertEqual(PointInRing.convexCovers(ring, p), covers, "\(p) in \(ring.count - 1) sides")
        XCTAssertEqual(PointInRing.covers(ring, p), covers, "\(p) in \(ring.count - 1) sides")
        let contains = try prep.contains(try Geom.point(p, context: ctx))
        if covers && !contains { onBoundary += 1 }
      }
    }
    XCTAssertGreaterThan(bisected, 100)
    XCTAssertGreaterThan(onBoundary, 5_000)
  }

  func testBoundaryRulesByHand() {
    let square = [XY(0, 0), XY(4, 0), XY(4, 4), XY(0, 4), XY(0, 0)]
    let hole = [XY(1, 1), XY(1, 3), XY(3, 3), XY(3, 1), XY(1, 1)]
    let poly = PlanarPolygon(exterior: square, holes: [hole])
    // On the outer edge, on a hole's edge, inside the hole, in the ring between.
    XCTAssertEqual(
      [XY(4, 2), XY(1, 2), XY(2, 2), XY(0.5, 2)].map { PointInRing.covers(poly, $0) },
      [true, true, false, true])
    XCTAssertEqual(
      [XY(4, 2), XY(1, 2), XY(2, 2), XY(0.5, 2)].map { PointInRing.contains(poly, $0) },
      [false, false, false, true])
    // The tolerance: 1e-10 off the edge still covers, 1e-8 off does not.
    XCTAssertTrue(PointInRing.covers(square, XY(4 + 1e-10, 2)))
    XCTAssertFalse(PointInRing.covers(square, XY(4 + 1e-8, 2)))
    XCTAssertFalse(PointInRing.contains(square, XY(4 - 1e-10, 2)))
    XCTAssertTrue(PointInRing.contains(square, XY(4 - 1e-8, 2)))
    // An unclosed ring counts its closing edge.
    XCTAssertEqual(PointInRing.crossings(Array(square.dropLast()), XY(2, 2)), true)
    XCTAssertEqual(PointInRing.crossings(Array(square.dropLast()), XY(2, 5)), false)
  }
}
