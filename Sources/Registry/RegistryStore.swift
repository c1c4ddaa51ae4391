import Cameras
import Foundation
import GRDB
import Geometry
import Support

/// Failures of the registry itself, as opposed to bad camera records (which are
/// `InputError`s naming the file, feature or line and field).
public enum RegistryError: Error, Equatable, CustomStringConvertible, Sendable {
  /// No registry at the path, for commands that only read or edit one.
  case noRegistry(path: String)
  /// The path could not be created (missing directory, permissions).
  case cannotCreate(path: String, reason: String)
  /// The file exists but is not a camgap registry (another SQLite database, or not SQLite).
  case notARegistry(path: String, reason: String)
  /// No camera with this id.
  case unknownCamera(id: String, path: String)
  /// SQLite refused (lock held past the busy timeout, disk full, read-only file).
  case database(path: String, message: String)
  /// `--if-version`: the camera was changed by someone else since it was read.
  case changed(id: String, expected: Int, actual: Int, path: String)
  /// The schema holds migrations this camgap does not know: reading or writing it as if it
  /// were current could drop what the newer version keeps.
  case newerSchema(path: String, detail: String)

  public var description: String {
    switch self {
    case .noRegistry(let path):
      return
        "\(path): no registry here; create one with `camgap registry init --db \(path)`"
    case .cannotCreate(let path, let reason): return "\(path): cannot create the registry: \(reason)"
    case .notARegistry(let path, let reason): return "\(path): not a camgap registry: \(reason)"
    case .unknownCamera(let id, let path): return "\(path): no camera \"\(id)\" in the registry"
    case .database(let path, let message): return "\(path): \(message)"
    case .changed(let id, let expected, let actual, let path):
      return
        "\(path): camera \"\(id)\" changed since you read it (version \(expected) then, \(actual) now); show it again and redo the change"
    case .newerSchema(let path, let detail):
      return "\(path): made by a newer camgap (\(detail)); use that version or a later one"
    }
  }
}

/// Where the registry lives: `--db PATH`, else `$CAMGAP_DB`, else `./camgap.gpkg` (a
/// GeoPackage wants that extension to open in GDAL without a warning), or `./camgap.sqlite`
/// where a registry of that older default name already exists and no `camgap.gpkg` does.
public enum RegistryLocation {
  public static let defaultPath = "camgap.gpkg"
  public static let olderDefaultPath = "camgap.sqlite"

  public static func resolve(
    flag: String?, environment: [String: String] = ProcessInfo.processInfo.environment
  )
    -> String
  {
    if let flag, !flag.isEmpty { return flag }
    if let env = environment["CAMGAP_DB"], !env.isEmpty { return env }
    let fm = FileManager.default
    if !fm.fileExists(atPath: defaultPath) && fm.fileExists(atPath: olderDefaultPath) {
      return olderDefaultPath
    }
    return defaultPath
  }
}

/// The camera registry: one SQLite file in WAL mode, so readers never block the writer and
/// two importing processes queue on the write lock instead of failing. Every write runs in
/// one `BEGIN IMMEDIATE` transaction: taking the write lock up front means a writer never has
/// to upgrade a read snapshot that another process has since made stale (which SQLite cannot
/// wait out), and a process killed half-way leaves only uncommitted WAL frames, which SQLite
/// discards on the next open.
public final class RegistryStore: Sendable {
  public let path: String
  let queue: DatabaseQueue

  /// How long a writer waits for another process's transaction before giving up. An import
  /// of 150,000 cameras holds the lock for a few seconds; a minute leaves ample margin.
  public static let busyTimeout: TimeInterval = 60

  /// Opens the registry at `path`. Only `create` (the `init` command) makes a file: a
  /// missing one is created with mode 0600 (camera positions are sensitive; SQLite gives the
  /// -wal and -shm files the same mode), through no symbolic link; without it a missing or
  /// empty file is `RegistryError.noRegistry` and is left as it is. `readOnly` opens the file
  /// for reading only, so that listing a registry needs no write access and changes nothing.
  public init(path: String, create: Bool, readOnly: Bool = false) throws {
    self.path = path
    try Self.checkFile(path, create: create)
    var config = Configuration()
    config.readonly = readOnly && !create
    // The journal mode is a write to the file header: a reader uses whatever mode it has.
    if !config.readonly { config.journalMode = .wal }
    config.busyMode = .timeout(Self.busyTimeout)
    config.label = "camgap.registry"
    config.prepareDatabase { db in Schema.prepare(db) }
    do {
      queue = try DatabaseQueue(path: path, configuration: config)
    } catch let e as DatabaseError {
      throw Self.openError(e, path: path)
    }
    try migrate(readOnly: config.readonly, create: create)
  }

  /// What is at `path` before SQLite opens it: a missing or empty file is a registry only
  /// for `init`, a directory never is, and `init` does not create through a symbolic link
  /// (the file would get the link target's default mode, not 0600).
  static func checkFile(_ path: String, create: Bool) throws {
    var st = stat()
    if lstat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFLNK && stat(path, &st) != 0 {
      guard create else { throw RegistryError.noRegistry(path: path) }
      throw RegistryError.cannotCreate(
        path: path, reason: "it is a symbolic link to a missing file; give the path the registry should have")
    }
    guard stat(path, &st) == 0 else {
      guard create else { throw RegistryError.noRegistry(path: path) }
      return try createPrivateFile(path)
    }
    if (st.st_mode & S_IFMT) == S_IFDIR {
      throw RegistryError.notARegistry(path: path, reason: "it is a directory")
    }
    if st.st_size == 0 && !create {
      throw RegistryError.notARegistry(
        path: path, reason: "the file is empty; create a registry with `camgap registry init --db \(path)`")
    }
  }

  /// A registry in memory, for dry runs against a registry not created yet.
  public static func inMemory() throws -> RegistryStore {
    var config = Configuration()
    config.prepareDatabase { db in Schema.prepare(db) }
    return try RegistryStore(queue: DatabaseQueue(configuration: config), path: ":memory:")
  }

  init(queue: DatabaseQueue, path: String) throws {
    self.queue = queue
    self.path = path
    try migrate(readOnly: false, create: true)
  }

  /// Whether the file at `path` was created with no access for group and others.
  public static func isPrivate(path: String) -> Bool {
    guard let attrs = try? FileManager.default.attributesOfItem(atPath: path),
      let mode = attrs[.posixPermissions] as? NSNumber
    else { return false }
    return mode.intValue & 0o077 == 0
  }

  static func createPrivateFile(_ path: String) throws {
    let fd = open(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o600)
    if fd < 0 {
      let err = errno
      // Another process created it between our check and now: theirs is as good as ours.
      if err == EEXIST { return }
      throw RegistryError.cannotCreate(path: path, reason: String(cString: strerror(err)))
    }
    // The umask can only remove bits; set the mode explicitly anyway so a shared umask of 0
    // or an ACL default cannot widen it.
    fchmod(fd, 0o600)
    close(fd)
  }

  static func openError(_ e: DatabaseError, path: String) -> RegistryError {
    switch e.resultCode {
    case .SQLITE_NOTADB, .SQLITE_CORRUPT: return .notARegistry(path: path, reason: "not an SQLite database")
    case .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_READONLY:
      return .cannotCreate(path: path, reason: e.message ?? "\(e.resultCode)")
    case .SQLITE_BUSY, .SQLITE_LOCKED:
      return .database(
        path: path,
        message: "the registry stayed locked by another process for over \(Int(busyTimeout)) s; try again")
    default: return .database(path: path, message: e.message ?? "\(e)")
    }
  }

  /// The schema a file holds, before anything is written to it.
  enum SchemaState {
    case current, older, empty, foreign
    case newer(String)
  }

  func schemaState(_ db: Database) throws -> SchemaState {
    let migrator = Schema.migrator
    let version = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
    if !Schema.userVersions.contains(version) { return .newer("schema version \(version)") }
    if try db.tableExists("grdb_migrations") {
      let known = Set(migrator.migrations)
      let applied = try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations")
      if let unknown = applied.first(where: { !known.contains($0) }) {
        return .newer("migration \"\(unknown)\"")
      }
      return try migrator.hasCompletedMigrations(db) ? .current : .older
    }
    let tables = try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master WHERE type = 'table'") ?? 0
    return tables > 0 ? .foreign : .empty
  }

  func migrate(readOnly: Bool, create: Bool) throws {
    let migrator = Schema.migrator
    do {
      switch try queue.read(schemaState) {
      case .current: return
      case .newer(let detail): throw RegistryError.newerSchema(path: path, detail: detail)
      case .foreign: throw RegistryError.notARegistry(path: path, reason: "it holds other tables")
      case .empty where readOnly || !create:
        throw RegistryError.notARegistry(
          path: path, reason: "it holds no registry; create one with `camgap registry init --db \(path)`")
      case .older where readOnly:
        throw RegistryError.database(
          path: path,
          message: "made by an older camgap; bring it up to date with `camgap registry init --db \(path)`")
      case .empty, .older: break
      }
      do {
        try migrator.migrate(queue)
      } catch {
        // Two processes opening a new registry at once both see it unmigrated; the one that
        // loses the race fails on an existing table after the winner has committed.
        if try queue.read({ try migrator.hasCompletedMigrations($0) }) { return }
        throw error
      }
    } catch let e as DatabaseError {
      throw Self.openError(e, path: path)
    }
  }

  /// Runs `body` in one immediate transaction; `commit` false rolls it back (dry runs).
  func write<T>(commit: (T) -> Bool = { _ in true }, body: (Database) throws -> T) throws -> T {
    do {
      return try queue.writeWithoutTransaction { db in
        var result: T?
        try db.inTransaction(.immediate) {
          let r = try body(db)
          result = r
          return commit(r) ? .commit : .rollback
        }
        return result!
      }
    } catch let e as DatabaseError {
      throw Self.openError(e, path: path)
    }
  }

  func read<T>(_ body: (Database) throws -> T) throws -> T {
    do {
      return try queue.read(body)
    } catch let e as DatabaseError {
      throw Self.openError(e, path: path)
    }
  }

  /// SQLite's own settings as this connection sees them, for `init` and the tests.
  public func pragmas() throws -> (journalMode: String, busyTimeoutMS: Int, schema: [String]) {
    try read { db in
      let mode = try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? ""
      let timeout = try Int.fetchOne(db, sql: "PRAGMA busy_timeout") ?? 0
      let applied = try Schema.migrator.appliedMigrations(db)
      return (mode, timeout, applied)
    }
  }
}
