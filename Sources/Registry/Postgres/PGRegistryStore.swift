import Cameras
import Foundation
import Support

/// The camera registry in PostgreSQL with PostGIS, for a bureau whose planners edit one
/// registry together. It keeps the SQLite registry's contract (SPEC §6): records are checked
/// by the same readers and validator before anything is written, every write and its history
/// rows are one transaction, and failures are the same `RegistryError`s and `InputError`s.
///
/// Concurrency is the server's: an edit locks its camera's row (`SELECT … FOR UPDATE`) so two
/// planners changing one camera queue and each history entry's old value is the value the
/// one before it wrote; an import locks the camera table against other writers (`SHARE ROW
/// EXCLUSIVE`, which readers pass) so two imports land one after the other, as they do on the
/// SQLite file. A killed process's transaction is rolled back by the server when its
/// connection drops.
public final class PGRegistryStore: CameraRegistry {
  public let target: String
  let db: PGConnection
  /// True when this opening gave an empty database the registry's schema.
  public let created: Bool

  /// Connects to `conninfo` (a libpq URI or conninfo string). With `create`, a database
  /// without the registry gets its schema; without it that is `RegistryError.noRegistry`. A
  /// registry of an older camgap is migrated either way, as the SQLite file is.
  public init(_ conninfo: String, create: Bool) throws {
    let db = try Self.pg { try PGConnection(conninfo) }
    let applied = try Self.pg { try PGSchema.check(db) }
    if applied.isEmpty && !create { throw RegistryError.noRegistry(path: db.target) }
    if applied.count < PGSchema.migrations.count { try Self.pg { try PGSchema.migrate(db) } }
    // Floats as their shortest exact text, whatever a server or PGOPTIONS sets, so a camera
    // reads back with the very coordinates it was written with.
    try Self.pg { try db.executeScript("SET extra_float_digits = 1") }
    self.db = db
    self.target = db.target
    self.created = applied.isEmpty
  }

  /// Whether the database at `conninfo` holds a camgap registry.
  public static func hasRegistry(_ conninfo: String) throws -> Bool {
    try pg { try !PGSchema.check(PGConnection(conninfo)).isEmpty }
  }

  /// The server's failures as the registry's: exit 1, the server's message, no password.
  static func pg<T>(_ body: () throws -> T) throws -> T {
    do {
      return try body()
    } catch let e as PGError {
      throw e.registryError
    }
  }

  func pg<T>(_ body: () throws -> T) throws -> T { try Self.pg(body) }

  public func appliedMigrations() throws -> [String] { try pg { try PGSchema.check(db) } }

  /// PostgreSQL's server and PostGIS versions, for `init`.
  public func versions() throws -> (server: String, postgis: String) {
    try pg {
      let r = try db.execute(
        "SELECT current_setting('server_version'), (SELECT extversion FROM pg_extension WHERE extname = 'postgis')"
      )
      return (r.string(0, 0) ?? "?", r.string(0, 1) ?? "?")
    }
  }

  // MARK: reading

  /// The camera columns in `CameraRecord`'s order, which `CameraRecord(columns:)` reads by
  /// position.
  static let columnList = CameraRecord.columnList
  /// Byte order of the UTF-8 ids, as SQLite's BINARY sorts them, whatever the database's
  /// collation.
  static let byID = " ORDER BY id COLLATE \"C\""

  public func records(_ filter: CameraFilter) throws -> [CameraRecord] {
    let (whereSQL, parameters) = filter.postgreSQL
    return try pg {
      let r = try db.execute("SELECT \(Self.columnList) FROM camera" + whereSQL + Self.byID, parameters)
      return (0..<r.rowCount).map { CameraRecord(columns: PGResultColumns(result: r, row: $0)) }
    }
  }

  /// Every camera in one `COPY … TO STDOUT`: a single statement streams the 150,000 rows of a
  /// city, where a query per camera would be a round trip each.
  public func cameras() throws -> [Camera] {
    var out: [Camera] = []
    try pg {
      _ = try db.copyOutRows("COPY (SELECT \(Self.columnList) FROM camera\(Self.byID)) TO STDOUT") { fields in
        out.append(CameraRecord(columns: PGTextColumns(fields: fields)).camera)
      }
    }
    return out
  }

  /// Every stored record by id, in one COPY, for an import to compare its records with.
  func storedRecords() throws -> [String: CameraRecord] {
    var out: [String: CameraRecord] = [:]
    try db.copyOutRows("COPY (SELECT \(Self.columnList) FROM camera) TO STDOUT") { fields in
      let rec = CameraRecord(columns: PGTextColumns(fields: fields))
      out[rec.id] = rec
    }
    return out
  }

  public func record(id: String) throws -> CameraRecord {
    let id = CameraText.normalizedID(id)
    let r = try pg { try db.execute("SELECT \(Self.columnList) FROM camera WHERE id = $1", [id]) }
    guard r.rowCount == 1 else { throw RegistryError.unknownCamera(id: id, path: target) }
    return CameraRecord(columns: PGResultColumns(result: r, row: 0))
  }

  public func version(of id: String) throws -> Int {
    let id = CameraText.normalizedID(id)
    let r = try pg { try db.execute("SELECT version FROM camera WHERE id = $1", [id]) }
    guard r.rowCount == 1, let v = r.int(0, 0) else {
      throw RegistryError.unknownCamera(id: id, path: target)
    }
    return v
  }

  public func count() throws -> Int {
    try pg { try db.execute("SELECT count(*) FROM camera").int(0, 0) ?? 0 }
  }

  public func history(id: String) throws -> [HistoryEntry] {
    let id = CameraText.normalizedID(id)
    let r = try pg {
      try db.execute(
        "SELECT seq, camera_id, \"at\", \"by\", action, field, old, new, note FROM history WHERE camera_id = $1 ORDER BY seq",
        [id])
    }
    let entries = (0..<r.rowCount).map { i in
      HistoryEntry(
        seq: r.int(i, 0) ?? 0, cameraID: r.string(i, 1) ?? "", at: r.string(i, 2) ?? "",
        by: r.string(i, 3) ?? "", action: r.string(i, 4) ?? "", field: r.string(i, 5), old: r.string(i, 6),
        new: r.string(i, 7), note: r.string(i, 8))
    }
    if entries.isEmpty { _ = try record(id: id) }
    return entries
  }

  public func historyCount() throws -> Int {
    try pg { try db.execute("SELECT count(*) FROM history").int(0, 0) ?? 0 }
  }
}

extension HistoryEntry {
  init(
    seq: Int, cameraID: String, at: String, by: String, action: String, field: String?, old: String?,
    new: String?, note: String?
  ) {
    self.seq = seq
    self.cameraID = cameraID
    self.at = at
    self.by = by
    self.action = action
    self.field = field
    self.old = old
    self.new = new
    self.note = note
  }
}

extension CameraRecord {
  /// The record's column values as PostgreSQL text, in `columnList` order (nil is NULL):
  /// numbers in shortest round-trip form, which the server parses back to the same doubles.
  var postgreSQLValues: [String?] { CameraField.allCases.map { self[$0] } + [district] }
}

/// A row of a text-format COPY, column by position.
struct PGTextColumns: CameraColumns {
  let fields: [String?]
  func text(_ i: Int32) -> String? { Int(i) < fields.count ? fields[Int(i)] : nil }
  func number(_ i: Int32) -> Double? { text(i).flatMap { Double($0) } }
  func integer(_ i: Int32) -> Int? { text(i).flatMap { Int($0) } }
}

/// A row of a text-format result, column by position.
struct PGResultColumns: CameraColumns {
  let result: PGResult
  let row: Int
  func text(_ i: Int32) -> String? { result.string(row, Int(i)) }
  func number(_ i: Int32) -> Double? { result.double(row, Int(i)) }
  func integer(_ i: Int32) -> Int? { result.int(row, Int(i)) }
}

extension CameraFilter {
  /// The filter as a PostgreSQL WHERE clause with `$n` parameters (empty for no filter).
  var postgreSQL: (String, [String?]) {
    var clauses: [String] = []
    var parameters: [String?] = []
    func next(_ value: String) -> String {
      parameters.append(value)
      return "$\(parameters.count)"
    }
    if let p = districtPrefix, !p.isEmpty {
      let n = next(p)
      clauses.append("substr(district, 1, length(\(n)::text)) = \(n)::text")
    }
    func inList(_ column: String, _ values: [String]) {
      guard !values.isEmpty else { return }
      clauses.append("\(column) IN (\(values.map(next).joined(separator: ", ")))")
    }
    inList("kind", kinds.map(\.rawValue))
    inList("\"class\"", classes.map { String($0) })
    inList("status", statuses.map(\.rawValue))
    return (clauses.isEmpty ? "" : " WHERE " + clauses.joined(separator: " AND "), parameters)
  }
}
