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

  /// The global difference, as the audit took it before tiles did: each target less the
  /// union of every building touching its box, then less the footprints.
  struct Reference {
    let ctx = GEOSContext()
    let space: PublicSpace
    let fps: FootprintSet

    init(_ input: AuditInput, options: AuditOptions) throws {
      space = try PublicSpace(input, context: ctx)
      fps = try FootprintBuilder.build(input, options: options, threads: 1)
    }

    func union(_ items: [FootprintSet.Item]) throws -> Geom {
      try Geom.unionAll(consuming: items.map { try Geom.polygon($0.polygon, context: ctx) }, context: ctx)
    }
  }

  /// The audit in 100 m tiles on two threads, and the reference to hold it against.
  func tiledAndReference(_ input: AuditInput) throws -> (AuditOptions, AuditResult, Reference) {
    var options = AuditOptions()
    options.tileSize = 100
    options.threads = 2
    return (options, try AuditEngine.run(input, options: options), try Reference(input, options: options))
  }

  func testTiledPublicSpaceEqualsTheGlobalDifference() throws {
    let input = try scene()
    var (options, tiled, ref) = try tiledAndReference(input)
    let space = ref.space
    let cover = try ref.union(ref.fps.items)
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

  /// A zone in the corner, so districts want no gaps and the tiles measure them as drawn.
  func cornerZone() -> Zone {
    Zone(
      id: "Z1", name: "角", kind: .keySite, target: 0.5, validFrom: nil, validTo: nil, featureIndex: 0,
      polygons: [rect(5, 260, 30, 30)])
  }

  /// A camera at `(x, y)` from the origin looking along grid bearing `bearing`.
  func camera(_ id: String, _ x: Double, _ y: Double, bearing: Double, fov: Double, range: Double, cls: Int?)
    throws -> PlacedCamera
  {
    let proj = try Projector(crs: Self.crs)
    let p = try proj.inverse(XY(Self.origin.x + x, Self.origin.y + y))
    let gamma = try proj.convergence(lon: p.x, lat: p.y)
    var c = Camera(id: id, lon: p.x, lat: p.y)
    c.views = [ViewDirection(heading: bearing + gamma)]
    c.fov = fov
    c.range = range
    c.cameraClass = cls
    return PlacedCamera(camera: c, position: try proj.forward(p), convergence: gamma)
  }

  /// A camera on a building's west wall looking north sees the building's roof with the
  /// east half of its half-disc (a camera on a wall is not blocked by its own building):
  /// that half is not public space. 180° in 36 steps of 5° at 20 m is 0.5·36·sin 5°·400 m²,
  /// symmetric about the wall, so 3,600·sin 5° m² (half of it) is covered.
  func testCameraOnAWallCoversNoRoof() throws {
    let building = Building(featureIndex: 0, polygons: [rect(80, 70, 40, 50)])
    let input = AuditInput(
      crs: Self.crs,
      districts: [
        District(code: "D1", name: "一", parent: nil, featureIndex: 0, polygons: [rect(0, 0, 300, 300)])
      ],
      zones: [cornerZone()], roads: [], buildings: [building],
      cameras: [try camera("W", 80, 95, bearing: 0, fov: 180, range: 20, cls: 1)], skippedNonCameras: 0,
      warnings: [])
    let half = 3_600 * sin(5 * Double.pi / 180)
    for tile in [100.0, 100_000] {
      var options = AuditOptions()
      options.tileSize = tile
      let result = try AuditEngine.run(input, options: options)
      XCTAssertEqual(result.districts[0].area, 90_000 - 2_000, accuracy: 1e-6)
      XCTAssertEqual(result.districts[0].covered, half, accuracy: 1e-6, "tile \(tile)")
      XCTAssertEqual(result.classes.first { $0.cameraClass == 1 }?.covered ?? 0, half, accuracy: 1e-6)
    }
  }

  /// With a zone, districts are measured as drawn and lose only what footprints cover
  /// inside buildings: the same covered public space as the global difference, with two
  /// cameras on walls looking into their buildings and every camera of a class.
  func testDistrictsMeasuredAsDrawnEqualTheGlobalDifference() throws {
    var input = try scene()
    input.zones = [cornerZone()]
    input.cameras += [
      try camera("W1", 80, 95, bearing: 60, fov: 120, range: 35, cls: 2),
      try camera("W2", 420, 110, bearing: 300, fov: 90, range: 30, cls: 3),
    ]
    for i in input.cameras.indices where input.cameras[i].camera.cameraClass == nil {
      input.cameras[i].camera.cameraClass = 1
    }
    let (_, tiled, ref) = try tiledAndReference(input)
    let (ctx, space, fps) = (ref.ctx, ref.space, ref.fps)
    let union = ref.union
    let cover = try union(fps.items)
    var roofSeen = 0.0
    for (i, d) in input.districts.enumerated() {
      let publicSpace = try space.of(d.polygons)
      let area = try publicSpace.area()
      XCTAssertEqual(tiled.districts[i].area, area, accuracy: 1e-9 * area, d.code)
      let covered = try publicSpace.intersection(cover).area()
      XCTAssertEqual(tiled.districts[i].covered, covered, accuracy: 1e-9 * area, d.code)
      roofSeen += try Geom.multiPolygon(d.polygons, context: ctx).intersection(cover).area() - covered
    }
    // The wall cameras do see roofs: without taking them out the test would pass vacuously.
    XCTAssertGreaterThan(roofSeen, 500)
    var all = BBox.empty
    for d in input.districts { for p in d.polygons { all.add(p.bbox) } }
    let districts = try space.of(input.districts.flatMap(\.polygons))
    for cls in 1...3 {
      let own = try union(fps.items.filter { $0.cameraClass == cls })
      let covered = try districts.intersection(own).area()
      let row = tiled.classes.first { $0.cameraClass == cls }
      XCTAssertEqual(row?.covered ?? 0, covered, accuracy: 1e-9 * all.width * all.height, "class \(cls)")
    }
  }

  /// Two small cameras whose footprints lie inside a panoramic camera's disc as the
  /// buildings notch it: they are left out of the zone's union (both) and of the sweep
  /// (the one of the same class), and every area is still the global difference's.
  func testFootprintsInsideANotchedDiscAddNothing() throws {
    var input = try scene()
    let zone = Zone(
      id: "Z2", name: "西", kind: .keySite, target: 0.5, validFrom: nil, validTo: nil, featureIndex: 0,
      polygons: [rect(0, 100, 80, 80)])
    input.zones = [zone]
    input.cameras += [
      try camera("S1", 20, 150, bearing: 0, fov: 360, range: 10, cls: nil),
      try camera("S2", 30, 120, bearing: 90, fov: 60, range: 15, cls: 2),
    ]
    let (options, tiled, ref) = try tiledAndReference(input)
    let fps = ref.fps
    let inside = try CoverageEngine.inside(of: fps, threads: 2)
    let small = fps.items.indices.filter { fps.items[$0].camera >= 3 }
    XCTAssertEqual(small.map { inside.any[$0] }, [true, true])
    XCTAssertEqual(small.map { inside.sameClass[$0] }, [true, false])
    // Without buildings footprints stay convex: the step is not run at all.
    var bare = input
    bare.buildings = []
    let plain = try FootprintBuilder.build(bare, options: options, threads: 1)
    XCTAssertTrue(try CoverageEngine.inside(of: plain, threads: 1).any.isEmpty)
    XCTAssertFalse(PointInRing.isConvex(fps.items[0].polygon.rings[0]), "the panoramic disc is notched")

    let cover = try ref.union(fps.items)
    let publicSpace = try ref.space.of(zone.polygons)
    let area = try publicSpace.area()
    let gaps = try publicSpace.difference(cover)
    XCTAssertEqual(tiled.zones[0].area, area, accuracy: 1e-9 * area)
    XCTAssertEqual(tiled.zones[0].covered, area - (try gaps.area()), accuracy: 1e-9 * area)
    let want = try gaps.polygons().map(\.area).filter { $0 >= options.minGapArea }.sorted(by: >)
    let got = tiled.gaps.map(\.area)
    XCTAssertEqual(got.count, want.count)
    for (a, b) in zip(got, want) { XCTAssertEqual(a, b, accuracy: 1e-9 * b) }
    for (i, d) in input.districts.enumerated() {
      let space = try ref.space.of(d.polygons)
      let covered = try space.intersection(cover).area()
      XCTAssertEqual(tiled.districts[i].covered, covered, accuracy: 1e-9 * (try space.area()), d.code)
    }
    let districts = try ref.space.of(input.districts.flatMap(\.polygons))
    let own = try ref.union(fps.items.filter { $0.cameraClass == 2 })
    let row = tiled.classes.first { $0.cameraClass == 2 }
    XCTAssertEqual(row?.covered ?? 0, try districts.intersection(own).area(), accuracy: 1e-6)
    XCTAssertGreaterThan(row?.covered ?? 0, 50)
  }

  /// A zone's public space by hand: an L of 6,400 m² less a building inside it (100 m²),
  /// the part of one across its corner (100 m²) and two that overlap each other (175 m²);
  /// a building in the L's notch, inside the zone's box but not the zone, takes nothing.
  func testZonePublicSpaceByHand() throws {
    let o = Self.origin
    let ell = PlanarPolygon(
      exterior: [(0, 0), (100, 0), (100, 40), (40, 40), (40, 100), (0, 100), (0, 0)].map {
        XY(o.x + $0.0, o.y + $0.1)
      })
    let shapes = [
      rect(10, 10, 10, 10), rect(90, 30, 20, 20), rect(20, 50, 10, 10), rect(25, 55, 10, 10),
      rect(60, 60, 20, 20),
    ]
    let input = AuditInput(
      crs: Self.crs, districts: [], zones: [], roads: [],
      buildings: shapes.enumerated().map { Building(featureIndex: $0.offset, polygons: [$0.element]) },
      cameras: [],
      skippedNonCameras: 0, warnings: [])
    let ctx = GEOSContext()
    let space = try PublicSpace(input, context: ctx)
    XCTAssertEqual(try space.of([ell]).area(), 6_400 - 100 - 100 - 175, accuracy: 1e-6)
    let (target, area) = try space.target([ell], wantGaps: true, wantClasses: false)
    XCTAssertEqual(area, 6_025, accuracy: 1e-6)
    XCTAssertEqual(target.polygons.reduce(0) { $0 + $1.area }, 6_025, accuracy: 1e-6)
  }
}
