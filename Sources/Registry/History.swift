import Formats
import Foundation
import GRDB
import Support

/// One line of a camera's audit trail: who did what when, and for a changed field its old
/// and new value (nil when absent). A camera's creation is one entry with no field, whose
/// `new` holds the whole record as JSON.
public struct HistoryEntry: Equatable, Sendable {
  public var seq: Int
  public var cameraID: String
  /// ISO 8601 UTC, to the second: `2026-11-22T08:15:00Z`.
  public var at: String
  public var by: String
  /// `add`, `import`, `update` or `retire`.
  public var action: String
  public var field: String?
  public var old: String?
  public var new: String?
  /// Where an import took the record from (`cameras.csv line 12`), or the `--note` given.
  public var note: String?

  static let insertSQL =
    "INSERT INTO history (camera_id, at, \"by\", action, field, old, new, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"

  init(row: Row) {
    seq = row["seq"]
    cameraID = row["camera_id"]
    at = row["at"]
    by = row["by"]
    action = row["action"]
    field = row["field"]
    old = row["old"]
    new = row["new"]
    note = row["note"]
  }
}

enum Clock {
  /// Now, as ISO 8601 UTC to the second.
  static func utcTimestamp() -> String {
    var t = time(nil)
    var parts = tm()
    gmtime_r(&t, &parts)
    return String(
      format: "%04d-%02d-%02dT%02d:%02d:%02dZ", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1,
      Int(parts.tm_mday),
      Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec))
  }

  /// Today's calendar date where the planner is (local time zone), the default day of a
  /// retirement.
  static func localToday() -> String {
    var t = time(nil)
    var parts = tm()
    localtime_r(&t, &parts)
    return String(
      format: "%04d-%02d-%02d", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1, Int(parts.tm_mday))
  }
}

/// Registry CSVs are written as every camgap CSV is: RFC 4180, formulas defused.
enum CSVText {
  static func row(_ cells: [String]) -> String { CSVWriter.row(cells) }
}
