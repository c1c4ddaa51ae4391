import Foundation
import Geometry
import Support

/// A read `FeatureCollection` written out again: as camgap's own GeoJSON, or as a
/// `VectorLayer` for OGR (`camgap convert`).
public enum FeatureCollectionExport {
  /// RFC 7946 GeoJSON, one feature per line: exterior rings counter-clockwise and holes
  /// clockwise, positions in the shortest form that reads back as the same Double (a
  /// conversion loses nothing), properties as read.
  public static func geoJSON(_ fc: FeatureCollection, name: String? = nil) -> String {
    var s = "{\"type\":\"FeatureCollection\","
    if let name { s += "\"name\":\(JSONWriter.quote(name))," }
    s += "\"features\":[\n"
    for (i, f) in fc.features.enumerated() {
      s += "{\"type\":\"Feature\",\"properties\":\(JSONWriter.serialize(.object(f.properties))),\"geometry\":"
      s += f.geometry.map(geometry) ?? "null"
      s += i + 1 < fc.features.count ? "},\n" : "}\n"
    }
    return s + "]}\n"
  }

  static func position(_ p: XY) -> String { "[\(JSONWriter.number(p.x)),\(JSONWriter.number(p.y))]" }

  static func positions(_ ps: [XY]) -> String { "[" + ps.map(position).joined(separator: ",") + "]" }

  static func rings(_ rs: [[XY]]) -> String {
    "["
      + rs.enumerated().map { positions(Ring.oriented($0.element, counterClockwise: $0.offset == 0)) }
      .joined(separator: ",") + "]"
  }

  public static func geometry(_ g: LonLatGeometry) -> String {
    let coordinates: String
    switch g {
    case .point(let p): coordinates = position(p)
    case .multiPoint(let ps), .lineString(let ps): coordinates = positions(ps)
    case .multiLineString(let ls): coordinates = "[" + ls.map(positions).joined(separator: ",") + "]"
    case .polygon(let rs): coordinates = rings(rs)
    case .multiPolygon(let m): coordinates = "[" + m.map(rings).joined(separator: ",") + "]"
    }
    return "{\"type\":\"\(g.typeName)\",\"coordinates\":\(coordinates)}"
  }

  /// The collection as one layer with a column per property key (in order of first
  /// appearance), typed from the values: all booleans → boolean, all whole numbers within
  /// ±2^53 → integer, all numbers → real, anything else → string (numbers in their JSON
  /// form, arrays and objects as JSON text). A Polygon among MultiPolygons makes the layer
  /// MultiPolygon (likewise lines and points); other mixes are `.any`.
  public static func layer(_ fc: FeatureCollection, name: String) -> VectorLayer {
    var keys: [String] = []
    var seen: [String: Int] = [:]
    for f in fc.features {
      for (k, _) in f.properties where seen[k] == nil {
        seen[k] = keys.count
        keys.append(k)
      }
    }
    let types = keys.map { k in fieldType(fc.features.compactMap { $0.property(k) }) }
    let rows = fc.features.map { f in
      VectorLayer.Row(
        geometry: f.geometry,
        values: zip(keys, types).map { k, t in f.property(k).map { value($0, as: t) } ?? .null })
    }
    return VectorLayer(
      name: name, geometryType: geometryType(fc.features.compactMap(\.geometry)),
      fields: zip(keys, types).map { VectorLayer.Field($0, $1) }, rows: rows)
  }

  static func fieldType(_ values: [JSON]) -> VectorLayer.FieldType {
    if values.isEmpty { return .string }
    if values.allSatisfy({ if case .bool = $0 { return true } else { return false } }) { return .boolean }
    let numbers = values.compactMap(\.number)
    guard numbers.count == values.count else { return .string }
    let whole = numbers.allSatisfy { $0.rounded() == $0 && abs($0) <= 9_007_199_254_740_992 }
    return whole ? .integer : .real
  }

  static func value(_ v: JSON, as type: VectorLayer.FieldType) -> VectorLayer.Value {
    switch (type, v) {
    case (.boolean, .bool(let b)): return .boolean(b)
    case (.integer, .number(let n)): return .integer(Int(n))
    case (.real, .number(let n)): return .real(n)
    case (_, .string(let s)): return .string(s)
    case (_, .null): return .null
    default: return .string(JSONWriter.serialize(v))
    }
  }

  static func geometryType(_ shapes: [LonLatGeometry]) -> VectorLayer.GeometryType {
    let names = Set(shapes.map(\.typeName))
    if names.isEmpty { return .none }
    if names.count == 1 {
      switch shapes[0] {
      case .point: return .point
      case .multiPoint: return .multiPoint
      case .lineString: return .lineString
      case .multiLineString: return .multiLineString
      case .polygon: return .polygon
      case .multiPolygon: return .multiPolygon
      }
    }
    if names == ["Polygon", "MultiPolygon"] { return .multiPolygon }
    if names == ["LineString", "MultiLineString"] { return .multiLineString }
    if names == ["Point", "MultiPoint"] { return .multiPoint }
    return .any
  }
}
