import Audit
import Formats
import Foundation
import Geometry
import Support

/// `--format csv`: one row per zone (per district when there are no zones), for
/// spreadsheets. Text cells are defused as every camgap CSV is (`CSVWriter.textCell`).
public enum CSVReport {
  public static func cell(_ s: String) -> String { CSVWriter.textCell(s) }

  static func num(_ d: Double) -> String { JSONWriter.number(d) }

  public static func render(_ r: AuditResult) -> String {
    var out = ""
    if r.zones.isEmpty {
      out = "code,name,area_m2,covered_m2,coverage,cameras\n"
      for d in r.districts {
        out +=
          [cell(d.code), cell(d.name), num(d.area), num(d.covered), num(d.coverage), String(d.cameras)]
          .joined(separator: ",") + "\n"
      }
      return out
    }
    out = "id,name,kind,districts,area_m2,covered_m2,coverage,target,meets_target,gap_count,gap_area_m2\n"
    for z in r.zones {
      out +=
        [
          cell(z.id), cell(z.name), cell(z.kind), cell(z.districts.joined(separator: ";")), num(z.area),
          num(z.covered),
          num(z.coverage), num(z.target), z.meetsTarget ? "true" : "false", String(z.gapCount),
          num(z.gapArea),
        ].joined(separator: ",") + "\n"
    }
    return out
  }
}
