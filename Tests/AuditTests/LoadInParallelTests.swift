import Support
import TestSupport
import XCTest

@testable import Audit
@testable import Formats
@testable import Geometry

/// A city's buildings are projected, read and cut from the zones on several cores: the
/// results must be those of one pass on one core, coordinate for coordinate, in order.
final class LoadInParallelTests: XCTestCase {
  static let crs = "EPSG:32651"

  /// `n` small buildings in lon/lat around Jiaxing, every fifth with a courtyard and every
  /// seventh of two parts.
  func buildings(_ n: Int, seed: UInt64) -> [Building] {
    var rng = SplitMix64(seed: seed)
    return (0..<n).map { k in
      let x = 120.7 + rng.next(in: 0...0.1)
      let y = 30.7 + rng.next(in: 0...0.1)
      let d = rng.next(in: 0.0001...0.0005)
      func square(_ x: Double, _ y: Double, _ d: Double) -> [XY] {
        [XY(x, y), XY(x + d, y), XY(x + d, y + d), XY(x, y + d), XY(x, y)]
      }
      var polys = [PlanarPolygon(rings: [square(x, y, d)])]
      if k % 5 == 0 { polys[0].rings.append(square(x + d / 4, y + d / 4, d / 2).reversed()) }
      if k % 7 == 0 { polys.append(PlanarPolygon(rings: [square(x + 2 * d, y, d)])) }
      return Building(featureIndex: k, polygons: polys, height: Double(k % 30))
    }
  }

  func testBatchedProjectionIsRingByRing() throws {
    let lonlat = buildings(25_000, seed: 3)
    let proj = try Projector(crs: Self.crs)
    var areas = BundleLoader.Areas(districts: [], zones: [], roads: [], buildings: lonlat)
    try areas.project(proj, convert: nil, threads: 2)
    XCTAssertEqual(areas.buildings.count, lonlat.count)
    for (b, ll) in zip(areas.buildings, lonlat) {
      XCTAssertEqual(b.featureIndex, ll.featureIndex)
      XCTAssertEqual(b.height, ll.height)
      XCTAssertEqual(b.polygons, try ll.polygons.map { try $0.mapRings { try proj.forward(points: $0) } })
    }
    // Metres, not degrees: UTM 51N eastings near Jiaxing.
    XCTAssertEqual(areas.buildings[0].polygons[0].rings[0][0].x, 300_000, accuracy: 30_000)
  }

  /// Bad heights and bad geometry anywhere in the file come out in feature order.
  func testBuildingsReadInPartsKeepFeatureOrder() throws {
    let n = 24_000
    var features: [Feature] = []
    for k in 0..<n {
      let ring = [XY(120, 30), XY(120.001, 30), XY(120.001, 30.001), XY(120, 30)]
      let geometry: LonLatGeometry? = k % 997 == 0 ? .point(XY(120, 30)) : .polygon([ring])
      var props: [(String, JSON)] = [("id", .string("B\(k)"))]
      if k % 1499 == 0 { props.append(("height", .string("tall"))) }
      if k % 10 == 1 { props.append(("building:levels", .number(Double(k % 9)))) }
      features.append(Feature(index: k, geometry: geometry, properties: props))
    }
    let fc = FeatureCollection(file: "buildings.geojson", features: features, warnings: [])
    var one = AreaProblems()
    var oneWarnings: [String] = []
    let serial = try BundleLoader.parseBuildings(fc, &one, warnings: &oneWarnings, threads: 1)
    var two = AreaProblems()
    var twoWarnings: [String] = []
    let parallel = try BundleLoader.parseBuildings(fc, &two, warnings: &twoWarnings, threads: 2)
    XCTAssertEqual(serial.count, n - (n + 996) / 997)
    XCTAssertEqual(parallel.map(\.featureIndex), serial.map(\.featureIndex))
    XCTAssertEqual(parallel.map(\.levels), serial.map(\.levels))
    XCTAssertEqual(parallel.map(\.polygons), serial.map(\.polygons))
    XCTAssertEqual(twoWarnings, oneWarnings)
    XCTAssertEqual(oneWarnings.count, (n + 1498) / 1499 - 1)
    XCTAssertTrue(oneWarnings[0].hasPrefix("buildings.geojson: feature 1499: field \"height\": \"tall\""))
    XCTAssertEqual(two.errors.map(\.description), one.errors.map(\.description))
    XCTAssertEqual(one.errors.count, (n + 996) / 997)
    XCTAssertEqual(one.errors.last?.location, .feature(23_928))
  }

  /// Zones less their buildings on three workers are the zones less their buildings on one.
  func testZonesPublicSpaceIsTheSameOnAnyNumberOfWorkers() throws {
    let proj = try Projector(crs: Self.crs)
    var areas = BundleLoader.Areas(districts: [], zones: [], roads: [], buildings: buildings(3_000, seed: 9))
    try areas.project(proj, convert: nil)
    var rng = SplitMix64(seed: 11)
    var zones: [[PlanarPolygon]] = []
    for _ in 0..<24 {
      let c = try proj.forward(XY(120.7 + rng.next(in: 0.01...0.09), 30.7 + rng.next(in: 0.01...0.09)))
      let w = rng.next(in: 100...600)
      let ring = [XY(c.x, c.y), XY(c.x + w, c.y), XY(c.x + w, c.y + w), XY(c.x, c.y + w), XY(c.x, c.y)]
      zones.append([PlanarPolygon(rings: [ring])])
    }
    let input = AuditInput(
      crs: Self.crs, districts: [], zones: [], roads: [], buildings: areas.buildings, cameras: [],
      skippedNonCameras: 0, warnings: [])
    let space = try PublicSpace(input, context: GEOSContext())
    let one = try space.targets(zones, wantGaps: true, wantClasses: false, threads: 1)
    let three = try space.targets(zones, wantGaps: true, wantClasses: false, threads: 3)
    XCTAssertEqual(three.map(\.1), one.map(\.1))
    XCTAssertEqual(three.map(\.0.polygons), one.map(\.0.polygons))
    XCTAssertEqual(three.map(\.0.bbox), one.map(\.0.bbox))
    // Buildings were taken out: some zone lost area, none gained any.
    let drawn = zones.map { $0[0].area }
    XCTAssertTrue(zip(one, drawn).allSatisfy { $0.1 <= $1 + 1e-6 })
    XCTAssertTrue(zip(one, drawn).contains { $0.1 < $1 - 1 })
  }
}
