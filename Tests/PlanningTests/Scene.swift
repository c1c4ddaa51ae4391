import Foundation
import TestSupport
import XCTest

@testable import Audit
@testable import Cameras
@testable import Geometry
@testable import Planning

/// A bundle built in code, in the metric plane of WGS 84 / UTM 51N near Pinghu (as
/// geodata/tiny): local coordinates are metres from (310000, 3397000).
final class Scene {
  static let crs = "EPSG:32651"
  static let origin = XY(310_000, 3_397_000)
  let proj: Projector
  var districts: [District] = []
  var zones: [Zone] = []
  var buildings: [Building] = []
  var roads: [Road] = []
  var cameras: [PlacedCamera] = []

  init(size: Double) throws {
    proj = try Projector(crs: Scene.crs)
    districts = [
      District(
        code: "330482001000", name: "试验街道", parent: nil, featureIndex: 0, polygons: [rect(0, 0, size, size)])
    ]
  }

  func rect(_ x: Double, _ y: Double, _ w: Double, _ h: Double) -> PlanarPolygon {
    let o = Scene.origin
    return PlanarPolygon(exterior: [
      XY(o.x + x, o.y + y), XY(o.x + x + w, o.y + y), XY(o.x + x + w, o.y + y + h), XY(o.x + x, o.y + y + h),
      XY(o.x + x, o.y + y),
    ])
  }

  func zone(
    _ id: String, _ kind: ZoneKind, target: Double? = nil, _ x: Double, _ y: Double, _ w: Double, _ h: Double
  ) {
    zones.append(
      Zone(
        id: id, name: id, kind: kind, target: target ?? kind.defaultTarget, validFrom: nil, validTo: nil,
        featureIndex: zones.count,
        polygons: [rect(x, y, w, h)]))
  }

  func building(_ x: Double, _ y: Double, _ w: Double, _ h: Double) {
    buildings.append(Building(featureIndex: buildings.count, polygons: [rect(x, y, w, h)]))
  }

  func road(_ id: String, _ pts: [(Double, Double)]) {
    roads.append(
      Road(id: id, name: id, lines: [pts.map { XY(Scene.origin.x + $0.0, Scene.origin.y + $0.1) }]))
  }

  /// Longitude/latitude of a local point, as a planner's file would give it.
  func lonLat(_ x: Double, _ y: Double) throws -> XY {
    try proj.inverse(XY(Scene.origin.x + x, Scene.origin.y + y))
  }

  /// A camera placed the way BundleLoader places it: projected from its lon/lat.
  func placed(_ c: Camera) throws -> PlacedCamera {
    PlacedCamera(
      camera: c, position: try proj.forward(XY(c.lon, c.lat)),
      convergence: try proj.convergence(lon: c.lon, lat: c.lat))
  }

  func camera(
    _ id: String, _ x: Double, _ y: Double, kind: CameraKind, heading: Double? = nil, fov: Double? = nil,
    range: Double
  ) throws {
    let p = try lonLat(x, y)
    var c = Camera(id: id, lon: p.x, lat: p.y)
    c.kind = kind
    c.fov = fov
    c.range = range
    if let heading { c.views = [ViewDirection(heading: heading)] }
    cameras.append(try placed(c))
  }

  func site(
    _ id: String, _ x: Double, _ y: Double, kind: CameraKind? = nil, heading: Double? = nil,
    fov: Double? = nil, range: Double? = nil
  ) throws -> CandidateSite {
    let p = try lonLat(x, y)
    return CandidateSite(id: id, lon: p.x, lat: p.y, kind: kind, fov: fov, range: range, heading: heading)
  }

  var input: AuditInput {
    AuditInput(
      crs: Scene.crs, districts: districts, zones: zones, roads: roads, buildings: buildings,
      cameras: cameras,
      skippedNonCameras: 0, warnings: [])
  }

  /// The same input with the proposals added as planned cameras.
  func withProposals(_ r: PlanResult) throws -> AuditInput {
    var i = input
    for p in r.proposals { i.cameras.append(try placed(p.camera)) }
    return i
  }
}

/// The objective computed from scratch with GEOS, independently of the planner's
/// incremental bookkeeping: Σ over zones of weight × area(zone gap ∩ union of the
/// chosen footprints), the gap being the zone minus the existing footprints (no buildings).
struct BruteForce {
  let ctx = GEOSContext()
  var gaps: [Geom] = []
  var weights: [Double] = []
  var footprints: [[PlanarPolygon]] = []

  init(scene: Scene, sites: [CandidateSite], options: PlanOptions) throws {
    precondition(scene.buildings.isEmpty, "the brute force ignores occlusion")
    var existing: [Geom] = []
    for c in scene.cameras {
      for p in Footprint.polygons(
        of: Optics.resolve(c.camera, options.audit.optics), at: c.position, convergence: c.convergence)
      {
        existing.append(try Geom.polygon(p, context: ctx))
      }
    }
    let covered = try Geom.unionAll(consuming: existing, context: ctx)
    for z in scene.zones {
      let zg = try Geom.multiPolygon(z.polygons, context: ctx)
      let ratio = try zg.intersection(covered).area() / zg.area()
      gaps.append(try zg.difference(covered))
      weights.append(ratio >= z.target && !options.beyondTarget ? 0 : options.weight(z.kind))
    }
    for s in sites {
      let pos = try scene.proj.forward(XY(s.lon, s.lat))
      let gamma = try scene.proj.convergence(lon: s.lon, lat: s.lat)
      let kind = s.kind ?? options.camera.kind
      let fov = s.fov ?? options.camera.fov ?? kind.defaultFOV
      let range = s.range ?? options.camera.range ?? kind.defaultRange
      let heading = fov >= 360 ? 0 : s.heading!
      footprints.append(
        [Footprint.view(center: pos, gridHeading: heading - gamma, fov: fov, range: range, minRange: 0)!])
    }
  }

  func value(_ chosen: [Int]) throws -> Double {
    if chosen.isEmpty { return 0 }
    var geoms: [Geom] = []
    for i in chosen { for p in footprints[i] { geoms.append(try Geom.polygon(p, context: ctx)) } }
    let u = try Geom.unionAll(consuming: geoms, context: ctx)
    var v = 0.0
    for (z, g) in gaps.enumerated() where weights[z] > 0 { v += weights[z] * (try g.intersection(u).area()) }
    return v
  }

  /// Best value over every subset of `k` candidates.
  func optimum(_ k: Int) throws -> (value: Double, set: [Int]) {
    var best = (value: -1.0, set: [Int]())
    func recurse(_ start: Int, _ chosen: inout [Int]) throws {
      if chosen.count == k {
        let v = try value(chosen)
        if v > best.value { best = (v, chosen) }
        return
      }
      if start >= footprints.count { return }
      for i in start..<footprints.count {
        chosen.append(i)
        try recurse(i + 1, &chosen)
        chosen.removeLast()
      }
    }
    var chosen: [Int] = []
    try recurse(0, &chosen)
    return best
  }

  /// Plain (not lazy) greedy: every candidate's gain recomputed from scratch each round.
  func greedy(_ k: Int) throws -> [(index: Int, gain: Double)] {
    var chosen: [Int] = []
    var out: [(Int, Double)] = []
    var base = 0.0
    for _ in 0..<k {
      var best = (index: -1, value: base)
      for i in footprints.indices where !chosen.contains(i) {
        let v = try value(chosen + [i])
        if v > best.value { best = (i, v) }
      }
      if best.index < 0 { break }
      chosen.append(best.index)
      out.append((best.index, best.value - base))
      base = best.value
    }
    return out
  }
}
