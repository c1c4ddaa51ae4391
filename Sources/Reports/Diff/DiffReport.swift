import Foundation
import Geometry
import Support

/// `camgap diff` output: a table for reading, JSON for other programs. Both list the same
/// changes in the same order; an audit compared with itself gives "no changes" and
/// `"changes": 0`.
public enum DiffReport {
  static func gapJSON(_ g: AuditSnapshot.Gap) -> JSONOut {
    .obj([
      ("id", .str(g.id)), ("zone", .str(g.zone)), ("kind", .str(g.kind)), ("district", .str(g.district)),
      ("area_m2", .num(g.area)), ("centroid", AuditJSON.point(g.centroid)),
    ])
  }

  static func zoneJSON(_ z: AuditDiff.ZoneChange) -> JSONOut {
    .obj([
      ("id", .str(z.id)), ("name", .str(z.name)), ("kind", .str(z.kind)),
      ("old_coverage", .num(z.oldCoverage)),
      ("new_coverage", .num(z.newCoverage)), ("change", .num(z.delta)), ("target", .num(z.target)),
      ("old_meets_target", .bool(z.oldMeets)), ("new_meets_target", .bool(z.newMeets)),
    ])
  }

  static func zoneRefJSON(_ z: AuditDiff.ZoneRef) -> JSONOut {
    .obj([
      ("id", .str(z.id)), ("name", .str(z.name)), ("kind", .str(z.kind)), ("coverage", .num(z.coverage)),
      ("meets_target", .bool(z.meetsTarget)),
    ])
  }

  static func districtJSON(_ d: AuditDiff.DistrictChange) -> JSONOut {
    .obj([
      ("code", .str(d.code)), ("name", .str(d.name)), ("old_coverage", .num(d.oldCoverage)),
      ("new_coverage", .num(d.newCoverage)), ("change", .num(d.delta)),
    ])
  }

  static func cameraJSON(_ c: AuditDiff.CameraChange) -> JSONOut {
    .obj([
      ("id", .str(c.id)), ("name", .str(c.name)), ("old_status", c.oldStatus.map { .str($0) } ?? .null),
      ("new_status", c.newStatus.map { .str($0) } ?? .null),
    ])
  }

  static func opt(_ d: Double?) -> JSONOut { d.map { .num($0) } ?? .null }

  public static func json(_ d: AuditDiff) -> String {
    let figures: JSONOut = .obj(
      d.figures.map { f in
        let change: JSONOut = f.old.flatMap { o in f.new.map { .num($0 - o) } } ?? .null
        return (f.name, .obj([("old", opt(f.old)), ("new", opt(f.new)), ("change", change)]))
      })
    let gaps: [(String, JSONOut)] = [
      ("matched_by_overlap", .bool(d.gapsMatched)),
      ("opened", d.gapsMatched ? .arr(d.gapsOpened.map(gapJSON)) : .null),
      ("closed", d.gapsMatched ? .arr(d.gapsClosed.map(gapJSON)) : .null),
      ("persisting", d.gapsMatched ? .int(d.gapsPersisting) : .null),
      ("persisting_old_area_m2", d.gapsMatched ? .num(d.persistingOldArea) : .null),
      ("persisting_new_area_m2", d.gapsMatched ? .num(d.persistingNewArea) : .null),
    ]
    func cams(_ list: [AuditDiff.CameraChange]) -> JSONOut {
      d.camerasCompared ? .arr(list.map(cameraJSON)) : .null
    }
    let doc: JSONOut = .obj([
      ("changes", .int(d.changes)),
      ("summary", figures),
      (
        "zones",
        .obj([
          ("improved", .arr(d.zonesImproved.map(zoneJSON))),
          ("worsened", .arr(d.zonesWorsened.map(zoneJSON))),
          ("added", .arr(d.zonesAdded.map(zoneRefJSON))), ("removed", .arr(d.zonesRemoved.map(zoneRefJSON))),
        ])
      ),
      (
        "districts",
        .obj([
          ("improved", .arr(d.districtsImproved.map(districtJSON))),
          ("worsened", .arr(d.districtsWorsened.map(districtJSON))),
        ])
      ),
      ("gaps", .obj(gaps)),
      (
        "cameras",
        .obj([
          ("compared", .bool(d.camerasCompared)), ("added", cams(d.camerasAdded)),
          ("removed", cams(d.camerasRemoved)),
          ("offline", cams(d.camerasOffline)), ("restored", cams(d.camerasRestored)),
        ])
      ),
    ])
    return doc.render() + "\n"
  }

  static func figureText(_ name: String, _ v: Double?) -> String {
    guard let v else { return "–" }
    if name == "coverage" || name == "zone_coverage" || name == "working_rate" { return TableReport.pct(v) }
    if name.hasSuffix("_m2") { return TableReport.m2(v) }
    if name.hasSuffix("_m") { return TableReport.m(v) }
    return JSONWriter.number(v)
  }

  static func changeText(_ name: String, _ old: Double?, _ new: Double?) -> String {
    guard let old, let new else { return "" }
    let d = new - old
    if AuditDiff.same(old, new) { return "" }
    if name == "coverage" || name == "zone_coverage" || name == "working_rate" {
      return String(format: "%+.2f pp", d * 100)
    }
    let sign = d > 0 ? "+" : "-"
    if name.hasSuffix("_m2") { return sign + TableReport.m2(abs(d)) }
    if name.hasSuffix("_m") { return sign + TableReport.m(abs(d)) }
    return sign + JSONWriter.number(abs(d))
  }

  public static func table(_ d: AuditDiff, oldName: String, newName: String) -> String {
    var out = "camgap diff \(oldName) → \(newName)\n\n"
    var notes = ""
    if !d.gapsMatched {
      notes +=
        "\ngaps not matched: pass --old-gaps and --new-gaps (the gaps GeoJSON of each audit) to list gaps opened and closed\n"
    }
    if !d.camerasCompared {
      notes +=
        "\ncameras not compared: pass --old-cameras and --new-cameras to list cameras added, removed and offline\n"
    }
    if d.isEmpty {
      return out + "no changes\n" + notes
    }
    let changed = d.figures.filter(\.changed)
    if !changed.isEmpty {
      out += TextTable.render(
        ["figure", "old", "new", "change"],
        changed.map {
          [
            $0.name, figureText($0.name, $0.old), figureText($0.name, $0.new),
            changeText($0.name, $0.old, $0.new),
          ]
        },
        rightAligned: [1, 2, 3])
    }
    func zones(_ title: String, _ list: [AuditDiff.ZoneChange]) {
      guard !list.isEmpty else { return }
      out += "\n\(title) (\(list.count))\n"
      out += TextTable.render(
        ["id", "name", "kind", "old", "new", "change", "target", "status"],
        list.map { z in
          let status =
            z.oldMeets == z.newMeets
            ? (z.newMeets ? "meets" : "below") : (z.newMeets ? "now meets target" : "now below target")
          return [
            z.id, z.name, z.kind, TableReport.pct(z.oldCoverage), TableReport.pct(z.newCoverage),
            String(format: "%+.1f pp", z.delta * 100), TableReport.pct(z.target), status,
          ]
        }, rightAligned: [3, 4, 5, 6])
    }
    zones("Zones improved", d.zonesImproved)
    zones("Zones worsened", d.zonesWorsened)
    for (title, list) in [("Zones added", d.zonesAdded), ("Zones no longer audited", d.zonesRemoved)]
    where !list.isEmpty {
      out += "\n\(title) (\(list.count))\n"
      out += TextTable.render(
        ["id", "name", "kind", "coverage", "target met"],
        list.map { [$0.id, $0.name, $0.kind, TableReport.pct($0.coverage), $0.meetsTarget ? "yes" : "no"] },
        rightAligned: [3])
    }
    func districts(_ title: String, _ list: [AuditDiff.DistrictChange]) {
      guard !list.isEmpty else { return }
      out += "\n\(title) (\(list.count))\n"
      out += TextTable.render(
        ["code", "name", "old", "new", "change"],
        list.map {
          [
            $0.code, $0.name, TableReport.pct($0.oldCoverage), TableReport.pct($0.newCoverage),
            String(format: "%+.2f pp", $0.delta * 100),
          ]
        }, rightAligned: [2, 3, 4])
    }
    districts("Districts improved", d.districtsImproved)
    districts("Districts worsened", d.districtsWorsened)
    if d.gapsMatched {
      for (title, list) in [("Gaps closed", d.gapsClosed), ("Gaps opened", d.gapsOpened)] where !list.isEmpty
      {
        out += "\n\(title) (\(list.count), matched by overlap)\n"
        out += TextTable.render(
          ["id", "zone", "kind", "district", "area", "centroid"],
          list.map {
            [
              $0.id, $0.zone, $0.kind, $0.district, TableReport.m2($0.area),
              String(format: "%.6f, %.6f", $0.centroid.x, $0.centroid.y),
            ]
          }, rightAligned: [4])
      }
      if d.gapsPersisting > 0 {
        out +=
          "\n\(d.gapsPersisting) gaps persist: \(TableReport.m2(d.persistingOldArea)) → \(TableReport.m2(d.persistingNewArea))\n"
      }
    }
    if d.camerasCompared {
      for (title, list) in [
        ("Cameras added", d.camerasAdded), ("Cameras removed", d.camerasRemoved),
        ("Cameras gone offline", d.camerasOffline),
        ("Cameras back online", d.camerasRestored),
      ] where !list.isEmpty {
        out += "\n\(title) (\(list.count))\n"
        out += TextTable.render(
          ["id", "name", "was", "now"],
          list.map { [$0.id, $0.name, $0.oldStatus ?? "–", $0.newStatus ?? "–"] }, rightAligned: [])
      }
    }
    return out + notes
  }
}
