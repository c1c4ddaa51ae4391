import Cameras
import Foundation
import GRDB
import GRDBSQLite

/// Which cameras `list` and `export` take. Empty lists mean "any".
public struct CameraFilter: Sendable {
  /// Cameras whose district code starts with this (see `DistrictIndex`).
  public var districtPrefix: String?
  public var kinds: [CameraKind] = []
  public var classes: [Int] = []
  public var statuses: [CameraStatus] = []

  public init(
    districtPrefix: String? = nil, kinds: [CameraKind] = [], classes: [Int] = [],
    statuses: [CameraStatus] = []
  ) {
    self.districtPrefix = districtPrefix
    self.kinds = kinds
    self.classes = classes
    self.statuses = statuses
  }

  var sql: (String, StatementArguments) {
    var clauses: [String] = []
    var args: [(any DatabaseValueConvertible)?] = []
    if let p = districtPrefix, !p.isEmpty {
      clauses.append("substr(district, 1, length(?)) = ?")
      args += [p, p]
    }
    func inList(_ column: String, _ values: [any DatabaseValueConvertible]) {
      guard !values.isEmpty else { return }
      clauses.append("\(column) IN (\(Array(repeating: "?", count: values.count).joined(separator: ", ")))")
      args += values.map { $0 }
    }
    typealias Columns = CameraRecord.Columns
    inList(Columns.kind.quotedName, kinds.map(\.rawValue))
    inList(Columns.cameraClass.quotedName, classes)
    inList(Columns.status.quotedName, statuses.map(\.rawValue))
    return (clauses.isEmpty ? "" : " WHERE " + clauses.joined(separator: " AND "), StatementArguments(args))
  }
}

extension RegistryStore {
  /// Cameras matching the filter, sorted by id (byte order of UTF-8, SQLite's BINARY), the
  /// one order every listing and export uses.
  public func records(_ filter: CameraFilter = CameraFilter()) throws -> [CameraRecord] {
    let (whereSQL, args) = filter.sql
    return try read { db in
      try CameraRecord.fetchAll(db, sql: CameraRecord.selectSQL + whereSQL + " ORDER BY id", arguments: args)
    }
  }

  /// Every camera, for `audit --db`: retired ones too, so counts and `--on` agree with an
  /// audit of the exported file.
  public func cameras() throws -> [Camera] {
    try read { db in
      var out: [Camera] = []
      let statement = try db.makeStatement(sql: CameraRecord.selectSQL + " ORDER BY id")
      let s = statement.sqliteStatement
      defer { sqlite3_reset(s) }
      while true {
        let code = sqlite3_step(s)
        if code == SQLITE_DONE { break }
        guard code == SQLITE_ROW else {
          throw DatabaseError(
            resultCode: ResultCode(rawValue: code),
            message: String(cString: sqlite3_errmsg(db.sqliteConnection)),
            sql: statement.sql)
        }
        out.append(CameraRecord(statement: s).camera)
      }
      return out
    }
  }

  /// The camera of `id` as SPEC §1 compares ids (NFC, trimmed), as the registry stores them.
  public func record(id: String) throws -> CameraRecord {
    let id = CameraText.normalizedID(id)
    let record = try read { db in try CameraRecord.fetchOne(db, key: id) }
    guard let record else { throw RegistryError.unknownCamera(id: id, path: path) }
    return record
  }

  public func count() throws -> Int {
    try read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM camera") ?? 0 }
  }

  /// A camera's trail, oldest first. Unknown ids with no trail are an error; a trail is
  /// kept even if the camera row were ever gone.
  public func history(id: String) throws -> [HistoryEntry] {
    let id = CameraText.normalizedID(id)
    let entries = try read { db in
      try Row.fetchAll(db, sql: "SELECT * FROM history WHERE camera_id = ? ORDER BY seq", arguments: [id])
        .map(HistoryEntry.init(row:))
    }
    if entries.isEmpty { _ = try record(id: id) }
    return entries
  }

  public func historyCount() throws -> Int {
    try read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM history") ?? 0 }
  }
}
