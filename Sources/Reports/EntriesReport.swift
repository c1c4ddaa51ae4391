import Audit
import Foundation
import Geometry
import Support

/// `camgap entries --format json|csv`: the ring-control (圈层查控) entry points of SPEC §2
/// — every point where a road crosses a district's boundary, covered or not. The JSON
/// repeats the audit's `entries` objects and its two summary counts; GeoJSON is
/// `GeoJSONWriter.entries`.
public enum EntriesReport {
  public static func json(_ r: AuditResult) -> String {
    let doc: JSONOut = .obj([
      ("crs", .str(r.crs)),
      (
        "summary",
        .obj([("entries", .int(r.summary.entries)), ("entries_covered", .int(r.summary.entriesCovered))])
      ),
      (
        "entries",
        .arr(
          r.entries.map { e in
            .obj([
              ("district", .str(e.district)), ("road", .str(e.road)), ("point", AuditJSON.point(e.point)),
              ("covered", .bool(e.covered)),
            ])
          })
      ),
    ])
    return doc.render() + "\n"
  }

  public static func csv(_ r: AuditResult) -> String {
    var out = "district,road,lon,lat,covered\n"
    for e in r.entries {
      out +=
        [
          CSVReport.cell(e.district), CSVReport.cell(e.road), JSONWriter.fixed(e.point.x, decimals: 8),
          JSONWriter.fixed(e.point.y, decimals: 8), e.covered ? "true" : "false",
        ].joined(separator: ",") + "\n"
    }
    return out
  }
}
