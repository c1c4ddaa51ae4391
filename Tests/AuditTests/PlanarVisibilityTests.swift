import Foundation
import TestSupport
import XCTest

@testable import Audit
@testable import Cameras
@testable import Geometry

/// The planar sweep gives the visible part of a footprint without GEOS; it must be the
/// region the overlay of shadows gives, as valid polygons.
final class PlanarVisibilityTests: XCTestCase {
  let ctx = GEOSContext()

  func square(_ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double) -> PlanarPolygon {
    PlanarPolygon(exterior: [XY(x0, y0), XY(x1, y0), XY(x1, y1), XY(x0, y1), XY(x0, y0)])
  }

  func worker(_ polys: [PlanarPolygon], roofs: [Double?]? = nil, target: Double = 0) throws -> OcclusionWorker
  {
    try OcclusionWorker(
      buildings: polys.enumerated().map {
        Building(featureIndex: $0.offset, polygons: [$0.element], height: roofs?[$0.offset] ?? nil)
      }, targetHeight: target)
  }

  /// Checks the planar result against the overlay one: valid rings, exteriors
  /// counter-clockwise and holes clockwise, equal areas and a symmetric difference within
  /// 1e-9 of the footprint. Returns the planar area.
  @discardableResult
  func agree(
    _ fp: PlanarPolygon, _ c: XY, _ w: OcclusionWorker, eye: Double = 5, _ line: UInt = #line
  ) throws
    -> Double
  {
    let planar = try w.visible(fp, from: c, eye: eye)
    let reference = try w.overlayVisible(fp, from: c, eye: eye)
    check(planar, oriented: true, line: line)
    let a = try Geom.unionAll(consuming: Geom.polygons(planar, context: ctx), context: ctx)
    let b = try Geom.unionAll(consuming: Geom.polygons(reference, context: ctx), context: ctx)
    let planarArea = planar.reduce(0) { $0 + $1.area }
    XCTAssertEqual(planarArea, try b.area(), accuracy: 1e-9 * fp.area, line: line)
    let apart = try a.difference(b).area() + b.difference(a).area()
    XCTAssertLessThanOrEqual(apart, 1e-9 * fp.area, line: line)
    return planarArea
  }

  /// A 90° sector of range 100 over grid bearings 0°–90° (x ≥ 0, y ≥ 0) and a
  /// 10 m square at (20..30, 20..30): it hides the square and the region behind its two
  /// front walls, bounded by the rays through (30, 20) and (20, 30) and the sector's arc.
  func testSquareInFrontOfASector() throws {
    let c = XY(0, 0)
    let fp = Footprint.view(center: c, gridHeading: 45, fov: 90, range: 100, minRange: 0)!
    let w = try worker([square(20, 20, 30, 30)])
    let vis = try w.visible(fp, from: c)
    XCTAssertEqual(vis.count, 1)
    // Hidden: within the wedge between the rays at atan(20/30) and atan(30/20) from the
    // x axis, all beyond the front walls. Wedge of the 18-step polygon between those rays
    // (the arc chords), less the triangle from the camera to the front walls.
    let hidden = fp.area - vis[0].area
    // The quadrilateral c, (30, 20), (20, 20), (20, 30): a triangle less the corner.
    let front: Double = 250 - 50
    let wedge = try Geom.polygon(fp, context: ctx).intersection(
      Geom.polygon(
        PlanarPolygon(exterior: [c, XY(300, 200), XY(200, 300), c]), context: ctx)
    ).area()
    XCTAssertEqual(hidden, wedge - front, accuracy: 1e-9)
    XCTAssertEqual(front, 200, accuracy: 0)
    try agree(fp, c, w)
    XCTAssertEqual(w.fallbacks, 0)
  }

  /// A wall across an annular sector reaching inside the blind zone cuts it in two.
  func testWallSplitsAnAnnularSector() throws {
    let c = XY(0, 0)
    let fp = Footprint.view(center: c, gridHeading: 0, fov: 90, range: 50, minRange: 10)!
    // A thin wall at x ∈ [-1, 1], y ∈ [5, 8]: inside the blind zone, hiding the sector's
    // middle from bearing −atan(1/5) to atan(1/5) entirely.
    let w = try worker([square(-1, 5, 1, 8)])
    let vis = try w.visible(fp, from: c)
    XCTAssertEqual(vis.count, 2)
    let half = vis.map(\.area)
    XCTAssertEqual(half[0], half[1], accuracy: 1e-9)
    let whole = Footprint.closedFormArea(fov: 90, range: 50, minRange: 10)
    // Each half is the annular sector's part beyond the ray through (±1, 5).
    let wedge = try Geom.polygon(fp, context: ctx).intersection(
      Geom.polygon(PlanarPolygon(exterior: [c, XY(40, 200), XY(-40, 200), c]), context: ctx)
    ).area()
    XCTAssertEqual(wedge, 2 * atan2(1.0, 5.0) / (.pi / 2) * whole, accuracy: 0.01 * whole)
    XCTAssertEqual(half[0] + half[1], whole - wedge, accuracy: 1e-9)
    try agree(fp, c, w)
    XCTAssertEqual(w.fallbacks, 0)
  }

  /// A 360° view with a blind zone and walls outside its range stays whole, hole and all;
  /// a wall outside the blind zone leaves one polygon with the hole still inside.
  func testAnnulusLeftWholeKeepsItsHole() throws {
    let c = XY(0, 0)
    let fp = Footprint.view(center: c, gridHeading: 0, fov: 360, range: 40, minRange: 8)!
    let w = try worker([square(60, -5, 70, 5), square(25, -2, 27, 2)])
    let vis = try w.visible(fp, from: c)
    XCTAssertEqual(vis.count, 1)
    XCTAssertEqual(vis[0].rings.count, 2)
    XCTAssertLessThan(Ring.signedArea(vis[0].rings[1]), 0)
    XCTAssertEqual(
      abs(Ring.signedArea(vis[0].rings[1])), Footprint.closedFormArea(fov: 360, range: 8), accuracy: 1e-9)
    XCTAssertLessThan(vis[0].area, fp.area - 2 * 4)
    try agree(fp, c, w)
    let far = try worker([square(60, -5, 70, 5)])
    XCTAssertEqual(try far.visible(fp, from: c).first?.area ?? 0, fp.area, accuracy: 1e-9)
    XCTAssertEqual(w.fallbacks + far.fallbacks, 0)
  }

  /// A building round the whole footprint hides it all; one the camera stands in or
  /// within 1 cm of hides nothing.
  func testCoveringBuildingHidesAll() throws {
    let c = XY(0, 0)
    let fp = Footprint.view(center: c, gridHeading: 30, fov: 60, range: 30, minRange: 0)!
    let around = PlanarPolygon(
      exterior: [XY(-100, -100), XY(100, -100), XY(100, 100), XY(-100, 100), XY(-100, -100)],
      holes: [[XY(-2, -2), XY(-2, 2), XY(2, 2), XY(2, -2), XY(-2, -2)]])
    let w = try worker([around])
    let annulus = Footprint.view(center: c, gridHeading: 0, fov: 360, range: 30, minRange: 5)!
    XCTAssertEqual(try w.visible(annulus, from: c).count, 0)
    XCTAssertEqual(try w.overlayVisible(annulus, from: c).count, 0)
    // Without a blind zone the courtyard's part of the sector (30° to 90° from the x axis)
    // stays: the triangles up to the walls x = 2 and y = 2.
    let court = try agree(fp, c, w)
    XCTAssertEqual(court, (2 - 2 * tan(Double.pi / 6)) + 2, accuracy: 1e-12)
    let onWall = try worker([square(0.005, -10, 10, 10)])
    XCTAssertEqual(try onWall.visible(fp, from: c).first?.area ?? 0, fp.area, accuracy: 1e-9)
    let off = try worker([square(0.02, -10, 10, 10)])
    XCTAssertLessThan(try agree(fp, c, off), 1)
    XCTAssertEqual(w.fallbacks + onWall.fallbacks + off.fallbacks, 0)
  }

  /// A building with a wall along a ray from the camera (edge-on) and two overlapping
  /// buildings.
  func testEdgeOnAndOverlappingBuildings() throws {
    let c = XY(0, 0)
    let fp = Footprint.view(center: c, gridHeading: 45, fov: 120, range: 60, minRange: 0)!
    // Its lower wall runs along the ray y = x from (10, 10) to (20, 20).
    let edgeOn = PlanarPolygon(exterior: [XY(10, 10), XY(20, 20), XY(10, 20), XY(10, 10)])
    let w = try worker([edgeOn])
    let area = try agree(fp, c, w)
    // Hidden: the wedge between the rays through (10, 20) and (10, 10), beyond the wall x = 10.
    let wedge = try Geom.polygon(fp, context: ctx).intersection(
      Geom.polygon(
        PlanarPolygon(exterior: [XY(10, 10), XY(100, 100), XY(50, 100), XY(10, 20), XY(10, 10)]), context: ctx
      )
    ).area()
    XCTAssertEqual(fp.area - area, wedge, accuracy: 1e-9)
    let overlap = try worker([square(15, 5, 25, 15), square(20, 10, 30, 25), square(22, 12, 24, 14)])
    try agree(fp, c, overlap)
    XCTAssertEqual(w.fallbacks + overlap.fallbacks, 0)
  }

  /// Random scenes against the overlay: sectors, annular sectors, discs and annuli, convex
  /// and concave buildings, overlapping ones, ones in the blind zone, cameras near a wall,
  /// and roofs under the eye whose bounded shadows the overlay cuts from the sweep's result.
  /// The overlay nodes dozens of shadow edges that nearly meet at the camera and, rarely,
  /// loses a piece of a shadow; where the two part, sight lines sampled from the camera
  /// decide, and the sweep must be the one they agree with.
  func testRandomScenesAgreeWithTheOverlay() throws {
    var rng = SplitMix64(seed: 0x71_5AB)
    var fallbacks = 0
    var hidden = 0
    var splits = 0
    var overlayWrong = 0
    let rounds = 1200
    for round in 0..<rounds {
      let c = XY(rng.next(in: -1000...1000), rng.next(in: -1000...1000))
      let polys = randomBuildings(&rng, around: c)
      let flat = round % 4 != 3
      let roofs: [Double?] = polys.map { _ in flat || rng.next(in: 0...1) < 0.5 ? nil : rng.next(in: 2...12) }
      let w = try worker(polys, roofs: roofs, target: round % 8 == 7 ? 1.5 : 0)
      let range = rng.next(in: 20...80)
      let fov = [360, rng.next(in: 1...359), rng.next(in: 30...200), 90][round % 4]
      let blind = rng.next(in: 0...1) < 0.5 ? 0 : rng.next(in: 2...(range / 2))
      let fp = Footprint.view(
        center: c, gridHeading: rng.next(in: 0...360), fov: fov, range: range, minRange: blind)!
      let planar = try w.visible(fp, from: c, eye: 8)
      let reference = try w.overlayVisible(fp, from: c, eye: 8)
      check(planar, oriented: flat)
      let a = try Geom.unionAll(consuming: Geom.polygons(planar, context: ctx), context: ctx)
      let b = try Geom.unionAll(consuming: Geom.polygons(reference, context: ctx), context: ctx)
      let missing = try b.difference(a).polygons()
      let extra = try a.difference(b).polygons()
      let apart = (missing + extra).reduce(0) { $0 + $1.area }
      if flat && apart > 1e-9 * fp.area {
        overlayWrong += 1
        for d in missing where d.area > 1e-9 * fp.area {
          let p = try XCTUnwrap(Geom.polygon(d, context: ctx).pointOnSurface())
          XCTAssertTrue(blocked(c, p, polys), "round \(round): \(p) is seen")
        }
        for d in extra where d.area > 1e-9 * fp.area {
          let p = try XCTUnwrap(Geom.polygon(d, context: ctx).pointOnSurface())
          XCTAssertFalse(blocked(c, p, polys), "round \(round): \(p) is hidden")
        }
      } else {
        XCTAssertEqual(
          planar.reduce(0) { $0 + $1.area }, try b.area(), accuracy: 1e-9 * fp.area, "round \(round)")
        XCTAssertLessThanOrEqual(apart, 1e-9 * fp.area, "round \(round)")
      }
      if planar.reduce(0, { $0 + $1.area }) < fp.area - 1 { hidden += 1 }
      if planar.count > 1 { splits += 1 }
      fallbacks += w.fallbacks
    }
    XCTAssertGreaterThan(hidden, rounds * 3 / 4)
    XCTAssertGreaterThan(splits, rounds / 10)
    XCTAssertLessThanOrEqual(fallbacks, rounds / 200)
    XCTAssertLessThanOrEqual(overlayWrong, rounds / 200)
  }

  /// Valid rings without repeated points; exteriors counter-clockwise and holes clockwise
  /// when `oriented` (no bounded shadow was cut by overlay, whose rings run as GEOS writes
  /// them).
  func check(_ polys: [PlanarPolygon], oriented: Bool, line: UInt = #line) {
    for p in polys {
      XCTAssertTrue((try? Geom.polygon(p, context: ctx).isValid()) ?? false, "invalid \(p)", line: line)
      if oriented {
        XCTAssertGreaterThan(Ring.signedArea(p.exterior), 0, line: line)
        for h in p.rings.dropFirst() { XCTAssertLessThan(Ring.signedArea(h), 0, line: line) }
      }
      for r in p.rings {
        for k in 0..<(r.count - 1) { XCTAssertNotEqual(r[k], r[k + 1], line: line) }
      }
    }
  }

  /// Whether the segment from `c` to `p` passes through a building the camera does not
  /// stand on, sampled every 1/20,000 of its length.
  func blocked(_ c: XY, _ p: XY, _ polys: [PlanarPolygon]) -> Bool {
    for poly in polys
    where !OcclusionWorker.stands(c, on: Building(featureIndex: 0, polygons: [poly], height: nil)) {
      for k in 1..<20_000 {
        let t = Double(k) / 20_000
        if PointInRing.evenOdd(poly.rings, XY(c.x + t * (p.x - c.x), c.y + t * (p.y - c.y))) { return true }
      }
    }
    return false
  }

  /// Rectangles, L shapes, courtyards and random convex polygons round `c`, some copied
  /// and shifted onto others, some inside 5 m, one wall at a few centimetres.
  func randomBuildings(_ rng: inout SplitMix64, around c: XY) -> [PlanarPolygon] {
    var out: [PlanarPolygon] = []
    let count = 3 + rng.nextInt(12)
    let shapes: [[(Double, Double)]] = [
      [(-1, -0.6), (1, -0.6), (1, 0.6), (-1, 0.6)],
      [(-1, -1), (1, -1), (1, -0.3), (-0.3, -0.3), (-0.3, 1), (-1, 1)],
      [(-1, -1), (1, -1), (1, 1), (-1, 1)],
    ]
    while out.count < count {
      let near = rng.next(in: 0...1) < 0.15
      let d = near ? rng.next(in: 1.5...5) : rng.next(in: 3...70)
      let t = rng.next(in: 0...(2 * Double.pi))
      let centre = XY(c.x + d * cos(t), c.y + d * sin(t))
      let size = near ? rng.next(in: 0.5...2) : rng.next(in: 2...16)
      let angle = rng.next(in: 0...Double.pi)
      func place(_ pts: [(Double, Double)], _ s: Double) -> [XY] {
        Shapes.placed(pts, centre: (centre.x, centre.y), angle: angle, scale: s).map { XY($0.0, $0.1) }
      }
      let kind = rng.nextInt(4)
      var poly: PlanarPolygon
      if kind == 3 {
        var pts: [XY] = []
        for _ in 0..<(3 + rng.nextInt(6)) {
          pts.append(XY(centre.x + rng.next(in: -1...1) * size, centre.y + rng.next(in: -1...1) * size))
        }
        poly = PlanarPolygon(exterior: Occlusion.hull(pts))
        if Ring.signedArea(poly.exterior) < 0.5 { continue }
      } else {
        var rings = [place(shapes[kind], size / 2)]
        if kind == 2 { rings.append(place(shapes[2].reversed(), size / 4)) }
        poly = PlanarPolygon(rings: rings)
      }
      if PointInRing.evenOdd(poly.rings, c) { continue }
      out.append(poly)
      if rng.next(in: 0...1) < 0.2 {
        let dx = rng.next(in: -3...3)
        let dy = rng.next(in: -3...3)
        let copy = poly.mapRings { $0.map { XY($0.x + dx, $0.y + dy) } }
        if !PointInRing.evenOdd(copy.rings, c) { out.append(copy) }
      }
    }
    if rng.next(in: 0...1) < 0.25 {
      // A wall a few centimetres from the camera, or within the 1 cm rule.
      let gap = [0.005, 0.02, 0.05][rng.nextInt(3)]
      out.append(
        PlanarPolygon(exterior: [
          XY(c.x + gap, c.y - 4), XY(c.x + gap + 3, c.y - 4), XY(c.x + gap + 3, c.y + 4),
          XY(c.x + gap, c.y + 4),
          XY(c.x + gap, c.y - 4),
        ]))
    }
    return out
  }
}
