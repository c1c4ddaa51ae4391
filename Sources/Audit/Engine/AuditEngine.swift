import Cameras
import Foundation
import Geometry
import Support

/// The audit of SPEC §2: coverage of districts and zones, gaps, roads, entry points and
/// classes. Works in the metric plane of the input and returns WGS84 geometry.
public enum AuditEngine {
  public static func run(_ input: AuditInput, options: AuditOptions = AuditOptions()) throws -> AuditResult {
    if !input.groups.isEmpty { return try runGroups(input, options: options) }
    return try runPlane(input, options: options)
  }

  /// The audit in one metric plane. `districtGaps` says whether districts report their
  /// gaps; by default when no zone is audited (in a group: no zone of any group).
  static func runPlane(_ input: AuditInput, options: AuditOptions, districtGaps: Bool? = nil) throws
    -> AuditResult
  {
    let ctx = GEOSContext()
    let threads = max(1, options.threads)
    var result = AuditResult(crs: input.crs)
    result.warnings = inputWarnings(input)
    let fps = try FootprintBuilder.build(input, options: options, threads: threads)
    result.warnings += fps.warnings
    Timing.mark("footprints")
    var targets = try AuditTargets(
      input, on: options.on, districtGaps: districtGaps, context: ctx, threads: threads)
    Timing.mark("public space")
    let tiled = try tiles(input, targets: targets, fps: fps, options: options, threads: threads)
    Timing.mark("tiles")
    let sums = TileSums(tiled.outputs, targets: targets.list.count, districts: input.districts.count)
    for ti in targets.list.indices where targets.list[ti].lessBuildings { targets.areas[ti] = sums.areas[ti] }
    result.warnings += sums.warnings
    let proj = try Projector(crs: input.crs)
    let locator = try DistrictLocator(input.districts, context: ctx)
    let joined = try joinGaps(sums, targets: targets, minArea: options.minGapArea, threads: threads)
    let ranked = try rankGaps(
      joined, input: input, targets: targets, minArea: options.minGapArea, locator: locator, proj: proj)
    result.gaps = ranked.gaps
    result.droppedGapParts = ranked.dropped
    if ranked.dropped > 0 {
      result.warnings.append(
        "\(ranked.dropped) gap parts smaller than \(JSONWriter.number(options.minGapArea)) m² dropped")
    }
    Timing.mark("gaps")
    result.districts = try districtRows(input, sums: sums, targets: targets, fps: fps, locator: locator)
    let zones = try zoneRows(targets, sums: sums, gaps: ranked, locator: locator)
    result.zones = zones.rows
    result.warnings += zones.warnings
    result.classes = classRows(input, sums: sums, fps: fps)
    Timing.mark("districts, zones, classes")
    result.entries = try entryPoints(
      input, fps: fps, byTile: tiled.fpByTile, grid: tiled.grid, ctx: ctx, proj: proj)
    Timing.mark("entries")
    result.uncoveredRoads = try uncoveredRoads(input, sums: sums, proj: proj)
    Timing.mark("roads out")
    result.summary = summarise(result, input: input, sums: sums, targets: targets, fps: fps)
    if options.keepCoverage {
      result.districtCoverage = try dissolvedCoverage(sums, context: ctx, proj: proj)
    }
    if options.keepFootprints {
      result.footprints = try cameraFootprints(input, fps: fps, proj: proj)
      result.districtShapes = try input.districts.map { try $0.polygons.map(proj.inverse(polygon:)) }
      result.zoneShapes = try targets.zones.map { try $0.polygons.map(proj.inverse(polygon:)) }
    }
    Parallel.releaseInBackground(consume fps)
    Parallel.releaseInBackground(consume tiled)
    Timing.mark("summary")
    return result
  }

  static func inputWarnings(_ input: AuditInput) -> [String] {
    var warnings = input.warnings
    if input.skippedNonCameras > 0 {
      warnings.append(
        "\(input.skippedNonCameras) OSM surveillance nodes are not cameras (surveillance:type); skipped")
    }
    return warnings
  }

  /// The tile grid over the audited area and what every tile contributes.
  struct Tiled {
    var grid: TileGrid
    var fpByTile: [[Int32]]
    var engine: CoverageEngine
    var outputs: [TileOutput]
  }

  static func tiles(
    _ input: AuditInput, targets: AuditTargets, fps: FootprintSet, options: AuditOptions, threads: Int
  ) throws -> Tiled {
    var extent = BBox.empty
    for t in targets.list { extent.add(t.bbox) }
    for d in input.districts { for p in d.polygons { extent.add(p.bbox) } }
    let grid = try CoverageEngine.grid(extent: extent, footprints: fps.items, size: options.tileSize)
    let roads = input.roads.map { r -> RoadItem in
      var box = BBox.empty
      for l in r.lines { box.add(BBox(points: l)) }
      return RoadItem(lines: r.lines, bbox: box)
    }
    let roadDistricts = input.districts.map { d -> (polygons: [PlanarPolygon], bbox: BBox) in
      (d.polygons, d.polygons.reduce(into: BBox.empty) { $0.add($1.bbox) })
    }
    var engine = CoverageEngine(
      grid: grid, footprints: fps.items, targets: targets.list, roads: roads, roadDistricts: roadDistricts,
      classes: fps.items.contains { $0.cameraClass != 0 })
    engine.keepCoverage = options.keepCoverage
    engine.inside = try CoverageEngine.inside(of: fps, threads: threads)
    Timing.mark("footprints inside one another")
    if targets.list.contains(where: \.lessBuildings) {
      engine.buildings = input.buildings.map { BuildingItem($0.polygons) }
      engine.entering = BuildingSpace.entering(fps.items, cameras: input.cameras, buildings: engine.buildings)
    }
    let fpByTile = CoverageEngine.footprintsByTile(fps.items, grid: grid)
    let outputs = try engine.run(fpByTile: fpByTile, threads: threads, progress: options.progress)
    return Tiled(grid: grid, fpByTile: fpByTile, engine: engine, outputs: outputs)
  }

  /// A gap as tiles left it or as the union of its parts cut by tile edges; a joined gap
  /// large enough to rank comes with its centroid and a point inside it, taken from the
  /// union's own geometry where it was built.
  struct GapPart {
    var polygon: PlanarPolygon
    var points: (centroid: XY, inside: XY)?
  }

  /// Gap parts of each target that wants gaps, those cut by tile edges joined again:
  /// each target's on its own core, as a city's zones hold thousands of edge pieces.
  static func joinGaps(_ sums: TileSums, targets: AuditTargets, minArea: Double, threads: Int) throws
    -> [[GapPart]]
  {
    let wanted = targets.list.indices.filter { targets.list[$0].wantGaps }
    let joined = try Parallel.map(
      count: wanted.count, threads: threads, state: { GEOSContext() },
      each: { ctx, k -> [GapPart] in
        let ti = wanted[k]
        var all = sums.pieces[ti].map { GapPart(polygon: $0, points: nil) }
        let edge = sums.edgePieces[ti]
        if edge.count == 1 {
          all.append(GapPart(polygon: edge[0], points: nil))
        } else if !edge.isEmpty {
          for (p, g) in try Geom.union(of: edge, context: ctx).polygonParts() {
            all.append(GapPart(polygon: p, points: p.area < minArea ? nil : try gapPoints(g, p)))
          }
        }
        return all
      })
    var byTarget = [[GapPart]](repeating: [], count: targets.list.count)
    for (k, ti) in wanted.enumerated() { byTarget[ti] = joined[k] }
    return byTarget
  }

  /// Where a gap is reported: its centroid, and a point inside it for its district.
  static func gapPoints(_ g: Geom, _ p: PlanarPolygon) throws -> (centroid: XY, inside: XY) {
    let c = try g.centroid() ?? p.exterior[0]
    return (c, try g.pointOnSurface() ?? c)
  }

  struct RankedGaps {
    var gaps: [AuditResult.Gap]
    var dropped: Int
    var countByTarget: [Int]
    var areaByTarget: [Double]
  }

  /// Drops gaps under `minArea`, ranks the rest by area within their target and names
  /// them `owner#rank`; the list comes out largest first.
  static func rankGaps(
    _ byTarget: [[GapPart]], input: AuditInput, targets: AuditTargets, minArea: Double,
    locator: DistrictLocator, proj: Projector
  ) throws -> RankedGaps {
    var out = RankedGaps(
      gaps: [], dropped: 0, countByTarget: Array(repeating: 0, count: byTarget.count),
      areaByTarget: Array(repeating: 0, count: byTarget.count))
    for ti in targets.list.indices where targets.list[ti].wantGaps {
      var kept: [(GapPart, Double)] = []
      for p in byTarget[ti] {
        let a = p.polygon.area
        if a < minArea {
          if a > 0 { out.dropped += 1 }
          continue
        }
        kept.append((p, a))
      }
      kept.sort {
        $0.1 != $1.1
          ? $0.1 > $1.1
          : ($0.0.polygon.bbox.minX, $0.0.polygon.bbox.minY) < (
            $1.0.polygon.bbox.minX, $1.0.polygon.bbox.minY
          )
      }
      let zone = targets.zone(ti)
      let owner = zone?.id ?? input.districts[ti].code
      for (rank, (p, a)) in kept.enumerated() {
        let (c, inside) = try p.points ?? gapPoints(Geom.polygon(p.polygon, context: locator.ctx), p.polygon)
        out.gaps.append(
          AuditResult.Gap(
            id: "\(owner)#\(rank + 1)", zone: zone == nil ? "" : owner,
            kind: zone?.kind.rawValue ?? "district",
            district: zone == nil ? owner : try locator.code(at: inside), area: a,
            centroid: try proj.inverse(c), polygon: try proj.inverse(polygon: p.polygon)))
        out.countByTarget[ti] += 1
        out.areaByTarget[ti] += a
      }
    }
    out.gaps.sort { $0.area != $1.area ? $0.area > $1.area : $0.id < $1.id }
    return out
  }

  static func districtRows(
    _ input: AuditInput, sums: TileSums, targets: AuditTargets, fps: FootprintSet, locator: DistrictLocator
  ) throws -> [AuditResult.DistrictRow] {
    var camerasIn = [Int](repeating: 0, count: input.districts.count)
    for (i, pc) in input.cameras.enumerated() where fps.active[i] {
      for d in try locator.indices(at: pc.position) { camerasIn[d] += 1 }
    }
    return input.districts.enumerated().map { i, d in
      let area = targets.areas[i]
      let cov = min(sums.covered[i], area)
      return AuditResult.DistrictRow(
        code: d.code, name: d.name, area: area, covered: cov, coverage: area > 0 ? cov / area : 0,
        cameras: camerasIn[i])
    }
  }

  static func zoneRows(
    _ targets: AuditTargets, sums: TileSums, gaps: RankedGaps, locator: DistrictLocator
  ) throws -> (rows: [AuditResult.ZoneRow], warnings: [String]) {
    var rows: [AuditResult.ZoneRow] = []
    var warnings: [String] = []
    for (k, z) in targets.zones.enumerated() {
      let ti = targets.zoneBase + k
      let area = targets.areas[ti]
      let cov = min(sums.covered[ti], area)
      let ratio = area > 0 ? cov / area : 0
      let codes = try locator.codes(meeting: targets.list[ti])
      if codes.isEmpty {
        // Public space is the zone less buildings: a zone drawn over one building's
        // footprint has none left, though it lies inside a district.
        let covered = try area == 0 && locator.meetsAny(z.polygons)
        warnings.append(
          covered
            ? "zones.geojson: feature \(z.featureIndex): zone \"\(z.id)\" lies entirely inside building footprints: no public space is left to watch"
            : "zones.geojson: feature \(z.featureIndex): zone \"\(z.id)\" lies outside every district")
      }
      rows.append(
        AuditResult.ZoneRow(
          id: z.id, name: z.name, kind: z.kind.rawValue, districts: codes, area: area, covered: cov,
          coverage: ratio, target: z.target, meetsTarget: ratio >= z.target, gapCount: gaps.countByTarget[ti],
          gapArea: gaps.areaByTarget[ti]))
    }
    return (rows, warnings)
  }

  static func classRows(_ input: AuditInput, sums: TileSums, fps: FootprintSet) -> [AuditResult.ClassRow] {
    (1...3).map { c in
      var row = AuditResult.ClassRow(cameraClass: c, cameras: 0, active: 0, covered: 0)
      for i in input.homeCameras where input.cameras[i].camera.cameraClass == c {
        row.cameras += 1
        if fps.active[i] { row.active += 1 }
      }
      for i in input.districts.indices { row.covered += sums.classCovered[i][c] }
      return row
    }
  }

  /// Uncovered road stretches in WGS84, with their length in the metric plane.
  static func uncoveredRoads(_ input: AuditInput, sums: TileSums, proj: Projector) throws
    -> [AuditResult.RoadStretch]
  {
    try sums.uncovered.map { u in
      var line = u.line
      let len = zip(line, line.dropFirst()).reduce(0.0) { $0 + hypot($1.1.x - $1.0.x, $1.1.y - $1.0.y) }
      try proj.inverse(&line)
      return AuditResult.RoadStretch(
        road: input.roads[u.road].id, name: input.roads[u.road].name,
        district: input.districts[u.district].code, length: len, line: line)
    }
  }

  static func summarise(
    _ result: AuditResult, input: AuditInput, sums: TileSums, targets: AuditTargets, fps: FootprintSet
  ) -> AuditResult.Summary {
    var s = AuditResult.Summary()
    // 完好率 exactly as SPEC §4 defines it: active cameras (those that cover, after status
    // and dates) over cameras whose status is not retired.
    let homes = input.homeCameras
    let notRetired = input.cameras[homes].reduce(0) { $0 + ($1.camera.status != .retired ? 1 : 0) }
    s.cameras = homes.count
    s.activeCameras = fps.active[homes].filter { $0 }.count
    s.defaultRangeCameras = fps.defaultRange
    s.unknownHeading = fps.unknownHeading
    s.districts = input.districts.count
    s.zones = targets.zones.count
    s.roadLength = sums.roadLength
    s.roadCovered = min(sums.roadCovered, sums.roadLength)
    s.addRows(of: result, notRetired: notRetired)
    return s
  }

  /// Coverage dissolved per district: the tiles' covered pieces joined again, in WGS84.
  static func dissolvedCoverage(_ sums: TileSums, context ctx: GEOSContext, proj: Projector) throws
    -> [[PlanarPolygon]]
  {
    try sums.coveredPieces.map { polys in
      try Geom.union(of: polys, context: ctx).polygons().map(proj.inverse(polygon:))
    }
  }

  /// Each covering camera's footprint in WGS84, for maps, in camera order.
  static func cameraFootprints(_ input: AuditInput, fps: FootprintSet, proj: Projector) throws
    -> [CameraFootprint]
  {
    var byCamera: [Int: [PlanarPolygon]] = [:]
    for f in fps.items where input.homeCameras.contains(f.camera) {
      byCamera[f.camera, default: []].append(f.polygon)
    }
    return try byCamera.keys.sorted().map { i in
      let pc = input.cameras[i]
      return CameraFootprint(
        cameraID: pc.camera.id, name: pc.camera.name, kind: pc.camera.kind,
        cameraClass: pc.camera.cameraClass,
        position: XY(pc.camera.lon, pc.camera.lat), range: fps.optics[i]?.range ?? 0,
        polygons: try byCamera[i]!.map(proj.inverse(polygon:)))
    }
  }

  static func entryPoints(
    _ input: AuditInput, fps: FootprintSet, byTile: [[Int32]], grid: TileGrid, ctx: GEOSContext,
    proj: Projector
  ) throws -> [AuditResult.Entry] {
    if input.roads.isEmpty { return [] }
    var out: [AuditResult.Entry] = []
    let roadGeoms = try input.roads.map { try Geom.multiLineString($0.lines, context: ctx) }
    let roadBoxes = input.roads.map { r -> BBox in
      var b = BBox.empty
      for l in r.lines { b.add(BBox(points: l)) }
      return b
    }
    for d in input.districts {
      let rings = d.polygons.flatMap(\.rings)
      let boundary = try Geom.multiLineString(rings, context: ctx)
      // Most roads cross no boundary: an indexed test finds them before an overlay would
      // node the whole boundary for each.
      let crossing = try PreparedGeom(boundary)
      var dbox = BBox.empty
      for p in d.polygons { dbox.add(p.bbox) }
      for (ri, r) in input.roads.enumerated() where roadBoxes[ri].intersects(dbox) {
        if !(try crossing.intersects(roadGeoms[ri])) { continue }
        let inter = try roadGeoms[ri].intersection(boundary)
        if inter.isEmpty { continue }
        for p in try inter.pointList() {
          out.append(
            AuditResult.Entry(
              district: d.code, road: r.id, point: try proj.inverse(p),
              covered: covered(p, fps: fps, byTile: byTile, grid: grid)))
        }
      }
    }
    return out
  }

  /// Whether a footprint covers `p`, looking in every tile a hair's breadth around it: a
  /// point on a tile edge may be covered by a footprint filed only in the neighbouring tile.
  static func covered(_ p: XY, fps: FootprintSet, byTile: [[Int32]], grid: TileGrid) -> Bool {
    let near = BBox(minX: p.x - 1e-6, minY: p.y - 1e-6, maxX: p.x + 1e-6, maxY: p.y + 1e-6)
    for t in grid.tiles(for: near) {
      for i in byTile[t] where fps.items[Int(i)].bbox.expanded(by: 1e-9).contains(p) {
        if PointInRing.covers(fps.items[Int(i)].polygon, p) { return true }
      }
    }
    return false
  }
}

/// Districts then valid zones as measured (public space: minus buildings), with their
/// areas. Districts want gaps only when no zone does. Districts are large and hold most
/// buildings, so the tiles take the buildings out of them (their areas are the tiles'
/// sums, filled in after the tiles); zones are small and cut here, by the same
/// `PublicSpace` the planner measures them with, so the two agree bit for bit.
struct AuditTargets {
  var zones: [Zone]
  var list: [Target] = []
  /// Public space of each target (m²); for `lessBuildings` targets only after the tiles.
  var areas: [Double] = []
  /// Index of the first zone in `list`.
  var zoneBase: Int

  init(
    _ input: AuditInput, on date: ISODate?, districtGaps: Bool? = nil, context ctx: GEOSContext,
    threads: Int = 1
  ) throws {
    let space = try PublicSpace(input, context: ctx)
    zones = input.zones.filter { $0.isValid(on: date) }
    zoneBase = input.districts.count
    let districtGaps = districtGaps ?? zones.isEmpty
    for d in input.districts {
      if input.buildings.isEmpty {
        let (t, a) = try space.target(d.polygons, wantGaps: districtGaps, wantClasses: true)
        list.append(t)
        areas.append(a)
      } else {
        let box = d.polygons.reduce(into: BBox.empty) { $0.add($1.bbox) }
        list.append(
          Target(
            polygons: d.polygons, bbox: box, wantGaps: districtGaps, wantClasses: true, lessBuildings: true))
        areas.append(0)
      }
    }
    for (t, a) in try space.targets(
      zones.map(\.polygons), wantGaps: true, wantClasses: false, threads: threads)
    {
      list.append(t)
      areas.append(a)
    }
  }

  func zone(_ target: Int) -> Zone? { target >= zoneBase ? zones[target - zoneBase] : nil }
}

/// What the tiles add up to, summed in tile order (deterministic for any thread count).
struct TileSums {
  var covered: [Double]
  var classCovered: [[Double]]
  var pieces: [[PlanarPolygon]]
  var edgePieces: [[PlanarPolygon]]
  var roadLength = 0.0
  var roadCovered = 0.0
  var uncovered: [(road: Int, district: Int, line: [XY])] = []
  var coveredPieces: [[PlanarPolygon]]
  /// Public space of the `lessBuildings` targets.
  var areas: [Double]
  var warnings: [String] = []

  init(_ tiles: [TileOutput], targets: Int, districts: Int) {
    covered = Array(repeating: 0, count: targets)
    areas = Array(repeating: 0, count: targets)
    classCovered = Array(repeating: [0, 0, 0, 0], count: targets)
    pieces = Array(repeating: [], count: targets)
    edgePieces = Array(repeating: [], count: targets)
    coveredPieces = Array(repeating: [], count: districts)
    for t in tiles {
      for (ti, polys) in t.coveredPieces { coveredPieces[ti] += polys }
      warnings += t.warnings
      for (ti, a) in t.covered { covered[ti] += a }
      for (ti, a) in t.areas { areas[ti] += a }
      for (ti, c, a) in t.classCovered { classCovered[ti][c] += a }
      for (ti, p, onEdge) in t.gapPieces {
        if onEdge { edgePieces[ti].append(p) } else { pieces[ti].append(p) }
      }
      for r in t.roads {
        roadLength += r.length
        roadCovered += r.covered
      }
      uncovered += t.uncovered
    }
  }
}

/// Districts as drawn, prepared for point and overlap tests; a box test comes first, as
/// most districts are far from any one point.
final class DistrictLocator {
  let ctx: GEOSContext
  let codes: [String]
  let prepared: [PreparedGeom]
  let boxes: [BBox]

  init(_ districts: [District], context: GEOSContext) throws {
    ctx = context
    codes = districts.map(\.code)
    prepared = try districts.map { try PreparedGeom(Geom.multiPolygon($0.polygons, context: context)) }
    boxes = districts.map { $0.polygons.reduce(into: BBox.empty) { $0.add($1.bbox) } }
  }

  /// The first district that covers `p`.
  func index(at p: XY) throws -> Int? {
    let pt = try Geom.point(p, context: ctx)
    for (i, d) in prepared.enumerated() where boxes[i].contains(p) {
      if try d.covers(pt) { return i }
    }
    return nil
  }

  /// Every district that covers `p`, boundary included (SPEC §4): a camera on a shared
  /// vertex or inside nested districts stands in each of them.
  func indices(at p: XY) throws -> [Int] {
    let pt = try Geom.point(p, context: ctx)
    var out: [Int] = []
    for (i, d) in prepared.enumerated() where boxes[i].contains(p) {
      if try d.covers(pt) { out.append(i) }
    }
    return out
  }

  /// Whether a zone as drawn overlaps some district with positive area.
  func meetsAny(_ polygons: [PlanarPolygon]) throws -> Bool {
    let g = try Geom.multiPolygon(polygons, context: ctx)
    var box = BBox.empty
    for p in polygons { box.add(p.bbox) }
    for (d, pg) in prepared.enumerated() where boxes[d].intersects(box) {
      if try pg.intersects(g), try g.intersection(pg.base).area() > 0 { return true }
    }
    return false
  }

  /// The code of the first district that covers `p`; "" outside every district.
  func code(at p: XY) throws -> String {
    try index(at: p).map { codes[$0] } ?? ""
  }

  /// Codes of the districts a target overlaps with positive area.
  func codes(meeting target: Target) throws -> [String] {
    var out: [String] = []
    let g = try Geom.multiPolygon(target.polygons, context: ctx)
    for (d, pg) in prepared.enumerated() where boxes[d].intersects(target.bbox) {
      // Most zones lie inside one district, and a prepared test of that costs far less
      // than the intersection of a zone holed by its buildings.
      if try pg.covers(g) {
        if try g.area() > 0 { out.append(codes[d]) }
      } else if try pg.intersects(g), try g.intersection(pg.base).area() > 0 {
        out.append(codes[d])
      }
    }
    return out
  }
}
