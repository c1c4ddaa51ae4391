import Audit
import Formats
import Foundation
import Geometry
import Support

/// `camgap audit --format gpkg` (SPEC §4): every result of the audit as typed layers of one
/// GeoPackage in EPSG:4326, so a planner opens one file in QGIS instead of joining JSON
/// tables to GeoJSON shapes by hand. Columns carry the §4 names and types; nested values
/// become flat columns (a zone's districts joined with commas, a gap's centroid as
/// `centroid_lon`/`centroid_lat`).
///
/// The district and zone outlines are in the result only when the audit ran with
/// `keepFootprints`, the dissolved coverage only with `keepCoverage`; without them those
/// rows are written with no geometry.
public enum GeoPackageReport {
  public static func write(_ r: AuditResult, to path: String) throws {
    try GeoPackageWriter.write(layers(r), to: path)
  }

  public static func layers(_ r: AuditResult) -> [VectorLayer] {
    [districts(r), zones(r), gaps(r), uncoveredRoads(r), entries(r), coverage(r), summary(r)]
  }

  /// Exterior rings counter-clockwise and holes clockwise, as in the GeoJSON output.
  static func shape(_ polys: [PlanarPolygon]?) -> LonLatGeometry? {
    guard let polys, !polys.isEmpty else { return nil }
    return .multiPolygon(
      polys.map { p in
        p.rings.enumerated().map { Ring.oriented($0.element, counterClockwise: $0.offset == 0) }
      })
  }

  static func districts(_ r: AuditResult) -> VectorLayer {
    VectorLayer(
      name: "districts", geometryType: .multiPolygon,
      fields: [
        .init("code", .string), .init("name", .string), .init("area_m2", .real), .init("covered_m2", .real),
        .init("coverage", .real), .init("cameras", .integer),
      ],
      rows: r.districts.enumerated().map { i, d in
        .init(
          geometry: shape(i < r.districtShapes.count ? r.districtShapes[i] : nil),
          values: [
            .string(d.code), .string(d.name), .real(d.area), .real(d.covered), .real(d.coverage),
            .integer(d.cameras),
          ])
      })
  }

  static func zones(_ r: AuditResult) -> VectorLayer {
    VectorLayer(
      name: "zones", geometryType: .multiPolygon,
      fields: [
        .init("id", .string), .init("name", .string), .init("kind", .string), .init("districts", .string),
        .init("area_m2", .real), .init("covered_m2", .real), .init("coverage", .real), .init("target", .real),
        .init("meets_target", .boolean), .init("gap_count", .integer), .init("gap_area_m2", .real),
      ],
      rows: r.zones.enumerated().map { i, z in
        .init(
          geometry: shape(i < r.zoneShapes.count ? r.zoneShapes[i] : nil),
          values: [
            .string(z.id), .string(z.name), .string(z.kind), .string(z.districts.joined(separator: ",")),
            .real(z.area), .real(z.covered), .real(z.coverage), .real(z.target), .boolean(z.meetsTarget),
            .integer(z.gapCount), .real(z.gapArea),
          ])
      })
  }

  static func gaps(_ r: AuditResult) -> VectorLayer {
    VectorLayer(
      name: "gaps", geometryType: .polygon,
      fields: [
        .init("id", .string), .init("zone", .string), .init("kind", .string), .init("district", .string),
        .init("area_m2", .real), .init("centroid_lon", .real), .init("centroid_lat", .real),
      ],
      rows: r.gaps.map { g in
        let rings = g.polygon.rings.enumerated().map {
          Ring.oriented($0.element, counterClockwise: $0.offset == 0)
        }
        return .init(
          geometry: rings.isEmpty ? nil : .polygon(rings),
          values: [
            .string(g.id), .string(g.zone), .string(g.kind), .string(g.district), .real(g.area),
            .real(g.centroid.x), .real(g.centroid.y),
          ])
      })
  }

  static func uncoveredRoads(_ r: AuditResult) -> VectorLayer {
    VectorLayer(
      name: "uncovered_roads", geometryType: .lineString,
      fields: [.init("road", .string), .init("district", .string), .init("length_m", .real)],
      rows: r.uncoveredRoads.map { u in
        .init(
          geometry: u.line.count >= 2 ? .lineString(u.line) : nil,
          values: [.string(u.road), .string(u.district), .real(u.length)])
      })
  }

  static func entries(_ r: AuditResult) -> VectorLayer {
    VectorLayer(
      name: "entries", geometryType: .point,
      fields: [.init("district", .string), .init("road", .string), .init("covered", .boolean)],
      rows: r.entries.map { e in
        .init(geometry: .point(e.point), values: [.string(e.district), .string(e.road), .boolean(e.covered)])
      })
  }

  /// One row per district: the union of its cameras' footprints inside it (what
  /// `camgap coverage --dissolve` draws).
  static func coverage(_ r: AuditResult) -> VectorLayer {
    VectorLayer(
      name: "coverage", geometryType: .multiPolygon,
      fields: [
        .init("code", .string), .init("name", .string), .init("covered_m2", .real), .init("coverage", .real),
      ],
      rows: zip(r.districts, r.districtCoverage).map { d, polys in
        .init(
          geometry: shape(polys),
          values: [.string(d.code), .string(d.name), .real(d.covered), .real(d.coverage)])
      })
  }

  /// The §4 summary keys in their order, counts as integers and the rest as reals.
  static func summary(_ r: AuditResult) -> VectorLayer {
    let s = r.summary
    let columns: [(String, VectorLayer.Value)] = [
      ("cameras", .integer(s.cameras)), ("active_cameras", .integer(s.activeCameras)),
      ("default_range_cameras", .integer(s.defaultRangeCameras)), ("districts", .integer(s.districts)),
      ("district_area_m2", .real(s.districtArea)), ("covered_m2", .real(s.covered)),
      ("coverage", .real(s.coverage)), ("zones", .integer(s.zones)), ("zone_area_m2", .real(s.zoneArea)),
      ("zone_covered_m2", .real(s.zoneCovered)), ("zone_coverage", .real(s.zoneCoverage)),
      ("zones_below_target", .integer(s.zonesBelowTarget)), ("gaps", .integer(s.gaps)),
      ("gap_area_m2", .real(s.gapArea)), ("road_length_m", .real(s.roadLength)),
      ("road_covered_m", .real(s.roadCovered)), ("entries", .integer(s.entries)),
      ("entries_covered", .integer(s.entriesCovered)), ("working_rate", .real(s.workingRate)),
      ("unknown_heading", .integer(s.unknownHeading)),
      // The plane the areas were measured in, as the JSON's `crs`: `diff` compares gaps in it.
      ("crs", .string(r.crs)),
    ]
    return VectorLayer(
      name: "summary", geometryType: .none,
      fields: columns.map { name, value in
        switch value {
        case .integer: return .init(name, .integer)
        case .string: return .init(name, .string)
        default: return .init(name, .real)
        }
      },
      rows: [.init(geometry: nil, values: columns.map(\.1))])
  }
}
