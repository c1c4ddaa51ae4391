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

  /// Heap keys are gains rounded to 1e-6 m²: two cameras whose gains differ only by
  /// floating-point noise (two sectors wholly inside the gap) tie, and the tie goes to
  /// the earlier candidate in site and heading order, as a plain greedy scanning the
  /// candidates in order would choose, instead of to whichever noise came out larger.
  @inline(__always) static func key(_ v: Double) -> Double { (v * 1e6).rounded() / 1e6 }

  public static func plan(_ input: AuditInput, sites given: [CandidateSite]? = nil, options: PlanOptions)
    throws -> PlanResult
  {
    try options.validate()
    let log = PlanLog(sink: options.log)
    let threads = max(1, options.audit.threads)
    let proj = try Projector(crs: input.crs)
    let baseRange = siteOptics(nil, options: options).range
    let open = try openGaps(input, tileSize: min(max(4 * baseRange, 100), 1000), options: options, log: log)
    var result = open.result
    let sites = try candidateSites(
      input, given: given, open: open, reach: baseRange, options: options, proj: proj, result: &result)
    let cands = try Candidates(sites, options: options, proj: proj)
    result.candidates = cands.site.count
    log("\(sites.count) candidate sites, \(cands.site.count) candidates, \(open.parts.count) gap parts")
    let pool = try WorkerPool(
      threads: threads, parts: open.parts, zoneOf: open.partZone, buildings: input.buildings,
      options: options.audit)
    var objective = Objective(zones: result.zones, capped: options.untilTargets && !options.beyondTarget)
    var search = try LazyGreedy(firstBounds: cands, pool: pool, objective: objective)
    log("\(search.entries.count) candidates may gain")
    try search.run(
      cands, pool: pool, objective: &objective, options: options, threads: threads,
      hasBuildings: !input.buildings.isEmpty, proj: proj, result: &result, log: log)
    log("\(search.evaluations) gain evaluations")
    for k in result.zones.indices { result.zones[k].coveredAfter = objective.covered[k] }
    if sites.isEmpty {
      result.warnings.append(
        "no candidate sites: no road passes within reach of a zone that counts; give --candidates FILE")
    }
    return result
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

  /// The sites given, or sites along the roads near the zones that count.
  static func candidateSites(
    _ input: AuditInput, given: [CandidateSite]?, open: OpenGaps, reach: Double, options: PlanOptions,
    proj: Projector, result: inout PlanResult
  ) throws -> [CandidateSite] {
    let sites: [CandidateSite]
    if let given {
      sites = given
    } else {
      let wanted = open.zoneGaps.indices.filter { result.zones[$0].weight > 0 }.map {
        input.zones[open.zoneGaps[$0].zone].polygons
      }
      sites = try CandidateSites.generate(
        roads: input.roads, buildings: input.buildings, zones: wanted, reach: reach,
        spacing: options.spacing,
        projector: proj)
      if input.roads.isEmpty && !wanted.isEmpty {
        result.warnings.append(
          "no roads.geojson: candidate sites are a \(JSONWriter.number(options.spacing)) m grid around the zones"
        )
      }
    }
    result.candidateSites = sites.count
    return sites
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
/// is a site and one of its headings, candidates of a site consecutive.
struct Candidates: Sendable {
  let sites: [CandidateSite]
  let positions: [XY]
  let gammas: [Double]
  let optics: [SiteOptics]
  let auditOptics: OpticsOptions
  /// The new cameras' mount height (nil: none given) and their eye for occlusion.
  let height: Double?
  let eye: Double
  /// Site of each candidate.
  var site: [Int32] = []
  var heading: [Double?] = []
  /// First candidate of each site, and one past the last.
  var first: [Int] = []

  init(_ sites: [CandidateSite], options: PlanOptions, proj: Projector) throws {
    self.sites = sites
    var positions = sites.map { XY($0.lon, $0.lat) }
    try proj.forward(&positions)
    self.positions = positions
    gammas = try sites.map { try proj.convergence(lon: $0.lon, lat: $0.lat) }
    optics = sites.map { Planner.siteOptics($0, options: options) }
    auditOptics = options.audit.optics
    height = options.camera.height
    eye = options.camera.height ?? Occlusion.defaultEye
    for (s, o) in optics.enumerated() {
      first.append(site.count)
      for h in o.headings {
        site.append(Int32(s))
        heading.append(h)
      }
    }
    first.append(site.count)
  }

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

  init(zones: [PlannedZone], capped: Bool) {
    self.zones = zones
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

/// The lazy greedy search: candidates in a max-heap keyed by an upper bound of their
/// gain, refined when they reach the top, placed when exact and current.
struct LazyGreedy {
  var entries: [Entry] = []
  var heap = MaxHeap()
  /// Footprint boxes of the cameras placed so far, in order.
  var placedBoxes: [BBox] = []
  var evaluations = 0

  /// First bounds, in parallel: a candidate gains at most its footprint's area in each
  /// zone, and at most what is open of that zone near it.
  init(firstBounds cands: Candidates, pool: WorkerPool<PlanWorker>, objective: Objective) throws {
    let chunk = 32
    let count = cands.sites.count
    let first: [[Bound]] = try pool.map(count: (count + chunk - 1) / chunk) { w, k in
      try LazyGreedy.bounds(sites: (k * chunk)..<min(count, (k + 1) * chunk), cands, w, objective)
    }
    for list in first {
      for b in list {
        heap.push(key: Planner.key(b.value), item: Int32(entries.count), tie: b.cand)
        entries.append(
          Entry(cand: b.cand, gains: b.gains, box: b.box, level: .bound, evaluatedAt: 0, visible: nil))
      }
    }
  }

  static func bounds(sites: Range<Int>, _ cands: Candidates, _ w: PlanWorker, _ objective: Objective) throws
    -> [Bound]
  {
    var out: [Bound] = []
    for s in sites {
      let r = cands.optics[s].range
      let p = cands.positions[s]
      let reach = BBox(minX: p.x - r, minY: p.y - r, maxX: p.x + r, maxY: p.y + r).expanded(by: 1)
      let near = try w.index.local(reach)
      if near.isEmpty { continue }
      let open = try near.map { try $0.geom.area() }
      for c in cands.first[s]..<cands.first[s + 1] {
        let fp = cands.rawFootprint(c)
        let box = fp.reduce(into: BBox.empty) { $0.add($1.bbox) }
        // Shoelace and GEOS areas differ in the last bits: a hair of slack keeps it a bound.
        let fpArea = fp.reduce(0) { $0 + $1.area } * (1 + 1e-9)
        var bound: [ZoneGain] = []
        for (j, part) in near.enumerated() where part.box.intersects(box) {
          if let k = bound.firstIndex(where: { $0.zone == part.zone }) {
            bound[k].area += open[j]
          } else {
            bound.append(ZoneGain(zone: part.zone, area: open[j]))
          }
        }
        for k in bound.indices { bound[k].area = min(bound[k].area, fpArea) }
        let v = objective.value(bound)
        if v > Planner.minGain { out.append(Bound(cand: Int32(c), gains: bound, box: box, value: v)) }
      }
    }
    return out
  }

  /// Candidates are evaluated exactly (occlusion, then overlays) when they reach the top,
  /// in batches taken in heap order so the workers share the work; only an exact, current
  /// candidate at the top is placed, so batching changes how much is evaluated, never what
  /// is chosen.
  mutating func run(
    _ cands: Candidates, pool: WorkerPool<PlanWorker>, objective: inout Objective, options: PlanOptions,
    threads: Int,
    hasBuildings: Bool, proj: Projector, result: inout PlanResult, log: PlanLog
  ) throws {
    let width = max(3, String(options.budget).count)
    let batchSize = threads == 1 ? 1 : 16 * threads
    result.stop = .budget
    while result.proposals.count < options.budget {
      if options.untilTargets && objective.allMet {
        result.stop = .targetsMet
        break
      }
      guard let top = heap.pop(), top.key > Planner.minGain else {
        result.stop = .noGain
        break
      }
      let e = entries[Int(top.item)]
      if stale(e) {
        try refine(
          top.item, cands, pool: pool, objective: objective, batchSize: batchSize, hasBuildings: hasBuildings)
        continue
      }
      let v = objective.value(e.gains)
      if Planner.key(v) != top.key {
        if v > Planner.minGain { heap.push(key: Planner.key(v), item: top.item, tie: e.cand) }
        continue
      }
      let p = try place(
        e, gain: v, rank: result.proposals.count + 1, width: width, cands, pool: pool, objective: &objective,
        options: options, proj: proj)
      result.proposals.append(p)
      log("proposal \(p.rank): site \(p.site), gain \(JSONWriter.fixed(v, decimals: 1))")
    }
    if result.proposals.count == options.budget && options.untilTargets && objective.allMet {
      result.stop = .targetsMet
    }
  }

  /// Not yet exact, or evaluated before a placement that may have changed it.
  func stale(_ e: Entry) -> Bool {
    if e.level != .exact { return true }
    for k in e.evaluatedAt..<placedBoxes.count where placedBoxes[k].intersects(e.box) { return true }
    return false
  }

  /// Refines `first` and the stale candidates under it, up to a batch, and files them
  /// again under their new values.
  mutating func refine(
    _ first: Int32, _ cands: Candidates, pool: WorkerPool<PlanWorker>, objective: Objective, batchSize: Int,
    hasBuildings: Bool
  ) throws {
    var batch = [first]
    while batch.count < batchSize, let next = heap.top, next.key > Planner.minGain,
      stale(entries[Int(next.item)])
    {
      batch.append(heap.pop()!.item)
    }
    let now = placedBoxes.count
    let todo = batch.map { entries[Int($0)] }
    let done: [Entry] = try pool.map(count: todo.count) { w, j in
      try LazyGreedy.refined(todo[j], now: now, cands, w, hasBuildings: hasBuildings)
    }
    evaluations += done.count
    for (item, e) in zip(batch, done) {
      entries[Int(item)] = e
      let v = objective.value(e.gains)
      if v > Planner.minGain { heap.push(key: Planner.key(v), item: item, tie: e.cand) }
    }
  }

  /// One step of refinement, or a re-evaluation at the same level when placements since
  /// may have changed the gains.
  static func refined(_ entry: Entry, now: Int, _ cands: Candidates, _ w: PlanWorker, hasBuildings: Bool)
    throws
    -> Entry
  {
    var e = entry
    let c = Int(e.cand)
    let current = e.evaluatedAt == now
    switch e.level {
    case .bound:
      // The gain without occlusion bounds the one with it and costs a fraction: the
      // shadows are cast only for candidates that stay near the top after it.
      e.gains = try w.index.gains(cands.rawFootprint(c), box: e.box)
      e.level = hasBuildings ? .unoccluded : .exact
    case .unoccluded where current:
      var vis: [PlanarPolygon] = []
      for p in cands.rawFootprint(c) {
        vis += try w.sight.visible(p, from: cands.position(of: c), eye: cands.eye)
      }
      e.visible = vis
      e.box = vis.reduce(into: BBox.empty) { $0.add($1.bbox) }
      e.gains = try w.index.gains(vis, box: e.box)
      e.level = .exact
    case .unoccluded:
      e.gains = try w.index.gains(cands.rawFootprint(c), box: e.box)
    case .exact:
      e.gains = try w.index.gains(e.visible ?? cands.rawFootprint(c), box: e.box)
    }
    e.evaluatedAt = now
    return e
  }

  /// Places a candidate: its gains become covered, its footprint leaves the open parts.
  mutating func place(
    _ e: Entry, gain v: Double, rank: Int, width: Int, _ cands: Candidates, pool: WorkerPool<PlanWorker>,
    objective: inout Objective, options: PlanOptions, proj: Projector
  ) throws -> Proposal {
    let c = Int(e.cand)
    let fp = e.visible ?? cands.rawFootprint(c)
    let s = Int(cands.site[c])
    var newArea = 0.0
    for g in e.gains {
      objective.covered[Int(g.zone)] += g.area
      newArea += g.area
    }
    objective.refreshNeeds()
    try pool.subtract(fp, box: e.box)
    placedBoxes.append(e.box)
    let rankText = String(rank)
    let id = options.idPrefix + String(repeating: "0", count: max(0, width - rankText.count)) + rankText
    var cam = cands.camera(c, id: id)
    cam.name = "planned, site \(cands.sites[s].id)"
    var totalCovered = 0.0
    var totalArea = 0.0
    var below = 0
    for (k, z) in objective.zones.enumerated() {
      totalCovered += min(objective.covered[k], z.area)
      totalArea += z.area
      if PlannedZone.ratio(objective.covered[k], z.area) < z.target { below += 1 }
    }
    return Proposal(
      rank: rank, camera: cam, site: cands.sites[s].id, position: cands.positions[s],
      heading: cands.heading[c],
      fov: cands.optics[s].fov, range: cands.optics[s].range, gain: v, newArea: newArea, zoneGains: e.gains,
      zoneCoverage: totalArea > 0 ? totalCovered / totalArea : 0, zonesBelowTarget: below,
      footprint: try fp.map(proj.inverse(polygon:)))
  }
}

struct SiteOptics: Sendable {
  var kind: CameraKind
  var fov: Double
  var range: Double
  var resolution: Double?
  /// nil for a 360° camera.
  var headings: [Double?]
}

/// A candidate's first bound, from a worker.
struct Bound: Sendable {
  var cand: Int32
  var gains: [ZoneGain]
  var box: BBox
  var value: Double
}

/// How far a candidate's gains have been refined; each level bounds the next.
enum GainLevel: Sendable {
  /// Footprint area against the open area near the site.
  case bound
  /// Exact overlay of the footprint before occlusion.
  case unoccluded
  /// Exact overlay of what the camera sees.
  case exact
}

/// A candidate in the heap.
struct Entry: Sendable {
  var cand: Int32
  /// Per-zone gains when last evaluated (unoccluded until `visible` is set).
  var gains: [ZoneGain]
  var box: BBox
  var level: GainLevel
  /// Placements made when `gains` were computed.
  var evaluatedAt: Int
  /// The footprint after occlusion, once computed (nil without buildings: the raw one).
  var visible: [PlanarPolygon]?
}

/// Binary max-heap on (key, then smaller tie first), so equal gains pick the earlier
/// candidate and the plan is the same on every run.
struct MaxHeap {
  struct Node {
    var key: Double
    var item: Int32
    var tie: Int32
  }
  var nodes: [Node] = []

  @inline(__always) static func above(_ a: Node, _ b: Node) -> Bool {
    a.key != b.key ? a.key > b.key : a.tie < b.tie
  }

  mutating func push(key: Double, item: Int32, tie: Int32) {
    nodes.append(Node(key: key, item: item, tie: tie))
    var i = nodes.count - 1
    while i > 0 {
      let p = (i - 1) / 2
      if !MaxHeap.above(nodes[i], nodes[p]) { break }
      nodes.swapAt(i, p)
      i = p
    }
  }

  var top: Node? { nodes.first }

  mutating func pop() -> Node? {
    guard let top = nodes.first else { return nil }
    let last = nodes.removeLast()
    if nodes.isEmpty { return top }
    nodes[0] = last
    var i = 0
    while true {
      let l = 2 * i + 1
      let r = l + 1
      var m = i
      if l < nodes.count && MaxHeap.above(nodes[l], nodes[m]) { m = l }
      if r < nodes.count && MaxHeap.above(nodes[r], nodes[m]) { m = r }
      if m == i { break }
      nodes.swapAt(i, m)
      i = m
    }
    return top
  }
}
