import Audit
import Foundation
import Geometry

/// A printed map of one zone for the atlas: the zone's outline, its gaps numbered as in
/// the page's table, the cameras that reach into it, the planned cameras, buildings,
/// uncovered road stretches and entry points around it, a scale bar and a north arrow.
/// Static SVG rather than a second interactive map: a printer gets it whole, with no
/// script to wait for, and a page per zone costs no browser memory on screen.
struct SVGMap {
  var svg = ""
  let frame: MapFrame

  /// `page` says what belongs to the zone; everything is clipped by the SVG's viewport.
  init(_ page: AtlasPage, _ r: AuditResult, context: MapContext) {
    var box = BBox.empty
    for p in r.zoneShapes[page.zone] { box.add(p.bbox) }
    // The shape of the space an A4 page leaves the map, a tenth of the zone's size spare
    // all round.
    frame = MapFrame(
      box: SVGMap.widened(box, aspect: 1000.0 / 520), maxWidth: 1000, maxHeight: 520, margin: 0)
    let f = frame
    let view = SVGMap.viewBox(f)
    let w = PathData.fmt(Int(f.width * 10))
    let h = PathData.fmt(Int(f.height * 10))
    // Width and height too, so that print can size it by its height and keep its shape.
    var s = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"map\" width=\"\(w)\" height=\"\(h)\""
    s += " viewBox=\"0 0 \(w) \(h)\" role=\"img\""
    s += " aria-label=\"Map of the zone\">\n<rect class=\"bg\" width=\"\(w)\" height=\"\(h)\"/>\n"
    s += SVGMap.paths("building", context.buildings.filter { SVGMap.meets($0, view) }, f)
    s += SVGMap.paths("cam", page.cameras.map { r.footprints[$0].polygons }, f)
    s += SVGMap.paths("plan", page.planned.map { context.planned[$0].polygons }, f)
    var roads = PathData(tolerance: 0.5)
    for u in r.uncoveredRoads where view.intersects(BBox(points: u.line)) {
      roads.add(line: u.line, frame: f)
    }
    if !roads.text.isEmpty { s += "<path class=\"road\" d=\"\(roads.text)\"/>\n" }
    s += SVGMap.paths("zone fail", [r.zoneShapes[page.zone]], f)
    s += SVGMap.paths("gap", page.gaps.map { [r.gaps[$0].polygon] }, f)
    for i in page.planned {
      let u = f.unit(context.planned[i].position)
      s += "<circle class=\"plandot\" cx=\"\(SVGMap.n(u.x))\" cy=\"\(SVGMap.n(u.y))\" r=\"5\"/>\n"
    }
    for e in r.entries where view.contains(e.point) {
      let u = f.unit(e.point)
      s += "<circle class=\"entry \(e.covered ? "covered" : "open")\" cx=\"\(SVGMap.n(u.x))\""
      s += " cy=\"\(SVGMap.n(u.y))\" r=\"5\"/>\n"
    }
    // Numbers last, on top of everything, at each gap's centroid.
    for (k, gi) in page.gaps.enumerated() {
      let u = f.unit(r.gaps[gi].centroid)
      s += "<g class=\"gapno\"><circle cx=\"\(SVGMap.n(u.x))\" cy=\"\(SVGMap.n(u.y))\" r=\"11\"/>"
      s += "<text x=\"\(SVGMap.n(u.x))\" y=\"\(SVGMap.n(u.y + 4.5))\">\(k + 1)</text></g>\n"
    }
    s += decorations()
    s += "</svg>\n"
    svg = s
  }

  /// `box` grown about its centre by a fifth, then to `aspect` (width over height, in
  /// metres), so every atlas page has a map of the same size whatever the zone's shape.
  static func widened(_ box: BBox, aspect: Double) -> BBox {
    guard !box.isEmpty else { return box }
    // In metres; at least the 200 m a map frame always spans (MapFrame), so the shape holds.
    let k = cos(box.center.y * Double.pi / 180)
    let m = MapFrame.earthRadius * Double.pi / 180
    var w = max(box.width * k * m * 1.2, 200 * aspect)
    var h = max(box.height * m * 1.2, 200)
    if w < h * aspect { w = h * aspect } else { h = w / aspect }
    let c = box.center
    return BBox(
      minX: c.x - w / (k * m) / 2, minY: c.y - h / m / 2, maxX: c.x + w / (k * m) / 2, maxY: c.y + h / m / 2)
  }

  static func n(_ d: Double) -> String { PathData.fmt(Int((d * 10).rounded())) }

  /// The WGS84 box the SVG's viewport shows.
  static func viewBox(_ f: MapFrame) -> BBox {
    let a = f.degrees(XY(f.minX, f.maxY - f.height / f.scale))
    let b = f.degrees(XY(f.minX + f.width / f.scale, f.maxY))
    return BBox(minX: a.x, minY: a.y, maxX: b.x, maxY: b.y)
  }

  static func meets(_ shape: [PlanarPolygon], _ box: BBox) -> Bool {
    shape.contains { box.intersects($0.bbox) }
  }

  /// One `<path>` per shape, holes under a square unit left out.
  static func paths(_ cls: String, _ shapes: [[PlanarPolygon]], _ f: MapFrame) -> String {
    var out = ""
    for shape in shapes {
      var pd = PathData(tolerance: 0.5)
      pd.add(polygons: shape, frame: f, minHole: 1, keepTiny: true)
      if !pd.text.isEmpty { out += "<path class=\"\(cls)\" d=\"\(pd.text)\"/>\n" }
    }
    return out
  }

  /// The centroid of the largest part's outer ring, where a district's name goes.
  static func labelPoint(_ shape: [PlanarPolygon]) -> XY? {
    guard let part = shape.max(by: { abs(Ring.signedArea($0.exterior)) < abs(Ring.signedArea($1.exterior)) })
    else {
      return nil
    }
    let ring = part.exterior
    let a = Ring.signedArea(ring)
    guard a != 0, ring.count >= 3 else { return ring.first }
    let o = ring[0]
    var cx = 0.0
    var cy = 0.0
    for i in 0..<(ring.count - 1) {
      let p = XY(ring[i].x - o.x, ring[i].y - o.y)
      let q = XY(ring[i + 1].x - o.x, ring[i + 1].y - o.y)
      let c = p.x * q.y - q.x * p.y
      cx += (p.x + q.x) * c
      cy += (p.y + q.y) * c
    }
    return XY(o.x + cx / (6 * a), o.y + cy / (6 * a))
  }

  /// The largest 1-2-5 length not over `target` (at least 1).
  static func roundLength(_ target: Double) -> Double {
    let t = max(target, 1)
    var p = pow(10, floor(log10(t)))
    for m in [5.0, 2, 1] where m * p <= t {
      p *= m
      return p
    }
    return p
  }

  /// The largest 1-2-5 length not over a fifth of the map's width.
  static func scaleLength(mapMetres: Double) -> Double { roundLength(mapMetres / 5) }

  func decorations() -> String {
    let f = frame
    let len = SVGMap.scaleLength(mapMetres: f.width * f.metresPerUnit)
    let barUnits = len * f.scale
    let x0 = 16.0
    let y0 = f.height - 18
    let label = len >= 1000 ? "\(ScriptJSON.fixed(len / 1000, decimals: 3)) km" : "\(Int(len)) m"
    let n = SVGMap.n
    var s = "<g class=\"scalebar\">\n"
    s +=
      "<rect class=\"halo\" x=\"\(n(x0 - 6))\" y=\"\(n(y0 - 22))\" width=\"\(n(barUnits + 12))\" height=\"30\"/>\n"
    s += "<rect class=\"bar\" x=\"\(n(x0))\" y=\"\(n(y0))\" width=\"\(n(barUnits / 2))\" height=\"5\"/>\n"
    s +=
      "<rect class=\"bar alt\" x=\"\(n(x0 + barUnits / 2))\" y=\"\(n(y0))\" width=\"\(n(barUnits / 2))\" height=\"5\"/>\n"
    s += "<text x=\"\(n(x0))\" y=\"\(n(y0 - 5))\">0</text>"
    s += "<text x=\"\(n(x0 + barUnits))\" y=\"\(n(y0 - 5))\" text-anchor=\"end\">\(label)</text>\n</g>\n"
    let ax = f.width - 34
    s += "<g class=\"north\">\n<circle class=\"halo\" cx=\"\(n(ax))\" cy=\"36\" r=\"22\"/>\n"
    s += "<polygon points=\"\(n(ax)),17 \(n(ax + 7)),40 \(n(ax)),35 \(n(ax - 7)),40\"/>\n"
    s += "<text x=\"\(n(ax))\" y=\"55\" text-anchor=\"middle\">N</text>\n</g>\n"
    return s
  }
}
