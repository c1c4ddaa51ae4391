import TestSupport
import XCTest

@testable import Geometry

/// The slab sweep against areas computed by hand and against GEOS overlays.
final class UnionMeasureTests: XCTestCase {
  let ctx = GEOSContext()
  let big = BBox(minX: -1000, minY: -1000, maxX: 1000, maxY: 1000)

  /// A camera sector in the SPEC §2 construction: apex, then n + 1 arc vertices.
  func sector(_ c: XY, r: Double, heading: Double, fov: Double) -> PlanarPolygon {
    let n = max(1, Int((fov / 5).rounded(.up)))
    var ring: [XY] = []
    if fov < 360 { ring.append(c) }
    let count = fov < 360 ? n + 1 : n
    for k in 0..<count {
      let b = (heading - fov / 2 + fov * Double(k) / Double(n)) * .pi / 180
      ring.append(XY(c.x + r * sin(b), c.y + r * cos(b)))
    }
    ring.append(ring[0])
    return PlanarPolygon(exterior: Ring.oriented(ring, counterClockwise: true))
  }

  func union(_ polys: [PlanarPolygon], rect: BBox? = nil) -> Double {
    var m = UnionMeasure(rect: rect ?? big)
    for p in polys { m.addPolygon(p) }
    return m.measure().union
  }

  func testSquaresByHand() {
    XCTAssertEqual(union([square(0, 0, 10)]), 100, accuracy: 1e-9)
    XCTAssertEqual(union([square(0, 0, 10), square(5, 5, 10)]), 175, accuracy: 1e-9)
    // Shared edge, duplicate, containment: collinear and coincident edges need no care.
    XCTAssertEqual(union([square(0, 0, 1), square(1, 0, 1)]), 2, accuracy: 1e-12)
    XCTAssertEqual(union([square(0, 0, 3), square(0, 0, 3), square(0, 0, 3)]), 9, accuracy: 1e-12)
    XCTAssertEqual(union([square(0, 0, 4), square(1, 1, 2)]), 16, accuracy: 1e-12)
    XCTAssertEqual(union([square(0, 0, 2), square(2, 2, 2)]), 8, accuracy: 1e-12)
  }

  /// Hundreds of pieces starting within a hair of each other land in one bucket of the
  /// start sort, which then sorts them by comparison: the union is still exact.
  func testBunchedStarts() {
    let polys = (0..<300).map { k in square(Double(k) * 1e-7, Double(k % 7) * 1e-7, 10) }
    let w = 10 + 299e-7
    // Squares of side 10 shifted by up to 3e-5 in x and 6e-7 in y: nearly every vertical
    // line meets a covered length of 10 + 6e-7 over a width of 10 + 3e-5.
    XCTAssertEqual(union(polys), w * (10 + 6e-7), accuracy: 1e-5)
    var m = UnionMeasure(rect: big, cellSize: 1)
    for p in polys { m.addPolygon(p) }
    XCTAssertEqual(m.measure().union, union(polys), accuracy: 1e-9)
  }

  func testSectorAndDiscClosedForms() {
    // 18 steps of 5°: 0.5·r²·n·sin(fov/n); the 72-gon: 36·r²·sin 5°.
    let r = 50.0
    let s = sector(XY(3, -7), r: r, heading: 30, fov: 90)
    XCTAssertEqual(union([s]), 0.5 * r * r * 18 * sin(5 * Double.pi / 180), accuracy: 1e-9)
    let d = sector(XY(0, 0), r: 30, heading: 0, fov: 360)
    XCTAssertEqual(union([d]), 36 * 900 * sin(5 * Double.pi / 180), accuracy: 1e-9)
    // Four quarter sectors from one apex make the 72-gon exactly (their radii coincide).
    let quarters = [0.0, 90, 180, 270].map { sector(XY(0, 0), r: 30, heading: $0 + 45, fov: 90) }
    XCTAssertEqual(union(quarters), 36 * 900 * sin(5 * Double.pi / 180), accuracy: 1e-9)
  }

  func testHoles() {
    let ring = PlanarPolygon(
      exterior: square(0, 0, 10).exterior, holes: [square(2, 2, 4).exterior.reversed()])
    XCTAssertEqual(union([ring]), 84, accuracy: 1e-12)
    // A square filling the hole closes it.
    XCTAssertEqual(union([ring, square(2, 2, 4)]), 100, accuracy: 1e-12)
    XCTAssertEqual(union([ring, square(3, 3, 1)]), 85, accuracy: 1e-12)
  }

  func testRectangleCutsAndTargets() {
    let rect = BBox(minX: 0, minY: 0, maxX: 10, maxY: 10)
    // Half of a square sticking out on each side; a square over the whole rectangle.
    XCTAssertEqual(union([square(-5, 2, 10)], rect: rect), 40, accuracy: 1e-12)
    XCTAssertEqual(union([square(2, -5, 8)], rect: rect), 24, accuracy: 1e-12)
    XCTAssertEqual(union([square(-5, -5, 30)], rect: rect), 100, accuracy: 1e-12)
    // A diamond poking out of all four sides.
    let diamond = PlanarPolygon(exterior: [XY(5, -3), XY(13, 5), XY(5, 13), XY(-3, 5), XY(5, -3)])
    XCTAssertEqual(union([diamond], rect: rect), 128 - 4 * 9, accuracy: 1e-12)

    var m = UnionMeasure(rect: rect, layers: 3)
    m.addPolygon(square(0, 0, 6), layer: 1)
    m.addPolygon(square(4, 4, 6), layer: 2)
    let whole = m.addWholeTarget()
    let left = m.addTarget([PlanarPolygon(exterior: [XY(0, 0), XY(5, 0), XY(5, 10), XY(0, 10), XY(0, 0)])])
    let r = m.measure()
    XCTAssertEqual(r.union, 68, accuracy: 1e-12)
    XCTAssertEqual(r.covered[whole], 68, accuracy: 1e-12)
    XCTAssertEqual(r.covered[left], 30 + 6 - 2, accuracy: 1e-12)
    XCTAssertEqual(r.layers[left][1], 30, accuracy: 1e-12)
    XCTAssertEqual(r.layers[left][2], 6, accuracy: 1e-12)
    XCTAssertEqual(r.layers[whole][2], 36, accuracy: 1e-12)
    XCTAssertEqual(r.layers[whole][0], 0)
  }

  /// A polygon inside another is left out of the sweep only when both are in one layer.
  func testContainedPolygonsAndLayers() {
    let disc = sector(XY(0, 0), r: 80, heading: 0, fov: 360)
    let inner = sector(XY(10, 5), r: 40, heading: 30, fov: 90)
    let a = 36 * 6400 * sin(5 * Double.pi / 180)
    let s = 0.5 * 1600 * 18 * sin(5 * Double.pi / 180)
    var m = UnionMeasure(rect: big, layers: 3)
    m.addPolygon(disc, layer: 1)
    m.addPolygon(inner, layer: 1)
    m.addPolygon(inner, layer: 2)
    m.addPolygon(inner, layer: 2)
    let t = m.addWholeTarget()
    let r = m.measure()
    XCTAssertEqual(r.union, a, accuracy: 1e-9 * a)
    XCTAssertEqual(r.layers[t][1], a, accuracy: 1e-9 * a)
    XCTAssertEqual(r.layers[t][2], s, accuracy: 1e-9 * s)
    // A chain of containers: only the outermost is swept, the area is the same.
    let chain = [10.0, 20, 30, 40].map { sector(XY(0, 0), r: $0, heading: 0, fov: 360) }
    XCTAssertEqual(union(chain.reversed() + chain), 36 * 1600 * sin(5 * Double.pi / 180), accuracy: 1e-9)
    // Not convex (fov 270): a sector inside its notch is not inside it.
    let wide = sector(XY(0, 0), r: 50, heading: 0, fov: 270)
    let notch = sector(XY(0, -10), r: 4, heading: 0, fov: 360)
    XCTAssertEqual(
      union([wide, notch]), 0.5 * 2500 * 54 * sin(5 * Double.pi / 180) + 36 * 16 * sin(5 * Double.pi / 180),
      accuracy: 1e-9)
  }

  /// Tiles partition the plane, so the measures of any tiling add up to the whole.
  func testTilesAddUp() {
    var polys: [PlanarPolygon] = []
    for k in 0..<40 {
      let c = XY(Double(k % 7) * 23, Double(k / 7) * 19)
      polys.append(sector(c, r: 40, heading: Double(k * 37 % 360), fov: 90))
    }
    let whole = union(polys)
    var sum = 0.0
    for i in 0..<7 {
      for j in 0..<6 {
        let x0 = -50 + Double(i) * 37
        let y0 = -50 + Double(j) * 41
        let rect = BBox(minX: x0, minY: y0, maxX: x0 + 37, maxY: y0 + 41)
        sum += union(polys, rect: rect)
      }
    }
    XCTAssertEqual(sum, whole, accuracy: 1e-9 * whole)
  }

  /// Clustered random sectors, discs and annuli against GEOS's union and intersections.
  func testAgreesWithGEOS() throws {
    var rng = SplitMix64(seed: 42)
    for round in 0..<6 {
      var polys: [PlanarPolygon] = []
      for _ in 0..<(20 + round * 30) {
        let c = XY(rng.next(in: -60...60), rng.next(in: -60...60))
        let kind = rng.nextInt(5)
        if kind == 0 {
          polys.append(sector(c, r: rng.next(in: 10...50), heading: 0, fov: 360))
        } else if kind == 1 {
          let outer = sector(c, r: 40, heading: 0, fov: 360).exterior
          let inner = sector(c, r: 12, heading: 0, fov: 360).exterior
          polys.append(PlanarPolygon(exterior: outer, holes: [inner.reversed()]))
        } else {
          // Many cameras share an apex and a heading at intersections.
          let h = Double(rng.nextInt(8)) * 45
          polys.append(sector(c, r: rng.next(in: 15...60), heading: h, fov: [60.0, 90, 200][rng.nextInt(3)]))
        }
      }
      let geoms = try polys.map { try Geom.polygon($0, context: ctx) }
      let u = try Geom.unionAll(consuming: geoms, context: ctx)
      let expected = try u.area()
      XCTAssertEqual(union(polys), expected, accuracy: 1e-9 * expected, "round \(round)")
      let target = PlanarPolygon(exterior: [XY(-30, -70), XY(70, -10), XY(10, 40), XY(-50, 20), XY(-30, -70)])
      let tg = try Geom.polygon(target, context: ctx)
      var m = UnionMeasure(rect: big)
      for p in polys { m.addPolygon(p) }
      m.addTarget([target])
      let inTarget = try u.intersection(tg).area()
      XCTAssertEqual(m.measure().covered[0], inTarget, accuracy: 1e-9 * inTarget, "round \(round)")
    }
  }
}

/// Which polygons a union can leave out.
final class ContainmentTests: XCTestCase {
  /// The bisecting point test against the test of every side: the same answer for every
  /// point not within rounding of the boundary, on discs and sectors of 12 to 90 sides.
  func testConvexPointTestAgreesWithEverySide() {
    var rng = SplitMix64(seed: 5)
    for _ in 0..<400 {
      let n = 12 + rng.nextInt(79)
      let c = XY(rng.next(in: -1e5...1e5), rng.next(in: -1e5...1e5))
      let radius = rng.next(in: 1...200)
      let start = rng.next(in: 0...(2 * Double.pi))
      let sector = rng.nextInt(2) == 0
      let sweep = sector ? rng.next(in: 0.3...3.0) : 2 * Double.pi
      var ring: [XY] = sector ? [c] : []
      let steps = sector ? n - 1 : n
      for k in 0..<steps {
        let a = start + sweep * Double(k) / Double(sector ? steps - 1 : steps)
        ring.append(XY(c.x + radius * cos(a), c.y + radius * sin(a)))
      }
      ring.append(ring[0])
      guard PointInRing.isConvex(ring) else { continue }
      for _ in 0..<200 {
        let p = XY(c.x + rng.next(in: -1.2...1.2) * radius, c.y + rng.next(in: -1.2...1.2) * radius)
        var every = true
        for e in 0..<(ring.count - 1) {
          let a = ring[e]
          let b = ring[e + 1]
          if (b.x - a.x) * (p.y - a.y) - (b.y - a.y) * (p.x - a.x) < 0 { every = false }
        }
        XCTAssertEqual(PointInRing.convexCovers(ring, p), every, "\(n) sides, \(p)")
      }
      // Vertices are on the boundary: covered.
      for e in 0..<(ring.count - 1) {
        XCTAssertTrue(PointInRing.convexCovers(ring, ring[e]))
      }
    }
  }

  func square(_ x: Double, _ y: Double, _ s: Double) -> [[XY]] { GeometryTests.square(x, y, s).rings }

  func testHiddenPolygons() {
    let polys = [
      square(0, 0, 10), square(0, 0, 10), square(2, 2, 3), square(8, 8, 5), square(1, 1, 8), square(20, 0, 1),
    ]
    let boxes = polys.map { BBox(points: $0[0]) }
    // The second copy of the first square, the small one and the one inside it go; the
    // one that sticks out and the far one stay.
    XCTAssertEqual(
      Containment.hidden(polys, boxes: boxes, layers: nil, cell: 4), [false, true, true, false, true, false])
    // In other layers nothing contains anything.
    XCTAssertEqual(
      Containment.hidden(polys, boxes: boxes, layers: [0, 1, 2, 0, 3, 0], cell: 4),
      [false, false, false, false, false, false])
    // A clockwise or non-convex ring is never a container.
    let l = [[XY(0, 0), XY(10, 0), XY(10, 4), XY(4, 4), XY(4, 10), XY(0, 10), XY(0, 0)]]
    let inNotch = square(6, 6, 2)
    XCTAssertEqual(
      Containment.hidden(
        [l, inNotch], boxes: [BBox(points: l[0]), BBox(points: inNotch[0])], layers: nil, cell: 4),
      [false, false])
    let cw = [Array(square(0, 0, 10)[0].reversed())]
    XCTAssertEqual(
      Containment.hidden(
        [cw, square(2, 2, 2)], boxes: [BBox(points: cw[0]), BBox(points: square(2, 2, 2)[0])],
        layers: nil, cell: 4), [false, false])
  }
}
