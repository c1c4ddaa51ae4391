import Cameras
import Formats
import Foundation
import Geometry
import Support

/// The registry's files and listings. Exports are deterministic (sorted by id, one record a
/// line, numbers in shortest round-trip form, every field present), so export → import →
/// export gives the same bytes and two exports diff line by line.
public enum RegistryFormat {
  static let propertyFields = CameraField.allCases.filter { $0 != .lon && $0 != .lat }

  /// A FeatureCollection of Points, one feature a line, absent fields as null so that GDAL
  /// sees the same schema in every feature.
  public static func geojson(_ records: [CameraRecord]) -> String {
    var out = "{\"type\":\"FeatureCollection\",\"features\":[\n"
    out.reserveCapacity(records.count * 320)
    for (k, r) in records.enumerated() {
      out += "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":["
      out += r[.lon]! + "," + r[.lat]! + "]},\"properties\":{"
      for (j, f) in propertyFields.enumerated() {
        if j > 0 { out += "," }
        out += "\"" + f.rawValue + "\":"
        if let v = r[f] { out += CameraRecord.jsonValue(f, v) } else { out += "null" }
      }
      out += k + 1 < records.count ? "}},\n" : "}}\n"
    }
    out += "]}\n"
    return out
  }

  /// SPEC §1 CSV columns; `district` added for listings.
  public static func csv(_ records: [CameraRecord], district: Bool = false) -> String {
    var out = CSVText.row(CameraField.allCases.map(\.rawValue) + (district ? ["district"] : []))
    out.reserveCapacity(records.count * 160)
    for r in records {
      out += CSVText.row(CameraField.allCases.map { r[$0] ?? "" } + (district ? [r.district ?? ""] : []))
    }
    return out
  }

  /// A JSON array, one compact object a line, with `district`.
  public static func json(_ records: [CameraRecord]) -> String {
    let lines = records.map(jsonObject)
    return "[" + (lines.isEmpty ? "" : "\n" + lines.joined(separator: ",\n") + "\n") + "]\n"
  }

  static func jsonObject(_ r: CameraRecord) -> String {
    var parts: [String] = []
    for f in CameraField.allCases {
      parts.append("\"\(f.rawValue)\":" + (r[f].map { CameraRecord.jsonValue(f, $0) } ?? "null"))
    }
    parts.append("\"district\":" + (r.district.map(JSONWriter.quote) ?? "null"))
    return "{" + parts.joined(separator: ",") + "}"
  }

  static let tableFields: [CameraField] = [
    .id, .name, .kind, .heading, .fov, .range, .cameraClass, .status, .lon, .lat,
  ]

  /// Left-aligned columns without a rule, then a count: a listing reads as records, not as
  /// a report.
  public static func table(_ records: [CameraRecord]) -> String {
    let header = tableFields.map(\.rawValue) + ["district"]
    let rows = records.map { r in tableFields.map { r[$0] ?? "-" } + [r.district ?? "-"] }
    return TextTable(header: header, rows: rows, rule: false).render()
      + "\(records.count) camera\(records.count == 1 ? "" : "s")\n"
  }

  /// One field a line, for `show`.
  public static func detail(_ r: CameraRecord, historyEntries: Int, version: Int) -> String {
    var lines: [[String]] = CameraField.allCases.map { [$0.rawValue, r[$0] ?? "-"] }
    lines.append(["district", r.district ?? "-"])
    lines.append(["version", String(version)])
    lines.append(["history", "\(historyEntries) entr\(historyEntries == 1 ? "y" : "ies")"])
    return TextTable(header: nil, rows: lines, rule: false).render()
  }

  /// The camera as `export` writes it, with its version (for `--if-version`) last.
  public static func detailJSON(_ r: CameraRecord, version: Int) -> String {
    String(jsonObject(r).dropLast()) + ",\"version\":\(version)}\n"
  }

  public static func historyTable(_ entries: [HistoryEntry]) -> String {
    let rows = entries.map { e -> [String] in
      let change: String
      if let f = e.field {
        change = "\(f): \(e.old ?? "-") → \(e.new ?? "-")"
      } else {
        change = "created \(e.new ?? "")"
      }
      return [e.at, e.by, e.action, change, e.note ?? ""]
    }
    return TextTable(header: ["at", "by", "action", "change", "note"], rows: rows, rule: false).render()
  }

  public static func historyJSON(_ entries: [HistoryEntry]) -> String {
    func s(_ v: String?) -> String { v.map(JSONWriter.quote) ?? "null" }
    let lines = entries.map { e in
      "{\"camera\":\(s(e.cameraID)),\"at\":\(s(e.at)),\"by\":\(s(e.by)),\"action\":\(s(e.action)),\"field\":\(s(e.field)),\"old\":\(s(e.old)),\"new\":\(s(e.new)),\"note\":\(s(e.note))}"
    }
    return "[" + (lines.isEmpty ? "" : "\n" + lines.joined(separator: ",\n") + "\n") + "]\n"
  }

  public static func historyCSV(_ entries: [HistoryEntry]) -> String {
    var out = CSVText.row(["camera", "at", "by", "action", "field", "old", "new", "note"])
    for e in entries {
      out += CSVText.row([
        e.cameraID, e.at, e.by, e.action, e.field ?? "", e.old ?? "", e.new ?? "", e.note ?? "",
      ])
    }
    return out
  }

}
