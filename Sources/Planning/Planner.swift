import Audit
import Cameras
import Foundation
import Geometry
import Support

/// Gap filling: where the next cameras go for the most newly covered zone area.
///
/// Greedy maximum coverage, made lazy (CELF): every candidate (a site and a heading) sits
/// in a max-heap keyed by an upper bound of its gain; the top is refined until it is
/// exact and current, then placed. Coverage is submodular (a gain can only shrink as
/// cameras are added), so a stale key is still an upper bound and the lazy greedy places
/// the same cameras as the plain one, with its (1 − 1/e) guarantee. Bounds are refined in
/// three steps, each cheaper than the next and bounding it: footprint area against the
/// open area near the site; the exact GEOS overlay of the unoccluded footprint with the
/// open gap parts near it (an STRtree finds them); the same with what the camera sees past
/// the buildings. A placed camera can change only the gains of candidates whose footprint
/// box meets its own, so only those are refined again.
public enum Planner {
  /// Gains below this many m² (weighted) are taken as nothing: a camera that adds a
  /// square millimetre is not a proposal.
  static let minGain = 1e-6

  /// Plans on `given` sites only (`--candidates`) when `onlyGiven`, else on the given
  /// poles (`--sites`) and the sites the bundle offers: roads, zone boundaries, building
  /// walls and a grid inside the gaps.
  public static func plan(
    _ input: AuditInput, sites given: [CandidateSite]? = nil, onlyGiven: Bool? = nil, options: PlanOptions
  ) throws -> PlanResult {
    try options.validate()
    let log = PlanLog(sink: options.log)
    let threads = max(1, options.audit.threads)
    let proj = try Projector(crs: input.crs)
    let baseRange = siteOptics(nil, options: options).range
    let open = try openGaps(input, tileSize: min(max(4 * baseRange, 100), 1000), options: options, log: log)
    var result = open.result
    let wanted = open.zoneGaps.indices.filter { result.zones[$0].weight > 0 }.map { open.zoneGaps[$0].zone }
    let sites = try SitePlan.make(
      input, given: given ?? [], onlyGiven: onlyGiven ?? (given != nil), parts: open.parts,
      partZone: open.partZone, zoneCount: result.zones.count, wanted: wanted, options: options, proj: proj)
    result.candidateSites = sites.sites.count + sites.gridCount
    result.sitesBySource = sites.countBySource
    let cands = try Candidates(sites.sites, options: options, proj: proj)
    result.candidates = cands.site.count + sites.gridCount * siteOptics(nil, options: options).headings.count
    log(
      "\(result.candidateSites) candidate sites (\(sites.gridCount) on the gap grid), \(result.candidates) candidates, \(open.parts.count) gap parts"
    )
    let pool = try WorkerPool(
      threads: threads, parts: open.parts, zoneOf: open.partZone, buildings: input.buildings,
      options: options.audit)
    var objective = Objective(
      zones: result.zones, capped: options.untilTargets && !options.beyondTarget,
      overlapping: try overlappingZones(input, open.zoneGaps))
    var search = try LazyGreedy(
      cands, grid: sites.grid, partZone: open.partZone, pool: pool, objective: objective, options: options,
      proj: proj, hasBuildings: !input.buildings.isEmpty, threads: threads)
    log("\(search.entries.count) candidates may gain")
    try search.run(objective: &objective, result: &result, log: log)
    log("\(search.evaluations) gain evaluations, \(search.cands.sites.count) sites made candidates")
    try search.keepBestOfTwo(&result, objective: &objective)
    for k in result.zones.indices { result.zones[k].coveredAfter = objective.covered[k] }
    try name(&result, open: open, sites: sites, gapIDs: GapNames(open, zones: input.zones, options: options))
    return result
  }

  /// Per-zone candidates and cameras, the reason a zone below target has no candidate,
  /// and the audit's ids of the gaps each proposal touches.
  static func name(_ result: inout PlanResult, open: OpenGaps, sites: SitePlan, gapIDs: GapNames) throws {
    for k in result.zones.indices {
      result.zones[k].candidateSites = sites.sitesPerZone[k]
      result.zones[k].candidates = sites.candidatesPerZone[k]
      result.zones[k].cameras = result.proposals.filter { p in p.zoneGains.contains { $0.zone == k } }.count
      let z = result.zones[k]
      guard !z.meetsBefore, z.candidates == 0 else { continue }
      if z.weight == 0 {
        result.zones[k].noCandidates = "its kind has weight 0 (--weight)"
      } else if z.area <= 0 {
        result.zones[k].noCandidates = "no public space: the zone lies under buildings"
      } else if open.zoneGaps[k].gapParts.isEmpty {
        result.zones[k].noCandidates = "no open gap left to cover"
      } else {
        result.zones[k].noCandidates = "no given site within range of its gaps (--candidates)"
      }
    }
    for i in result.proposals.indices {
      result.proposals[i].gaps = gapIDs.ids(of: result.proposals[i].touchedParts)
    }
  }

  /// Kind, field of view, range and headings of a camera at `s` (nil: the plan's own camera).
  static func siteOptics(_ s: CandidateSite?, options: PlanOptions) -> SiteOptics {
    let optics = options.audit.optics
    let spec = options.camera
    let kind = s?.kind ?? spec.kind
    // A site that names another kind than the plan's brings that kind's defaults.
    let plan = kind == spec.kind ? spec : NewCameraSpec(kind: kind)
    let fov = s?.fov ?? plan.fov ?? kind.defaultFOV
    var range: Double
    var resolution: Double?
    if let r = s?.range {
      range = r
    } else if let res = s?.resolution,
      let r = Optics.doriRange(resolution: res, fov: fov, dori: optics.dori)
    {
      range = r
      resolution = res
    } else if let r = plan.range {
      range = r
    } else if let res = plan.resolution,
      let r = Optics.doriRange(resolution: res, fov: fov, dori: optics.dori)
    {
      range = r
      resolution = res
    } else {
      range = optics.defaultRange(kind)
    }
    var headings: [Double?]
    if fov >= 360 {
      headings = [nil]
    } else if let h = s?.heading {
      headings = [h]
    } else {
      let n = max(1, Int((360 / options.headingStep - 1e-9).rounded(.up)))
      headings = (0..<n).map { Double($0) * options.headingStep }
    }
    return SiteOptics(kind: kind, fov: fov, range: range, resolution: resolution, headings: headings)
  }

  /// What the existing network leaves open, cut into parts a few footprints wide, and the
  /// zones of the result with their weights.
  struct OpenGaps {
    var zoneGaps: [ZoneGaps]
    var result: PlanResult
    var parts: [PlanarPolygon] = []
    var partZone: [Int32] = []
  }

  /// Per planned zone: does it overlap another one with positive area? A footprint in the
  /// overlap gains in both zones, so the first bounds may not share one footprint's area
  /// among them.
  static func overlappingZones(_ input: AuditInput, _ zoneGaps: [ZoneGaps]) throws -> [Bool] {
    let ctx = GEOSContext()
    let polys = zoneGaps.map { input.zones[$0.zone].polygons }
    let boxes = polys.map { $0.reduce(into: BBox.empty) { $0.add($1.bbox) } }
    let tree = try STRtree(context: ctx)
    for b in boxes { _ = try tree.insert(box: b) }
    var geoms: [Int: Geom] = [:]
    func geom(_ i: Int) throws -> Geom {
      if let g = geoms[i] { return g }
      let g = try Geom.multiPolygon(polys[i], context: ctx)
      geoms[i] = g
      return g
    }
    var out = [Bool](repeating: false, count: polys.count)
    for i in polys.indices {
      for j in try tree.query(box: boxes[i]) where j > i && boxes[j].intersects(boxes[i]) {
        if try geom(i).intersection(geom(j)).area() > 0 {
          out[i] = true
          out[j] = true
        }
      }
    }
    return out
  }

  static func openGaps(_ input: AuditInput, tileSize: Double, options: PlanOptions, log: PlanLog) throws
    -> OpenGaps
  {
    let zoneGaps = try GapGeometry.zones(input, options: options.audit, tileSize: tileSize)
    log("gaps of \(zoneGaps.count) zones")
    if zoneGaps.isEmpty {
      throw InputError(
        file: "zones.geojson",
        message: input.zones.isEmpty
          ? "missing: planning needs zones (areas with a coverage target)"
          : "no zone is valid on the date audited")
    }
    var result = PlanResult(crs: input.crs, budget: options.budget, candidateSites: 0, candidates: 0)
    result.budgetCost = options.budgetCost
    result.warnings = input.warnings
    for g in zoneGaps {
      let z = input.zones[g.zone]
      var pz = PlannedZone(
        id: z.id, name: z.name, kind: z.kind, target: z.target, weight: 0, area: g.area,
        coveredBefore: g.covered,
        coveredAfter: g.covered)
      pz.weight = pz.meetsBefore && !options.beyondTarget ? 0 : options.weight(z.kind)
      result.zones.append(pz)
    }
    var open = OpenGaps(zoneGaps: zoneGaps, result: result)
    for (k, g) in zoneGaps.enumerated() where result.zones[k].weight > 0 {
      for p in g.gapParts {
        open.parts.append(p)
        open.partZone.append(Int32(k))
      }
    }
    return open
  }
}

/// Progress lines with the seconds since the plan began.
struct PlanLog {
  let start = Date()
  let sink: (@Sendable (String) -> Void)?

  func callAsFunction(_ m: @autoclosure () -> String) {
    guard let sink else { return }
    sink(String(format: "%6.2fs  ", Date().timeIntervalSince(start)) + m())
  }
}

/// Candidate sites and, for each, its position as an audit will compute it; a candidate
/// is a site and one of its headings, candidates of a site consecutive. Grows as gap
/// parts reach the top of the heap and their grid sites become candidates.
struct Candidates: Sendable {
  let options: PlanOptions
  private(set) var sites: [CandidateSite] = []
  private(set) var positions: [XY] = []
  private(set) var gammas: [Double] = []
  private(set) var optics: [SiteOptics] = []
  /// What a camera costs at each site.
  private(set) var costs: [Double] = []
  /// The new cameras' mount height (nil: none given) and their eye for occlusion.
  var height: Double? { options.camera.height }
  var eye: Double { options.camera.height ?? Occlusion.defaultEye }
  /// Site of each candidate.
  private(set) var site: [Int32] = []
  private(set) var heading: [Double?] = []
  /// First candidate of each site, and one past the last.
  private(set) var first: [Int] = [0]

  var auditOptics: OpticsOptions { options.audit.optics }

  init(_ sites: [CandidateSite], options: PlanOptions, proj: Projector) throws {
    self.options = options
    try append(sites, proj: proj)
  }

  /// Adds sites; returns the range of their indices.
  @discardableResult
  mutating func append(_ more: [CandidateSite], proj: Projector) throws -> Range<Int> {
    let start = sites.count
    var pos = more.map { XY($0.lon, $0.lat) }
    try proj.forward(&pos)
    positions += pos
    gammas += try more.map { try proj.convergence(lon: $0.lon, lat: $0.lat) }
    for s in more {
      let o = Planner.siteOptics(s, options: options)
      optics.append(o)
      costs.append(s.cost ?? options.costs.cost(s.source))
      first.removeLast()
      first.append(site.count)
      for h in o.headings {
        site.append(Int32(sites.count))
        heading.append(h)
      }
      first.append(site.count)
      sites.append(s)
    }
    return start..<sites.count
  }

  func cost(of c: Int) -> Double { costs[Int(site[c])] }

  func camera(_ c: Int, id: String) -> Camera {
    let s = Int(site[c])
    let o = optics[s]
    var cam = Camera(id: id, lon: sites[s].lon, lat: sites[s].lat)
    cam.kind = o.kind
    cam.fov = o.fov
    cam.range = o.range
    cam.resolution = o.resolution
    cam.status = .planned
    cam.height = height
    if let h = heading[c] { cam.views = [ViewDirection(heading: h)] }
    return cam
  }

  /// The audit's own construction, so the re-audit draws the same polygon.
  func rawFootprint(_ c: Int) -> [PlanarPolygon] {
    let s = Int(site[c])
    return Footprint.polygons(
      of: Optics.resolve(camera(c, id: ""), auditOptics), at: positions[s], convergence: gammas[s])
  }

  func position(of c: Int) -> XY { positions[Int(site[c])] }
}

/// The objective: weighted newly covered zone area, capped at what each zone still needs
/// to meet its target when the plan stops at targets.
struct Objective: Sendable {
  let zones: [PlannedZone]
  let weights: [Double]
  let capped: Bool
  var covered: [Double]
  var needs: [Double] = []

  /// Zones that overlap another zone (see `Planner.overlappingZones`).
  let overlapping: [Bool]

  init(zones: [PlannedZone], capped: Bool, overlapping: [Bool]) {
    self.zones = zones
    self.overlapping = overlapping
    weights = zones.map(\.weight)
    self.capped = capped
    covered = zones.map(\.coveredBefore)
    refreshNeeds()
  }

  mutating func refreshNeeds() {
    needs = zones.indices.map { k in
      let z = zones[k]
      if PlannedZone.ratio(covered[k], z.area) >= z.target { return 0 }
      return max(0, z.target * z.area - covered[k])
    }
  }

  /// A bound on per-zone gains (each at most what is open of the zone near a site) made a
  /// bound on one footprint of `area`: the footprint's area goes to the zones that count
  /// most first, each taking what is open of it (and, capped, what it still needs). A
  /// site between two open zones then bounds at one footprint, not two — unless the zones
  /// overlap, where one footprint gains in each.
  func allot(_ open: [ZoneGain], area: Double) -> [ZoneGain] {
    var left = area
    var out = open
    let order = open.indices.sorted {
      (-weights[Int(open[$0].zone)], $0) < (-weights[Int(open[$1].zone)], $1)
    }
    for k in order {
      let z = Int(open[k].zone)
      let most = capped ? min(open[k].area, needs[z]) : open[k].area
      // An overlapping zone may gain the whole footprint besides what the others gain.
      if overlapping[z] {
        out[k].area = min(most, area)
        continue
      }
      let a = min(most, max(0, left))
      out[k].area = a
      left -= a
    }
    return out.filter { $0.area > 0 }
  }

  func value(_ gains: [ZoneGain]) -> Double {
    var v = 0.0
    for g in gains {
      let k = Int(g.zone)
      v += weights[k] * (capped ? min(g.area, needs[k]) : g.area)
    }
    return v
  }

  var allMet: Bool {
    zones.indices.allSatisfy { PlannedZone.ratio(covered[$0], zones[$0].area) >= zones[$0].target }
  }
}
