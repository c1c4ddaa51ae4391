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
    let start = Date()
    func log(_ m: @autoclosure () -> String) {
      guard let l = options.log else { return }
      l(String(format: "%6.2fs  ", Date().timeIntervalSince(start)) + m())
    }
    let threads = max(1, options.audit.threads)
    let proj = try Projector(crs: input.crs)
    let optics = options.audit.optics
    let spec = options.camera

    func siteOptics(_ s: CandidateSite?) -> SiteOptics {
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

    // 1. What the existing network leaves open, cut into parts a few footprints wide.
    let baseRange = siteOptics(nil).range
    let tile = min(max(4 * baseRange, 100), 1000)
    let zoneGaps = try GapGeometry.zones(input, options: options.audit, tileSize: tile)
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
    var partPolys: [PlanarPolygon] = []
    var partZone: [Int32] = []
    for (k, g) in zoneGaps.enumerated() where result.zones[k].weight > 0 {
      for p in g.gapParts {
        partPolys.append(p)
        partZone.append(Int32(k))
      }
    }

    // 2. Candidate sites, and their positions as an audit will compute them.
    let sites: [CandidateSite]
    if let given {
      sites = given
    } else {
      let wanted = zoneGaps.indices.filter { result.zones[$0].weight > 0 }.map {
        input.zones[zoneGaps[$0].zone].polygons
      }
      sites = try CandidateSites.generate(
        roads: input.roads, buildings: input.buildings, zones: wanted, reach: baseRange,
        spacing: options.spacing,
        projector: proj)
      if input.roads.isEmpty && !wanted.isEmpty {
        result.warnings.append(
          "no roads.geojson: candidate sites are a \(JSONWriter.number(options.spacing)) m grid around the zones"
        )
      }
    }
    result.candidateSites = sites.count
    var positions = sites.map { XY($0.lon, $0.lat) }
    try proj.forward(&positions)
    let gammas = try sites.map { try proj.convergence(lon: $0.lon, lat: $0.lat) }
    let siteOpt = sites.map(siteOptics)
    var candSite: [Int32] = []
    var candHeading: [Double?] = []
    var siteFirst: [Int] = []
    for (s, o) in siteOpt.enumerated() {
      siteFirst.append(candSite.count)
      for h in o.headings {
        candSite.append(Int32(s))
        candHeading.append(h)
      }
    }
    siteFirst.append(candSite.count)
    result.candidates = candSite.count
    log("\(sites.count) candidate sites, \(candSite.count) candidates, \(partPolys.count) gap parts")

    let pos = positions
    let cs = candSite
    let ch = candHeading
    let so = siteOpt
    let sitesCopy = sites
    let firstOf = siteFirst
    @Sendable func camera(_ c: Int, id: String) -> Camera {
      let s = Int(cs[c])
      let o = so[s]
      var cam = Camera(id: id, lon: sitesCopy[s].lon, lat: sitesCopy[s].lat)
      cam.kind = o.kind
      cam.fov = o.fov
      cam.range = o.range
      cam.resolution = o.resolution
      cam.status = .planned
      if let h = ch[c] { cam.views = [ViewDirection(heading: h)] }
      return cam
    }
    // The audit's own construction, so the re-audit draws the same polygon.
    @Sendable func rawFootprint(_ c: Int) -> [PlanarPolygon] {
      let s = Int(cs[c])
      return Footprint.polygons(
        of: Optics.resolve(camera(c, id: ""), optics), at: pos[s], convergence: gammas[s])
    }

    // 3. Objective.
    let capped = options.untilTargets && !options.beyondTarget
    let weights = result.zones.map(\.weight)
    var covered = result.zones.map(\.coveredBefore)
    func need(_ k: Int) -> Double {
      let z = result.zones[k]
      if PlannedZone.ratio(covered[k], z.area) >= z.target { return 0 }
      return max(0, z.target * z.area - covered[k])
    }
    var needs = result.zones.indices.map(need)
    func value(_ gains: [ZoneGain]) -> Double {
      var v = 0.0
      for g in gains {
        let k = Int(g.zone)
        v += weights[k] * (capped ? min(g.area, needs[k]) : g.area)
      }
      return v
    }

    // 4. First bounds, in parallel: a candidate gains at most its footprint's area in
    // each zone, and at most what is open of that zone near it.
    let hasBuildings = !input.buildings.isEmpty
    let pool = try WorkerPool(
      threads: threads, parts: partPolys, zoneOf: partZone, buildings: input.buildings)
    let chunk = 32
    let chunks = (sites.count + chunk - 1) / chunk
    let firstNeeds = needs
    let first: [[Bound]] = try pool.map(count: chunks) { w, k in
      var out: [Bound] = []
      for s in (k * chunk)..<min(sitesCopy.count, (k + 1) * chunk) {
        let r = so[s].range
        let reach = BBox(minX: pos[s].x - r, minY: pos[s].y - r, maxX: pos[s].x + r, maxY: pos[s].y + r)
          .expanded(by: 1)
        let near = try w.index.local(reach)
        if near.isEmpty { continue }
        let open = try near.map { try $0.geom.area() }
        for c in firstOf[s]..<firstOf[s + 1] {
          let fp = rawFootprint(c)
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
          var v = 0.0
          for k in bound.indices {
            bound[k].area = min(bound[k].area, fpArea)
            let z = Int(bound[k].zone)
            v += weights[z] * (capped ? min(bound[k].area, firstNeeds[z]) : bound[k].area)
          }
          if v > minGain { out.append(Bound(cand: Int32(c), gains: bound, box: box, value: v)) }
        }
      }
      return out
    }

    var entries: [Entry] = []
    var heap = MaxHeap()
    for list in first {
      for b in list {
        heap.push(key: key(b.value), item: Int32(entries.count), tie: b.cand)
        entries.append(
          Entry(cand: b.cand, gains: b.gains, box: b.box, level: .bound, evaluatedAt: 0, visible: nil))
      }
    }
    log("\(entries.count) candidates may gain")

    // 5. Lazy greedy. Candidates are evaluated exactly (occlusion, then overlays) when
    // they reach the top, in batches taken in heap order so the workers share the work;
    // only an exact, current candidate at the top is placed, so batching changes how much
    // is evaluated, never what is chosen.
    var placedBoxes: [BBox] = []
    let width = max(3, String(options.budget).count)
    let batchSize = threads == 1 ? 1 : 16 * threads
    var evaluations = 0
    func allMet() -> Bool {
      result.zones.indices.allSatisfy {
        PlannedZone.ratio(covered[$0], result.zones[$0].area) >= result.zones[$0].target
      }
    }
    /// Not yet exact, or evaluated before a placement that may have changed it.
    func stale(_ e: Entry) -> Bool {
      if e.level != .exact { return true }
      for k in e.evaluatedAt..<placedBoxes.count where placedBoxes[k].intersects(e.box) { return true }
      return false
    }
    result.stop = .budget
    while result.proposals.count < options.budget {
      if options.untilTargets && allMet() {
        result.stop = .targetsMet
        break
      }
      guard let top = heap.pop(), top.key > minGain else {
        result.stop = .noGain
        break
      }
      let i = Int(top.item)
      if stale(entries[i]) {
        var batch = [top.item]
        while batch.count < batchSize, let next = heap.top, next.key > minGain, stale(entries[Int(next.item)])
        {
          batch.append(heap.pop()!.item)
        }
        let now = placedBoxes.count
        let todo = batch.map { entries[Int($0)] }
        let done: [Entry] = try pool.map(count: todo.count) { w, j in
          var e = todo[j]
          let c = Int(e.cand)
          let current = e.evaluatedAt == now
          switch e.level {
          case .bound:
            // The gain without occlusion bounds the one with it and costs a fraction: the
            // shadows are cast only for candidates that stay near the top after it.
            e.gains = try w.index.gains(rawFootprint(c), box: e.box)
            e.level = hasBuildings ? .unoccluded : .exact
          case .unoccluded where current:
            var vis: [PlanarPolygon] = []
            for p in rawFootprint(c) { vis += try w.sight.visible(p, from: pos[Int(cs[c])]) }
            e.visible = vis
            e.box = vis.reduce(into: BBox.empty) { $0.add($1.bbox) }
            e.gains = try w.index.gains(vis, box: e.box)
            e.level = .exact
          case .unoccluded:
            e.gains = try w.index.gains(rawFootprint(c), box: e.box)
          case .exact:
            e.gains = try w.index.gains(e.visible ?? rawFootprint(c), box: e.box)
          }
          e.evaluatedAt = now
          return e
        }
        evaluations += done.count
        for (item, e) in zip(batch, done) {
          entries[Int(item)] = e
          let v = value(e.gains)
          if v > minGain { heap.push(key: key(v), item: item, tie: e.cand) }
        }
        continue
      }
      let e = entries[i]
      let c = Int(e.cand)
      let v = value(e.gains)
      if key(v) != top.key {
        if v > minGain { heap.push(key: key(v), item: top.item, tie: e.cand) }
        continue
      }

      // Place it.
      let fp = e.visible ?? rawFootprint(c)
      let s = Int(cs[c])
      var newArea = 0.0
      for g in e.gains {
        covered[Int(g.zone)] += g.area
        newArea += g.area
      }
      needs = result.zones.indices.map(need)
      try pool.subtract(fp, box: e.box)
      placedBoxes.append(e.box)
      let rank = result.proposals.count + 1
      let rankText = String(rank)
      let id = options.idPrefix + String(repeating: "0", count: max(0, width - rankText.count)) + rankText
      var cam = camera(c, id: id)
      cam.name = "planned, site \(sites[s].id)"
      var totalCovered = 0.0
      var totalArea = 0.0
      var below = 0
      for (k, z) in result.zones.enumerated() {
        totalCovered += min(covered[k], z.area)
        totalArea += z.area
        if PlannedZone.ratio(covered[k], z.area) < z.target { below += 1 }
      }
      let wgs = try fp.map(proj.inverse(polygon:))
      result.proposals.append(
        Proposal(
          rank: rank, camera: cam, site: sites[s].id, position: pos[s], heading: ch[c], fov: so[s].fov,
          range: so[s].range,
          gain: v, newArea: newArea, zoneGains: e.gains,
          zoneCoverage: totalArea > 0 ? totalCovered / totalArea : 0,
          zonesBelowTarget: below, footprint: wgs))
      log("proposal \(rank): site \(sites[s].id), gain \(JSONWriter.fixed(v, decimals: 1))")
    }
    if result.proposals.count == options.budget && options.untilTargets && allMet() {
      result.stop = .targetsMet
    }
    log("\(evaluations) gain evaluations")
    for k in result.zones.indices { result.zones[k].coveredAfter = covered[k] }
    if sites.isEmpty {
      result.warnings.append(
        "no candidate sites: no road passes within reach of a zone that counts; give --candidates FILE")
    }
    return result
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
