import Audit
import Foundation
import Geometry
import Support

/// The interactive map's layers as GeoJSON (WGS84, 6 decimals), in one JSON document the
/// page's script reads. Every figure in it was measured in the audit's metric plane; the
/// shapes are simplified to half a metre for drawing only.
///
/// Level of detail, so a 150,000-camera city stays a file a browser opens in seconds:
/// districts, zones, gaps and entry points are always there; cameras are density cells at
/// city zoom, and footprints from `footprintZoom` on. Up to `footprintsEverywhere` cameras
/// every footprint is embedded; above, those that reach a zone's bounding box (where a
/// planner zooms in), simplified harder until they fit `footprintBudget`.
struct MapData {
  enum Footprints: String {
    case all
    case nearZones = "near-zones"
    case none
  }

  /// The layers the map opens with.
  var json = ""
  /// Layers read only when first shown (footprints, buildings, roads, uncovered stretches),
  /// each `{"name": FeatureCollection}` in a script element of its own: at city scale they
  /// are most of the bytes, and parsing them would hold up the first paint.
  var details: [(String, String)] = []
  var footprints = Footprints.all
  var footprintCount = 0
  /// The cameras the layer would hold without its budget.
  var footprintCandidates = 0
  /// Metres the footprints were simplified to, to fit their budget.
  var footprintTolerance = 0.5
  var cellMetres = 0.0
  var footprintZoom = 15
  /// Zoom from which roads, uncovered stretches and buildings are drawn: 0 for a town, the
  /// options' `contextZoom` when there are more than `contextLimit` of them, which at city
  /// zoom would be a mesh a reader cannot tell apart and a browser draws slowly.
  var contextZoom = 0
  let frame: MapFrame

  /// Cameras per density cell, lower bounds.
  static let densityBins: [Int] = [1, 3, 10, 30, 100]

  init(_ r: AuditResult, context: MapContext, options: HTMLReport.Options) {
    frame = MapFrame(box: MapData.extent(r))
    footprintZoom = options.footprintZoom
    let shapes = context.roads.count + r.uncoveredRoads.count + context.buildings.count
    contextZoom = shapes > options.contextLimit ? options.contextZoom : 0
    var j = ScriptJSON(capacity: 1 << 22)
    let footprintText = selectFootprints(r, options: options)
    Timing.mark("report: footprints")
    let density = footprints == .all ? nil : densityCells(r.footprints)
    j.raw("{")
    meta(&j, r, options: options, hasDensity: density != nil)
    j.raw(",\n\"districts\":")
    j.raw(MapData.fitted(options.shapeBudget / 4) { districts(r, target: options.districtTarget, $0) })
    j.raw(",\n\"zones\":")
    j.raw(MapData.fitted(options.shapeBudget / 4) { zones(r, $0) })
    j.raw(",\n\"gaps\":")
    j.raw(MapData.fitted(options.shapeBudget) { gaps(r, $0) })
    j.raw(",\n\"density\":")
    j.raw(density ?? "{\"type\":\"FeatureCollection\",\"features\":[]}")
    j.raw(",\n\"entries\":")
    entries(&j, r, names: context.roadNames)
    j.raw(",\n\"planned\":")
    planned(&j, context.planned)
    j.raw("}")
    json = j.text
    details = [("footprints", footprintText), ("buildings", buildings(context)), ("roads", roads(context))]
    var u = ScriptJSON()
    uncovered(&u, r, names: context.roadNames)
    details.append(("uncovered", u.text))
    details = details.map { ($0.0, "{\"\($0.0)\":\($0.1)}") }
  }

  func buildings(_ context: MapContext) -> String {
    let f = frame
    var j = ScriptJSON()
    j.collection(context.buildings.count) { j, i in
      j.feature(
        { _ in },
        geometry: { $0.polygons(context.buildings[i].map { MapData.display($0, f, Detail(minHole: 0)) }) })
    }
    return j.text
  }

  func roads(_ context: MapContext) -> String {
    var j = ScriptJSON()
    j.collection(context.roads.count) { j, i in
      let road = context.roads[i]
      j.feature(
        { p in
          p.strings([
            "id": road.id,
            "name": road.name,
          ])
        }, geometry: { $0.lines(road.lines) })
    }
    return j.text
  }

  /// What the map opens on: the districts, or whatever results there are without them.
  static func extent(_ r: AuditResult) -> BBox {
    var box = BBox.empty
    for shape in r.districtShapes { for p in shape { box.add(p.bbox) } }
    if box.isEmpty {
      for g in r.gaps { box.add(g.polygon.bbox) }
      for e in r.entries { box.add(e.point) }
      for f in r.footprints { box.add(f.position) }
    }
    return box.isEmpty ? BBox(minX: 0, minY: 0, maxX: 0.01, maxY: 0.01) : box
  }

  /// How finely shapes are drawn: the simplification tolerance (m) and the smallest hole
  /// kept (m²).
  struct Detail {
    var tolerance = 0.5
    var minHole = 1.0
  }

  /// A layer rendered at half a metre, then coarser (tolerance doubled, smallest hole
  /// quadrupled) until it fits `budget` bytes or the tolerance reaches 32 m, beyond which
  /// shapes would no longer be what they are. A district audited without zones has one gap
  /// holed by every camera in it: tens of thousands of holes.
  static func fitted(_ budget: Int, _ render: (Detail) -> String) -> String {
    var d = Detail()
    var text = render(d)
    while text.utf8.count > budget && d.tolerance < 32 {
      d.tolerance *= 2
      d.minHole *= 4
      text = render(d)
    }
    return text
  }

  /// A polygon simplified in local metres, holes under `d.minHole` left out. The exterior is
  /// always kept, so every shape asked for is on the map.
  static func display(_ p: PlanarPolygon, _ f: MapFrame, _ d: Detail) -> PlanarPolygon {
    var rings: [[XY]] = []
    for (k, ring) in p.rings.enumerated() {
      let m = ring.map(f.metres)
      if k > 0 && abs(Ring.signedArea(m)) < d.minHole { continue }
      rings.append(Simplify.ring(m, tolerance: d.tolerance).map(f.degrees))
    }
    return PlanarPolygon(rings: rings)
  }

  func meta(_ j: inout ScriptJSON, _ r: AuditResult, options: HTMLReport.Options, hasDensity: Bool) {
    let b = MapData.extent(r)
    j.raw("\"meta\":{\"bounds\":[")
    j.point(XY(b.minY, b.minX))
    j.raw(",")
    j.point(XY(b.maxY, b.maxX))
    j.raw("],\"footprints\":")
    j.string(footprints.rawValue)
    j.raw(",\"footprintZoom\":\(options.footprintZoom),\"contextZoom\":\(contextZoom)")
    j.raw(",\"cameras\":\(r.footprints.count)")
    j.raw(",\"footprintCount\":\(footprintCount),\"footprintCandidates\":\(footprintCandidates)")
    j.raw(",\"footprintTolerance\":")
    j.number(footprintTolerance)
    j.raw(",\"densityBins\":[")
    j.raw(MapData.densityBins.map(String.init).joined(separator: ","))
    j.raw("],\"cell\":")
    if hasDensity {
      j.raw("[")
      j.number(cellMetres / frame.metresPerDegreeX, decimals: 7)
      j.raw(",")
      j.number(cellMetres / frame.metresPerDegreeY, decimals: 7)
      j.raw("],\"cellMetres\":")
      j.number(cellMetres)
    } else {
      j.raw("null")
    }
    j.raw(",\"districtTarget\":")
    if let t = options.districtTarget { j.number(t) } else { j.raw("null") }
    j.raw(",\"tiles\":")
    if let url = options.tiles {
      j.raw("{\"url\":")
      j.string(url)
      j.raw(",\"attribution\":")
      j.string(options.tilesAttribution ?? "")
      j.raw("}")
    } else {
      j.raw("null")
    }
    j.raw("}")
  }

  /// A layer of `count` areas: feature `i` has `"i":i` first, then what `props` writes,
  /// and its shape, `shapes[i]` (none past the end), drawn at `detail`.
  func areas(
    _ count: Int, shapes: [[PlanarPolygon]], _ detail: Detail, capacity: Int = 1 << 16,
    _ props: (inout ScriptJSON, Int, [PlanarPolygon]) -> Void
  ) -> String {
    let f = frame
    var j = ScriptJSON(capacity: capacity)
    j.collection(count) { j, i in
      let s = i < shapes.count ? shapes[i] : []
      j.feature(
        index: i, { props(&$0, i, s) }, geometry: { $0.polygons(s.map { MapData.display($0, f, detail) }) })
    }
    return j.text
  }

  func districts(_ r: AuditResult, target: Double?, _ detail: Detail) -> String {
    areas(r.districts.count, shapes: r.districtShapes, detail) { p, i, shape in
      let d = r.districts[i]
      p.strings([
        "code": d.code,
        "name": d.name.isEmpty ? d.code : d.name,
      ])
      p.member("coverage", d.coverage, decimals: 6)
      p.member("area", d.area, decimals: 1)
      p.raw(",\"cameras\":\(d.cameras),\"cls\":\(HTMLReport.coverageClass(d.coverage))")
      if let label = SVGMap.labelPoint(shape) {
        p.member("label", label)
      }
      if let target {
        p.member("meets", d.coverage >= target)
      }
    }
  }

  func zones(_ r: AuditResult, _ d: Detail) -> String {
    areas(r.zones.count, shapes: r.zoneShapes, d) { p, i, _ in
      let z = r.zones[i]
      p.identity(id: z.id, name: z.name, kind: z.kind)
      p.member("coverage", z.coverage, decimals: 6)
      p.member("target", z.target, decimals: 6)
      p.member("meets", z.meetsTarget)
      p.raw(",\"gaps\":\(z.gapCount),\"gapArea\":")
      p.number(z.gapArea, decimals: 1)
    }
  }

  /// The name a zone or district is shown by: its code or id when it has no name.
  static func name(_ code: String, in names: [String: String]) -> String {
    names[code].flatMap { $0.isEmpty ? nil : $0 } ?? code
  }

  func gaps(_ r: AuditResult, _ d: Detail) -> String {
    let zoneNames = Dictionary(r.zones.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
    let districtNames = Dictionary(r.districts.map { ($0.code, $0.name) }, uniquingKeysWith: { a, _ in a })
    return areas(r.gaps.count, shapes: r.gaps.map { [$0.polygon] }, d, capacity: 1 << 20) { p, i, _ in
      let g = r.gaps[i]
      p.strings([
        "id": g.id,
        "zone": MapData.name(g.zone, in: zoneNames),
        "kind": g.kind,
        "district": MapData.name(g.district, in: districtNames),
      ])
      p.member("area", g.area, decimals: 1)
      p.member("c", g.centroid)
    }
  }

  /// One feature per road, its uncovered stretches a MultiLineString: a city's 38,000
  /// stretches lie on 7,500 roads, and each feature costs the browser an object.
  func uncovered(_ j: inout ScriptJSON, _ r: AuditResult, names: [String: String]) {
    let f = frame
    var order: [String] = []
    var byRoad: [String: [Int]] = [:]
    for (i, u) in r.uncoveredRoads.enumerated() {
      if byRoad[u.road] == nil { order.append(u.road) }
      byRoad[u.road, default: []].append(i)
    }
    j.collection(order.count) { j, k in
      let stretches = byRoad[order[k]]!.map { r.uncoveredRoads[$0] }
      let u = stretches[0]
      j.feature(
        { p in
          p.key("name")
          p.string(u.name.isEmpty ? (names[u.road] ?? u.road) : u.name)
          p.member("length", stretches.reduce(0) { $0 + $1.length }, decimals: 1)
        },
        geometry: {
          $0.lines(stretches.map { Simplify.line($0.line.map(f.metres), tolerance: 0.5).map(f.degrees) })
        })
    }
  }

  func entries(_ j: inout ScriptJSON, _ r: AuditResult, names: [String: String]) {
    let districtNames = Dictionary(r.districts.map { ($0.code, $0.name) }, uniquingKeysWith: { a, _ in a })
    j.collection(r.entries.count) { j, i in
      let e = r.entries[i]
      j.feature(
        index: i,
        { p in
          p.strings([
            "road": names[e.road] ?? e.road,
            "district": MapData.name(e.district, in: districtNames),
          ])
          p.member("covered", e.covered)
        }, geometry: { $0.pointGeometry(e.point) })
    }
  }

  func planned(_ j: inout ScriptJSON, _ cams: [MapContext.PlannedCamera]) {
    j.collection(cams.count) { j, i in
      let c = cams[i]
      j.feature(
        index: i,
        { p in
          p.identity(id: c.id, name: c.name, kind: c.kind)
          p.member("fov", c.fov, decimals: 2)
          p.member("range", c.range, decimals: 2)
          p.member("at", c.position)
        }, geometry: { $0.polygons(c.polygons) })
    }
  }
}
