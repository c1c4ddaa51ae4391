import Foundation
import Geometry
import Support

/// An area whose coverage is measured: a district or a zone.
struct Target: Sendable {
  var polygons: [PlanarPolygon]
  var bbox: BBox
  /// Gaps are needed (zones; districts when there are no zones).
  var wantGaps: Bool
  /// Per-class covered area is needed (districts).
  var wantClasses: Bool
  /// The polygons are drawn as given and the tiles take the buildings out of them
  /// (districts: one global difference with thousands of buildings would cost far more than
  /// a tile's few); false when the polygons are public space already.
  var lessBuildings = false
}

/// A building as the tiles cut it from public space.
struct BuildingItem: Sendable {
  var polygons: [PlanarPolygon]
  var bbox: BBox
  /// A hole or a second part: GEOSClipByRect is not safe on it (see `TileWorker.clip`).
  var complex: Bool

  init(_ polygons: [PlanarPolygon]) {
    self.polygons = polygons
    bbox = polygons.reduce(into: BBox.empty) { $0.add($1.bbox) }
    complex = polygons.count > 1 || polygons.contains { $0.rings.count > 1 }
  }
}

/// A road and the districts it is measured in.
struct RoadItem: Sendable {
  var lines: [[XY]]
  var bbox: BBox
}

/// What one tile contributes. Plain values, so tiles can run on any thread.
struct TileOutput: Sendable {
  var covered: [(target: Int, area: Double)] = []
  var classCovered: [(target: Int, cls: Int, area: Double)] = []
  /// Gap parts, with whether they touch the tile's edge (and may continue next door).
  var gapPieces: [(target: Int, polygon: PlanarPolygon, onEdge: Bool)] = []
  var roads: [(road: Int, district: Int, length: Double, covered: Double)] = []
  var uncovered: [(road: Int, district: Int, line: [XY])] = []
  /// Covered part of each district in this tile, when dissolved coverage is asked for.
  var coveredPieces: [(target: Int, polygons: [PlanarPolygon])] = []
  /// Public space of each `lessBuildings` target in this tile (m²).
  var areas: [(target: Int, area: Double)] = []
  var warnings: [String] = []
}

/// The tiled coverage engine: for each tile, union the footprints clipped to it, then
/// measure every target and road against that union. Unions stay small (a tile's worth of
/// sectors), tiles run in parallel with one GEOS context per worker, and because tiles
/// partition the plane the sums are the exact whole.
struct CoverageEngine {
  var grid: TileGrid
  var footprints: [FootprintSet.Item]
  var targets: [Target]
  var roads: [RoadItem]
  /// District polygons as drawn (roads and entries are measured in these).
  var roadDistricts: [(polygons: [PlanarPolygon], bbox: BBox)]
  var classes: Bool
  /// Keep the covered polygons of districts (for `camgap coverage --dissolve`).
  var keepCoverage = false
  /// Buildings, cut from the `lessBuildings` targets in each tile they reach.
  var buildings: [BuildingItem] = []
  /// Per footprint that may cover the inside of a building, its camera (`BuildingSpace`).
  var entering: [XY?] = []
  /// Footprints inside another one (`inside(of:threads:)`): left out of unions, and of
  /// the sweep when inside one of their own class.
  var inside: (any: [Bool], sameClass: [Bool]) = ([], [])

  /// Per footprint, once buildings have notched them: whether it lies inside another
  /// footprint that is not convex (`Covering`), and inside one of its own class. None
  /// without buildings, where footprints stay convex and `Containment` finds them inside
  /// one another in each tile. Only the audit's tiles need this, not a footprint export.
  static func inside(of fps: FootprintSet, threads: Int) throws -> (any: [Bool], sameClass: [Bool]) {
    guard fps.occluded else { return ([], []) }
    return try Covering.hidden(
      fps.items.map(\.polygon), boxes: fps.items.map(\.bbox), layers: fps.items.map(\.cameraClass), cell: 150,
      threads: threads)
  }

  /// The grid over `extent`: tiles of `size` metres, or of the size the density of the
  /// footprints that reach the extent calls for.
  static func grid(extent: BBox, footprints: [FootprintSet.Item], size: Double?) throws -> TileGrid {
    let size =
      size
      ?? TileGrid.automaticSize(
        extent: extent, footprints: footprints.reduce(0) { $0 + ($1.bbox.intersects(extent) ? 1 : 0) })
    return try TileGrid(extent: extent, size: size)
  }

  /// Footprints by the tiles their boxes reach, for the tiles and for the entry points.
  static func footprintsByTile(_ footprints: [FootprintSet.Item], grid: TileGrid) -> [[Int32]] {
    var fpByTile = [[Int32]](repeating: [], count: grid.count)
    for (i, f) in footprints.enumerated() {
      for t in grid.tiles(for: f.bbox) { fpByTile[t].append(Int32(i)) }
    }
    return fpByTile
  }

  func run(fpByTile: [[Int32]], threads: Int, progress: (@Sendable (Int, Int) -> Void)?) throws
    -> [TileOutput]
  {
    // Bucket everything by tile once.
    var targetsByTile = [[Int32]](repeating: [], count: grid.count)
    for (i, t) in targets.enumerated() {
      for k in grid.tiles(for: t.bbox) { targetsByTile[k].append(Int32(i)) }
    }
    var roadsByTile = [[Int32]](repeating: [], count: grid.count)
    for (i, r) in roads.enumerated() {
      for k in grid.tiles(for: r.bbox) { roadsByTile[k].append(Int32(i)) }
    }
    var buildingsByTile = [[Int32]](repeating: [], count: grid.count)
    if targets.contains(where: \.lessBuildings) {
      for (i, b) in buildings.enumerated() {
        for k in grid.tiles(for: b.bbox) { buildingsByTile[k].append(Int32(i)) }
      }
    }
    let me = self
    let fpt = fpByTile
    let tgt = targetsByTile
    let rdt = roadsByTile
    let bdt = buildingsByTile
    let total = grid.count
    let done = DoneCounter()
    return try Parallel.map(
      count: grid.count, threads: threads, state: { TileWorker(engine: me) },
      progress: { _ in if let progress { progress(done.increment(), total) } },
      each: { worker, tile in
        try worker.process(
          tile: tile, footprints: fpt[tile], targets: tgt[tile], roads: rdt[tile], buildings: bdt[tile])
      })
  }
}

final class DoneCounter: @unchecked Sendable {
  let lock = NSLock()
  var n = 0
  func increment() -> Int {
    lock.lock()
    defer { lock.unlock() }
    n += 1
    return n
  }
}

/// Groups boxes whose closed extents overlap, directly or through a chain of others: a
/// sweep over x with union-find.
enum Clusters {
  static func of(_ boxes: [BBox]) -> [[Int]] {
    let n = boxes.count
    var parent = Array(0..<n)
    func find(_ i: Int) -> Int {
      var i = i
      while parent[i] != i {
        parent[i] = parent[parent[i]]
        i = parent[i]
      }
      return i
    }
    let order = (0..<n).sorted { boxes[$0].minX < boxes[$1].minX }
    var active: [Int] = []
    for i in order {
      let b = boxes[i]
      active.removeAll { boxes[$0].maxX < b.minX }
      for j in active where boxes[j].minY <= b.maxY && b.minY <= boxes[j].maxY {
        let ri = find(i)
        let rj = find(j)
        if ri != rj { parent[ri] = rj }
      }
      active.append(i)
    }
    var groups: [Int: [Int]] = [:]
    for i in 0..<n { groups[find(i), default: []].append(i) }
    return groups.values.map { $0.sorted() }.sorted { $0[0] < $1[0] }
  }

  /// The union of `geoms` (boxes `boxes`) in `ctx` without overlaying what does not
  /// overlap: each cluster of chained boxes is unioned on its own (a lone geometry needs no
  /// union at all) and the clusters, disjoint by construction, are gathered into one
  /// MultiPolygon; nil for none. GEOS's cascaded union would otherwise node far-apart
  /// sectors (or buildings) together at every level of its tree.
  static func union(_ geoms: [Geom], _ boxes: [BBox], context ctx: GEOSContext) throws -> Geom? {
    if geoms.isEmpty { return nil }
    var all: [Geom] = []
    for comp in of(boxes) {
      if comp.count == 1 {
        all.append(geoms[comp[0]])
      } else {
        all.append(try Geom.unionAll(consuming: try comp.map { try geoms[$0].clone() }, context: ctx))
      }
    }
    return try Geom.gatherDisjoint(all, context: ctx)
  }
}

/// One worker's GEOS context and its own copies of the shared geometry, built on first
/// use: GEOS objects never cross threads.
final class TileWorker {
  let ctx = GEOSContext()
  let engine: CoverageEngine
  var targetGeoms: [Int: Geom] = [:]
  var roadGeoms: [Int: Geom] = [:]
  var districtGeoms: [Int: Geom] = [:]
  /// Overlay failures recovered from, reported with the audit's warnings.
  var warnings: [String] = []

  init(engine: CoverageEngine) { self.engine = engine }

  /// The value for `i` in `cache`, made by `make` on first use.
  @inline(__always) func memo<V>(_ cache: inout [Int: V], _ i: Int, _ make: () throws -> V) rethrows -> V {
    if let v = cache[i] { return v }
    let v = try make()
    cache[i] = v
    return v
  }

  func target(_ i: Int) throws -> Geom {
    try memo(&targetGeoms, i) { try Geom.multiPolygon(engine.targets[i].polygons, context: ctx) }
  }

  var preparedTargets: [Int: PreparedGeom] = [:]

  func prepared(_ i: Int) throws -> PreparedGeom {
    try memo(&preparedTargets, i) { try PreparedGeom(target(i)) }
  }

  var preparedDistricts: [Int: PreparedGeom] = [:]

  func preparedDistrict(_ i: Int) throws -> PreparedGeom {
    try memo(&preparedDistricts, i) { try PreparedGeom(district(i)) }
  }

  func road(_ i: Int) throws -> Geom {
    try memo(&roadGeoms, i) { try Geom.multiLineString(engine.roads[i].lines, context: ctx) }
  }

  func district(_ i: Int) throws -> Geom {
    try memo(&districtGeoms, i) { try Geom.multiPolygon(engine.roadDistricts[i].polygons, context: ctx) }
  }

  /// Cuts a polygon to the tile. GEOSClipByRect is fast but, in GEOS 3.11, can return
  /// invalid rings for polygons with holes, which later overlays reject; those (and
  /// multi-part targets) go through a true intersection with the tile rectangle.
  func clip(_ g: Geom, holes: Bool, _ rect: BBox) throws -> Geom {
    if !holes { return try g.clip(to: rect) }
    let r = try Geom.rectangle(rect, context: ctx)
    return try g.intersection(r)
  }

  enum Op { case intersection, difference }

  /// An overlay that survives GEOS's robustness failures (TopologyException on nearly
  /// coincident edges): retried once on make-valid inputs, then once on inputs snapped to a
  /// 1 µm grid, with a warning naming the tile. Only if both retries fail is the error
  /// thrown.
  func overlay(_ a: Geom, _ b: Geom, _ op: Op, _ tile: Int) throws -> Geom {
    func run(_ x: Geom, _ y: Geom) throws -> Geom {
      op == .intersection ? try x.intersection(y) : try x.difference(y)
    }
    do {
      return try run(a, b)
    } catch let first as GeometryError {
      if let r = try? run(a.makeValid(), b.makeValid()) {
        warnings.append("tile \(tile): \(first); retried on make-valid geometry")
        return r
      }
      let r = try run(a.snappedToGrid(1e-6), b.snappedToGrid(1e-6))
      warnings.append("tile \(tile): \(first); retried on a 1 µm precision grid")
      return r
    }
  }

  static func touchesEdge(_ b: BBox, _ r: BBox) -> Bool {
    let eps = 1e-7 * max(1, abs(r.maxX) + abs(r.maxY))
    return b.minX <= r.minX + eps || b.maxX >= r.maxX - eps || b.minY <= r.minY + eps
      || b.maxY >= r.maxY - eps
  }

  /// A target cut to the tile; `whole` when the target holds the entire tile.
  typealias Clipped = (target: Int, geom: Geom, whole: Bool)

  func process(
    tile: Int, footprints fps: [Int32], targets tgs: [Int32], roads rds: [Int32], buildings bds: [Int32] = []
  ) throws
    -> TileOutput
  {
    var out = TileOutput()
    if tgs.isEmpty && rds.isEmpty { return out }
    let rect = engine.grid.rect(tile)
    let items = fps.map { engine.footprints[Int($0)] }
    // Footprints inside another one add nothing to a union, nor to the sweep when their
    // container is of their own class.
    let inside = engine.inside
    let swept = leavingOut(engine.classes ? inside.sameClass : inside.any, from: fps) ?? items
    let unioned = leavingOut(inside.any, from: fps) ?? items
    var clipped = try clipTargets(tgs, to: rect)
    var drawn: Set<Int> = []
    if clipped.contains(where: { engine.targets[$0.target].lessBuildings }) {
      (clipped, drawn) = try publicSpace(clipped, bds, rect, tile, into: &out)
    }
    try measureCovered(clipped, swept, rect, into: &out)
    if !drawn.isEmpty {
      let entering = fps.filter { engine.entering[Int($0)] != nil }
      try subtractInBuildings(
        clipped.filter { drawn.contains($0.target) }, entering, bds, rect, tile, into: &out)
    }
    if clipped.contains(where: { engine.targets[$0.target].wantGaps }) || engine.keepCoverage {
      var cache = TileFootprints(unioned, rect: rect)
      try gapPieces(clipped, &cache, tile, into: &out)
      if engine.keepCoverage { try coveredPieces(clipped, &cache, tile, into: &out) }
    }
    if !rds.isEmpty { try measureRoads(rds, items, rect, tile, into: &out) }
    out.warnings = warnings
    warnings = []
    return out
  }

  /// The footprints of `fps` not flagged in `hidden`; nil when nothing is flagged at all.
  func leavingOut(_ hidden: [Bool], from fps: [Int32]) -> [FootprintSet.Item]? {
    if hidden.isEmpty { return nil }
    return fps.compactMap { hidden[Int($0)] ? nil : engine.footprints[Int($0)] }
  }

  /// Each target cut to the tile. A target that holds the whole tile (the common case for
  /// districts) needs no cut: everything in the tile is inside it.
  func clipTargets(_ tgs: [Int32], to rect: BBox) throws -> [Clipped] {
    var clipped: [Clipped] = []
    var rectGeom: Geom?
    for t in tgs {
      let ti = Int(t)
      let tb = engine.targets[ti].bbox
      if tb.contains(rect) {
        if rectGeom == nil { rectGeom = try Geom.rectangle(rect, context: ctx) }
        if try prepared(ti).contains(rectGeom!) {
          clipped.append((ti, rectGeom!, true))
          continue
        }
      }
      let full = try target(ti)
      let g = rect.contains(tb) ? full : try clip(full, holes: true, rect)
      if !g.isEmpty { clipped.append((ti, g, false)) }
    }
    return clipped
  }

  /// The `lessBuildings` targets less the buildings that reach the tile, each building cut
  /// to the tile: the same public space as the global difference, cut along tile edges,
  /// at the cost of the tile's few buildings. Their areas go out for the audit's sums;
  /// a target left with no area in the tile is dropped from it.
  ///
  /// A target measured only by the sweep stays as drawn (returned in `drawn`, for
  /// `subtractInBuildings`), and the area its buildings take is swept too, with no overlay;
  /// one whose gaps or covered shape are wanted is cut.
  func publicSpace(
    _ clipped: [Clipped], _ bds: [Int32], _ rect: BBox, _ tile: Int, into out: inout TileOutput
  )
    throws -> (kept: [Clipped], drawn: Set<Int>)
  {
    let asDrawn = clipped.filter {
      engine.targets[$0.target].lessBuildings && !(engine.targets[$0.target].wantGaps || engine.keepCoverage)
    }
    let underBuildings = try buildingArea(in: asDrawn, bds, rect)
    var inTile: Geom??
    var kept: [Clipped] = []
    var drawn: Set<Int> = []
    for c in clipped {
      guard engine.targets[c.target].lessBuildings else {
        kept.append(c)
        continue
      }
      if let under = underBuildings[c.target] {
        let area = try c.geom.area() - under
        out.areas.append((c.target, area))
        if area > 0 {
          kept.append(c)
          drawn.insert(c.target)
        }
        continue
      }
      if inTile == nil { inTile = .some(try buildingUnion(bds, rect)) }
      guard let b = inTile!, c.geom.bbox.intersects(b.bbox) else {
        out.areas.append((c.target, try c.geom.area()))
        kept.append(c)
        continue
      }
      let g = try overlay(c.geom, b, .difference, tile).polygonalPart()
      let area = try g.area()
      out.areas.append((c.target, area))
      if !g.isEmpty && area > 0 { kept.append((c.target, g, false)) }
    }
    return (kept, drawn)
  }

  /// The area of each target that the tile's buildings take, by target: the area sweep
  /// over the buildings as drawn (it cuts them to the tile and counts overlaps once).
  func buildingArea(in targets: [Clipped], _ bds: [Int32], _ rect: BBox) throws -> [Int: Double] {
    if targets.isEmpty { return [:] }
    var m = UnionMeasure(rect: rect)
    for b in bds { for p in engine.buildings[Int(b)].polygons { m.addPolygon(p) } }
    for c in targets {
      if c.whole { m.addWholeTarget() } else { m.addTarget(try c.geom.polygons()) }
    }
    let r = m.measure()
    var out: [Int: Double] = [:]
    for (k, c) in targets.enumerated() { out[c.target] = r.covered[k] }
    return out
  }

  /// The union of the tile's buildings cut to the tile; nil without any.
  func buildingUnion(_ bds: [Int32], _ rect: BBox) throws -> Geom? {
    var gs: [Geom] = []
    var bs: [BBox] = []
    for b in bds {
      let item = engine.buildings[Int(b)]
      if !item.bbox.intersects(rect) { continue }
      var g = try Geom.multiPolygon(item.polygons, context: ctx)
      if !rect.contains(item.bbox) { g = try clip(g, holes: item.complex, rect) }
      if g.isEmpty { continue }
      gs.append(g)
      bs.append(g.bbox)
    }
    return try Clusters.union(gs, bs, context: ctx)
  }

  /// Covered areas of targets without gaps, and of every class, measured by the sweep.
  func measureCovered(
    _ clipped: [Clipped], _ items: [FootprintSet.Item], _ rect: BBox, into out: inout TileOutput
  )
    throws
  {
    let measured = clipped.filter {
      !engine.targets[$0.target].wantGaps || engine.targets[$0.target].wantClasses
    }
    if measured.isEmpty || items.isEmpty { return }
    var m = UnionMeasure(rect: rect, layers: engine.classes ? 4 : 1)
    for f in items { m.addPolygon(f.polygon, layer: engine.classes ? f.cameraClass : 0) }
    for c in measured {
      if c.whole { m.addWholeTarget() } else { m.addTarget(try c.geom.polygons()) }
    }
    let r = m.measure()
    for (k, c) in measured.enumerated() {
      let t = engine.targets[c.target]
      if !t.wantGaps { out.covered.append((c.target, r.covered[k])) }
      if t.wantClasses && engine.classes {
        for cls in 1...3 where r.layers[k][cls] > 0 {
          out.classCovered.append((c.target, cls, r.layers[k][cls]))
        }
      }
    }
  }

  /// Takes from the targets measured as drawn what the footprints that may see into a
  /// building cover inside buildings (`BuildingSpace`): no other footprint covers any of it,
  /// and these only the buildings their cameras stand on, so only those are measured.
  func subtractInBuildings(
    _ drawn: [Clipped], _ entering: [Int32], _ bds: [Int32], _ rect: BBox, _ tile: Int,
    into out: inout TileOutput
  ) throws {
    if entering.isEmpty { return }
    let cameras = entering.map { engine.entering[Int($0)]! }
    // The buildings those cameras stand on, by their boxes as drawn: a footprint reaches
    // into tiles its camera's building is cut from.
    let standing = bds.filter { i in
      let b = BuildingSpace.standingBox(engine.buildings[Int(i)])
      return cameras.contains { b.contains($0) }
    }
    guard let own = try buildingUnion(standing, rect) else { return }
    var m = UnionMeasure(rect: rect, layers: engine.classes ? 4 : 1)
    for i in entering {
      let f = engine.footprints[Int(i)]
      m.addPolygon(f.polygon, layer: engine.classes ? f.cameraClass : 0)
    }
    var measured: [Int] = []
    for c in drawn {
      let inside = c.whole ? own : try overlay(c.geom, own, .intersection, tile).polygonalPart()
      if inside.isEmpty { continue }
      m.addTarget(try inside.polygons())
      measured.append(c.target)
    }
    if measured.isEmpty { return }
    let r = m.measure()
    for (k, target) in measured.enumerated() {
      if let i = out.covered.firstIndex(where: { $0.target == target }) {
        out.covered[i].area = max(0, out.covered[i].area - r.covered[k])
      }
      guard engine.classes else { continue }
      for cls in 1...3 where r.layers[k][cls] > 0 {
        if let i = out.classCovered.firstIndex(where: { $0.target == target && $0.cls == cls }) {
          out.classCovered[i].area = max(0, out.classCovered[i].area - r.layers[k][cls])
        }
      }
    }
  }

  /// Gaps need shapes: each target with gaps less the union of the footprints that reach
  /// it, cut to the tile. Zones are small, so each one unions only its own footprints.
  func gapPieces(_ clipped: [Clipped], _ cache: inout TileFootprints, _ tile: Int, into out: inout TileOutput)
    throws
  {
    for c in clipped where engine.targets[c.target].wantGaps {
      let near = try cache.union(meeting: c.whole ? nil : c.geom, worker: self)
      let gaps = try near.map { try overlay(c.geom, $0, .difference, tile) } ?? c.geom
      let area = try c.geom.area()
      let gapArea = try gaps.area()
      out.covered.append((c.target, max(0, area - gapArea)))
      for p in try gaps.polygons() {
        out.gapPieces.append((c.target, p, TileWorker.touchesEdge(p.bbox, cache.rect)))
      }
    }
  }

  /// The dissolved coverage of each district in the tile.
  func coveredPieces(
    _ clipped: [Clipped], _ cache: inout TileFootprints, _ tile: Int, into out: inout TileOutput
  ) throws {
    guard clipped.contains(where: { engine.targets[$0.target].wantClasses }),
      let all = try cache.union(meeting: nil, worker: self)
    else { return }
    for c in clipped where engine.targets[c.target].wantClasses {
      let inter = c.whole ? all : try overlay(c.geom, all, .intersection, tile)
      out.coveredPieces.append((c.target, try inter.polygons()))
    }
  }

  /// Roads inside each district, covered and not.
  func measureRoads(
    _ rds: [Int32], _ items: [FootprintSet.Item], _ rect: BBox, _ tile: Int, into out: inout TileOutput
  ) throws {
    var districtClips: [Int: Geom] = [:]
    var roadIndex: RoadCover.Index?
    // Districts (as drawn) that hold the whole tile: a road clipped to the tile is inside.
    var holdsTile: [Int: Bool] = [:]
    for r in rds {
      let ri = Int(r)
      let item = engine.roads[ri]
      var rc: Geom?
      for (di, d) in engine.roadDistricts.enumerated()
      where d.bbox.intersects(item.bbox) && d.bbox.intersects(rect) {
        if rc == nil { rc = try road(ri).clip(to: rect) }
        guard let rcl = rc, !rcl.isEmpty else { break }
        let dc: Geom
        if let g = districtClips[di] {
          dc = g
        } else {
          dc = try clip(district(di), holes: true, rect)
          districtClips[di] = dc
        }
        if dc.isEmpty { continue }
        if holdsTile[di] == nil {
          var holds = false
          if d.bbox.contains(rect) {
            let rg = try Geom.rectangle(rect, context: ctx)
            holds = try preparedDistrict(di).contains(rg)
          }
          holdsTile[di] = holds
        }
        let inside = holdsTile[di]! ? rcl : try overlay(rcl, dc, .intersection, tile)
        let len = try inside.length()
        if len == 0 { continue }
        if roadIndex == nil { roadIndex = RoadCover.Index(items) }
        let stretches = RoadCover.uncovered(try inside.lines(), by: roadIndex!)
        let open = stretches.reduce(0.0) { $0 + RoadCover.length($1) }
        out.roads.append((ri, di, len, max(0, len - open)))
        for l in stretches { out.uncovered.append((ri, di, l)) }
      }
    }
  }
}

/// The footprints of one tile as GEOS geometry, each built at most once per tile however
/// many targets test or union it: as drawn for the exact test against a target, and cut
/// to the tile for unions.
struct TileFootprints {
  let items: [FootprintSet.Item]
  let rect: BBox
  /// Footprints inside another one add nothing to a union.
  let redundant: [Bool]
  var drawn: [Geom?]
  var cut: [Geom?]
  var boxes: [BBox]

  init(_ items: [FootprintSet.Item], rect: BBox) {
    self.items = items
    self.rect = rect
    boxes = items.map(\.bbox)
    redundant = Containment.hidden(items.map(\.polygon.rings), boxes: boxes, layers: nil, cell: 150)
    drawn = Array(repeating: nil, count: items.count)
    cut = Array(repeating: nil, count: items.count)
  }

  mutating func drawn(_ k: Int, _ ctx: GEOSContext) throws -> Geom {
    if let g = drawn[k] { return g }
    let g = try Geom.polygon(items[k].polygon, context: ctx)
    drawn[k] = g
    return g
  }

  /// The union of the footprints that meet `target` (all of them when nil), each cut to
  /// the tile and to the target's box. Footprints whose boxes only graze the target's box
  /// are left out by an exact test against the target, which costs far less than carrying
  /// them through the union; cutting the others to the box took the dense 20,000-camera
  /// city's audit from 1.61 s to 1.52 s (one thread).
  mutating func union(meeting target: Geom?, worker: TileWorker) throws -> Geom? {
    var gs: [Geom] = []
    var bs: [BBox] = []
    let box = target?.bbox
    // The target's box widened by a metre, so that no cut runs along a target's edge.
    let near = box?.expanded(by: 1)
    let exact = try target.map { try PreparedGeom($0) }
    for (k, f) in items.enumerated() where box.map({ f.bbox.intersects($0) }) ?? true {
      if redundant[k] { continue }
      if let exact, !(try exact.intersects(drawn(k, worker.ctx))) { continue }
      if cut[k] == nil {
        var g = try drawn(k, worker.ctx)
        if !rect.contains(f.bbox) {
          g = try worker.clip(g, holes: f.polygon.rings.count > 1, rect)
          boxes[k] = g.isEmpty ? .empty : g.bbox
        }
        cut[k] = g
      }
      if boxes[k].isEmpty { continue }
      if let near, !near.contains(boxes[k]) {
        // Only the part near the target matters: less for the union to carry.
        let g = try worker.clip(cut[k]!, holes: f.polygon.rings.count > 1, near)
        if g.isEmpty { continue }
        gs.append(g)
        bs.append(g.bbox)
        continue
      }
      gs.append(cut[k]!)
      bs.append(boxes[k])
    }
    return try Clusters.union(gs, bs, context: worker.ctx)
  }
}
