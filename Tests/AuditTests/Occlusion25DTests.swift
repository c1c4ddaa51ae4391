import Foundation
import TestSupport
import XCTest

@testable import Audit
@testable import Cameras
@testable import Geometry

/// 2.5-D occlusion (SPEC §2): flat-roofed prisms, an eye at H and targets at h_t.
final class Occlusion25DTests: XCTestCase {
  func box(_ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double) -> PlanarPolygon {
    PlanarPolygon(exterior: [XY(x0, y0), XY(x1, y0), XY(x1, y1), XY(x0, y1), XY(x0, y0)])
  }

  func visible(
    _ fp: PlanarPolygon, _ c: XY, _ buildings: [(PlanarPolygon, Double?)], eye: Double = 5, target: Double = 0
  ) throws -> [PlanarPolygon] {
    let w = try OcclusionWorker(
      buildings: buildings.enumerated().map {
        Building(featureIndex: $0.offset, polygons: [$0.element.0], height: $0.element.1)
      }, targetHeight: target)
    return try w.visible(fp, from: c, eye: eye)
  }

  func area(_ ps: [PlanarPolygon]) -> Double { ps.reduce(0) { $0 + $1.area } }

  /// A 360° camera at the origin, eye 5 m, targets on the ground, and a 2.5 m building on
  /// [10, 20] × [−5, 5]: k = (5 − 0)/(5 − 2.5) = 2, so it hides its copy scaled by 2 about
  /// the camera, [20, 40] × [−10, 10], and everything between: the hull of the two squares,
  /// (10, −5), (20, −10), (40, −10), (40, 10), (20, 10), (10, 5). Over x ∈ [10, 20] its width
  /// grows from 10 to 20 along the rays y = ±x/2: (10 + 20)/2 · 10 = 150 m²; over
  /// x ∈ [20, 40] it is 20 wide: 20 · 20 = 400 m²; 550 m² hidden in all, the building's own
  /// 100 m² included. Its farthest corner (40, 10) is 41.2 m away, inside the 50 m 72-gon,
  /// whose area is ½ · 72 · 50² · sin 5° = 90000 · sin 5°.
  func testLowSquareBuildingHidesItsHandComputedArea() throws {
    let c = XY(0, 0)
    let fp = Footprint.view(center: c, gridHeading: 0, fov: 360, range: 50, minRange: 0)!
    let fpArea = 90000 * sin(5 * Double.pi / 180)
    XCTAssertEqual(fp.area, fpArea, accuracy: 1e-6)
    let vis = try visible(fp, c, [(box(10, -5, 20, 5), 2.5)])
    XCTAssertEqual(area(vis), fpArea - 550, accuracy: 1e-6)
    // With no height the same building hides the whole wedge behind it.
    let flat = try visible(fp, c, [(box(10, -5, 20, 5), nil)])
    XCTAssertLessThan(area(flat), fpArea - 1000)
    // Targets at 1.6 m: k = 3.4/2.5 = 1.36, the copy [13.6, 27.2] × [−6.8, 6.8]; the hull
    // over x ∈ [10, 13.6] widens from 10 to 13.6 ((10 + 13.6)/2 · 3.6 = 42.48 m²) and then
    // is 13.6 wide over x ∈ [13.6, 27.2] (13.6 · 13.6 = 184.96 m²): 227.44 m².
    let faces = try visible(fp, c, [(box(10, -5, 20, 5), 2.5)], target: 1.6)
    XCTAssertEqual(area(faces), fpArea - 227.44, accuracy: 1e-6)
  }

  /// A roof at or above the eye hides what the 2-D rule hides; one at or below the targets
  /// hides only the building.
  func testTallBuildingIsTheTwoDimensionalCaseAndALowOneHidesOnlyItself() throws {
    let c = XY(0, 0)
    let fp = Footprint.view(center: c, gridHeading: 30, fov: 120, range: 60, minRange: 0)!
    let l = PlanarPolygon(exterior: [
      XY(15, 10), XY(35, 10), XY(35, 15), XY(20, 15), XY(20, 30), XY(15, 30), XY(15, 10),
    ])
    let flat = area(try visible(fp, c, [(l, nil)]))
    XCTAssertLessThan(flat, fp.area - 500)
    XCTAssertEqual(area(try visible(fp, c, [(l, 5)])), flat)
    XCTAssertEqual(area(try visible(fp, c, [(l, 40)])), flat)
    XCTAssertEqual(area(try visible(fp, c, [(l, 1.6)], target: 1.6)), fp.area - l.area, accuracy: 1e-6)
    XCTAssertEqual(area(try visible(fp, c, [(l, 0)])), fp.area - l.area, accuracy: 1e-6)
    // In between, it hides more than itself and less than the 2-D shadow.
    let mid = area(try visible(fp, c, [(l, 1.5)]))
    XCTAssertLessThan(mid, fp.area - l.area - 10)
    XCTAssertGreaterThan(mid, flat + 10)
  }

  /// A camera 0.5 cm from a wall is on it: that building does not block it. At 2 cm it is
  /// in front of the wall, which then hides nearly half of the 360° footprint behind it
  /// (unbounded), or its copy scaled by k = 5/(5 − 4) = 5, [−40.08, 9.92] × [−20, 30], cut by
  /// the 40 m range, for a 4 m roof: over a third either way.
  func testCameraWithinOneCentimetreOfAWallIsNotBlocked() throws {
    let b = box(0, 0, 10, 10)
    for roof in [nil, 4.0] as [Double?] {
      let on = XY(10.005, 5)
      let fpOn = Footprint.view(center: on, gridHeading: 0, fov: 360, range: 40, minRange: 0)!
      XCTAssertEqual(area(try visible(fpOn, on, [(b, roof)])), fpOn.area, accuracy: 1e-9)
      let off = XY(10.02, 5)
      let fpOff = Footprint.view(center: off, gridHeading: 0, fov: 360, range: 40, minRange: 0)!
      let hidden = fpOff.area - area(try visible(fpOff, off, [(b, roof)]))
      XCTAssertGreaterThan(hidden, (roof == nil ? 0.45 : 0.34) * fpOff.area)
    }
  }

  /// Random scenes against the definition itself: a target is hidden iff the 3-D segment
  /// from the eye to it passes through a prism. Every sampled point away from a boundary
  /// must be classified alike by the polygons and by the segment test.
  func testRandomScenesAgreeWithSegmentVersusPrism() throws {
    var rng = SplitMix64(seed: 0x25D)
    var checked = (visible: 0, hidden: 0)
    for _ in 0..<12 {
      let scene = Scene3D.random(&rng)
      let fp = Footprint.view(center: scene.camera, gridHeading: 0, fov: 360, range: 60, minRange: 0)!
      let vis = try visible(fp, scene.camera, scene.buildings, eye: scene.eye, target: scene.target)
      for _ in 0..<400 {
        let p = XY(rng.next(in: -60...60), rng.next(in: -60...60))
        guard Scene3D.inside(p, fp), Occlusion.distance(from: p, to: fp) > 1e-4 else { continue }
        if scene.buildings.contains(where: {
          Scene3D.inside(p, $0.0) || Occlusion.distance(from: p, to: $0.0) < 1e-4
        }) {
          continue
        }
        if vis.contains(where: { Occlusion.distance(from: p, to: $0) < 1e-4 }) { continue }
        let seen = vis.contains { Scene3D.inside(p, $0) }
        XCTAssertEqual(seen, !scene.hides(p), "point \(p) eye \(scene.eye) target \(scene.target)")
        if seen { checked.visible += 1 } else { checked.hidden += 1 }
      }
    }
    XCTAssertGreaterThan(checked.visible, 1500)
    XCTAssertGreaterThan(checked.hidden, 300)
  }
}

/// A camera among prisms, and the 3-D definition of a hidden target.
struct Scene3D {
  var camera = XY(0, 0)
  var eye: Double
  var target: Double
  var buildings: [(PlanarPolygon, Double?)]

  /// Rotated rectangles, L shapes and courtyards (a ring with a hole) around the camera,
  /// roofs from none (unbounded) to above the eye.
  static func random(_ rng: inout SplitMix64) -> Scene3D {
    let eye = rng.next(in: 3...12)
    let target = rng.next(in: 0...1) < 0.5 ? 0 : 1.6
    var buildings: [(PlanarPolygon, Double?)] = []
    while buildings.count < 8 {
      let centre = XY(rng.next(in: -45...45), rng.next(in: -45...45))
      let size = rng.next(in: 4...14)
      let angle = rng.next(in: 0...Double.pi)
      let shapes: [[(Double, Double)]] = [
        [(-1, -0.6), (1, -0.6), (1, 0.6), (-1, 0.6)],
        [(-1, -1), (1, -1), (1, -0.3), (-0.3, -0.3), (-0.3, 1), (-1, 1)],
        [(-1, -1), (1, -1), (1, 1), (-1, 1)],
      ]
      let kind = buildings.count % 3
      func ring(_ pts: [(Double, Double)], _ s: Double) -> [XY] {
        Shapes.placed(pts, centre: (centre.x, centre.y), angle: angle, scale: s).map { XY($0.0, $0.1) }
      }
      var rings = [ring(shapes[kind], size / 2)]
      if kind == 2 { rings.append(ring(shapes[2].reversed(), size / 4)) }
      let poly = PlanarPolygon(rings: rings)
      if inside(XY(0, 0), poly) || Occlusion.distance(from: XY(0, 0), to: poly) < 1 { continue }
      let u = rng.next(in: 0...1)
      let roof: Double? = u < 0.2 ? nil : rng.next(in: 0...14)
      buildings.append((poly, roof))
    }
    return Scene3D(eye: eye, target: target, buildings: buildings)
  }

  /// Even-odd over every ring.
  static func inside(_ p: XY, _ poly: PlanarPolygon) -> Bool {
    var odd = false
    for ring in poly.rings {
      for j in 0..<(ring.count - 1) {
        let a = ring[j]
        let b = ring[j + 1]
        if (a.y > p.y) != (b.y > p.y), p.x < a.x + (p.y - a.y) / (b.y - a.y) * (b.x - a.x) { odd.toggle() }
      }
    }
    return odd
  }

  func hides(_ p: XY) -> Bool {
    buildings.contains { Self.blocks($0.0, roof: $0.1, camera, eye, p, target) }
  }

  /// The sight line is under the roof for t ∈ [t0, 1] (C + t(p − C) at height
  /// H − t(H − h_t)); it is blocked iff that part of its ground track meets the interior:
  /// cut it at every edge crossing and test the middle of each piece.
  static func blocks(_ poly: PlanarPolygon, roof: Double?, _ c: XY, _ eye: Double, _ p: XY, _ target: Double)
    -> Bool
  {
    var t0 = 0.0
    if let roof, roof < eye { t0 = (eye - roof) / (eye - target) }
    if t0 >= 1 { return false }
    let a = XY(c.x + t0 * (p.x - c.x), c.y + t0 * (p.y - c.y))
    let d = XY(p.x - a.x, p.y - a.y)
    var cuts = [0.0, 1.0]
    for ring in poly.rings {
      for j in 0..<(ring.count - 1) {
        let u = ring[j]
        let e = XY(ring[j + 1].x - u.x, ring[j + 1].y - u.y)
        let den = d.x * e.y - d.y * e.x
        if den == 0 { continue }
        let s = ((u.x - a.x) * e.y - (u.y - a.y) * e.x) / den
        let r = ((u.x - a.x) * d.y - (u.y - a.y) * d.x) / den
        if s > 0 && s < 1 && r >= 0 && r <= 1 { cuts.append(s) }
      }
    }
    cuts.sort()
    for k in 0..<(cuts.count - 1) {
      let m = (cuts[k] + cuts[k + 1]) / 2
      if inside(XY(a.x + m * d.x, a.y + m * d.y), poly) { return true }
    }
    return false
  }
}

/// Heights as read from a bundle's buildings file.
final class BuildingHeightTests: XCTestCase {
  func testHeightsLevelsAndBadValues() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("camgap-heights-\(getpid())")
    try? FileManager.default.removeItem(at: dir)
    try FileManager.default.copyItem(at: URL(fileURLWithPath: Repo.geodata("tiny")), to: dir)
    defer { try? FileManager.default.removeItem(at: dir) }
    let props = [
      #"{"height": "12.13 m"}"#, #"{"height": "12"}"#, #"{"height": 7}"#, #"{"building:levels": "4"}"#,
      #"{"building:levels": 3, "height": "9.5m"}"#, #"{"height": "tall"}"#, #"{"height": -3}"#,
      #"{"height": "12 ft", "building:levels": 2}"#, #"{"building:levels": "two"}"#, #"{}"#,
    ]
    let features = props.enumerated().map { i, p in
      let x = 121.017 + 0.0005 * Double(i)
      return """
        {"type": "Feature", "properties": \(p), "geometry": {"type": "Polygon", "coordinates":
         [[[\(x), 30.691], [\(x + 0.0002), 30.691], [\(x + 0.0002), 30.6912], [\(x), 30.6912], [\(x), 30.691]]]}}
        """
    }
    try (#"{"type": "FeatureCollection", "features": ["# + features.joined(separator: ",\n") + "]}")
      .write(to: dir.appendingPathComponent("buildings.geojson"), atomically: true, encoding: .utf8)
    let input = try BundleLoader.load(directory: dir.path)
    let b = input.buildings
    XCTAssertEqual(b.map(\.featureIndex), Array(0..<10))
    XCTAssertEqual(b.map { $0.roofHeight(levelHeight: 3) }, [12.13, 12, 7, 12, 9.5, nil, nil, nil, nil, nil])
    XCTAssertEqual(b[3].roofHeight(levelHeight: 2.5), 10)
    let heights = input.warnings.filter { $0.hasPrefix("buildings.geojson") }
    XCTAssertEqual(
      heights,
      [
        "buildings.geojson: feature 5: field \"height\": \"tall\" is not a height in metres (a number ≥ 0, optionally with the unit m); the building is taken as unbounded",
        "buildings.geojson: feature 6: field \"height\": -3 is not a height in metres (a number ≥ 0, optionally with the unit m); the building is taken as unbounded",
        "buildings.geojson: feature 7: field \"height\": \"12 ft\" is not a height in metres (a number ≥ 0, optionally with the unit m); the building is taken as unbounded",
        "buildings.geojson: feature 8: field \"building:levels\": \"two\" is not a number of levels ≥ 0; the building is taken as unbounded",
      ])
  }

  func testHeightTexts() {
    let good: [(String, Double)] = [
      ("12", 12), ("12.5", 12.5), ("12.5 m", 12.5), ("12.5m", 12.5), (" 3 m ", 3),
    ]
    for (s, v) in good { XCTAssertEqual(BuildingHeights.metres(.string(s)), v, s) }
    for s in ["tall", "-3", "12 ft", "1e3", "", "m", ".5", "5.", "1.2.3", "12 mm", "12,5"] {
      XCTAssertNil(BuildingHeights.metres(.string(s)), s)
    }
    XCTAssertEqual(BuildingHeights.number(.string("3.5"), unit: false), 3.5)
    XCTAssertNil(BuildingHeights.number(.string("3 m"), unit: false))
    XCTAssertNil(BuildingHeights.metres(.number(-1)))
  }
}

/// geodata/helsinki: OSM `height` on 16 buildings and `building:levels` on 149 (11 have
/// both), so 154 have a roof; most are 4–8 storeys, over every eye, and block as in 2-D.
final class HelsinkiHeightsTests: XCTestCase {
  func testHeightsUncoverWhatLowBuildingsHid() throws {
    let input = try BundleLoader.load(directory: Repo.geodata("helsinki"))
    XCTAssertEqual(input.buildings.filter { $0.height != nil }.count, 16)
    XCTAssertEqual(input.buildings.filter { $0.roofHeight(levelHeight: 3) != nil }.count, 154)
    var flat = input
    for i in flat.buildings.indices {
      flat.buildings[i].height = nil
      flat.buildings[i].levels = nil
    }
    var o = AuditOptions()
    o.optics.unknownHeading = .disc
    let r2 = try AuditEngine.run(flat, options: o)
    let r25 = try AuditEngine.run(input, options: o)
    XCTAssertEqual(r2.summary.covered, 303084.834, accuracy: 0.001)
    XCTAssertEqual(r25.summary.covered, 303179.526, accuracy: 0.001)
    // Public space does not depend on heights. It is summed per tile, and the automatic tile
    // size follows the number of footprint pieces, which overlay slivers of 1e-9 m² change
    // between the two runs: the sums agree to rounding.
    XCTAssertEqual(
      r25.summary.districtArea, r2.summary.districtArea, accuracy: 1e-9 * r2.summary.districtArea)
    // Targets at face height lengthen no shadow: more is seen still.
    o.targetHeight = 1.6
    XCTAssertEqual(try AuditEngine.run(input, options: o).summary.covered, 303671.872, accuracy: 0.001)
    try checkChangedFootprintsPointByPoint(input, flat)
  }

  /// The second route: every camera whose footprint the heights change, sampled against
  /// the segment-versus-prism definition over the buildings near it.
  func checkChangedFootprintsPointByPoint(_ input: AuditInput, _ flat: AuditInput) throws {
    var o = AuditOptions()
    o.optics.unknownHeading = .disc
    let with = try FootprintBuilder.build(input, options: o, threads: 2)
    let without = try FootprintBuilder.build(flat, options: o, threads: 2)
    func byCamera(_ s: FootprintSet) -> [Int: [PlanarPolygon]] {
      Dictionary(grouping: s.items, by: \.camera).mapValues { $0.map(\.polygon) }
    }
    let a = byCamera(with)
    let b = byCamera(without)
    let changed = a.keys.sorted().filter { k in
      abs(a[k]!.reduce(0) { $0 + $1.area } - (b[k] ?? []).reduce(0) { $0 + $1.area }) > 1e-6
    }
    XCTAssertEqual(changed.count, 8)
    var rng = SplitMix64(seed: 17)
    var agreed = 0
    for k in changed {
      let pc = input.cameras[k]
      let fps = Footprint.polygons(
        of: with.optics[k]!, at: pc.position, convergence: pc.convergence)
      let near = input.buildings.flatMap { bd in
        bd.polygons.map { ($0, bd.roofHeight(levelHeight: 3)) }
      }.filter { Occlusion.distance(from: pc.position, to: $0.0) < 200 }
      // A building the camera is on does not block it (SPEC §2).
      let blocking = near.filter {
        !Scene3D.inside(pc.position, $0.0) && Occlusion.distance(from: pc.position, to: $0.0) > 0.01
      }
      let scene = Scene3D(
        camera: pc.position, eye: Occlusion.eye(of: pc.camera), target: 0, buildings: blocking)
      for fp in fps {
        let box = fp.bbox
        for _ in 0..<300 {
          let p = XY(rng.next(in: box.minX...box.maxX), rng.next(in: box.minY...box.maxY))
          guard Scene3D.inside(p, fp), Occlusion.distance(from: p, to: fp) > 1e-4 else { continue }
          if near.contains(where: { Scene3D.inside(p, $0.0) || Occlusion.distance(from: p, to: $0.0) < 1e-4 })
          {
            continue
          }
          let vis = a[k]!
          if vis.contains(where: { Occlusion.distance(from: p, to: $0) < 1e-4 }) { continue }
          XCTAssertEqual(
            vis.contains { Scene3D.inside(p, $0) }, !scene.hides(p), "camera \(pc.camera.id) at \(p)")
          agreed += 1
        }
      }
    }
    XCTAssertGreaterThan(agreed, 1000)
  }
}
