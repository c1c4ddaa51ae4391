import Foundation
import Geometry

/// JSON written into a `<script type="application/json">` element. The HTML parser ends
/// that element at the first `</script` whatever the JSON means, so a zone named
/// `</script><script>…` would otherwise run; every `<`, `>`, `&` and `'` in a string is
/// written as a `\u` escape, which `JSON.parse` reads back as the same character and the
/// HTML parser never sees. Coordinates have a fixed number of decimals so that the same
/// audit gives the same bytes.
struct ScriptJSON {
  var text = ""

  init(capacity: Int = 1 << 16) { text.reserveCapacity(capacity) }

  mutating func raw(_ s: String) { text += s }

  mutating func string(_ s: String) { text += ScriptJSON.quote(s) }

  /// `"key":` — keys are camgap's own, never the user's.
  mutating func key(_ k: String) { text += "\"\(k)\":" }

  mutating func number(_ d: Double, decimals: Int = 4) { text += ScriptJSON.fixed(d, decimals: decimals) }

  mutating func int(_ n: Int) { text += String(n) }

  mutating func bool(_ b: Bool) { text += b ? "true" : "false" }

  static func quote(_ s: String) -> String {
    var out = "\""
    out.reserveCapacity(s.utf8.count + 2)
    for u in s.unicodeScalars {
      switch u {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      case "<": out += "\\u003c"
      case ">": out += "\\u003e"
      case "&": out += "\\u0026"
      case "'": out += "\\u0027"
      case "\u{2028}": out += "\\u2028"
      case "\u{2029}": out += "\\u2029"
      default:
        if u.value < 0x20 {
          out += "\\u00" + (u.value < 0x10 ? "0" : "") + String(u.value, radix: 16)
        } else {
          out.unicodeScalars.append(u)
        }
      }
    }
    return out + "\""
  }

  static let powers: [Int64] = [1, 10, 100, 1000, 10_000, 100_000, 1_000_000, 10_000_000]

  /// `decimals` (≤ 7) fixed, trailing zeros dropped; integers only, no `printf`: a city's
  /// map writes millions of coordinates.
  static func fixed(_ d: Double, decimals: Int) -> String {
    guard d.isFinite, abs(d) < 1e11 else { return d.isFinite ? String(d) : "null" }
    let p = powers[decimals]
    let q = Int64((d * Double(p)).rounded())
    if q == 0 { return "0" }
    let a = abs(q)
    var s = q < 0 ? "-" : ""
    s += String(a / p)
    var frac = a % p
    if frac == 0 { return s }
    var digits = decimals
    while frac % 10 == 0 {
      frac /= 10
      digits -= 1
    }
    let f = String(frac)
    return s + "." + String(repeating: "0", count: digits - f.count) + f
  }

  /// `[lon,lat]` to 6 decimals: a tenth of a metre, finer than the map ever shows.
  mutating func point(_ p: XY) {
    text += "[" + ScriptJSON.fixed(p.x, decimals: 6) + "," + ScriptJSON.fixed(p.y, decimals: 6) + "]"
  }

  mutating func points(_ pts: [XY]) {
    text += "["
    for (i, p) in pts.enumerated() {
      if i > 0 { text += "," }
      point(p)
    }
    text += "]"
  }

  mutating func polygon(_ p: PlanarPolygon) {
    text += "["
    for (i, r) in p.rings.enumerated() {
      if i > 0 { text += "," }
      points(r)
    }
    text += "]"
  }

  /// A GeoJSON geometry: Polygon for one part, MultiPolygon for several.
  mutating func polygons(_ polys: [PlanarPolygon]) {
    if polys.count == 1 {
      text += "{\"type\":\"Polygon\",\"coordinates\":"
      polygon(polys[0])
    } else {
      text += "{\"type\":\"MultiPolygon\",\"coordinates\":["
      for (i, p) in polys.enumerated() {
        if i > 0 { text += "," }
        polygon(p)
      }
      text += "]"
    }
    text += "}"
  }

  mutating func lines(_ ls: [[XY]]) {
    if ls.count == 1 {
      text += "{\"type\":\"LineString\",\"coordinates\":"
      points(ls[0])
    } else {
      text += "{\"type\":\"MultiLineString\",\"coordinates\":["
      for (i, l) in ls.enumerated() {
        if i > 0 { text += "," }
        points(l)
      }
      text += "]"
    }
    text += "}"
  }

  mutating func pointGeometry(_ p: XY) {
    text += "{\"type\":\"Point\",\"coordinates\":"
    point(p)
    text += "}"
  }

  /// One feature: `props` writes the members of the properties object.
  mutating func feature(_ props: (inout ScriptJSON) -> Void, geometry: (inout ScriptJSON) -> Void) {
    text += "{\"type\":\"Feature\",\"properties\":{"
    props(&self)
    text += "},\"geometry\":"
    geometry(&self)
    text += "}"
  }

  /// A FeatureCollection of `count` features, one per line so the file diffs well.
  mutating func collection(_ count: Int, _ each: (inout ScriptJSON, Int) -> Void) {
    text += "{\"type\":\"FeatureCollection\",\"features\":["
    for i in 0..<count {
      text += i > 0 ? ",\n" : "\n"
      each(&self, i)
    }
    text += "]}"
  }
}
