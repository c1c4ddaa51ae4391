import Foundation
import TestSupport
import XCTest

@testable import Geometry

/// The planar validity check against GEOS's own (`GEOSisValidDetail`): whatever the planar
/// check passes, GEOS must find valid, on random rings at metric-plane coordinates and on
/// the shapes that break polygons (bow-ties, spikes, repeated points, collinear runs,
/// self-touching vertices, vertices a hair from another edge, holes). It must also pass
/// most plain footprints, or it would save nothing.
final class SimpleRingTests: XCTestCase {
  let ctx = GEOSContext()
  /// A UTM-like origin: rounding there is what the check has to survive.
  let origin = XY(351_234.5, 3_402_817.25)

  func geosValid(_ polys: [PlanarPolygon]) throws -> Bool {
    try Geom.multiPolygon(polys, context: ctx).invalidity() == nil
  }

  func ring(_ pts: [(Double, Double)]) -> [XY] {
    var r = pts.map { XY(origin.x + $0.0, origin.y + $0.1) }
    r.append(r[0])
    return r
  }

  /// A star-shaped ring of `n` vertices around the origin, `radius` metres across.
  func star(_ rng: inout SplitMix64, n: Int, radius: Double) -> [XY] {
    let angles = (0..<n).map { _ in rng.next(in: 0...(2 * Double.pi)) }.sorted()
    return ring(
      angles.map { a in
        let r = radius * rng.next(in: 0.2...1)
        return (r * cos(a), r * sin(a))
      })
  }

  /// Whatever the planar check passes is valid for GEOS; returns the planar answer.
  @discardableResult
  func agree(_ polys: [PlanarPolygon], file: StaticString = #filePath, line: UInt = #line) throws -> Bool {
    let planar = SimpleRing.isCertainlyValid(polys)
    if planar {
      XCTAssertTrue(
        try geosValid(polys), "planar passed a ring GEOS finds invalid: \(polys)", file: file, line: line)
    }
    return planar
  }

  func testRandomRingsNeverPassWhatGEOSRejects() throws {
    var rng = SplitMix64(seed: 0x5113_7E)
    // Rings GEOS finds valid, and invalid; valid rings the planar check passed.
    var (geosValidCount, invalidSeen, passed) = (0, 0, 0)
    for k in 0..<3000 {
      let n = 3 + rng.nextInt(k % 3 == 0 ? 60 : 12)
      var r: [XY]
      switch k % 4 {
      case 0, 1: r = star(&rng, n: n, radius: rng.next(in: 3...80))
      case 2:
        // Random vertices in a box: mostly crossing rings.
        r = ring((0..<n).map { _ in (rng.next(in: 0...30), rng.next(in: 0...30)) })
      default:
        // A footprint with one vertex moved onto, or a hair from, another edge.
        r = star(&rng, n: max(n, 5), radius: 20)
        let e = rng.nextInt(r.count - 1)
        let mid = XY((r[e].x + r[e + 1].x) / 2, (r[e].y + r[e + 1].y) / 2)
        let v = (e + 2 + rng.nextInt(r.count - 4)) % (r.count - 1)
        let hair = [0, 1e-9, -1e-9, 1e-6][rng.nextInt(4)]
        r[v] = XY(mid.x + hair, mid.y - hair)
        if v == 0 { r[r.count - 1] = r[0] }
      }
      let polys = [PlanarPolygon(rings: [r])]
      let valid = try geosValid(polys)
      if valid { geosValidCount += 1 } else { invalidSeen += 1 }
      if try agree(polys) { passed += 1 }
    }
    XCTAssertGreaterThan(invalidSeen, 500)
    // Nearly every valid ring is decided without GEOS.
    XCTAssertGreaterThan(Double(passed), 0.95 * Double(geosValidCount))
  }

  func testBrokenShapesAreLeftToGEOS() throws {
    let cases: [(String, [XY])] = [
      ("bow-tie", ring([(0, 0), (2, 2), (2, 0), (0, 2)])),
      ("spike", ring([(0, 0), (4, 0), (4, 2), (2, 2), (2, 5), (2, 2), (0, 2)])),
      ("collinear fold", ring([(0, 0), (4, 0), (2, 0), (2, 3)])),
      ("triangle flat", ring([(0, 0), (1, 0), (2, 0)])),
      ("touching vertex", ring([(0, 0), (4, 0), (2, 2), (4, 4), (0, 4), (2, 2)])),
      ("vertex on edge", ring([(0, 0), (4, 0), (4, 4), (2, 0.0), (0, 4)])),
      ("repeated point", ring([(0, 0), (4, 0), (4, 0), (4, 4), (0, 4)])),
      ("two points", ring([(0, 0), (4, 0), (0, 0)])),
    ]
    for (name, r) in cases {
      XCTAssertFalse(SimpleRing.isCertainlySimple(r), name)
      try agree([PlanarPolygon(rings: [r])])
    }
    // The repeated point is valid for GEOS: left undecided, not called invalid.
    XCTAssertTrue(try geosValid([PlanarPolygon(rings: [cases[6].1])]))
    XCTAssertFalse(try geosValid([PlanarPolygon(rings: [cases[0].1])]))
  }

  func testCollinearRunsAheadPass() throws {
    let r = ring([(0, 0), (2, 0), (4, 0), (4, 2), (4, 4), (2, 4), (0, 4), (0, 2)])
    XCTAssertTrue(try agree([PlanarPolygon(rings: [r])]))
    // Clockwise as well as counter-clockwise.
    XCTAssertTrue(try agree([PlanarPolygon(rings: [r.reversed()])]))
  }

  func testHolesAndSeveralPolygonsAreLeftToGEOS() throws {
    let shell = ring([(0, 0), (10, 0), (10, 10), (0, 10)])
    let touching = ring([(0, 5), (3, 3), (3, 7)])
    let inside = ring([(2, 2), (2, 4), (4, 4)])
    let other = ring([(20, 0), (30, 0), (30, 10)])
    let shapes = [
      [PlanarPolygon(rings: [shell, touching])], [PlanarPolygon(rings: [shell, inside])],
      [PlanarPolygon(rings: [shell]), PlanarPolygon(rings: [other])],
    ]
    for polys in shapes { XCTAssertFalse(try agree(polys)) }
    XCTAssertTrue(try geosValid(shapes[1]))
  }

  func testLongRingsAreLeftToGEOS() throws {
    var rng = SplitMix64(seed: 7)
    let r = star(&rng, n: 200, radius: 50)
    XCTAssertTrue(try geosValid([PlanarPolygon(rings: [r])]))
    XCTAssertFalse(SimpleRing.isCertainlySimple(r))
    XCTAssertTrue(SimpleRing.isCertainlySimple(r, maxVertices: 256))
  }

  func testNonFiniteAndOpenRings() {
    var r = ring([(0, 0), (4, 0), (4, 4)])
    XCTAssertTrue(SimpleRing.isCertainlySimple(r))
    r[1] = XY(.nan, 0)
    XCTAssertFalse(SimpleRing.isCertainlySimple(r))
    XCTAssertFalse(SimpleRing.isCertainlySimple(Array(ring([(0, 0), (4, 0), (4, 4)]).dropLast())))
  }
}
