import Cameras
import Foundation
import GRDB
import GRDBSQLite
import Geometry
import Support

/// A camera as the registry stores it, one typed property per column of the `camera` table
/// (numbers as REAL, the class as INTEGER, names, views and dates as TEXT), plus the derived
/// district code. Two records are the same camera exactly when their properties are equal:
/// the heading is kept in one canonical text (`CanonicalHeading`), so equal views are equal
/// text. The optics and class are the camera's own `CameraSpecs`, read and written as the
/// record's fields (`record.fov`).
@dynamicMemberLookup
public struct CameraRecord: Equatable, Sendable, FetchableRecord, PersistableRecord {
  public var id: String
  public var name: String
  /// WGS84 degrees.
  public var lon: Double
  public var lat: Double
  public var kind: CameraKind
  /// The views as text: `"90"`, `"305;175;240"`, `"243.7-288.1"`; nil when unknown.
  public var heading: String?
  public var specs: CameraSpecs
  public var status: CameraStatus
  /// ISO dates, `YYYY-MM-DD`.
  public var installed: String?
  public var removed: String?
  public var district: String?

  public static let databaseTableName = "camera"

  /// The table's columns, named by the field table.
  public enum Columns {
    public static let all: [Column] = CameraField.allCases.map { Column($0.spec.column) } + [district]
    public static let id = column(.id)
    public static let kind = column(.kind)
    public static let cameraClass = column(.cameraClass)
    public static let status = column(.status)
    public static let district = Column("district")

    public static func column(_ f: CameraField) -> Column { Column(f.spec.column) }
  }

  /// Every column in field order, then the district: rows are read by position.
  public static var databaseSelection: [any SQLSelectable] { Columns.all }

  public init(_ c: Camera, district: String?) {
    id = c.id
    name = c.name
    lon = c.lon
    lat = c.lat
    kind = c.kind
    heading = CanonicalHeading.text(c.views)
    specs = c.specs
    status = c.status
    installed = c.installed?.description
    removed = c.removed?.description
    self.district = district
  }

  public init(row: Row) {
    self.init(columns: RowColumns(row: row))
  }

  /// The current row of a stepped `selectSQL` statement, read with SQLite's column
  /// functions: what `init(row:)` gives, without decoding each column of 150,000 cameras
  /// through GRDB's generic conversions.
  init(statement s: SQLiteStatement) {
    self.init(columns: StatementColumns(statement: s))
  }

  /// One reading of a `selectSQL` row for both sources, so that the fast path and GRDB's
  /// fetches cannot disagree on a column's position or default.
  init<C: CameraColumns>(columns c: C) {
    id = c.text(0) ?? ""
    name = c.text(1) ?? ""
    lon = c.number(2) ?? 0
    lat = c.number(3) ?? 0
    kind = c.text(4).flatMap(CameraKind.init(rawValue:)) ?? .fixed
    heading = c.text(5)
    specs = CameraSpecs()
    specs.fov = c.number(6)
    specs.range = c.number(7)
    specs.resolution = c.number(8)
    specs.minRange = c.number(9)
    specs.height = c.number(10)
    specs.tilt = c.number(11)
    specs.cameraClass = c.integer(12)
    status = c.text(13).flatMap(CameraStatus.init(rawValue:)) ?? .active
    installed = c.text(14)
    removed = c.text(15)
    district = c.text(16)
  }

  public subscript<T>(dynamicMember field: WritableKeyPath<CameraSpecs, T>) -> T {
    get { specs[keyPath: field] }
    set { specs[keyPath: field] = newValue }
  }

  /// Each column's value, typed, in `Columns.all` order.
  var databaseValues: [DatabaseValue] {
    [
      id.databaseValue, name.databaseValue, lon.databaseValue, lat.databaseValue, kind.rawValue.databaseValue,
      heading.databaseValue, specs.fov.databaseValue, specs.range.databaseValue,
      specs.resolution.databaseValue, specs.minRange.databaseValue, specs.height.databaseValue,
      specs.tilt.databaseValue, specs.cameraClass.databaseValue,
      status.rawValue.databaseValue, installed.databaseValue, removed.databaseValue, district.databaseValue,
    ]
  }

  public func encode(to container: inout PersistenceContainer) {
    for (column, value) in zip(Columns.all, databaseValues) { container[column] = value }
  }

  /// A field as it is written to files and to the history: numbers in shortest round-trip
  /// form, the heading as stored, nil when absent.
  public subscript(field: CameraField) -> String? {
    func n(_ d: Double?) -> String? { d.map(JSONWriter.number) }
    switch field {
    case .id: return id
    case .name: return name
    case .lon: return JSONWriter.number(lon)
    case .lat: return JSONWriter.number(lat)
    case .kind: return kind.rawValue
    case .heading: return heading
    case .fov: return n(specs.fov)
    case .range: return n(specs.range)
    case .resolution: return n(specs.resolution)
    case .minRange: return n(specs.minRange)
    case .height: return n(specs.height)
    case .tilt: return n(specs.tilt)
    case .cameraClass: return specs.cameraClass.map(String.init)
    case .status: return status.rawValue
    case .installed: return installed
    case .removed: return removed
    }
  }

  /// The `Camera` the audit uses. The views are parsed back from the stored heading text,
  /// exactly as a reader parses the exported file, so an audit from the registry and one
  /// from its export see the same cameras.
  public var camera: Camera {
    var c = Camera(id: id, lon: lon, lat: lat)
    c.name = name
    c.kind = kind
    if let h = heading {
      // One plain bearing, as most are stored, needs no direction parser (it reads the
      // same number).
      if h.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2E }), let d = Double(h),
        CameraField.heading.spec.allows(d)
      {
        c.views = [.plain(d)]
      } else {
        c.views = (try? OSMDirection.parse(h)) ?? []
      }
    }
    c.specs = specs
    c.status = status
    c.installed = installed.flatMap(ISODate.init)
    c.removed = removed.flatMap(ISODate.init)
    return c
  }

  /// The same camera data, whatever the district.
  func sameCamera(as other: CameraRecord) -> Bool {
    var a = self
    a.district = other.district
    return a == other
  }

  /// Fields whose values differ, in field order, as (field, old, new).
  public func changes(to other: CameraRecord) -> [(field: String, old: String?, new: String?)] {
    var out: [(String, String?, String?)] = []
    for f in CameraField.allCases where self[f] != other[f] {
      out.append((f.rawValue, self[f], other[f]))
    }
    if district != other.district { out.append(("district", district, other.district)) }
    return out
  }

  /// The record as one compact JSON object of its present fields, for the history entry that
  /// creates a camera (its "new" value).
  var compactJSON: String {
    var out = "{"
    out.reserveCapacity(256)
    for f in CameraField.allCases {
      guard let v = self[f] else { continue }
      if f == .name && v.isEmpty { continue }
      if out.utf8.count > 1 { out += "," }
      out += Self.keyPrefix[f.index]
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

  static let quotedColumns = Columns.all.map(\.quotedName)
  static let columnList = quotedColumns.joined(separator: ", ")
  static let insertSQL =
    "INSERT INTO camera (\(columnList)) VALUES (\(Array(repeating: "?", count: quotedColumns.count).joined(separator: ", ")))"
  static let selectSQL = "SELECT \(columnList) FROM camera"

  /// Arguments of `insertSQL`, built as `DatabaseValue`s directly: boxing 17 optionals per
  /// row into existentials cost more than SQLite's own insert of 150,000 cameras.
  var insertArguments: StatementArguments { StatementArguments(databaseValues) }
}

/// A row of `CameraRecord.selectSQL`, column by position; NULL reads as nil.
protocol CameraColumns {
  func text(_ i: Int32) -> String?
  func number(_ i: Int32) -> Double?
  func integer(_ i: Int32) -> Int?
}

/// A row GRDB fetched.
struct RowColumns: CameraColumns {
  let row: Row
  func text(_ i: Int32) -> String? { row[Int(i)] }
  func number(_ i: Int32) -> Double? { row[Int(i)] }
  func integer(_ i: Int32) -> Int? { row[Int(i)] }
}

/// The current row of a stepped statement, read with SQLite's own column functions.
struct StatementColumns: CameraColumns {
  let statement: SQLiteStatement
  func isNull(_ i: Int32) -> Bool { sqlite3_column_type(statement, i) == SQLITE_NULL }
  func text(_ i: Int32) -> String? { isNull(i) ? nil : String(cString: sqlite3_column_text(statement, i)) }
  func number(_ i: Int32) -> Double? { isNull(i) ? nil : sqlite3_column_double(statement, i) }
  func integer(_ i: Int32) -> Int? { isNull(i) ? nil : Int(sqlite3_column_int64(statement, i)) }
}

extension Column {
  /// The name quoted, because `range` and `class` are SQL words.
  var quotedName: String { "\"\(name)\"" }
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
