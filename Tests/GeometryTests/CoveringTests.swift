import Foundation
import TestSupport
import XCTest

@testable import Geometry

/// Polygons inside a non-convex neighbour: what `Covering` leaves out must lie inside a
/// container that is kept, and it must find every one that GEOS finds.
final class CoveringTests: XCTestCase {
  let ctx = GEOSContext()

  func polygon(_ pts: [(Double, Double)]) -> PlanarPolygon {
    PlanarPolygon(exterior: pts.map { XY($0.0, $0.1) })
  }

  func hidden(_ polys: [PlanarPolygon], layers: [Int], threads: Int = 2) throws -> (
    any: [Bool], sameClass: [Bool]
  ) {
    try Covering.hidden(polys, boxes: polys.map(\.bbox), layers: layers, cell: 150, threads: threads)
  }

  /// A U (a square with a notch from the top) and what lies in, on and across it.
  func testNotchedContainers() throws {
    let u = polygon([
      (0, 0), (100, 0), (100, 100), (60, 100), (60, 80), (40, 80), (40, 100), (0, 100), (0, 0),
    ])
    // A larger U whose notch ends on the first one's notch floor: it holds all of the first.
    let big = polygon([
      (-20, -20), (120, -20), (120, 120), (55, 120), (55, 80), (45, 80), (45, 120), (-20, 120), (-20, -20),
    ])
    let polys = [
      u,
      polygon(Shapes.square(10, 10, 20)),  // inside
      polygon(Shapes.square(45, 70, 10)),  // its top edge on the notch floor
      polygon([(30, 85), (70, 85), (70, 95), (30, 95), (30, 85)]),  // every vertex in, across the notch
      u,  // the same U again
      polygon(Shapes.square(70, 10, 10)),  // inside, but of another layer
      big,
    ]
    let layers = [0, 0, 0, 0, 0, 1, 0]
    let r = try hidden(polys, layers: layers)
    XCTAssertEqual(r.any, [true, true, true, false, true, true, false])
    XCTAssertEqual(r.sameClass, [true, true, true, false, true, false, false])
    // Only the later of two equal polygons can be left out, so one is always kept.
    let pair = try hidden([u, u], layers: [0, 0])
    XCTAssertEqual(pair.any, [false, true])
    // A convex container is `Containment`'s to find, not this one's.
    let convex = try hidden(
      [polygon(Shapes.square(0, 0, 100)), polygon(Shapes.square(10, 10, 20))], layers: [0, 0])
    XCTAssertEqual(convex.any, [false, false])
  }

  /// Star-shaped containers (mostly not convex, some with a hole) with small polygons in,
  /// across and outside them; the flags must be those of GEOS's covers over every pair
  /// under the same rules, on one thread and on two, and leaving the flagged polygons out
  /// must not change the area of the union.
  func testRandomScenesAgreeWithGEOSOverEveryPair() throws {
    var rng = SplitMix64(seed: 2026)
    var found = (any: 0, same: 0, notConvex: 0)
    for scene in 0..<30 {
      var polys: [PlanarPolygon] = []
      let origin = XY(310_000 + 1_000 * Double(scene), 3_397_000)
      for _ in 0..<3 {
        let c = XY(origin.x + rng.next(in: 0...120), origin.y + rng.next(in: 0...120))
        var rings = [star(&rng, c, radius: 60, n: 12 + rng.nextInt(40))]
        if rng.nextInt(3) == 0 { rings.append(Array(star(&rng, c, radius: 8, n: 6).reversed())) }
        polys.append(PlanarPolygon(rings: rings))
      }
      for _ in 0..<40 {
        let c = XY(origin.x + rng.next(in: -20...140), origin.y + rng.next(in: -20...140))
        polys.append(
          PlanarPolygon(exterior: star(&rng, c, radius: rng.next(in: 2...12), n: 3 + rng.nextInt(8))))
      }
      polys = try polys.filter { try Geom.polygon($0, context: ctx).isValid() }
      let layers = polys.map { _ in rng.nextInt(2) }
      let got = try hidden(polys, layers: layers)
      let one = try hidden(polys, layers: layers, threads: 1)
      XCTAssertEqual(got.any, one.any)
      XCTAssertEqual(got.sameClass, one.sameClass)
      let want = try bruteForce(polys, layers: layers)
      XCTAssertEqual(got.any, want.any, "scene \(scene)")
      XCTAssertEqual(got.sameClass, want.sameClass, "scene \(scene)")
      found.any += got.any.filter { $0 }.count
      found.same += got.sameClass.filter { $0 }.count
      found.notConvex += polys.filter { !PointInRing.isConvex($0.rings[0]) }.count
      let all = try union(polys)
      let kept = try union(polys.indices.filter { !got.any[$0] }.map { polys[$0] })
      XCTAssertEqual(kept, all, accuracy: 1e-9 * all)
    }
    // Enough of each kind that the test cannot pass vacuously.
    XCTAssertGreaterThan(found.any, 150)
    XCTAssertGreaterThan(found.same, 60)
    XCTAssertLessThan(found.same, found.any)
    XCTAssertGreaterThan(found.notConvex, 60)
  }

  /// A star-shaped counter-clockwise ring around `c`, closed.
  func star(_ rng: inout SplitMix64, _ c: XY, radius: Double, n: Int) -> [XY] {
    let angles = (0..<n).map { _ in rng.next(in: 0...(2 * Double.pi)) }.sorted()
    var ring = angles.map { a -> XY in
      let r = radius * rng.next(in: 0.5...1)
      return XY(c.x + r * cos(a), c.y + r * sin(a))
    }
    ring.append(ring[0])
    return ring
  }

  func bruteForce(_ polys: [PlanarPolygon], layers: [Int]) throws -> (any: [Bool], sameClass: [Bool]) {
    let geoms = try polys.map { try Geom.polygon($0, context: ctx) }
    var any = [Bool](repeating: false, count: polys.count)
    var same = any
    for i in polys.indices {
      for j in polys.indices where j != i {
        let (bi, bj) = (polys[i].bbox, polys[j].bbox)
        guard polys[j].rings.count > 1 || !PointInRing.isConvex(polys[j].rings[0]), bj.contains(bi),
          !(bi == bj && j > i), try geoms[j].covers(geoms[i])
        else { continue }
        any[i] = true
        if layers[i] == layers[j] { same[i] = true }
      }
    }
    return (any, same)
  }

  func union(_ polys: [PlanarPolygon]) throws -> Double {
    try Geom.unionAll(consuming: polys.map { try Geom.polygon($0, context: ctx) }, context: ctx).area()
  }
}
