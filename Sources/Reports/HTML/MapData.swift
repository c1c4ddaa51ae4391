import Audit
import Foundation
import Geometry

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

  var json = ""
  var footprints = Footprints.all
  var footprintCount = 0
  var footprintTolerance = 0.5
  var cellMetres = 0.0
  var footprintZoom = 15
  let frame: MapFrame

  /// Cameras per density cell, lower bounds.
  static let densityBins: [Int] = [1, 3, 10, 30, 100]

  init(_ r: AuditResult, context: MapContext, options: HTMLReport.Options) {
    frame = MapFrame(box: MapData.extent(r))
    footprintZoom = options.footprintZoom
    var j = ScriptJSON(capacity: 1 << 22)
    let footprintText = selectFootprints(r, options: options)
    let density = footprints == .all ? nil : densityCells(r.footprints)
    j.raw("{")
    meta(&j, r, options: options, hasDensity: density != nil)
    j.raw(",\n\"districts\":")
    districts(&j, r, target: options.districtTarget)
    j.raw(",\n\"zones\":")
    zones(&j, r)
    j.raw(",\n\"gaps\":")
    gaps(&j, r)
    j.raw(",\n\"footprints\":")
    j.raw(footprintText)
    j.raw(",\n\"density\":")
    j.raw(density ?? "{\"type\":\"FeatureCollection\",\"features\":[]}")
    j.raw(",\n\"buildings\":")
    let f = frame
    j.collection(context.buildings.count) { j, i in
      j.feature({ _ in }, geometry: { $0.polygons(context.buildings[i].map { MapData.display($0, f, 0) }) })
    }
    j.raw(",\n\"roads\":")
    j.collection(context.roads.count) { j, i in
      let road = context.roads[i]
      j.feature(
        { p in
          p.key("id")
          p.string(road.id)
          p.raw(",")
          p.key("name")
          p.string(road.name)
        }, geometry: { $0.lines(road.lines) })
    }
    j.raw(",\n\"uncovered\":")
    uncovered(&j, r, names: context.roadNames)
    j.raw(",\n\"entries\":")
    entries(&j, r, names: context.roadNames)
    j.raw(",\n\"planned\":")
    planned(&j, context.planned)
    j.raw("}")
    json = j.text
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

  /// A polygon simplified in local metres; holes under `minHole` m² are left out (a
  /// district's gap can carry thousands of camera-sized holes). The exterior is always kept.
  static func display(_ p: PlanarPolygon, _ f: MapFrame, _ minHole: Double, tolerance: Double = 0.5)
    -> PlanarPolygon
  {
    var rings: [[XY]] = []
    for (k, ring) in p.rings.enumerated() {
      let m = ring.map(f.metres)
      if k > 0 && abs(Ring.signedArea(m)) < minHole { continue }
      rings.append(Simplify.ring(m, tolerance: tolerance).map(f.degrees))
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
    j.raw(",\"footprintZoom\":\(options.footprintZoom),\"cameras\":\(r.footprints.count)")
    j.raw(",\"footprintCount\":\(footprintCount),\"densityBins\":[")
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

  func districts(_ j: inout ScriptJSON, _ r: AuditResult, target: Double?) {
    let f = frame
    j.collection(r.districts.count) { j, i in
      let d = r.districts[i]
      let shape = i < r.districtShapes.count ? r.districtShapes[i] : []
      j.feature(
        { p in
          p.raw("\"i\":\(i),")
          p.key("code")
          p.string(d.code)
          p.raw(",")
          p.key("name")
          p.string(d.name.isEmpty ? d.code : d.name)
          p.raw(",\"coverage\":")
          p.number(d.coverage, decimals: 6)
          p.raw(",\"area\":")
          p.number(d.area, decimals: 1)
          p.raw(",\"cameras\":\(d.cameras),\"cls\":\(HTMLReport.coverageClass(d.coverage))")
          if let label = SVGMap.labelPoint(shape) {
            p.raw(",\"label\":")
            p.point(label)
          }
          if let target {
            p.raw(",\"meets\":")
            p.bool(d.coverage >= target)
          }
        }, geometry: { $0.polygons(shape.map { MapData.display($0, f, 1) }) })
    }
  }

  func zones(_ j: inout ScriptJSON, _ r: AuditResult) {
    let f = frame
    j.collection(r.zones.count) { j, i in
      let z = r.zones[i]
      let shape = i < r.zoneShapes.count ? r.zoneShapes[i] : []
      j.feature(
        { p in
          p.raw("\"i\":\(i),")
          p.key("id")
          p.string(z.id)
          p.raw(",")
          p.key("name")
          p.string(z.name)
          p.raw(",")
          p.key("kind")
          p.string(z.kind)
          p.raw(",\"coverage\":")
          p.number(z.coverage, decimals: 6)
          p.raw(",\"target\":")
          p.number(z.target, decimals: 6)
          p.raw(",\"meets\":")
          p.bool(z.meetsTarget)
          p.raw(",\"gaps\":\(z.gapCount),\"gapArea\":")
          p.number(z.gapArea, decimals: 1)
        }, geometry: { $0.polygons(shape.map { MapData.display($0, f, 1) }) })
    }
  }

  func gaps(_ j: inout ScriptJSON, _ r: AuditResult) {
    let f = frame
    let zoneNames = Dictionary(r.zones.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
    let districtNames = Dictionary(r.districts.map { ($0.code, $0.name) }, uniquingKeysWith: { a, _ in a })
    j.collection(r.gaps.count) { j, i in
      let g = r.gaps[i]
      j.feature(
        { p in
          p.raw("\"i\":\(i),")
          p.key("id")
          p.string(g.id)
          p.raw(",")
          p.key("zone")
          p.string(zoneNames[g.zone].flatMap { $0.isEmpty ? nil : $0 } ?? g.zone)
          p.raw(",")
          p.key("kind")
          p.string(g.kind)
          p.raw(",")
          p.key("district")
          p.string(districtNames[g.district].flatMap { $0.isEmpty ? nil : $0 } ?? g.district)
          p.raw(",\"area\":")
          p.number(g.area, decimals: 1)
          p.raw(",\"c\":")
          p.point(g.centroid)
        }, geometry: { $0.polygons([MapData.display(g.polygon, f, 1)]) })
    }
  }

  func uncovered(_ j: inout ScriptJSON, _ r: AuditResult, names: [String: String]) {
    let f = frame
    j.collection(r.uncoveredRoads.count) { j, i in
      let u = r.uncoveredRoads[i]
      j.feature(
        { p in
          p.key("name")
          p.string(u.name.isEmpty ? (names[u.road] ?? u.road) : u.name)
          p.raw(",\"length\":")
          p.number(u.length, decimals: 1)
        },
        geometry: {
          $0.lines([Simplify.line(u.line.map(f.metres), tolerance: 0.5).map(f.degrees)])
        })
    }
  }

  func entries(_ j: inout ScriptJSON, _ r: AuditResult, names: [String: String]) {
    let districtNames = Dictionary(r.districts.map { ($0.code, $0.name) }, uniquingKeysWith: { a, _ in a })
    j.collection(r.entries.count) { j, i in
      let e = r.entries[i]
      j.feature(
        { p in
          p.raw("\"i\":\(i),")
          p.key("road")
          p.string(names[e.road] ?? e.road)
          p.raw(",")
          p.key("district")
          p.string(districtNames[e.district].flatMap { $0.isEmpty ? nil : $0 } ?? e.district)
          p.raw(",\"covered\":")
          p.bool(e.covered)
        }, geometry: { $0.pointGeometry(e.point) })
    }
  }

  func planned(_ j: inout ScriptJSON, _ cams: [MapContext.PlannedCamera]) {
    j.collection(cams.count) { j, i in
      let c = cams[i]
      j.feature(
        { p in
          p.raw("\"i\":\(i),")
          p.key("id")
          p.string(c.id)
          p.raw(",")
          p.key("name")
          p.string(c.name)
          p.raw(",")
          p.key("kind")
          p.string(c.kind)
          p.raw(",\"fov\":")
          p.number(c.fov, decimals: 2)
          p.raw(",\"range\":")
          p.number(c.range, decimals: 2)
          p.raw(",\"at\":")
          p.point(c.position)
        }, geometry: { $0.polygons(c.polygons) })
    }
  }
}
