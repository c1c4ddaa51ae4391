import Audit
import Foundation
import Geometry
import Support

/// `camgap audit --format json`: the SPEC §4 schema, keys in the documented order,
/// numbers in one fixed format, so two audits of the same files are byte-identical.
public enum AuditJSON {
  static func point(_ p: XY) -> JSONOut {
    .arr([.raw(JSONWriter.fixed(p.x, decimals: 8)), .raw(JSONWriter.fixed(p.y, decimals: 8))])
  }

  public static func document(_ r: AuditResult) -> JSONOut {
    let s = r.summary
    let summary: JSONOut = .obj([
      ("cameras", .int(s.cameras)), ("active_cameras", .int(s.activeCameras)),
      ("default_range_cameras", .int(s.defaultRangeCameras)), ("districts", .int(s.districts)),
      ("district_area_m2", .num(s.districtArea)), ("covered_m2", .num(s.covered)),
      ("coverage", .num(s.coverage)),
      ("zones", .int(s.zones)), ("zone_area_m2", .num(s.zoneArea)), ("zone_covered_m2", .num(s.zoneCovered)),
      ("zone_coverage", .num(s.zoneCoverage)), ("zones_below_target", .int(s.zonesBelowTarget)),
      ("gaps", .int(s.gaps)),
      ("gap_area_m2", .num(s.gapArea)), ("road_length_m", .num(s.roadLength)),
      ("road_covered_m", .num(s.roadCovered)),
      ("entries", .int(s.entries)), ("entries_covered", .int(s.entriesCovered)),
      ("working_rate", .num(s.workingRate)),
      ("unknown_heading", .int(s.unknownHeading)),
    ])
    let districts: JSONOut = .arr(
      r.districts.map { d in
        .obj([
          ("code", .str(d.code)), ("name", .str(d.name)), ("area_m2", .num(d.area)),
          ("covered_m2", .num(d.covered)),
          ("coverage", .num(d.coverage)), ("cameras", .int(d.cameras)),
        ])
      })
    let zones: JSONOut = .arr(
      r.zones.map { z in
        .obj([
          ("id", .str(z.id)), ("name", .str(z.name)), ("kind", .str(z.kind)),
          ("districts", .arr(z.districts.map { .str($0) })),
          ("area_m2", .num(z.area)), ("covered_m2", .num(z.covered)), ("coverage", .num(z.coverage)),
          ("target", .num(z.target)), ("meets_target", .bool(z.meetsTarget)), ("gap_count", .int(z.gapCount)),
          ("gap_area_m2", .num(z.gapArea)),
        ])
      })
    let gaps: JSONOut = .arr(r.gaps.map(gapProperties))
    let classes: JSONOut = .arr(
      r.classes.map { c in
        .obj([
          ("class", .int(c.cameraClass)), ("cameras", .int(c.cameras)), ("active", .int(c.active)),
          ("covered_m2", .num(c.covered)),
        ])
      })
    let entries: JSONOut = .arr(
      r.entries.map { e in
        .obj([
          ("district", .str(e.district)), ("road", .str(e.road)), ("point", point(e.point)),
          ("covered", .bool(e.covered)),
        ])
      })
    return .obj([
      ("crs", .str(r.crs)), ("summary", summary), ("districts", districts), ("zones", zones), ("gaps", gaps),
      ("classes", classes), ("entries", entries), ("warnings", .arr(r.warnings.map { .str($0) })),
    ])
  }

  static func gapProperties(_ g: AuditResult.Gap) -> JSONOut {
    .obj([
      ("id", .str(g.id)), ("zone", .str(g.zone)), ("kind", .str(g.kind)), ("district", .str(g.district)),
      ("area_m2", .num(g.area)), ("centroid", point(g.centroid)),
    ])
  }

  public static func render(_ r: AuditResult) -> String { document(r).render() + "\n" }
}
