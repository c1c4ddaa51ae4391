import XCTest

@testable import Audit
@testable import Cameras
@testable import Geometry

/// Districts lose their buildings tile by tile: the audit's public space, covered area and
/// gaps must be those of the one global difference (district minus the union of its
/// buildings), whatever the tiles cut.
final class PublicSpaceTests: XCTestCase {
  static let crs = "EPSG:32651"
  static let origin = XY(310_000, 3_397_000)

  func rect(_ x: Double, _ y: Double, _ w: Double, _ h: Double) -> PlanarPolygon {
    let o = Self.origin
    return PlanarPolygon(exterior: [
      XY(o.x + x, o.y + y), XY(o.x + x + w, o.y + y), XY(o.x + x + w, o.y + y + h), XY(o.x + x, o.y + y + h),
      XY(o.x + x, o.y + y),
    ])
  }

  /// Two districts side by side (the second an L), buildings across the 100 m tile edges,
  /// across the district boundary, overlapping each other and one with a courtyard, and
  /// three cameras whose footprints the buildings shade.
  func scene() throws -> AuditInput {
    let proj = try Projector(crs: Self.crs)
    let ell = PlanarPolygon(
      exterior: [
        (300, 0), (500, 0), (500, 120), (420, 120), (420, 300), (300, 300), (300, 0),
      ].map { XY(Self.origin.x + $0.0, Self.origin.y + $0.1) })
    let districts = [
      District(code: "D1", name: "一", parent: nil, featureIndex: 0, polygons: [rect(0, 0, 300, 300)]),
      District(code: "D2", name: "二", parent: nil, featureIndex: 1, polygons: [ell]),
    ]
    var shapes: [PlanarPolygon] = [
      rect(80, 80, 40, 30), rect(190, 95, 20, 20), rect(95, 190, 15, 25), rect(195, 195, 12, 12),
      rect(280, 40, 45, 20), rect(40, 40, 25, 25), rect(55, 50, 25, 25), rect(410, 100, 30, 40),
      rect(150, 250, 30, 60),
    ]
    let court = rect(130, 130, 40, 40)
    let yard = rect(140, 140, 20, 20)
    shapes.append(PlanarPolygon(rings: [court.exterior, Array(yard.exterior.reversed())]))
    let buildings = shapes.enumerated().map { Building(featureIndex: $0.offset, polygons: [$0.element]) }
    var cameras: [PlacedCamera] = []
    for (k, (x, y, range)) in [(60.0, 130.0, 90.0), (250.0, 150.0, 120.0), (360.0, 60.0, 80.0)].enumerated() {
      let p = try proj.inverse(XY(Self.origin.x + x, Self.origin.y + y))
      var c = Camera(id: "C\(k)", lon: p.x, lat: p.y)
      c.kind = .panoramic
      c.range = range
      cameras.append(
        PlacedCamera(
          camera: c, position: try proj.forward(p), convergence: try proj.convergence(lon: p.x, lat: p.y)))
    }
    return AuditInput(
      crs: Self.crs, districts: districts, zones: [], roads: [], buildings: buildings, cameras: cameras,
      skippedNonCameras: 0, warnings: [])
  }

  func testTiledPublicSpaceEqualsTheGlobalDifference() throws {
    let input = try scene()
    var options = AuditOptions()
    options.tileSize = 100
    options.threads = 2
    let tiled = try AuditEngine.run(input, options: options)

    // The global difference, as the audit took it before tiles did: each district less the
    // union of every building touching its box, then less the footprints.
    let ctx = GEOSContext()
    let space = try PublicSpace(input, context: ctx)
    let fps = try FootprintBuilder.build(input, options: options, threads: 1)
    let cover = try Geom.unionAll(
      consuming: fps.items.map { try Geom.polygon($0.polygon, context: ctx) }, context: ctx)
    var gapAreas: [Double] = []
    for (i, d) in input.districts.enumerated() {
      let publicSpace = try space.of(d.polygons)
      let area = try publicSpace.area()
      let row = tiled.districts[i]
      XCTAssertEqual(row.area, area, accuracy: 1e-9 * area, d.code)
      let gaps = try publicSpace.difference(cover)
      XCTAssertEqual(row.covered, area - (try gaps.area()), accuracy: 1e-9 * area, d.code)
      gapAreas += try gaps.polygons().map(\.area).filter { $0 >= options.minGapArea }
    }
    // Buildings take a real share: the test would pass vacuously without them.
    let drawn = 300.0 * 300 + (200 * 120 + 120 * 180)
    XCTAssertLessThan(tiled.districts.reduce(0) { $0 + $1.area }, drawn - 5_000)

    gapAreas.sort(by: >)
    let got = tiled.gaps.map(\.area)
    XCTAssertEqual(got.count, gapAreas.count)
    XCTAssertGreaterThan(got.count, 1)
    for (a, b) in zip(got, gapAreas) { XCTAssertEqual(a, b, accuracy: 1e-9 * b) }

    // One tile over everything cuts nothing: the same rows, gaps and centroids.
    options.tileSize = 100_000
    let whole = try AuditEngine.run(input, options: options)
    XCTAssertEqual(whole.gaps.map(\.id), tiled.gaps.map(\.id))
    for (a, b) in zip(whole.gaps, tiled.gaps) {
      XCTAssertEqual(a.area, b.area, accuracy: 1e-9 * b.area, a.id)
      XCTAssertEqual(a.centroid.x, b.centroid.x, accuracy: 1e-9, a.id)
      XCTAssertEqual(a.centroid.y, b.centroid.y, accuracy: 1e-9, a.id)
    }
    for (a, b) in zip(whole.districts, tiled.districts) {
      XCTAssertEqual(a.area, b.area, accuracy: 1e-9 * b.area)
      XCTAssertEqual(a.covered, b.covered, accuracy: 1e-9 * b.area)
    }
  }
}
