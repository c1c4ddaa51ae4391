import Cameras
import Foundation
import Geometry
import Support

/// The audit of SPEC §2: coverage of districts and zones, gaps, roads, entry points and
/// classes. Works in the metric plane of the input and returns WGS84 geometry.
public enum AuditEngine {
  public static func run(_ input: AuditInput, options: AuditOptions = AuditOptions()) throws -> AuditResult {
    let ctx = GEOSContext()
    let threads = max(1, options.threads)
    var result = AuditResult(crs: input.crs)
    result.warnings = input.warnings
    if input.skippedNonCameras > 0 {
      result.warnings.append(
        "\(input.skippedNonCameras) OSM surveillance nodes are not cameras (surveillance:type); skipped")
    }

    // 1. Footprints of the cameras that cover.
    let fps = try FootprintBuilder.build(input, options: options, threads: threads)
    result.warnings += fps.warnings

    Timing.mark("footprints")
    // 2. Public space: districts and zones minus buildings.
    let space = try PublicSpace(input, context: ctx)
    let zones = input.zones.filter { $0.isValid(on: options.on) }
    let gapsFromZones = !zones.isEmpty
    var targets: [Target] = []
    var targetAreas: [Double] = []
    for d in input.districts {
      let g = try space.of(d.polygons)
      let polys = try g.polygons()
      targets.append(Target(polygons: polys, bbox: g.bbox, wantGaps: !gapsFromZones, wantClasses: true))
      targetAreas.append(try g.area())
    }
    let zoneBase = targets.count
    for z in zones {
      let g = try space.of(z.polygons)
      targets.append(Target(polygons: try g.polygons(), bbox: g.bbox, wantGaps: true, wantClasses: false))
      targetAreas.append(try g.area())
    }

    Timing.mark("public space")
    // 3. Tiles over the audited area.
    var extent = BBox.empty
    for t in targets { extent.add(t.bbox) }
    for d in input.districts { for p in d.polygons { extent.add(p.bbox) } }
    let inExtent = fps.items.reduce(0) { $0 + ($1.bbox.intersects(extent) ? 1 : 0) }
    let size = options.tileSize ?? TileGrid.automaticSize(extent: extent, footprints: inExtent)
    let grid = TileGrid(extent: extent, size: size)
    let classes = fps.items.contains { $0.cameraClass != 0 }
    let roads = input.roads.map { r -> RoadItem in
      var box = BBox.empty
      for l in r.lines { box.add(BBox(points: l)) }
      return RoadItem(lines: r.lines, bbox: box)
    }
    let roadDistricts = input.districts.map { d -> (polygons: [PlanarPolygon], bbox: BBox) in
      var box = BBox.empty
      for p in d.polygons { box.add(p.bbox) }
      return (d.polygons, box)
    }
    var engine = CoverageEngine(
      grid: grid, footprints: fps.items, targets: targets, roads: roads, roadDistricts: roadDistricts,
      classes: classes)
    engine.keepCoverage = options.keepCoverage
    let fpByTile = CoverageEngine.footprintsByTile(fps.items, grid: grid)
    let tiles = try engine.run(fpByTile: fpByTile, threads: threads, progress: options.progress)

    Timing.mark("tiles")
    // 4. Sum tiles in tile order (deterministic for any thread count).
    var covered = [Double](repeating: 0, count: targets.count)
    var classCovered = [[Double]](repeating: [0, 0, 0, 0], count: targets.count)
    var pieces = [[PlanarPolygon]](repeating: [], count: targets.count)
    var edgePieces = [[PlanarPolygon]](repeating: [], count: targets.count)
    var roadLength = 0.0
    var roadCovered = 0.0
    var uncovered: [(road: Int, district: Int, line: [XY])] = []
    var coveredPieces = [[PlanarPolygon]](repeating: [], count: input.districts.count)
    for t in tiles {
      for (ti, polys) in t.coveredPieces { coveredPieces[ti] += polys }
      result.warnings += t.warnings
      for (ti, a) in t.covered { covered[ti] += a }
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

    // 5. Gaps: join parts cut by tile edges, drop the small ones, rank by area.
    var gapsByTarget = [[PlanarPolygon]](repeating: [], count: targets.count)
    for ti in targets.indices where targets[ti].wantGaps {
      var all = pieces[ti]
      if edgePieces[ti].count == 1 {
        all += edgePieces[ti]
      } else if !edgePieces[ti].isEmpty {
        let geoms = try edgePieces[ti].map { try Geom.polygon($0, context: ctx) }
        all += try Geom.unionAll(consuming: geoms, context: ctx).polygons()
      }
      gapsByTarget[ti] = all
    }

    let proj = try Projector(crs: input.crs)
    let preparedDistricts = try input.districts.map {
      try PreparedGeom(Geom.multiPolygon($0.polygons, context: ctx))
    }

    func districtOf(_ p: XY) throws -> String {
      let pt = try Geom.point(p, context: ctx)
      for (i, d) in preparedDistricts.enumerated() where roadDistricts[i].bbox.contains(p) {
        if try d.covers(pt) { return input.districts[i].code }
      }
      return ""
    }

    func toWGS84(_ poly: PlanarPolygon) throws -> PlanarPolygon {
      var rings: [[XY]] = []
      for (k, r) in poly.rings.enumerated() {
        var q = r
        try proj.inverse(&q)
        rings.append(Ring.oriented(q, counterClockwise: k == 0))
      }
      return PlanarPolygon(rings: rings)
    }

    var gaps: [AuditResult.Gap] = []
    var zoneGapCount = [Int](repeating: 0, count: targets.count)
    var zoneGapArea = [Double](repeating: 0, count: targets.count)
    for ti in targets.indices where targets[ti].wantGaps {
      var kept: [(PlanarPolygon, Double)] = []
      for p in gapsByTarget[ti] {
        let a = p.area
        if a < options.minGapArea {
          if a > 0 { result.droppedGapParts += 1 }
          continue
        }
        kept.append((p, a))
      }
      kept.sort {
        $0.1 != $1.1 ? $0.1 > $1.1 : ($0.0.bbox.minX, $0.0.bbox.minY) < ($1.0.bbox.minX, $1.0.bbox.minY)
      }
      let isZone = ti >= zoneBase
      let owner = isZone ? zones[ti - zoneBase].id : input.districts[ti].code
      for (rank, (p, a)) in kept.enumerated() {
        let g = try Geom.polygon(p, context: ctx)
        let c = try g.centroid() ?? p.exterior[0]
        let inside = try g.pointOnSurface() ?? c
        let district = isZone ? try districtOf(inside) : owner
        gaps.append(
          AuditResult.Gap(
            id: "\(owner)#\(rank + 1)", zone: isZone ? owner : "",
            kind: isZone ? zones[ti - zoneBase].kind.rawValue : "district",
            district: district, area: a, centroid: try proj.inverse(c), polygon: try toWGS84(p)))
        zoneGapCount[ti] += 1
        zoneGapArea[ti] += a
      }
    }
    gaps.sort { $0.area != $1.area ? $0.area > $1.area : $0.id < $1.id }
    if result.droppedGapParts > 0 {
      result.warnings.append(
        "\(result.droppedGapParts) gap parts smaller than \(JSONWriter.number(options.minGapArea)) m² dropped"
      )
    }

    Timing.mark("gaps")
    // 6. Districts.
    var camerasIn = [Int](repeating: 0, count: input.districts.count)
    for (i, pc) in input.cameras.enumerated() where fps.active[i] {
      let pt = try Geom.point(pc.position, context: ctx)
      for (d, pg) in preparedDistricts.enumerated() where roadDistricts[d].bbox.contains(pc.position) {
        if try pg.covers(pt) {
          camerasIn[d] += 1
          break
        }
      }
    }
    var s = AuditResult.Summary()
    for (i, d) in input.districts.enumerated() {
      let area = targetAreas[i]
      let cov = min(covered[i], area)
      result.districts.append(
        AuditResult.DistrictRow(
          code: d.code, name: d.name, area: area, covered: cov, coverage: area > 0 ? cov / area : 0,
          cameras: camerasIn[i]))
      s.districtArea += area
      s.covered += cov
    }

    // 7. Zones.
    for (k, z) in zones.enumerated() {
      let ti = zoneBase + k
      let area = targetAreas[ti]
      let cov = min(covered[ti], area)
      let ratio = area > 0 ? cov / area : 0
      var codes: [String] = []
      let zg = try Geom.multiPolygon(targets[ti].polygons, context: ctx)
      for (d, pg) in preparedDistricts.enumerated() where roadDistricts[d].bbox.intersects(targets[ti].bbox) {
        if try pg.intersects(zg), try zg.intersection(pg.base).area() > 0 {
          codes.append(input.districts[d].code)
        }
      }
      if codes.isEmpty {
        result.warnings.append(
          "zones.geojson: feature \(z.featureIndex): zone \"\(z.id)\" lies outside every district")
      }
      let meets = ratio >= z.target
      result.zones.append(
        AuditResult.ZoneRow(
          id: z.id, name: z.name, kind: z.kind.rawValue, districts: codes, area: area, covered: cov,
          coverage: ratio,
          target: z.target, meetsTarget: meets, gapCount: zoneGapCount[ti], gapArea: zoneGapArea[ti]))
      s.zoneArea += area
      s.zoneCovered += cov
      if !meets { s.zonesBelowTarget += 1 }
    }
    result.gaps = gaps

    // 8. Classes.
    for c in 1...3 {
      var row = AuditResult.ClassRow(cameraClass: c, cameras: 0, active: 0, covered: 0)
      for (i, pc) in input.cameras.enumerated() where pc.camera.cameraClass == c {
        row.cameras += 1
        if fps.active[i] { row.active += 1 }
      }
      for i in input.districts.indices { row.covered += classCovered[i][c] }
      result.classes.append(row)
    }

    Timing.mark("districts, zones, classes")
    // 9. Entry points: road × district boundary crossings.
    result.entries = try entryPoints(input, fps: fps, byTile: fpByTile, grid: grid, ctx: ctx, proj: proj)

    Timing.mark("entries")
    // 10. Uncovered road stretches (WGS84).
    for u in uncovered {
      var line = u.line
      let len = zip(line, line.dropFirst()).reduce(0.0) { $0 + hypot($1.1.x - $1.0.x, $1.1.y - $1.0.y) }
      try proj.inverse(&line)
      result.uncoveredRoads.append(
        AuditResult.RoadStretch(
          road: input.roads[u.road].id, name: input.roads[u.road].name,
          district: input.districts[u.district].code,
          length: len, line: line))
    }

    Timing.mark("roads out")
    // 11. Summary.
    // 完好率 exactly as SPEC §4 defines it: active cameras (those that cover, after status
    // and dates) over cameras whose status is not retired.
    let notRetired = input.cameras.reduce(0) { $0 + ($1.camera.status != .retired ? 1 : 0) }
    s.cameras = input.cameras.count
    s.activeCameras = fps.active.filter { $0 }.count
    s.defaultRangeCameras = fps.defaultRange
    s.unknownHeading = fps.unknownHeading
    s.districts = input.districts.count
    s.coverage = s.districtArea > 0 ? s.covered / s.districtArea : 0
    s.zones = zones.count
    s.zoneCoverage = s.zoneArea > 0 ? s.zoneCovered / s.zoneArea : 0
    s.gaps = gaps.count
    s.gapArea = gaps.reduce(0) { $0 + $1.area }
    s.roadLength = roadLength
    s.roadCovered = min(roadCovered, roadLength)
    s.entries = result.entries.count
    s.entriesCovered = result.entries.filter(\.covered).count
    s.workingRate = notRetired > 0 ? Double(s.activeCameras) / Double(notRetired) : 0
    result.summary = s

    // 12. Coverage dissolved per district: tile pieces joined again.
    if options.keepCoverage {
      for polys in coveredPieces {
        let joined = try Geom.unionAll(
          consuming: polys.map { try Geom.polygon($0, context: ctx) }, context: ctx
        ).polygons()
        result.districtCoverage.append(try joined.map(toWGS84))
      }
    }

    // 13. Shapes for maps.
    if options.keepFootprints {
      var byCamera: [Int: [PlanarPolygon]] = [:]
      for f in fps.items { byCamera[f.camera, default: []].append(f.polygon) }
      for i in byCamera.keys.sorted() {
        let pc = input.cameras[i]
        result.footprints.append(
          CameraFootprint(
            cameraID: pc.camera.id, name: pc.camera.name, kind: pc.camera.kind,
            cameraClass: pc.camera.cameraClass,
            position: XY(pc.camera.lon, pc.camera.lat), range: fps.optics[i]?.range ?? 0,
            polygons: try byCamera[i]!.map(toWGS84)))
      }
      result.districtShapes = try input.districts.map { try $0.polygons.map(toWGS84) }
      result.zoneShapes = try zones.map { try $0.polygons.map(toWGS84) }
    }
    Parallel.releaseInBackground(consume fps)
    Parallel.releaseInBackground(consume engine)
    Parallel.releaseInBackground(consume tiles)
    Timing.mark("summary")
    return result
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
          var covered = false
          // Every tile a hair's breadth around the point: a point on a tile edge may be
          // covered by a footprint filed only in the neighbouring tile.
          let near = BBox(minX: p.x - 1e-6, minY: p.y - 1e-6, maxX: p.x + 1e-6, maxY: p.y + 1e-6)
          search: for t in grid.tiles(for: near) {
            for i in byTile[t] where fps.items[Int(i)].bbox.expanded(by: 1e-9).contains(p) {
              if PointInRing.covers(fps.items[Int(i)].polygon, p) {
                covered = true
                break search
              }
            }
          }
          out.append(
            AuditResult.Entry(district: d.code, road: r.id, point: try proj.inverse(p), covered: covered))
        }
      }
    }
    return out
  }
}
