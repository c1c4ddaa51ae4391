import Audit
import Cameras
import Foundation
import Geometry
import Support

/// The lazy greedy search: candidates in a max-heap keyed by an upper bound of their
/// gain per cost, refined when they reach the top, placed when exact and current. Open
/// gap parts sit in the same heap, keyed by a bound of what any grid site inside them
/// could gain; a part that reaches the top turns its grid sites into candidates, so a
/// town that is mostly gap never evaluates the grid of parts the plan does not get to.
struct LazyGreedy {
  /// Heap ties of gap parts: after every candidate, so at equal keys a site already made
  /// (a pole, a road) is placed before a part's grid is made.
  static let partTie: Int32 = 2_000_000_000
  /// Exact gains are filed this fraction above their value. Areas of one footprint
  /// computed two ways (shoelace at UTM coordinates, GEOS overlays) differ by a few 1e-8
  /// of it, so without it the exact gain of a sector wholly inside the gap can fall just
  /// below the bound of its twin, and a town of open gap would refine every candidate
  /// before placing the first. The greedy may then place a camera a millionth short of
  /// the best: a tie.
  static let tie = 1e-6

  /// Heap keys: values floored to six significant digits, so that values equal up to
  /// rounding noise tie and the tie goes to the earlier candidate (a pole before a road
  /// site before the grid), as a plain greedy scanning the candidates in order would choose.
  static func quantized(_ x: Double) -> Double {
    guard x > 0, x.isFinite else { return 0 }
    let q = pow(10, log10(x).rounded(.down) - 5)
    return (x / q).rounded(.down) * q
  }

  /// Undoes the flooring of `quantized` (and the noise `tie` absorbs), for bounds.
  static let up = 1 + 2e-5

  /// Key of a bound of gain `v` for candidate `cand`: gain per cost.
  func boundKey(_ v: Double, _ cand: Int32) -> Double {
    LazyGreedy.quantized(v / cands.cost(of: Int(cand)))
  }

  /// Key of an exact gain: a tie above the bounds equal to it.
  func exactKey(_ v: Double, _ cand: Int32) -> Double {
    LazyGreedy.quantized(v / cands.cost(of: Int(cand)) * (1 + LazyGreedy.tie))
  }

  var cands: Candidates
  let pool: WorkerPool<PlanWorker>
  let options: PlanOptions
  let proj: Projector
  let hasBuildings: Bool
  let batchSize: Int
  var entries: [Entry] = []
  var heap = MaxHeap()
  /// Footprint boxes of the cameras placed so far, in order.
  var placedBoxes: [BBox] = []
  var evaluations = 0
  /// Grid sites of each open part, and whether they are candidates yet.
  let grid: [[XY]]
  var expanded: [Bool]
  var gridMade = 0
  let gridCost: Double
  let gridHeadings: Int
  /// Cheapest camera anywhere: below it the cost budget is spent.
  let cheapest: Double
  /// Candidates set aside (their site full, or dearer than what the budget has left), with
  /// the keys they had: still bounds of their gains, for the plan's upper bound.
  var shelved: [(key: Double, cost: Double)] = []
  var perSite: [Int32: Int] = [:]
  var spent = 0.0
  /// A candidate was set aside for costing more than the budget had left.
  var tooDear = false
  /// The best single affordable camera, for the best-of-two of a cost budget.
  var single: (entry: Entry, value: Double, touched: [Int])?

  init(
    _ cands: Candidates, grid: [[XY]], partZone: [Int32], pool: WorkerPool<PlanWorker>, objective: Objective,
    options: PlanOptions, proj: Projector, hasBuildings: Bool, threads: Int
  ) throws {
    self.cands = cands
    self.pool = pool
    self.options = options
    self.proj = proj
    self.hasBuildings = hasBuildings
    self.grid = grid
    batchSize = threads == 1 ? 1 : 16 * threads
    expanded = Array(repeating: false, count: grid.count)
    gridCost = options.costs.cost(.grid)
    let plain = Planner.siteOptics(nil, options: options)
    gridHeadings = plain.headings.count
    let anyGrid = grid.contains { !$0.isEmpty }
    cheapest = min(cands.costs.min() ?? .infinity, anyGrid ? gridCost : .infinity)
    try pushBounds(sites: 0..<cands.sites.count, objective: objective)
    let fpArea = Footprint.closedFormArea(fov: plain.fov, range: plain.range)
    let index = pool.workers[0].index
    let areas = index.partAreas
    for (i, pts) in grid.enumerated() where !pts.isEmpty {
      let reach = index.box(of: i).expanded(by: plain.range + 1)
      var bound: [ZoneGain] = []
      for j in try index.tree.query(box: reach) {
        let z = partZone[j]
        if let k = bound.firstIndex(where: { $0.zone == z }) {
          bound[k].area += areas[j]
        } else {
          bound.append(ZoneGain(zone: z, area: areas[j]))
        }
      }
      let v = objective.value(objective.allot(bound, area: fpArea))
      if v > Planner.minGain {
        heap.push(
          key: LazyGreedy.quantized(v / gridCost), item: -Int32(i) - 1, tie: LazyGreedy.partTie + Int32(i))
      }
    }
  }

  /// First bounds of `sites`, in parallel, filed in the heap; returns the new entries.
  @discardableResult
  mutating func pushBounds(sites: Range<Int>, objective: Objective) throws -> Range<Int> {
    let chunk = 32
    let c = cands
    let start = entries.count
    let lists: [[Bound]] = try pool.map(count: (sites.count + chunk - 1) / chunk) { w, k in
      let lo = sites.lowerBound + k * chunk
      return try LazyGreedy.bounds(sites: lo..<min(sites.upperBound, lo + chunk), c, w, objective)
    }
    for list in lists {
      for b in list {
        heap.push(key: boundKey(b.value, b.cand), item: Int32(entries.count), tie: b.cand)
        entries.append(
          Entry(cand: b.cand, gains: b.gains, box: b.box, level: .bound, evaluatedAt: 0, visible: nil))
      }
    }
    return start..<entries.count
  }

  /// Makes the grid sites of part `i` candidates (once).
  mutating func expand(_ i: Int, objective: Objective) throws -> Range<Int> {
    if expanded[i] { return entries.count..<entries.count }
    expanded[i] = true
    let lonLat = try CandidateSites.rounded(grid[i], proj: proj)
    var sites: [CandidateSite] = []
    for q in lonLat {
      gridMade += 1
      sites.append(CandidateSite(id: "G\(gridMade)", lon: q.x, lat: q.y, source: .grid))
    }
    let range = try cands.append(sites, proj: proj)
    return try pushBounds(sites: range, objective: objective)
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
        let fpArea = fp.reduce(0) { $0 + $1.area }
        var bound: [ZoneGain] = []
        for (j, part) in near.enumerated() where part.box.intersects(box) {
          if let k = bound.firstIndex(where: { $0.zone == part.zone }) {
            bound[k].area += open[j]
          } else {
            bound.append(ZoneGain(zone: part.zone, area: open[j]))
          }
        }
        bound = objective.allot(bound, area: fpArea)
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
  mutating func run(objective: inout Objective, result: inout PlanResult, log: PlanLog) throws {
    let width = options.budget == PlanOptions.unlimited ? 3 : max(3, String(options.budget).count)
    if let b = options.budgetCost { single = try bestSingle(objective: objective, budget: b) }
    result.stop = .budget
    // The online bound holds after every placement; taken after each power of two, the
    // smallest is reported (the first, before anything is placed, is often the tightest).
    var bound = upperBound(achieved: 0)
    while result.proposals.count < options.budget {
      if options.untilTargets && objective.allMet {
        result.stop = .targetsMet
        break
      }
      if let b = options.budgetCost, b - spent < cheapest * (1 - 1e-12) {
        result.stop = .budgetCost
        break
      }
      guard let top = heap.pop(), top.key > 0 else {
        // What is left gains something but costs more than the budget has left.
        result.stop = tooDear ? .budgetCost : .noGain
        break
      }
      if top.item < 0 {
        try expand(Int(-top.item - 1), objective: objective)
        continue
      }
      let e = entries[Int(top.item)]
      let cost = cands.cost(of: Int(e.cand))
      if perSite[cands.site[Int(e.cand)], default: 0] >= options.maxPerSite
        || options.budgetCost.map({ cost > ($0 - spent) * (1 + 1e-12) }) == true
      {
        tooDear = tooDear || perSite[cands.site[Int(e.cand)], default: 0] < options.maxPerSite
        shelved.append((top.key, cost))
        continue
      }
      if stale(e) {
        try refine(top.item, objective: objective)
        continue
      }
      let v = objective.value(e.gains)
      if v <= Planner.minGain { continue }
      let key = exactKey(v, e.cand)
      if let next = heap.top, key < next.key {
        heap.push(key: key, item: top.item, tie: e.cand)
        continue
      }
      let touched = try pool.subtract(e.visible ?? cands.rawFootprint(Int(e.cand)), box: e.box)
      placedBoxes.append(e.box)
      perSite[cands.site[Int(e.cand)], default: 0] += 1
      spent += cost
      let p = try proposal(
        e, gain: v, rank: result.proposals.count + 1, width: width, touched: touched, objective: &objective)
      result.proposals.append(p)
      log("proposal \(p.rank): site \(p.site), gain \(JSONWriter.fixed(v, decimals: 1))")
      if result.proposals.count & (result.proposals.count - 1) == 0 {
        bound = min(bound, upperBound(achieved: result.totalGain))
      }
    }
    result.upperBound = min(bound, upperBound(achieved: result.totalGain))
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
  mutating func refine(_ first: Int32, objective: Objective) throws {
    var batch = [first]
    while batch.count < batchSize, let next = heap.top, next.key > 0, next.item >= 0,
      stale(entries[Int(next.item)])
    {
      batch.append(heap.pop()!.item)
    }
    for item in try evaluate(batch) {
      let e = entries[Int(item)]
      let v = objective.value(e.gains)
      let key = e.level == .exact ? exactKey(v, e.cand) : boundKey(v, e.cand)
      if v > Planner.minGain { heap.push(key: key, item: item, tie: e.cand) }
    }
  }

  /// One refinement step of each entry in `batch`, in parallel.
  mutating func evaluate(_ batch: [Int32]) throws -> [Int32] {
    let now = placedBoxes.count
    let todo = batch.map { entries[Int($0)] }
    let c = cands
    let buildings = hasBuildings
    let done: [Entry] = try pool.map(count: todo.count) { w, j in
      try LazyGreedy.refined(todo[j], now: now, c, w, hasBuildings: buildings)
    }
    evaluations += done.count
    for (item, e) in zip(batch, done) { entries[Int(item)] = e }
    return batch
  }

  /// The affordable camera of highest gain before any is placed (gain alone, not per
  /// cost): one side of the best-of-two that keeps the greedy within (1 − 1/e)/2 of the
  /// best plan under a cost budget. Its exact evaluations are the greedy's first ones.
  mutating func bestSingle(objective: Objective, budget: Double) throws -> (
    entry: Entry, value: Double, touched: [Int]
  )? {
    var h = MaxHeap()
    func file(_ r: Range<Int>) {
      for i in r where cands.cost(of: Int(entries[i].cand)) <= budget {
        h.push(
          key: LazyGreedy.quantized(objective.value(entries[i].gains)), item: Int32(i), tie: entries[i].cand)
      }
    }
    file(0..<entries.count)
    for n in heap.nodes where n.item < 0 && gridCost <= budget {
      h.push(key: LazyGreedy.quantized(n.key * gridCost), item: n.item, tie: n.tie)
    }
    while let top = h.pop(), top.key > 0 {
      if top.item < 0 {
        file(try expand(Int(-top.item - 1), objective: objective))
        continue
      }
      let e = entries[Int(top.item)]
      if e.level == .exact {
        let fp = e.visible ?? cands.rawFootprint(Int(e.cand))
        return (e, objective.value(e.gains), try pool.workers[0].index.touching(fp, box: e.box))
      }
      var batch = [top.item]
      while batch.count < batchSize, let next = h.top, next.key > 0, next.item >= 0,
        entries[Int(next.item)].level != .exact
      {
        batch.append(h.pop()!.item)
      }
      for item in try evaluate(batch) {
        let v = objective.value(entries[Int(item)].gains)
        let e = entries[Int(item)]
        let key = LazyGreedy.quantized(e.level == .exact ? v * (1 + LazyGreedy.tie) : v)
        if v > Planner.minGain { h.push(key: key, item: item, tie: e.cand) }
      }
    }
    return nil
  }

  /// The best-of-two: under a cost budget, the best single camera when it gains more than
  /// the whole greedy plan.
  mutating func keepBestOfTwo(_ result: inout PlanResult, objective: inout Objective) throws {
    guard let s = single, s.value > result.totalGain * (1 + 1e-12) + Planner.minGain else { return }
    objective = Objective(zones: result.zones, capped: objective.capped, overlapping: objective.overlapping)
    let p = try proposal(s.entry, gain: s.value, rank: 1, width: 3, touched: s.touched, objective: &objective)
    result.proposals = [p]
    result.bestSingle = true
  }

  /// A placed candidate as a proposal: its gains become covered.
  func proposal(
    _ e: Entry, gain v: Double, rank: Int, width: Int, touched: [Int], objective: inout Objective
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
    var p = Proposal(
      rank: rank, camera: cam, site: cands.sites[s].id, position: cands.positions[s],
      heading: cands.heading[c],
      fov: cands.optics[s].fov, range: cands.optics[s].range, gain: v, newArea: newArea, zoneGains: e.gains,
      zoneCoverage: totalArea > 0 ? totalCovered / totalArea : 0, zonesBelowTarget: below,
      footprint: try fp.map(proj.inverse(polygon:)))
    p.cost = cands.costs[s]
    p.source = cands.sites[s].source
    p.touchedParts = touched
    p.zoneCoverageAfter = e.gains.map { g in
      PlannedZone.ratio(objective.covered[Int(g.zone)], objective.zones[Int(g.zone)].area)
    }
    return p
  }

  /// The online bound of the greedy: no plan within the budget gains more than this plan
  /// plus the best remaining gains (by submodularity a heap key, however stale, bounds its
  /// candidate's gain now). Under a camera budget of k, the k largest; under a cost
  /// budget, the fractional knapsack of the budget by gain per cost; the smaller of the
  /// two when both bind. A part not yet made into candidates counts for each of its
  /// candidates at its key; keys are floored to six digits, hence the slack.
  func upperBound(achieved: Double) -> Double {
    var items: [(ratio: Double, cost: Double, count: Int)] = shelved.map {
      ($0.key * LazyGreedy.up, $0.cost, 1)
    }
    for n in heap.nodes where n.key > 0 {
      if n.item >= 0 {
        items.append((n.key * LazyGreedy.up, cands.cost(of: Int(entries[Int(n.item)].cand)), 1))
      } else if !expanded[Int(-n.item - 1)] {
        items.append((n.key * LazyGreedy.up, gridCost, grid[Int(-n.item - 1)].count * gridHeadings))
      }
    }
    var best = Double.infinity
    if options.budget != PlanOptions.unlimited {
      var left = options.budget
      var sum = 0.0
      for it in items.sorted(by: { $0.ratio * $0.cost > $1.ratio * $1.cost }) where left > 0 {
        let n = min(left, it.count)
        sum += Double(n) * it.ratio * it.cost
        left -= n
      }
      best = sum
    }
    if let budget = options.budgetCost {
      var left = budget
      var sum = 0.0
      for it in items.sorted(by: { $0.ratio > $1.ratio }) where left > 0 {
        let spend = min(left, Double(it.count) * it.cost)
        sum += spend * it.ratio
        left -= spend
      }
      best = min(best, sum)
    }
    return achieved + (best.isFinite ? best : 0)
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
