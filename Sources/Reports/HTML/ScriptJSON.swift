import Foundation
import Geometry
import Support

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

  /// `"k":"v"` members, comma-separated, for the values that are the user's text.
  mutating func strings(_ members: KeyValuePairs<String, String>) {
    for (i, m) in members.enumerated() {
      if i > 0 { text += "," }
      key(m.key)
      string(m.value)
    }
  }

  /// `,"k":` and a number, a further member of an object begun already.
  mutating func member(_ k: String, _ d: Double, decimals: Int = 4) {
    text += ",\"\(k)\":"
    number(d, decimals: decimals)
  }

  mutating func member(_ k: String, _ b: Bool) {
    text += ",\"\(k)\":"
    bool(b)
  }

  mutating func member(_ k: String, _ p: XY) {
    text += ",\"\(k)\":"
    point(p)
  }

  mutating func number(_ d: Double, decimals: Int = 4) { text += ScriptJSON.fixed(d, decimals: decimals) }

  mutating func int(_ n: Int) { text += String(n) }

  mutating func bool(_ b: Bool) { text += b ? "true" : "false" }

  static func quote(_ s: String) -> String {
    Escaping.escape(s, quote: "\"") { u in
      switch u {
      case "<", ">", "&", "'": return Escaping.unicodeEscape(u)
      default: return JSONWriter.escape(u)
      }
    }
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

  /// `[a,b,…]`, each item written by `write`.
  mutating func array<T>(_ items: [T], _ write: (inout ScriptJSON, T) -> Void) {
    text += "["
    for (i, item) in items.enumerated() {
      if i > 0 { text += "," }
      write(&self, item)
    }
    text += "]"
  }

  mutating func points(_ pts: [XY]) { array(pts) { $0.point($1) } }

  mutating func polygon(_ p: PlanarPolygon) { array(p.rings) { $0.points($1) } }

  /// A GeoJSON geometry of `type` for one part, of `Multi` + `type` for several.
  mutating func geometry<T>(_ type: String, _ parts: [T], _ write: (inout ScriptJSON, T) -> Void) {
    if parts.count == 1 {
      text += "{\"type\":\"\(type)\",\"coordinates\":"
      write(&self, parts[0])
    } else {
      text += "{\"type\":\"Multi\(type)\",\"coordinates\":"
      array(parts, write)
    }
    text += "}"
  }

  mutating func polygons(_ polys: [PlanarPolygon]) { geometry("Polygon", polys) { $0.polygon($1) } }

  mutating func lines(_ ls: [[XY]]) { geometry("LineString", ls) { $0.points($1) } }

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

  /// Feature `i` of a layer the page looks its features up in: `"i":i` comes first among the
  /// properties.
  mutating func feature(
    index i: Int, _ props: (inout ScriptJSON) -> Void, geometry: (inout ScriptJSON) -> Void
  ) {
    feature(
      { p in
        p.raw("\"i\":\(i),")
        props(&p)
      }, geometry: geometry)
  }

  /// `id`, `name` and `kind`, the members the page's tips name a zone or a camera (surveyed or
  /// planned) by.
  mutating func identity(id: String, name: String, kind: String) {
    strings(["id": id, "name": name, "kind": kind])
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
