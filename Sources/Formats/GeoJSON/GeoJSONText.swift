import Geometry
import Support

/// Features written back as RFC 7946 text, for a reader that takes a file: the mapped copy
/// of a planner's file keeps every property, the Point and the feature order.
public enum GeoJSONText {
  public static func collection(_ fc: FeatureCollection) -> String {
    var out = "{\"type\":\"FeatureCollection\",\"features\":[\n"
    for (i, f) in fc.features.enumerated() {
      if i > 0 { out += ",\n" }
      out += JSONWriter.serialize(feature(f))
    }
    out += "\n]}\n"
    return out
  }

  public static func feature(_ f: Feature) -> JSON {
    var members: [(String, JSON)] = [("type", .string("Feature"))]
    if let id = f.id { members.append(("id", id)) }
    members.append(("properties", .object(f.properties)))
    members.append(("geometry", f.geometry.map(geometry) ?? .null))
    return .object(members)
  }

  public static func geometry(_ g: LonLatGeometry) -> JSON {
    func point(_ p: XY) -> JSON { .array([.number(p.x), .number(p.y)]) }
    func line(_ l: [XY]) -> JSON { .array(l.map(point)) }
    func polygon(_ rings: [[XY]]) -> JSON { .array(rings.map(line)) }
    let coordinates: JSON
    switch g {
    case .point(let p): coordinates = point(p)
    case .multiPoint(let ps): coordinates = line(ps)
    case .lineString(let l): coordinates = line(l)
    case .multiLineString(let ls): coordinates = .array(ls.map(line))
    case .polygon(let p): coordinates = polygon(p)
    case .multiPolygon(let m): coordinates = .array(m.map(polygon))
    }
    return .object([("type", .string(g.typeName)), ("coordinates", coordinates)])
  }
}
