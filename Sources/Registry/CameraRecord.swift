import Cameras
import Foundation
import GRDB
import GRDBSQLite
import Geometry
import Support

/// The camera fields of SPEC §1, in the order every export, listing and history entry uses.
/// The raw value is the property / CSV column name.
public enum CameraField: String, CaseIterable, Sendable {
  case id, name, lon, lat, kind, heading, fov, range, resolution
  case minRange = "min_range"
  case height, tilt
  case cameraClass = "class"
  case status, installed, removed

  /// Fields an `update` may change; the id is the record's identity.
  public static let editable: [CameraField] = allCases.filter { $0 != .id }

  /// The column in the `camera` table, quoted because `range` and `class` are SQL words.
  var column: String { "\"\(rawValue)\"" }

  /// Position in `allCases`, without a search: `CameraRecord` is indexed by it for every
  /// field of every one of 150,000 records.
  var index: Int {
    switch self {
    case .id: return 0
    case .name: return 1
    case .lon: return 2
    case .lat: return 3
    case .kind: return 4
    case .heading: return 5
    case .fov: return 6
    case .range: return 7
    case .resolution: return 8
    case .minRange: return 9
    case .height: return 10
    case .tilt: return 11
    case .cameraClass: return 12
    case .status: return 13
    case .installed: return 14
    case .removed: return 15
    }
  }

  var isNumber: Bool {
    switch self {
    case .lon, .lat, .fov, .range, .resolution, .minRange, .height, .tilt, .cameraClass: return true
    default: return false
    }
  }
}

/// A camera as the registry stores it: the `Camera` fields in their written form plus the
/// derived district code. Two records are the same camera data exactly when their `values`
/// are equal, because every number is written in shortest round-trip form and the heading in
/// one canonical form.
public struct CameraRecord: Equatable, Sendable {
  /// One entry per `CameraField.allCases`; nil when the field is absent.
  public var values: [String?]
  public var district: String?

  public init(values: [String?], district: String?) {
    self.values = values
    self.district = district
  }

  public init(_ c: Camera, district: String?) {
    func n(_ d: Double?) -> String? { d.map(JSONWriter.number) }
    values = [
      c.id, c.name, JSONWriter.number(c.lon), JSONWriter.number(c.lat), c.kind.rawValue,
      CanonicalHeading.text(c.views), n(c.fov), n(c.range), n(c.resolution), n(c.minRange), n(c.height),
      n(c.tilt),
      c.cameraClass.map(String.init), c.status.rawValue, c.installed?.description, c.removed?.description,
    ]
    self.district = district
  }

  public subscript(field: CameraField) -> String? {
    get { values[field.index] }
    set { values[field.index] = newValue }
  }

  public var id: String { self[.id]! }

  /// The `Camera` the audit uses. The views are parsed back from the stored heading text,
  /// exactly as a reader parses the exported file, so an audit from the registry and one
  /// from its export see the same cameras.
  public var camera: Camera {
    CameraRecord.camera(text: { self[$0] }, number: { self[$0].flatMap(Double.init) })
  }

  /// The `Camera` of the current row of a stepped `selectSQL` statement, read with
  /// SQLite's column functions: what `CameraRecord(row:).camera` gives (shortest round-trip
  /// text parses back to the same double; text is read as GRDB reads it), without writing
  /// and parsing every number of 150,000 cameras as text or decoding each column through
  /// generic conversions.
  static func camera(statement s: SQLiteStatement) -> Camera {
    camera(
      text: { f in
        let i = Int32(f.index)
        switch sqlite3_column_type(s, i) {
        case SQLITE_FLOAT: return JSONWriter.number(sqlite3_column_double(s, i))
        case SQLITE_INTEGER:
          let n = sqlite3_column_int64(s, i)
          return f.isNumber && f != .cameraClass ? JSONWriter.number(Double(n)) : String(n)
        case SQLITE_TEXT: return String(cString: sqlite3_column_text(s, i))
        default: return nil
        }
      },
      number: { f in
        let i = Int32(f.index)
        switch sqlite3_column_type(s, i) {
        case SQLITE_FLOAT:
          let d = sqlite3_column_double(s, i)
          return d.isFinite ? d : nil
        case SQLITE_INTEGER: return Double(sqlite3_column_int64(s, i))
        case SQLITE_TEXT: return Double(String(cString: sqlite3_column_text(s, i)))
        default: return nil
        }
      })
  }

  /// A camera from its fields as stored text (`text`) and as numbers (`number`), the one
  /// place the registry's columns become a `Camera`.
  static func camera(text: (CameraField) -> String?, number: (CameraField) -> Double?) -> Camera {
    var c = Camera(id: text(.id) ?? "", lon: number(.lon) ?? 0, lat: number(.lat) ?? 0)
    c.name = text(.name) ?? ""
    c.kind = text(.kind).flatMap(CameraKind.init(rawValue:)) ?? .fixed
    if let h = text(.heading) {
      // One plain bearing, as most are stored, needs no direction parser (it reads the
      // same number).
      if h.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2E }), let d = Double(h), d >= 0, d < 360 {
        c.views = [ViewDirection(heading: d, extraSweep: 0)]
      } else {
        c.views = (try? OSMDirection.parse(h)) ?? []
      }
    }
    c.fov = number(.fov)
    c.range = number(.range)
    c.resolution = number(.resolution)
    c.minRange = number(.minRange)
    c.height = number(.height)
    c.tilt = number(.tilt)
    c.cameraClass = text(.cameraClass).flatMap { Int($0) }
    c.status = text(.status).flatMap(CameraStatus.init(rawValue:)) ?? .active
    c.installed = text(.installed).flatMap(ISODate.init)
    c.removed = text(.removed).flatMap(ISODate.init)
    return c
  }

  /// Fields whose values differ, in field order, as (field, old, new).
  public func changes(to other: CameraRecord) -> [(field: String, old: String?, new: String?)] {
    var out: [(String, String?, String?)] = []
    for (i, f) in CameraField.allCases.enumerated() where values[i] != other.values[i] {
      out.append((f.rawValue, values[i], other.values[i]))
    }
    if district != other.district { out.append(("district", district, other.district)) }
    return out
  }

  /// The record as one compact JSON object of its present fields, for the history entry that
  /// creates a camera (its "new" value).
  var compactJSON: String {
    var out = "{"
    out.reserveCapacity(256)
    for (i, f) in CameraField.allCases.enumerated() {
      guard let v = values[i] else { continue }
      if f == .name && v.isEmpty { continue }
      if out.utf8.count > 1 { out += "," }
      out += Self.keyPrefix[i]
      out += Self.jsonValue(f, v)
    }
    if let district { out += ",\"district\":" + JSONWriter.quote(district) }
    return out + "}"
  }

  static let keyPrefix = CameraField.allCases.map { "\"\($0.rawValue)\":" }

  /// A field value as JSON: numbers bare, a heading bare when it is one plain bearing (as
  /// SPEC §1 writes it) and a string otherwise.
  static func jsonValue(_ f: CameraField, _ v: String) -> String {
    if f.isNumber { return v }
    if f == .heading, CanonicalHeading.isPlainNumber(v) { return v }
    // Most values (ids, kinds, statuses, dates) need no escaping; skip the scalar-by-scalar
    // copy for them.
    if !v.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 == 0xE2 }) {
      return "\"" + v + "\""
    }
    return JSONWriter.quote(v)
  }

  // MARK: SQL

  static let columnList = (CameraField.allCases.map(\.column) + ["district"]).joined(separator: ", ")
  static let insertSQL =
    "INSERT INTO camera (\(columnList)) VALUES (\(Array(repeating: "?", count: CameraField.allCases.count + 1).joined(separator: ", ")))"
  static let updateSQL =
    "UPDATE camera SET \((CameraField.editable.map(\.column) + ["district"]).map { "\($0) = ?" }.joined(separator: ", ")) WHERE id = ?"
  static let selectSQL = "SELECT \(columnList) FROM camera"

  /// Typed SQL values: REAL for numbers, INTEGER for the class, TEXT otherwise. Built as
  /// `DatabaseValue`s directly: boxing 17 optionals per row into existentials cost more than
  /// SQLite's own insert.
  func sqlValue(_ i: Int) -> DatabaseValue {
    guard let v = values[i] else { return .null }
    switch CameraField.allCases[i] {
    case .cameraClass: return Int(v)?.databaseValue ?? .null
    case .lon, .lat, .fov, .range, .resolution, .minRange, .height, .tilt:
      return Double(v)?.databaseValue ?? .null
    default: return v.databaseValue
    }
  }

  var insertArguments: StatementArguments {
    var out: [DatabaseValue] = []
    out.reserveCapacity(values.count + 1)
    for i in 0..<values.count { out.append(sqlValue(i)) }
    out.append(district?.databaseValue ?? .null)
    return StatementArguments(out)
  }

  var updateArguments: StatementArguments {
    var out: [DatabaseValue] = []
    out.reserveCapacity(values.count + 1)
    for i in 1..<values.count { out.append(sqlValue(i)) }
    out.append(district?.databaseValue ?? .null)
    out.append(id.databaseValue)
    return StatementArguments(out)
  }

  init(row: Row) {
    var vals: [String?] = []
    vals.reserveCapacity(CameraField.allCases.count)
    for (i, f) in CameraField.allCases.enumerated() {
      let dbv: DatabaseValue = row[i]
      switch dbv.storage {
      case .null: vals.append(nil)
      case .double(let d): vals.append(JSONWriter.number(d))
      case .int64(let n):
        vals.append(f.isNumber && f != .cameraClass ? JSONWriter.number(Double(n)) : String(n))
      case .string(let s): vals.append(s)
      case .blob: vals.append(nil)
      }
    }
    values = vals
    district = row[CameraField.allCases.count]
  }
}

/// The registry's one written form of a camera's views. `Camera.headingText` prints a
/// panning range's ends in shortest form, and the ends of "243.7-288.1" come back from
/// (centre ± half-sweep) with floating-point noise, so text → views → text is not a fixed
/// point and an export → import → export would drift. Rounding the ends to 6 decimals
/// (0.000001°, far below any camera's pointing accuracy) makes it one.
public enum CanonicalHeading {
  public static func text(_ views: [ViewDirection]) -> String? {
    if views.isEmpty { return nil }
    return views.map { v in
      if v.extraSweep == 0 { return JSONWriter.number(v.heading) }
      if v.extraSweep >= 360 { return "0-360" }
      return "\(end(v.heading - v.extraSweep / 2))-\(end(v.heading + v.extraSweep / 2))"
    }.joined(separator: ";")
  }

  static func end(_ d: Double) -> String {
    var s = JSONWriter.fixed(normalizeDegrees(d), decimals: 6)
    if s == "360" { s = "0" }
    return s
  }

  static func isPlainNumber(_ s: String) -> Bool {
    !s.contains(";") && !s.dropFirst().contains("-") && Double(s) != nil
  }
}
