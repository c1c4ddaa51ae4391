import Audit
import Foundation
import Geometry
import Support

/// The report's map: districts shaded by coverage, zones outlined pass/fail, gaps, cameras,
/// uncovered road stretches and entry points, with a scale bar and a north arrow. One
/// `<path>` per district and per gap, so a reader (or a test) can count them.
///
/// Size: a 150,000-camera city must stay under ~10 MB. Up to `wedgeLimit` cameras each is
/// drawn as its footprint (a wedge, a disc for 360° cameras); above it, and whenever the
/// wedges would outgrow their share, cameras are aggregated into density cells. Every layer
/// is simplified at half a unit (half a pixel at natural size) and holes under one square
/// unit are left out; a layer still over its byte budget is redrawn with the tolerance
/// doubled (and the hole threshold quadrupled) until it fits.
struct SVGMap {
  /// Coverage classes for district shading, lower bounds.
  static let coverageBins: [Double] = [0, 0.05, 0.1, 0.2, 0.4, 0.6]
  /// Cameras per density cell, lower bounds.
  static let densityBins: [Int] = [1, 3, 10, 30, 100]
  static let cellUnits = 8.0

  enum CameraMode: Equatable {
    case wedges
    case density(cellMetres: Double)
  }

  var svg = ""
  var frame: MapFrame
  var cameraMode = CameraMode.wedges
  /// Tolerance finally used per layer (units), for the report's notes.
  var tolerances: [String: Double] = [:]

  static func coverageClass(_ c: Double) -> Int {
    var k = 0
    for (i, b) in coverageBins.enumerated() where c >= b { k = i }
    return k
  }

  static func densityClass(_ n: Int) -> Int {
    var k = 0
    for (i, b) in densityBins.enumerated() where n >= b { k = i }
    return k
  }

  init(_ r: AuditResult, wedgeLimit: Int, budget: Int) {
    var box = BBox.empty
    for shape in r.districtShapes { for p in shape { box.add(p.bbox) } }
    if box.isEmpty {
      for g in r.gaps { box.add(g.polygon.bbox) }
      for e in r.entries { box.add(e.point) }
      for f in r.footprints { box.add(f.position) }
    }
    frame = MapFrame(box: box)
    build(r, wedgeLimit: wedgeLimit, budget: budget)
  }

  /// Renders a layer, coarsening until it fits `budget` bytes (or the tolerance reaches
  /// 32 units, beyond which the map would no longer show the shapes at all).
  mutating func layer(_ name: String, budget: Int, _ render: (Double, Double) -> String) -> String {
    var tol = 0.5
    var minHole = 1.0
    var text = render(tol, minHole)
    while text.utf8.count > budget && tol < 32 {
      tol *= 2
      minHole *= 4
      text = render(tol, minHole)
    }
    tolerances[name] = tol
    return text
  }

  mutating func build(_ r: AuditResult, wedgeLimit: Int, budget: Int) {
    let f = frame
    let w = PathData.fmt(Int(f.width * 10))
    let h = PathData.fmt(Int(f.height * 10))
    var s = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"map\" viewBox=\"0 0 \(w) \(h)\" role=\"img\""
    s += " aria-label=\"Coverage map\">\n"
    s += "<rect class=\"bg\" width=\"\(w)\" height=\"\(h)\"/>\n"

    // Districts, shaded by coverage.
    s += "<g id=\"districts\">\n"
    s += layer("districts", budget: budget * 15 / 100) { tol, minHole in
      var out = ""
      for (i, d) in r.districts.enumerated() {
        var pd = PathData(tolerance: tol)
        if i < r.districtShapes.count {
          pd.add(polygons: r.districtShapes[i], frame: f, minHole: minHole, keepTiny: true)
        }
        out += "<path class=\"district c\(SVGMap.coverageClass(d.coverage))\" d=\"\(pd.text)\">"
        out +=
          "<title>\(HTMLText.escape(d.name)) \(HTMLText.escape(d.code)): \(HTMLText.pct(d.coverage)) covered</title></path>\n"
      }
      return out
    }
    s += "</g>\n"

    // Gaps.
    s += "<g id=\"gaps\">\n"
    s += layer("gaps", budget: budget * 35 / 100) { tol, minHole in
      var out = ""
      for g in r.gaps {
        var pd = PathData(tolerance: tol)
        pd.add(polygons: [g.polygon], frame: f, minHole: minHole, keepTiny: true)
        out += "<path class=\"gap\" d=\"\(pd.text)\"><title>gap \(HTMLText.escape(g.id)): "
        out += "\(HTMLText.area(g.area))</title></path>\n"
      }
      return out
    }
    s += "</g>\n"

    // Cameras.
    s += "<g id=\"cameras\">\n"
    let camBudget = budget * 25 / 100
    var wedges: String?
    if r.footprints.count <= wedgeLimit {
      let text = layer("cameras", budget: camBudget) { tol, _ in
        var out = ""
        for c in r.footprints where !c.polygons.isEmpty {
          var pd = PathData(tolerance: tol)
          pd.add(polygons: c.polygons, frame: f, minHole: .infinity, keepTiny: true)
          out += "<path class=\"cam\" d=\"\(pd.text)\"><title>\(HTMLText.escape(c.cameraID))"
          out += c.name.isEmpty ? "" : " \(HTMLText.escape(c.name))"
          out += "</title></path>\n"
        }
        return out
      }
      if text.utf8.count <= camBudget { wedges = text }
    }
    if let wedges {
      s += wedges
      cameraMode = .wedges
    } else {
      s += density(r.footprints)
      cameraMode = .density(cellMetres: SVGMap.cellUnits * f.metresPerUnit)
    }
    s += "</g>\n"

    // Zones, outlined pass/fail.
    s += "<g id=\"zones\">\n"
    s += layer("zones", budget: budget * 10 / 100) { tol, minHole in
      var out = ""
      for (i, z) in r.zones.enumerated() where i < r.zoneShapes.count {
        var pd = PathData(tolerance: tol)
        pd.add(polygons: r.zoneShapes[i], frame: f, minHole: minHole, keepTiny: true)
        out += "<path class=\"zone \(z.meetsTarget ? "pass" : "fail")\" d=\"\(pd.text)\"><title>"
        out += "\(HTMLText.escape(z.id)) \(HTMLText.escape(z.name)): \(HTMLText.pct(z.coverage)) of "
        out += "\(HTMLText.pct(z.target, decimals: 0)) target</title></path>\n"
      }
      return out
    }
    s += "</g>\n"

    // Uncovered road stretches, one path: they are context, not objects to point at.
    if !r.uncoveredRoads.isEmpty {
      s += layer("roads", budget: budget * 10 / 100) { tol, _ in
        var pd = PathData(tolerance: tol)
        for u in r.uncoveredRoads { pd.add(line: u.line, frame: f) }
        return "<path class=\"road\" d=\"\(pd.text)\"><title>uncovered road</title></path>\n"
      }
    }

    // Entry points on top, uncovered last so they are never hidden.
    s += "<g id=\"entries\">\n"
    for e in r.entries.sorted(by: { ($0.covered ? 0 : 1) < ($1.covered ? 0 : 1) }) {
      let u = f.unit(e.point)
      s +=
        "<circle class=\"entry \(e.covered ? "covered" : "open")\" cx=\"\(PathData.fmt(Int((u.x * 10).rounded())))\""
      s +=
        " cy=\"\(PathData.fmt(Int((u.y * 10).rounded())))\" r=\"4\"><title>entry: road \(HTMLText.escape(e.road))"
      s += " × \(HTMLText.escape(e.district)), \(e.covered ? "covered" : "not covered")</title></circle>\n"
    }
    s += "</g>\n"

    // District names, when few enough to read.
    if r.districts.count <= 40 {
      s += "<g id=\"labels\">\n"
      for (i, d) in r.districts.enumerated() where i < r.districtShapes.count {
        guard let p = SVGMap.labelPoint(r.districtShapes[i]) else { continue }
        let u = f.unit(p)
        s += "<text class=\"label\" x=\"\(PathData.fmt(Int((u.x * 10).rounded())))\""
        s += " y=\"\(PathData.fmt(Int((u.y * 10).rounded())))\">\(HTMLText.escape(d.name))</text>\n"
      }
      s += "</g>\n"
    }

    s += decorations()
    s += "</svg>\n"
    svg = s
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

  /// Cameras counted per cell of `cellUnits` × `cellUnits`.
  func density(_ cams: [CameraFootprint]) -> String {
    var counts: [Int64: Int] = [:]
    let c = SVGMap.cellUnits
    let cells = UniformGrid(origin: XY(0, 0), cellSize: c)
    for cam in cams {
      let (x, y) = cells.cell(of: frame.unit(cam.position))
      let (i, j) = (Int64(x), Int64(y))
      counts[i << 32 | (j & 0xFFFF_FFFF), default: 0] += 1
    }
    var out = ""
    for (key, n) in counts.sorted(by: { $0.key < $1.key }) {
      let i = key >> 32
      let j = Int64(Int32(truncatingIfNeeded: key))
      out += "<rect class=\"dens d\(SVGMap.densityClass(n))\" x=\"\(Double(i) * c)\" y=\"\(Double(j) * c)\""
      out += " width=\"\(c)\" height=\"\(c)\"/>\n"
    }
    return out
  }

  /// The largest 1-2-5 length not over a fifth of the map's width.
  static func scaleLength(mapMetres: Double) -> Double {
    let target = max(mapMetres / 5, 1)
    var p = pow(10, floor(log10(target)))
    for m in [5.0, 2, 1] where m * p <= target {
      p *= m
      return p
    }
    return p
  }

  func decorations() -> String {
    let f = frame
    let len = SVGMap.scaleLength(mapMetres: f.width * f.metresPerUnit)
    let barUnits = len * f.scale
    let x0 = 16.0
    let y0 = f.height - 18
    let label = len >= 1000 ? "\(JSONWriter.number(len / 1000)) km" : "\(JSONWriter.number(len)) m"
    func n(_ d: Double) -> String { PathData.fmt(Int((d * 10).rounded())) }
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
