import Audit
import Foundation
import Support

/// `--format table`: what a planner reads on a terminal — headline figures, districts,
/// zones by shortfall, and the largest gaps.
public enum TableReport {
  static func pct(_ r: Double) -> String { String(format: "%.1f%%", r * 100) }
  static func m2(_ a: Double) -> String {
    if a >= 1e6 { return String(format: "%.2f km²", a / 1e6) }
    return String(format: "%.0f m²", a)
  }
  static func m(_ l: Double) -> String {
    l >= 1000 ? String(format: "%.2f km", l / 1000) : String(format: "%.0f m", l)
  }

  public static func render(_ r: AuditResult, maxGaps: Int = 15) -> String {
    let s = r.summary
    var out = "camgap audit (\(r.crs))\n\n"
    out += "cameras          \(s.cameras) read, \(s.activeCameras) active"
    out += s.defaultRangeCameras > 0 ? ", \(s.defaultRangeCameras) on default range" : ""
    out += s.unknownHeading > 0 ? ", \(s.unknownHeading) with unknown heading" : ""
    out += "\nworking rate     \(pct(s.workingRate))\n"
    out +=
      "districts        \(s.districts): \(m2(s.covered)) of \(m2(s.districtArea)) covered (\(pct(s.coverage)))\n"
    if s.zones > 0 {
      out +=
        "zones            \(s.zones): \(pct(s.zoneCoverage)) covered, \(s.zonesBelowTarget) below target\n"
    }
    out += "gaps             \(s.gaps), \(m2(s.gapArea))\n"
    if s.roadLength > 0 {
      out +=
        "roads            \(m(s.roadCovered)) of \(m(s.roadLength)) covered (\(pct(s.roadLength > 0 ? s.roadCovered / s.roadLength : 0)))\n"
    }
    if s.entries > 0 { out += "entry points     \(s.entriesCovered) of \(s.entries) covered\n" }
    out += "\nDistricts\n"
    out += TextTable.render(
      ["code", "name", "area", "covered", "coverage", "cameras"],
      r.districts.map {
        [$0.code, $0.name, m2($0.area), m2($0.covered), pct($0.coverage), String($0.cameras)]
      },
      rightAligned: [2, 3, 4, 5])
    if !r.zones.isEmpty {
      out += "\nZones, largest shortfall first\n"
      let zones = r.zones.sorted { ($0.target - $0.coverage, $1.id) > ($1.target - $1.coverage, $0.id) }
      out += TextTable.render(
        ["id", "name", "kind", "coverage", "target", "ok", "gaps", "gap area"],
        zones.map {
          [
            $0.id, $0.name, $0.kind, pct($0.coverage), pct($0.target), $0.meetsTarget ? "yes" : "NO",
            String($0.gapCount), m2($0.gapArea),
          ]
        }, rightAligned: [3, 4, 6, 7])
    }
    if !r.gaps.isEmpty {
      out += "\nLargest gaps\(r.gaps.count > maxGaps ? " (\(maxGaps) of \(r.gaps.count))" : "")\n"
      out += TextTable.render(
        ["id", "kind", "district", "area", "centroid"],
        r.gaps.prefix(maxGaps).map {
          [
            $0.id, $0.kind, $0.district, m2($0.area),
            String(format: "%.6f, %.6f", $0.centroid.x, $0.centroid.y),
          ]
        }, rightAligned: [3])
    }
    if !r.warnings.isEmpty {
      out += "\nWarnings\n"
      for w in r.warnings.prefix(20) { out += "  \(SafeText.visible(w))\n" }
      if r.warnings.count > 20 { out += "  … \(r.warnings.count - 20) more (see --format json)\n" }
    }
    return out
  }
}
