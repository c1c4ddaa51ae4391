import Foundation
import Geometry

/// The report map's plane. WGS84 goes to SVG units through an equirectangular projection
/// about the centre of the mapped area with longitude scaled by cos(latitude): over a city
/// (tens of kilometres) a metre is then the same length east and north to well under 1 %,
/// which is what a scale bar needs, and north is straight up. The audit's own metric CRS
/// is not used because the report must draw results that were projected back to WGS84.
struct MapFrame {
  static let earthRadius = 6_371_008.8

  let lon0: Double
  let lat0: Double
  let metresPerDegreeX: Double
  let metresPerDegreeY: Double
  /// SVG units per metre.
  let scale: Double
  let minX: Double
  let maxY: Double
  let width: Double
  let height: Double

  /// Fits `box` (WGS84) into at most `maxWidth` × `maxHeight` units with a margin.
  init(box: BBox, maxWidth: Double = 1000, maxHeight: Double = 1000, margin: Double = 0.04) {
    let b = box.isEmpty ? BBox(minX: 0, minY: 0, maxX: 0.01, maxY: 0.01) : box
    lon0 = b.center.x
    lat0 = b.center.y
    let k = MapFrame.earthRadius * Double.pi / 180
    metresPerDegreeX = k * cos(lat0 * Double.pi / 180)
    metresPerDegreeY = k
    var w = (b.maxX - b.minX) * metresPerDegreeX
    var h = (b.maxY - b.minY) * metresPerDegreeY
    // A single point or a line still gets a frame a few hundred metres wide.
    w = max(w, 200)
    h = max(h, 200)
    let pad = margin * max(w, h)
    w += 2 * pad
    h += 2 * pad
    scale = min(maxWidth / w, maxHeight / h)
    width = (w * scale).rounded(.up)
    height = (h * scale).rounded(.up)
    let cx = (b.center.x - lon0) * metresPerDegreeX
    let cy = (b.center.y - lat0) * metresPerDegreeY
    minX = cx - width / scale / 2
    maxY = cy + height / scale / 2
  }

  /// Metres east and north of the frame's centre.
  func metres(_ p: XY) -> XY {
    XY((p.x - lon0) * metresPerDegreeX, (p.y - lat0) * metresPerDegreeY)
  }

  /// The inverse of `metres`.
  func degrees(_ m: XY) -> XY {
    XY(lon0 + m.x / metresPerDegreeX, lat0 + m.y / metresPerDegreeY)
  }

  /// SVG units, y down.
  func unit(_ p: XY) -> XY {
    let m = metres(p)
    return XY((m.x - minX) * scale, (maxY - m.y) * scale)
  }

  var metresPerUnit: Double { 1 / scale }
}

/// Builds SVG path data in tenths of a unit: coordinates are quantised to integers first so
/// the relative steps (`l dx dy`) add up exactly to every vertex, and a vertex closer than
/// `tolerance` to the last one kept is merged into it, which is what keeps a map of a whole
/// city light without changing what the eye sees at that scale.
struct PathData {
  var text = ""
  /// In units; 0.5 is half a pixel at the report's natural size.
  var tolerance: Double

  init(tolerance: Double) { self.tolerance = tolerance }

  static func fmt(_ tenths: Int) -> String {
    let sign = tenths < 0 ? "-" : ""
    let a = abs(tenths)
    return a % 10 == 0 ? "\(sign)\(a / 10)" : "\(sign)\(a / 10).\(a % 10)"
  }

  /// The ring's vertices in tenths, simplified; nil when fewer than three remain.
  func quantised(_ ring: [XY], frame: MapFrame, simplify: Bool) -> [(Int, Int)]? {
    var pts: [(Int, Int)] = []
    pts.reserveCapacity(ring.count)
    let tol10 = simplify ? tolerance * 10 : 0
    let tol2 = tol10 * tol10
    let closed = Ring.isClosed(ring) && ring.count > 1
    let n = closed ? ring.count - 1 : ring.count
    for i in 0..<n {
      let u = frame.unit(ring[i])
      let q = (Int((u.x * 10).rounded()), Int((u.y * 10).rounded()))
      if let last = pts.last {
        let dx = Double(q.0 - last.0)
        let dy = Double(q.1 - last.1)
        if dx == 0 && dy == 0 { continue }
        if dx * dx + dy * dy < tol2 && i < n - 1 { continue }
      }
      pts.append(q)
    }
    while pts.count > 1, pts.last! == pts.first! { pts.removeLast() }
    return pts.count >= 3 ? pts : nil
  }

  /// Signed area in square units of a quantised ring.
  static func area(_ pts: [(Int, Int)]) -> Double {
    var s = 0
    for i in pts.indices {
      let a = pts[i]
      let b = pts[(i + 1) % pts.count]
      s += a.0 * b.1 - b.0 * a.1
    }
    return Double(s) / 200
  }

  mutating func append(_ pts: [(Int, Int)], close: Bool) {
    guard let first = pts.first else { return }
    text += "M" + PathData.fmt(first.0) + " " + PathData.fmt(first.1)
    var prev = first
    for (k, p) in pts.dropFirst().enumerated() {
      text += (k == 0 ? "l" : " ") + PathData.fmt(p.0 - prev.0) + " " + PathData.fmt(p.1 - prev.1)
      prev = p
    }
    if close { text += "z" }
  }

  /// Adds polygons. Holes smaller than `minHole` square units are left out (they are
  /// invisible at the map's scale); an exterior that simplifies away is drawn unsimplified
  /// so that every polygon asked for is on the map.
  mutating func add(polygons: [PlanarPolygon], frame: MapFrame, minHole: Double, keepTiny: Bool) {
    for p in polygons {
      guard let ext = p.rings.first else { continue }
      if let q = quantised(ext, frame: frame, simplify: true) {
        append(q, close: true)
      } else if keepTiny {
        // Fewer than three distinct tenths: a dot-sized polygon, drawn as a short mark.
        let u = frame.unit(ext[0])
        let x = Int((u.x * 10).rounded())
        let y = Int((u.y * 10).rounded())
        append([(x, y), (x + 5, y), (x + 5, y + 5), (x, y + 5)], close: true)
        continue
      } else {
        continue
      }
      for hole in p.rings.dropFirst() {
        guard let q = quantised(hole, frame: frame, simplify: true) else { continue }
        if abs(PathData.area(q)) < minHole { continue }
        append(q, close: true)
      }
    }
  }

  mutating func add(line: [XY], frame: MapFrame) {
    var pts: [(Int, Int)] = []
    let tol10 = tolerance * 10
    for (i, p) in line.enumerated() {
      let u = frame.unit(p)
      let q = (Int((u.x * 10).rounded()), Int((u.y * 10).rounded()))
      if let last = pts.last {
        let dx = Double(q.0 - last.0)
        let dy = Double(q.1 - last.1)
        if dx == 0 && dy == 0 { continue }
        if dx * dx + dy * dy < tol10 * tol10 && i < line.count - 1 { continue }
      }
      pts.append(q)
    }
    if pts.count >= 2 { append(pts, close: false) }
  }
}
