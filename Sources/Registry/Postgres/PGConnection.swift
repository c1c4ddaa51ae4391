import CPQ
import Foundation

/// One connection to a PostgreSQL server, owning its `PGconn*` (closed in `deinit`).
///
/// camgap talks to PostgreSQL through libpq rather than postgres-nio: the command line is
/// synchronous, so NIO's event loop and `async` API would only be bridged back to blocking
/// calls; libpq's COPY (`PQputCopyData` / `PQgetCopyData`) and binary results are what an
/// import of 150,000 cameras in seconds and an audit read in one statement need; and libpq
/// is a system library that links in seconds, where postgres-nio adds minutes of build. It is
/// also the library whose URI and conninfo syntax `--db postgresql://…` promises.
///
/// A connection is used by one thread at a time (libpq's rule for a `PGconn`), so the class
/// is not `Sendable`. Notices (`NOTICE: extension "postgis" already exists`) are dropped:
/// libpq would otherwise print them on stderr, which carries only camgap's own messages.
public final class PGConnection {
  /// The connection string with its password redacted, for messages.
  public let target: String
  let secrets: [String]
  let conn: OpaquePointer
  var savepointDepth = 0

  /// How long libpq waits for an unreachable host unless the string says otherwise; without
  /// a limit a dead TCP address hangs for the operating system's timeout of minutes.
  public static let defaultConnectTimeout = 10

  /// Connects with a libpq URI (`postgresql://user@host/db?sslmode=require`) or a conninfo
  /// string (`host=/run/postgresql dbname=camgap`). The client encoding is always UTF-8 (camera
  /// names are Chinese), whatever the string or `$PGCLIENTENCODING` ask for.
  public init(_ conninfo: String) throws {
    target = PGRedaction.redact(conninfo)
    secrets = PGRedaction.secrets(conninfo)
    // Null-terminated lists; a key after `dbname` overrides the expanded string, one before
    // it only fills in what the string leaves out.
    let keys = ["connect_timeout", "fallback_application_name", "dbname", "client_encoding", nil]
    let values = ["\(Self.defaultConnectTimeout)", "camgap", conninfo, "UTF8", nil]
    let made = PGConnection.withCStrings(keys) { k in
      PGConnection.withCStrings(values) { v in PQconnectdbParams(k, v, 1) }
    }
    guard let made else { throw PGError(target: target, message: "out of memory opening a connection") }
    guard PQstatus(made) == CONNECTION_OK else {
      let message = PGRedaction.scrub(Self.trimmed(PQerrorMessage(made)), secrets: secrets)
      PQfinish(made)
      throw PGError(target: target, message: message)
    }
    conn = made
    PQsetNoticeProcessor(conn, { _, _ in }, nil)
  }

  deinit { PQfinish(conn) }

  /// The server's version as an integer (`150020` for 15.20).
  public var serverVersion: Int { Int(PQserverVersion(conn)) }

  /// True inside `transaction` (or a transaction begun by hand).
  public var inTransaction: Bool { PQtransactionStatus(conn) != PQTRANS_IDLE }

  /// Runs one statement with text parameters `$1`, `$2`… (`nil` is SQL NULL). Values are sent
  /// apart from the SQL text, so a camera name can never become SQL. `binary` asks for
  /// results in PostgreSQL's binary format (read with `PGResult.bytes`).
  @discardableResult
  public func execute(_ sql: String, _ parameters: [String?] = [], binary: Bool = false) throws
    -> PGResult
  {
    if let bad = parameters.firstIndex(where: { $0?.contains("\0") == true }) {
      throw PGError(target: target, message: "parameter $\(bad + 1) contains a NUL character")
    }
    let raw = PGConnection.withCStrings(parameters) { values in
      PQexecParams(conn, sql, Int32(parameters.count), nil, values, nil, nil, binary ? 1 : 0)
    }
    return try checked(raw, accepting: [PGRES_COMMAND_OK, PGRES_TUPLES_OK])
  }

  /// Runs a script of several `;`-separated statements without parameters (migrations).
  /// Outside a transaction the server runs the script as one implicit transaction.
  public func executeScript(_ sql: String) throws {
    _ = try checked(PQexec(conn, sql), accepting: [PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY])
  }

  /// Runs `body` in a transaction that commits when `body` returns and `commit(result)` is
  /// true, and rolls back when it is false (dry runs) or when anything throws. Nested calls
  /// become savepoints, so a helper that needs atomicity can ask for it inside a larger one.
  /// A COMMIT the server turns into a ROLLBACK (a statement failed and the error was swallowed)
  /// is an error, not a silent loss of the writes.
  public func transaction<T>(commit: (T) -> Bool = { _ in true }, _ body: () throws -> T) throws -> T {
    let savepoint = inTransaction ? "camgap_savepoint_\(savepointDepth)" : nil
    try execute(savepoint.map { "SAVEPOINT \($0)" } ?? "BEGIN")
    savepointDepth += 1
    defer { savepointDepth -= 1 }
    do {
      let result = try body()
      guard commit(result) else {
        try rollback(to: savepoint)
        return result
      }
      if let savepoint {
        try execute("RELEASE SAVEPOINT \(savepoint)")
      } else {
        let done = try execute("COMMIT")
        guard done.commandStatus == "COMMIT" else {
          throw PGError(
            target: target, message: "the server rolled the transaction back instead of committing it")
        }
      }
      return result
    } catch {
      try? rollback(to: savepoint)
      throw error
    }
  }

  func rollback(to savepoint: String?) throws {
    if let savepoint {
      try executeScript("ROLLBACK TO SAVEPOINT \(savepoint); RELEASE SAVEPOINT \(savepoint)")
    } else if inTransaction {
      try execute("ROLLBACK")
    }
  }

  /// Takes ownership of `raw` and turns any status but `accepting` into a thrown `PGError`.
  func checked(_ raw: OpaquePointer?, accepting: [ExecStatusType]) throws -> PGResult {
    guard let raw else { throw connectionError() }
    let result = PGResult(owning: raw)
    guard accepting.contains(PQresultStatus(raw)) else { throw error(from: raw) }
    return result
  }

  /// The error libpq holds for the connection (a lost connection, a protocol failure).
  func connectionError() -> PGError {
    PGError(target: target, message: PGRedaction.scrub(Self.trimmed(PQerrorMessage(conn)), secrets: secrets))
  }

  /// The server's error fields from a failed result.
  func error(from raw: OpaquePointer) -> PGError {
    func field(_ code: Character) -> String? {
      guard let p = PQresultErrorField(raw, Int32(code.asciiValue!)) else { return nil }
      return PGRedaction.scrub(String(cString: p), secrets: secrets)
    }
    let message = field("M") ?? PGRedaction.scrub(Self.trimmed(PQresultErrorMessage(raw)), secrets: secrets)
    return PGError(
      target: target, sqlState: field("C"), message: message.isEmpty ? connectionError().message : message,
      detail: field("D"), constraint: field("n"))
  }

  static func trimmed(_ p: UnsafePointer<CChar>?) -> String {
    guard let p else { return "" }
    return String(cString: p).trimmingCharacters(in: .whitespacesAndNewlines)
  }

  /// Calls `body` with C copies of `strings` (`nil` stays a null pointer), freed afterwards.
  static func withCStrings<R>(_ strings: [String?], _ body: ([UnsafePointer<CChar>?]) -> R) -> R {
    let copies = strings.map { $0.map { strdup($0)! } }
    defer { for c in copies { free(c) } }
    return body(copies.map { $0.map { UnsafePointer($0) } })
  }
}

/// One result of a statement, owning its `PGresult*` (freed in `deinit`). Text-format values
/// are read as Swift strings; binary-format ones as bytes.
public final class PGResult {
  let raw: OpaquePointer

  init(owning raw: OpaquePointer) { self.raw = raw }
  deinit { PQclear(raw) }

  public var rowCount: Int { Int(PQntuples(raw)) }
  public var columnCount: Int { Int(PQnfields(raw)) }
  /// Rows an INSERT, UPDATE, DELETE or COPY touched (0 for other statements).
  public var affectedRows: Int { Int(String(cString: PQcmdTuples(raw))) ?? 0 }
  /// The command tag: `COMMIT`, `ROLLBACK`, `INSERT 0 1`, `COPY 10000`.
  public var commandStatus: String { String(cString: PQcmdStatus(raw)) }

  public func columnName(_ column: Int) -> String { String(cString: PQfname(raw, Int32(column))) }

  /// The index of the column called `name`, or nil.
  public func column(named name: String) -> Int? {
    let i = Int(PQfnumber(raw, "\"\(name.replacingOccurrences(of: "\"", with: "\"\""))\""))
    return i < 0 ? nil : i
  }

  public func isNull(_ row: Int, _ column: Int) -> Bool { PQgetisnull(raw, Int32(row), Int32(column)) == 1 }

  /// The value as text, nil for SQL NULL.
  public func string(_ row: Int, _ column: Int) -> String? {
    guard !isNull(row, column), let p = PQgetvalue(raw, Int32(row), Int32(column)) else { return nil }
    return String(cString: p)
  }

  public func int(_ row: Int, _ column: Int) -> Int? { string(row, column).flatMap { Int($0) } }
  public func double(_ row: Int, _ column: Int) -> Double? { string(row, column).flatMap { Double($0) } }

  /// The raw bytes of a value (binary results), nil for SQL NULL.
  public func bytes(_ row: Int, _ column: Int) -> [UInt8]? {
    guard !isNull(row, column), let p = PQgetvalue(raw, Int32(row), Int32(column)) else { return nil }
    let n = Int(PQgetlength(raw, Int32(row), Int32(column)))
    return p.withMemoryRebound(to: UInt8.self, capacity: n) {
      Array(UnsafeBufferPointer(start: $0, count: n))
    }
  }
}
