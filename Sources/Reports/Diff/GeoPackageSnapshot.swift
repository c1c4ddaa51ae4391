import Formats
import Foundation
import Geometry
import Support

extension AuditSnapshot {
  /// An audit written as one GeoPackage (`camgap audit --format gpkg`, SPEC §4), read back
  /// for `camgap diff`: the `summary` table, the `districts` and `zones` layers and the
  /// `gaps` layer, whose polygons come with it (no separate gaps file is needed).
  public static func readGeoPackage(path: String) throws -> AuditSnapshot {
    let file = (path as NSString).lastPathComponent
    func layer(_ name: String) throws -> [[String: JSON]] {
      let (fc, _) = try OGRLayerReader.read(path: path, layer: name)
      return fc.features.map { Dictionary($0.properties, uniquingKeysWith: { a, _ in a }) }
    }
    func bad(_ field: String, _ message: String) -> InputError {
      InputError(file: file, field: field, message: message)
    }
    let (summaryFC, _) = try OGRLayerReader.read(path: path, layer: "summary")
    guard let columns = summaryFC.features.first?.properties else {
      throw bad("summary", "the summary table is empty")
    }
    guard let crs = columns.first(where: { $0.0 == "crs" })?.1.string else {
      throw bad("summary.crs", "missing; is this `camgap audit --format gpkg` output?")
    }
    // In the table's column order, as the JSON's members are.
    let summary = columns.filter { $0.0 != "crs" }.compactMap { k, v in v.number.map { (k, $0) } }
    func num(_ o: [String: JSON], _ key: String) -> Double { o[key]?.number ?? 0 }
    func str(_ o: [String: JSON], _ key: String) -> String { o[key]?.string ?? "" }
    let districts = try layer("districts").map {
      District(
        code: str($0, "code"), name: str($0, "name"), area: num($0, "area_m2"), coverage: num($0, "coverage"))
    }
    let zones = try layer("zones").map { z in
      Zone(
        id: str(z, "id"), name: str(z, "name"), kind: str(z, "kind"), coverage: num(z, "coverage"),
        target: num(z, "target"),
        meetsTarget: z["meets_target"] == .bool(true) || num(z, "meets_target") == 1,
        gapCount: Int(num(z, "gap_count")))
    }
    let (gapsFC, _) = try OGRLayerReader.read(path: path, layer: "gaps")
    let gaps = gapsFC.features.map { f -> Gap in
      let p = Dictionary(f.properties, uniquingKeysWith: { a, _ in a })
      var g = Gap(
        id: str(p, "id"), zone: str(p, "zone"), kind: str(p, "kind"), district: str(p, "district"),
        area: num(p, "area_m2"), centroid: XY(num(p, "centroid_lon"), num(p, "centroid_lat")))
      g.polygons = f.geometry.map(planar) ?? []
      return g
    }
    var s = AuditSnapshot(
      file: file, crs: crs, summary: summary, districts: districts, zones: zones, gaps: gaps)
    s.hasGapGeometry = true
    return s
  }

  static func planar(_ g: LonLatGeometry) -> [PlanarPolygon] {
    switch g {
    case .polygon(let rings): return [PlanarPolygon(rings: rings)]
    case .multiPolygon(let parts): return parts.map { PlanarPolygon(rings: $0) }
    default: return []
    }
  }
}
