import Cameras
import Foundation

/// The camera registry as the command line uses it, whichever database holds it: the
/// embedded SQLite file (`RegistryStore`) for one planner or one machine, or PostgreSQL
/// (`PGRegistryStore`) for a bureau whose planners edit one registry together. Both backends
/// check records with the same readers and validator before writing, write the same history
/// in the same transaction as the change, and report with the same `RegistryError`s and
/// `InputError`s, so a command behaves and words its messages alike on either.
public protocol CameraRegistry: AnyObject {
  /// Where the registry is, as messages name it: the file path, or the connection string with
  /// its password hidden.
  var target: String { get }

  /// Imports a camera file in one transaction, all or nothing (see `ImportOptions`).
  func importFile(_ path: String, options: ImportOptions) throws -> ImportReport

  /// Adds one camera; an id already in the registry is an error.
  @discardableResult
  func add(_ values: [CameraField: String], district: DistrictChoice, options: EditOptions) throws
    -> CameraRecord

  /// Changes one camera in one transaction: refuses it when `options.ifVersion` is not the
  /// stored version, writes what `change` makes of the stored record, and one history entry
  /// per changed field under `action`. Returns the changes; none when the values were
  /// already so. `update` and `retire` are this with the record worked out by `EditPlan`, so
  /// both backends edit alike.
  func edit(
    id: String, action: String, options: EditOptions, _ change: (CameraRecord) throws -> CameraRecord
  ) throws -> [(field: String, old: String?, new: String?)]

  /// How many times the camera has been written (`--if-version` compares with it).
  func version(of id: String) throws -> Int

  /// Cameras matching the filter, sorted by the bytes of their ids.
  func records(_ filter: CameraFilter) throws -> [CameraRecord]

  /// Every camera, retired ones too, for `audit --db` and `coverage --db`.
  func cameras() throws -> [Camera]

  func record(id: String) throws -> CameraRecord

  /// A camera's trail, oldest first.
  func history(id: String) throws -> [HistoryEntry]

  func count() throws -> Int

  /// The ids of the schema migrations the registry has, for `init`.
  func appliedMigrations() throws -> [String]
}

extension CameraRegistry {
  /// Sets and clears fields of one camera, validating the result as a whole (so a new
  /// `removed` before the stored `installed` is refused). Returns the changes made, one
  /// history entry each; none when the values were already so.
  @discardableResult
  public func update(
    id: String, set: [CameraField: String], unset: [CameraField] = [], district: DistrictChoice = .keep,
    options: EditOptions
  ) throws -> [(field: String, old: String?, new: String?)] {
    try edit(id: id, action: "update", options: options) { old in
      try EditPlan.updated(old, id: id, set: set, unset: unset, district: district, options: options)
    }
  }

  /// Marks a camera retired and sets its `removed` date (default: the stored one, else
  /// today), so `audit --on` before that day still counts it. The record stays: a registry
  /// never forgets a camera.
  @discardableResult
  public func retire(id: String, date: String? = nil, options: EditOptions) throws -> [(
    field: String, old: String?, new: String?
  )] {
    try edit(id: id, action: "retire", options: options) { old in
      try EditPlan.retired(old, id: id, date: date)
    }
  }
}

/// Which backend a `--db` value names. A libpq URI (`postgresql://`, `postgres://`) or a
/// conninfo string (`host=… dbname=…`) is PostgreSQL; anything else is a file path, so a
/// registry file named like a keyword still opens as a file when given with a directory
/// (`./dbname=x`).
public enum RegistryTarget {
  static let conninfoKeys = ["host", "hostaddr", "dbname", "user", "port", "service"]

  public static func isPostgreSQL(_ target: String) -> Bool {
    if target.hasPrefix("postgresql://") || target.hasPrefix("postgres://") { return true }
    guard let eq = target.firstIndex(of: "=") else { return false }
    let key = target[..<eq].trimmingCharacters(in: .whitespaces)
    return conninfoKeys.contains(key)
  }

  /// Opens the registry `target` names. With `create`, a missing file is created (mode 0600)
  /// and an empty PostgreSQL database gets the registry's schema; without it either is
  /// `RegistryError.noRegistry`.
  /// `readOnly` opens a registry file read-only (a command that only reads must work on a
  /// file it may not write); a PostgreSQL registry's permissions are the server's.
  public static func open(_ target: String, create: Bool, readOnly: Bool = false) throws -> any CameraRegistry
  {
    if isPostgreSQL(target) { return try PGRegistryStore(target, create: create) }
    return try RegistryStore(path: target, create: create, readOnly: readOnly)
  }

  /// Whether a registry is there already (a dry run against none checks against an empty one
  /// instead of creating it).
  public static func exists(_ target: String) throws -> Bool {
    if isPostgreSQL(target) { return try PGRegistryStore.hasRegistry(target) }
    return FileManager.default.fileExists(atPath: target)
  }
}
