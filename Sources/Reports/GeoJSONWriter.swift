import Audit
import Cameras
import Formats
import Foundation
import Geometry
import Support

/// RFC 7946 output that opens in QGIS/GDAL as is: WGS84, exterior rings
/// counter-clockwise and holes clockwise, coordinates to 8 decimals (about 1 mm), one
/// feature per line so large files stay diffable.
public enum GeoJSONWriter {
  static func coord(_ p: XY) -> String {
    "[" + JSONWriter.fixed(p.x, decimals: 8) + "," + JSONWriter.fixed(p.y, decimals: 8) + "]"
  }

  static func ring(_ r: [XY], ccw: Bool) -> String {
    "[" + Ring.oriented(r, counterClockwise: ccw).map(coord).joined(separator: ",") + "]"
  }

  static func polygonCoords(_ p: PlanarPolygon) -> String {
    "[" + p.rings.enumerated().map { ring($0.element, ccw: $0.offset == 0) }.joined(separator: ",") + "]"
  }

  /// A Polygon for one part, a MultiPolygon for several.
  public static func geometry(_ polys: [PlanarPolygon]) -> String {
    if polys.count == 1 { return "{\"type\":\"Polygon\",\"coordinates\":\(polygonCoords(polys[0]))}" }
    return "{\"type\":\"MultiPolygon\",\"coordinates\":[\(polys.map(polygonCoords).joined(separator: ","))]}"
  }

  public static func lineGeometry(_ line: [XY]) -> String {
    "{\"type\":\"LineString\",\"coordinates\":[\(line.map(coord).joined(separator: ","))]}"
  }

  public static func pointGeometry(_ p: XY) -> String {
    "{\"type\":\"Point\",\"coordinates\":\(coord(p))}"
  }

  /// A FeatureCollection from (geometry JSON, properties) pairs.
  public static func collection(_ features: [(geometry: String, properties: JSONOut)], name: String? = nil)
    -> String
  {
    var s = "{\"type\":\"FeatureCollection\","
    if let name { s += "\"name\":\(JSONWriter.quote(name))," }
    s += "\"features\":[\n"
    for (i, f) in features.enumerated() {
      s +=
        "{\"type\":\"Feature\",\"properties\":\(f.properties.render(pretty: false)),\"geometry\":\(f.geometry)}"
      s += i + 1 < features.count ? ",\n" : "\n"
    }
    s += "]}\n"
    return s
  }

  /// `camgap audit --format geojson`: the gap polygons with the `gaps` entries of SPEC §4
  /// as properties.
  public static func gaps(_ r: AuditResult) -> String {
    collection(
      r.gaps.map { (geometry($0.polygon.rings.isEmpty ? [] : [$0.polygon]), AuditJSON.gapProperties($0)) },
      name: "gaps")
  }

  /// Uncovered road stretches as lines.
  public static func uncoveredRoads(_ r: AuditResult) -> String {
    collection(
      r.uncoveredRoads.map { u in
        (
          lineGeometry(u.line),
          .obj([
            ("road", .str(u.road)), ("name", .str(u.name)), ("district", .str(u.district)),
            ("length_m", .num(u.length)),
          ])
        )
      }, name: "uncovered_roads")
  }

  /// Entry points (ring control), covered or not.
  public static func entries(_ r: AuditResult) -> String {
    collection(
      r.entries.map { e in
        (
          pointGeometry(e.point),
          .obj([("district", .str(e.district)), ("road", .str(e.road)), ("covered", .bool(e.covered))])
        )
      }, name: "entries")
  }

  /// Per-camera footprints after occlusion.
  public static func footprints(_ r: AuditResult) -> String {
    collection(
      r.footprints.compactMap { f in
        if f.polygons.isEmpty { return nil }
        var props: [(String, JSONOut)] = [
          ("id", .str(f.cameraID)), ("name", .str(f.name)), ("kind", .str(f.kind.rawValue)),
        ]
        props.append(("class", f.cameraClass.map { .int($0) } ?? .null))
        props.append(("range_m", .num(f.range)))
        return (geometry(f.polygons), .obj(props))
      }, name: "footprints")
  }
}

extension GeoJSONWriter {
  /// Coverage dissolved per district, with the district's figures.
  public static func districtCoverage(_ r: AuditResult) -> String {
    collection(
      zip(r.districts, r.districtCoverage).compactMap { d, polys in
        if polys.isEmpty { return nil }
        return (
          geometry(polys),
          .obj([
            ("code", .str(d.code)), ("name", .str(d.name)), ("covered_m2", .num(d.covered)),
            ("coverage", .num(d.coverage)),
          ])
        )
      }, name: "coverage")
  }

  /// DORI bands: one feature per camera and level, the widest (detect) first so that a
  /// GIS draws the nested bands with the narrow ones on top.
  public static func doriBands(_ bands: [(DORI, [CameraFootprint])]) -> String {
    var features: [(geometry: String, properties: JSONOut)] = []
    for (level, fps) in bands.reversed() {
      for f in fps where !f.polygons.isEmpty {
        features.append(
          (
            geometry(f.polygons),
            .obj([
              ("id", .str(f.cameraID)), ("name", .str(f.name)), ("band", .str(level.rawValue)),
              ("density_px_m", .num(level.density)), ("range_m", .num(f.range)),
            ])
          ))
      }
    }
    return collection(features, name: "dori_bands")
  }
}
