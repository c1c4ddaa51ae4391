import Audit
import Cameras
import Foundation
import Geometry
import Support

/// The open gap parts as plain polygons, bucketed for "which zones' gaps lie within r of
/// this point": a site that reaches no open gap can gain nothing, so it is not a site.
struct OpenReach {
  let parts: [PlanarPolygon]
  let zoneOf: [Int32]
  let reach: Double
  let buckets: BoxBuckets

  init(parts: [PlanarPolygon], zoneOf: [Int32], reach: Double) {
    self.parts = parts
    self.zoneOf = zoneOf
    self.reach = reach
    buckets = BoxBuckets(boxes: parts.map { $0.bbox.expanded(by: reach) })
  }

  /// Zones (ascending) with an open part within `r` (at most `reach`) of `p`.
  func zones(near p: XY, within r: Double) -> [Int32] {
    var out: [Int32] = []
    for i in buckets.hits(p) where !out.contains(zoneOf[i]) && PlanarGeometry.distance(p, parts[i]) <= r {
      out.append(zoneOf[i])
    }
    return out.sorted()
  }
}

/// Where cameras can go, in the planner's order of preference: the poles given, then
/// points every `spacing` metres along the roads, the boundaries of the zones below
/// target and the building walls, each kept only within the new camera's range of an
/// open gap and outside the buildings; then a grid inside each open gap part, so that
/// every zone with an open gap has sites. The grid is only counted here: its sites become
/// candidates when their part reaches the top of the greedy's heap (most parts of a large
/// open town never do).
struct SitePlan {
  /// Poles, roads, boundaries and walls, preferred first.
  var sites: [CandidateSite] = []
  /// Grid sites of each open part (metric plane), in lattice order.
  var grid: [[XY]] = []
  /// Sites (of any source) within range of each plan zone's open gaps.
  var sitesPerZone: [Int] = []
  /// Site × heading combinations within range of each plan zone's open gaps.
  var candidatesPerZone: [Int] = []
  var countBySource: [SiteSource: Int] = [:]

  var gridCount: Int { grid.reduce(0) { $0 + $1.count } }

  /// - Parameters:
  ///   - given: poles from `--sites` or `--candidates`.
  ///   - onlyGiven: `--candidates`: the given sites and nothing else.
  static func make(
    _ input: AuditInput, given: [CandidateSite], onlyGiven: Bool, parts: [PlanarPolygon], partZone: [Int32],
    zoneCount: Int, wanted: [Int], options: PlanOptions, proj: Projector
  ) throws -> SitePlan {
    let base = Planner.siteOptics(nil, options: options)
    let reach = given.reduce(base.range) { max($0, Planner.siteOptics($1, options: options).range) }
    let open = OpenReach(parts: parts, zoneOf: partZone, reach: reach)
    var plan = SitePlan()
    plan.sitesPerZone = Array(repeating: 0, count: zoneCount)
    plan.candidatesPerZone = Array(repeating: 0, count: zoneCount)
    var seen = Set<XY>()
    // Metric positions of the sites so far, to the millimetre: a lattice point where a
    // road or boundary site already stands is not a second site.
    var taken = Set<XY>()
    func millimetre(_ p: XY) -> XY { XY((p.x * 1000).rounded(), (p.y * 1000).rounded()) }
    var keptGiven: [CandidateSite] = []
    for s in given {
      let optics = Planner.siteOptics(s, options: options)
      let zones = open.zones(near: try proj.forward(XY(s.lon, s.lat)), within: optics.range)
      if zones.isEmpty { continue }
      seen.insert(XY(s.lon, s.lat))
      keptGiven.append(s)
      plan.count(zones, headings: optics.headings.count, source: .pole)
    }
    plan.sites = keptGiven
    if onlyGiven { return plan }
    let blocked = BuildingCheck(input.buildings)
    let headings = base.headings.count
    func add(_ points: [XY], _ source: SiteSource) throws {
      var kept: [XY] = []
      var zonesOf: [[Int32]] = []
      for p in points where !blocked.contains(p) {
        let zones = open.zones(near: p, within: base.range)
        if zones.isEmpty { continue }
        taken.insert(millimetre(p))
        kept.append(p)
        zonesOf.append(zones)
      }
      let lonLat = try CandidateSites.rounded(kept, proj: proj)
      var n = 0
      for (q, zones) in zip(lonLat, zonesOf) where seen.insert(q).inserted {
        n += 1
        plan.sites.append(
          CandidateSite(id: "\(source.idPrefix)\(n)", lon: q.x, lat: q.y, source: source))
        plan.count(zones, headings: headings, source: source)
      }
    }
    let spacing = options.spacing
    try add(
      input.roads.flatMap { r in r.lines.flatMap { CandidateSites.along($0, spacing: spacing) } }, .road)
    try add(
      wanted.flatMap { z in
        input.zones[z].polygons.flatMap { p in p.rings.flatMap { CandidateSites.along($0, spacing: spacing) }
        }
      }, .boundary)
    try add(walls(input.buildings, near: open, spacing: spacing), .wall)
    plan.grid = try gridSites(parts, spacing: spacing).map { $0.filter { !taken.contains(millimetre($0)) } }
    for (i, g) in plan.grid.enumerated() where !g.isEmpty {
      plan.sitesPerZone[Int(partZone[i])] += g.count
      plan.candidatesPerZone[Int(partZone[i])] += g.count * headings
    }
    plan.countBySource[.grid] = plan.gridCount
    return plan
  }

  mutating func count(_ zones: [Int32], headings: Int, source: SiteSource) {
    for z in zones {
      sitesPerZone[Int(z)] += 1
      candidatesPerZone[Int(z)] += headings
    }
    countBySource[source, default: 0] += 1
  }

  /// Points along the walls of the buildings near an open gap: a bracket on a wall sees
  /// the gap the wall faces.
  static func walls(_ buildings: [Building], near open: OpenReach, spacing: Double) -> [XY] {
    var out: [XY] = []
    for b in buildings {
      let box = b.polygons.reduce(into: BBox.empty) { $0.add($1.bbox) }
      let corners = [
        XY(box.minX, box.minY), XY(box.maxX, box.maxY), XY(box.minX, box.maxY), XY(box.maxX, box.minY),
      ]
      if !corners.contains(where: { !open.buckets.hits($0).isEmpty }) { continue }
      for p in b.polygons { for r in p.rings { out += CandidateSites.along(r, spacing: spacing) } }
    }
    return out
  }

  /// The lattice points (multiples of `spacing`) inside each part; a part too small or
  /// thin to hold one gets a point on its surface, so no open part is without a site.
  static func gridSites(_ parts: [PlanarPolygon], spacing: Double) throws -> [[XY]] {
    let lattice = UniformGrid(origin: XY(0, 0), cellSize: spacing)
    let ctx = GEOSContext()
    var taken = Set<Int64>()
    var out: [[XY]] = []
    out.reserveCapacity(parts.count)
    for part in parts {
      var pts: [XY] = []
      if let corners = lattice.corners(in: part.bbox) {
        for iy in corners.y {
          for ix in corners.x {
            let p = XY(lattice.xEdge(ix), lattice.yEdge(iy))
            if PointInRing.evenOdd(part.rings, p) && taken.insert(BoxBuckets.key(ix, iy)).inserted {
              pts.append(p)
            }
          }
        }
      }
      if pts.isEmpty, part.area > 0, let p = try Geom.polygon(part, context: ctx).pointOnSurface() {
        pts.append(p)
      }
      out.append(pts)
    }
    return out
  }
}

/// "Is this point inside a building", on plain coordinates.
struct BuildingCheck {
  let buildings: [Building]
  let index: BoxBuckets

  init(_ buildings: [Building]) {
    self.buildings = buildings
    index = BoxBuckets(boxes: buildings.map { b in b.polygons.reduce(into: BBox.empty) { $0.add($1.bbox) } })
  }

  func contains(_ p: XY) -> Bool {
    index.hits(p).contains { b in buildings[b].polygons.contains { PointInRing.contains($0, p) } }
  }
}
