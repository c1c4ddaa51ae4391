import Foundation
import GRDB
import XCTest

@testable import Registry

final class PGConnectionTests: XCTestCase {
  func connect() throws -> PGConnection { try PGTestCluster.connect(self) }

  func count(_ db: PGConnection, _ table: String) throws -> Int? {
    try db.execute("SELECT count(*) FROM \(table)").int(0, 0)
  }

  /// A camera row in `PGSchema`'s COPY column order (`copyColumns`).
  static let copyColumns =
    #"id, name, lon, lat, kind, heading, fov, "range", resolution, min_range, height, tilt, "class", status, installed, removed, district"#

  static func cameraRow(_ i: Int) -> [String?] {
    let kinds = ["fixed", "dome", "ptz", "panoramic"]
    return [
      "C\(i)", "当湖街道 \(i) 号", "\(121.0 + Double(i % 400) * 0.0001)", "\(30.6 + Double(i / 400) * 0.0001)",
      kinds[i % 4], i % 4 < 2 ? "\((i * 37) % 360)" : nil, i % 3 == 0 ? "90" : nil, "\(20 + i % 50)", nil,
      nil,
      "6", nil, "\(1 + i % 3)", "active", i % 5 == 0 ? "2021-03-04" : nil, nil, "district \(i % 7)",
    ]
  }

  func testParametersRoundTripChineseTextAndNull() throws {
    let db = try connect()
    let name = "平湖市当湖街道 摄像机\t\"引号\" 'apostrophe' back\\slash 🎥"
    let r = try db.execute("SELECT $1::text, $2::text IS NULL, length($1), $3::int + 1", [name, nil, "41"])
    XCTAssertEqual(r.rowCount, 1)
    XCTAssertEqual(r.string(0, 0), name)
    XCTAssertEqual(r.string(0, 1), "t")
    XCTAssertEqual(r.int(0, 2), name.count)
    XCTAssertEqual(r.int(0, 3), 42)
    XCTAssertNil(try db.execute("SELECT NULL::text").string(0, 0))
    let binary = try db.execute("SELECT $1::float8", ["1.5"], binary: true)
    XCTAssertEqual(binary.bytes(0, 0), [0x3F, 0xF8, 0, 0, 0, 0, 0, 0])
  }

  func testTransactionRollsBackOnThrowAndDryRunAndSwallowedError() throws {
    let db = try connect()
    try db.executeScript("CREATE TABLE t (id int PRIMARY KEY); INSERT INTO t VALUES (1)")
    struct Boom: Error {}
    XCTAssertThrowsError(
      try db.transaction {
        try db.execute("INSERT INTO t VALUES ($1)", ["2"])
        throw Boom()
      }
    ) { XCTAssertTrue($0 is Boom) }
    XCTAssertEqual(try count(db, "t"), 1)
    XCTAssertFalse(db.inTransaction)
    let dry = try db.transaction(
      commit: { _ in false }, { try db.execute("INSERT INTO t VALUES (3)").affectedRows })
    XCTAssertEqual(dry, 1)
    XCTAssertEqual(try count(db, "t"), 1)
    // A failed statement whose error is swallowed makes the server answer COMMIT with ROLLBACK.
    XCTAssertThrowsError(
      try db.transaction {
        try db.execute("INSERT INTO t VALUES (4)")
        _ = try? db.execute("INSERT INTO t VALUES (1)")
      }
    ) { XCTAssertTrue(($0 as? PGError)?.message.contains("rolled the transaction back") == true, "\($0)") }
    XCTAssertEqual(try count(db, "t"), 1)
    // A nested transaction is a savepoint: its rollback keeps the outer one's writes.
    try db.transaction {
      try db.execute("INSERT INTO t VALUES (5)")
      _ = try? db.transaction { () throws -> Void in
        try db.execute("INSERT INTO t VALUES (6)")
        throw Boom()
      }
    }
    XCTAssertEqual(try db.execute("SELECT string_agg(id::text, ',' ORDER BY id) FROM t").string(0, 0), "1,5")
  }

  func testCopyInTenThousandRowsThenCopyOutReturnsThem() throws {
    let db = try connect()
    try db.executeScript("CREATE TABLE t (id int PRIMARY KEY, name text, v double precision)")
    func row(_ i: Int) -> [String?] {
      let name: String? = i % 10 == 0 ? nil : "摄像机 \(i)" + (i % 7 == 0 ? "\ttab\nline\\slash\r" : "")
      return ["\(i)", name, "\(Double(i) / 8)"]
    }
    let stored = try db.copyIn("COPY t (id, name, v) FROM STDIN") { copy in
      for i in 0..<10_000 { try copy.row(row(i)) }
    }
    XCTAssertEqual(stored, 10_000)
    XCTAssertEqual(try count(db, "t"), 10_000)
    XCTAssertEqual(try db.execute("SELECT sum(v) FROM t").double(0, 0), Double(9_999 * 10_000 / 2) / 8)
    var rows: [[String?]] = []
    let sent = try db.copyOutRows("COPY (SELECT id, name, v FROM t ORDER BY id) TO STDOUT") {
      rows.append($0)
    }
    XCTAssertEqual(sent, 10_000)
    XCTAssertEqual(rows.count, 10_000)
    // PostgreSQL prints 1225 where Swift prints 1225.0: numbers compare as numbers.
    func numeric(_ r: [String?]) -> [String?] { [r[0], r[1], r[2].flatMap { Double($0) }.map { "\($0)" }] }
    XCTAssertEqual(numeric(rows[7]), row(7))
    XCTAssertEqual(numeric(rows[10]), row(10))
    XCTAssertTrue(
      rows.map(numeric) == (0..<10_000).map(row), "COPY TO STDOUT returns the rows COPY FROM STDIN stored")
  }

  func testCopyAbortedByThrowStoresNothingAndRejectedRowNamesIt() throws {
    let db = try connect()
    try db.executeScript("CREATE TABLE t (id int PRIMARY KEY, v double precision CHECK (v < 100))")
    struct Boom: Error {}
    XCTAssertThrowsError(
      try db.copyIn("COPY t FROM STDIN") { copy in
        for i in 0..<100 { try copy.row(["\(i)", "1"]) }
        throw Boom()
      }
    ) { XCTAssertTrue($0 is Boom) }
    XCTAssertEqual(try count(db, "t"), 0)
    XCTAssertThrowsError(try db.copyIn("COPY t FROM STDIN") { try $0.row(["1", "500"]) }) {
      let e = $0 as? PGError
      XCTAssertEqual(e?.sqlState, "23514")
      XCTAssertEqual(e?.constraint, "t_v_check")
    }
    XCTAssertEqual(try db.execute("SELECT 1").int(0, 0), 1, "the connection stays usable")
  }

  func testBinaryCopy() throws {
    let db = try connect()
    try db.executeScript("CREATE TABLE t (id int, name text, v double precision)")
    let stored = try db.copyIn("COPY t FROM STDIN (FORMAT binary)") { copy in
      var out = PGCopyBinary.header
      for i in 0..<3 {
        PGCopyBinary.rowStart(fields: 3, into: &out)
        PGCopyBinary.int32(Int32(i - 1), into: &out)
        if i == 1 { PGCopyBinary.null(into: &out) } else { PGCopyBinary.text("点位\(i)", into: &out) }
        PGCopyBinary.double(Double(i) * 0.25 - 121.5, into: &out)
      }
      try copy.write(out + PGCopyBinary.trailer)
    }
    XCTAssertEqual(stored, 3)
    let r = try db.execute("SELECT id, coalesce(name, 'NULL'), v FROM t ORDER BY id")
    XCTAssertEqual((0..<3).map { r.string($0, 0) }, ["-1", "0", "1"])
    XCTAssertEqual((0..<3).map { r.string($0, 1) }, ["点位0", "NULL", "点位2"])
    XCTAssertEqual((0..<3).map { r.double($0, 2) }, [-121.5, -121.25, -121.0])
  }

  func testSchemaMigratesTwiceAndMatchesTheSQLiteColumns() throws {
    let db = try connect()
    XCTAssertEqual(try PGSchema.check(db), [])
    XCTAssertEqual(try PGSchema.migrate(db), ["v1: cameras and history"])
    XCTAssertEqual(try PGSchema.migrate(db), [])
    XCTAssertEqual(try PGSchema.check(db), ["v1: cameras and history"])
    XCTAssertTrue(try PGSchema.isCurrent(db))
    let cols = try db.execute(
      """
      SELECT column_name FROM information_schema.columns
      WHERE table_schema = current_schema() AND table_name = 'camera' ORDER BY ordinal_position
      """)
    let pg = (0..<cols.rowCount).compactMap { cols.string($0, 0) }
    var config = Configuration()
    config.prepareDatabase { Schema.prepare($0) }
    let queue = try DatabaseQueue(configuration: config)
    try Schema.migrator.migrate(queue)
    let sqlite = try queue.read { try $0.columns(in: "camera").map(\.name) }
    XCTAssertEqual(pg, sqlite + ["geom"])
    let geomType = try db.execute("SELECT type, srid FROM geometry_columns WHERE f_table_name = 'camera'")
    XCTAssertEqual(geomType.string(0, 0), "POINT")
    XCTAssertEqual(geomType.int(0, 1), 4326)
    let gist = try db.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'camera_geom'")
    XCTAssertTrue(gist.string(0, 0)?.contains("USING gist (geom)") == true)
  }

  func testGeomFollowsLonLatAndUpdateBumpsVersion() throws {
    let db = try connect()
    try PGSchema.migrate(db)
    try db.execute("INSERT INTO camera (id, lon, lat) VALUES ($1, $2, $3)", ["C1", "121.01", "30.7"])
    try db.execute("UPDATE camera SET lon = $1 WHERE id = $2", ["121.02", "C1"])
    let r = try db.execute(
      """
      SELECT ST_Equals(geom, ST_SetSRID(ST_MakePoint(lon, lat), 4326)), ST_X(geom), ST_Y(geom), ST_SRID(geom),
        version FROM camera WHERE id = 'C1'
      """)
    XCTAssertEqual(r.string(0, 0), "t")
    XCTAssertEqual(r.double(0, 1), 121.02)
    XCTAssertEqual(r.double(0, 2), 30.7)
    XCTAssertEqual(r.int(0, 3), 4326)
    XCTAssertEqual(r.int(0, 4), 2)
    let guarded = try db.execute("UPDATE camera SET name = 'x' WHERE id = 'C1' AND version = 1")
    XCTAssertEqual(guarded.affectedRows, 0, "an edit against a stale version touches nothing")
    XCTAssertThrowsError(try db.execute("UPDATE camera SET geom = NULL")) {
      XCTAssertEqual(($0 as? PGError)?.sqlState, "428C9")
    }
  }

  func testHistoryRefusesUpdateDeleteAndTruncate() throws {
    let db = try connect()
    try PGSchema.migrate(db)
    try db.execute(
      #"INSERT INTO history (camera_id, "at", "by", action) VALUES ($1, $2, $3, 'add')"#,
      ["C1", "2026-12-01T10:00:00Z", "王警官"])
    for sql in ["UPDATE history SET note = 'x'", "DELETE FROM history", "TRUNCATE history"] {
      XCTAssertThrowsError(try db.execute(sql), sql) {
        XCTAssertEqual(($0 as? PGError)?.message, "history is append-only", sql)
      }
    }
    XCTAssertEqual(try count(db, "history"), 1)
    XCTAssertEqual(try db.execute(#"SELECT seq, "by" FROM history"#).string(0, 1), "王警官")
  }

  func testCheckViolationCarriesTheServersMessage() throws {
    let db = try connect()
    try PGSchema.migrate(db)
    XCTAssertThrowsError(try db.execute("INSERT INTO camera (id, lon, lat, fov) VALUES ('C1', 121, 30, 400)"))
    {
      let e = $0 as? PGError
      XCTAssertEqual(e?.sqlState, "23514")
      XCTAssertEqual(e?.constraint, "camera_fov_check")
      XCTAssertEqual(
        e?.message, #"new row for relation "camera" violates check constraint "camera_fov_check""#)
      XCTAssertTrue(e?.detail?.contains("400") == true, e?.detail ?? "no detail")
    }
    for (column, value) in [("kind", "'box'"), ("installed", "'2021-3-4'"), ("\"class\"", "4")] {
      XCTAssertThrowsError(
        try db.execute("INSERT INTO camera (id, lon, lat, \(column)) VALUES ('C2', 121, 30, \(value))"),
        column)
    }
    XCTAssertEqual(try count(db, "camera"), 0)
  }

  func testConnectionErrorsNeverShowThePassword() throws {
    XCTAssertThrowsError(try PGConnection("postgresql://u:s3cret@/db?host=/nonexistent")) {
      let text = "\($0)"
      XCTAssertFalse(text.contains("s3cret"), text)
      XCTAssertTrue(text.hasPrefix("postgresql://u:***@/db?host=/nonexistent: "), text)
      XCTAssertTrue(text.contains("/nonexistent/.s.PGSQL.5432"), text)
      XCTAssertEqual(
        ($0 as? PGError)?.registryError,
        .database(path: "postgresql://u:***@/db?host=/nonexistent", message: ($0 as? PGError)?.message ?? ""))
    }
    XCTAssertThrowsError(try PGConnection("host=/nonexistent user=u password='s3 cret' dbname=db")) {
      XCTAssertFalse("\($0)".contains("s3 cret"), "\($0)")
      XCTAssertTrue("\($0)".hasPrefix("host=/nonexistent user=u password=*** dbname=db: "), "\($0)")
    }
    XCTAssertThrowsError(try PGConnection("postgresql://u@/db?host=/nonexistent&password=s3cret%21")) {
      XCTAssertFalse("\($0)".contains("s3cret"), "\($0)")
    }
    // The server itself refuses: a role that does not exist, with a password in the URI.
    let uri = try XCTUnwrap(PGTestCluster.started.uri, PGTestCluster.started.failure)
    let bad = uri.replacingOccurrences(of: "user=postgres", with: "user=nobody&password=s3cret")
    XCTAssertThrowsError(try PGConnection(bad)) {
      XCTAssertTrue("\($0)".contains(#"role "nobody" does not exist"#), "\($0)")
      XCTAssertFalse("\($0)".contains("s3cret"), "\($0)")
    }
  }

  func testRedaction() {
    XCTAssertEqual(PGRedaction.redact("postgresql://a:b@h:5432/db"), "postgresql://a:***@h:5432/db")
    XCTAssertEqual(
      PGRedaction.redact("postgres://a@h/db?sslmode=require"), "postgres://a@h/db?sslmode=require")
    XCTAssertEqual(PGRedaction.redact("postgresql://a:p%40ss@h/db"), "postgresql://a:***@h/db")
    XCTAssertEqual(PGRedaction.secrets("postgresql://a:p%40ss@h/db"), ["p%40ss", "p@ss"])
    XCTAssertEqual(PGRedaction.redact("password=x host=h"), "password=*** host=h")
    XCTAssertEqual(PGRedaction.redact("host=h password = 'it\\'s' user=u"), "host=h password = *** user=u")
    XCTAssertEqual(PGRedaction.secrets("host=h password = 'it\\'s' user=u"), ["it's"])
    XCTAssertEqual(PGRedaction.redact("host=h mypassword=x"), "host=h mypassword=x")
  }

  func testUnknownMigrationOrForeignTablesRefuseToOpen() throws {
    let db = try connect()
    try PGSchema.migrate(db)
    try db.execute("INSERT INTO camgap_migrations (id) VALUES ('v2: from a later release')")
    for open in [{ _ = try PGSchema.migrate(db) }, { _ = try PGSchema.check(db) }] {
      XCTAssertThrowsError(try open()) {
        guard case .notARegistry(let path, let reason) = $0 as? RegistryError else { return XCTFail("\($0)") }
        XCTAssertEqual(path, db.target)
        XCTAssertTrue(
          reason.hasPrefix(#"made by a newer camgap (migration "v2: from a later release")"#), reason)
      }
    }
    let other = try connect()
    try other.executeScript("CREATE TABLE camera (id text)")
    XCTAssertThrowsError(try PGSchema.migrate(other)) {
      XCTAssertEqual(
        "\($0)", "\(other.target): not a camgap registry: it holds camera tables camgap did not make")
    }
    XCTAssertEqual(try other.execute("SELECT to_regclass('camgap_migrations') IS NULL").string(0, 0), "t")
  }

  /// The figure behind the import target of 150,000 cameras in 10 s: one text COPY of every
  /// camera, constraints, generated geometry and GiST index included, in one transaction.
  func testCopyOf150000Cameras() throws {
    let db = try connect()
    try PGSchema.migrate(db)
    let rows = (0..<150_000).map(Self.cameraRow)
    let start = Date()
    let stored = try db.transaction {
      try db.copyIn("COPY camera (\(Self.copyColumns)) FROM STDIN") { copy in
        for row in rows { try copy.row(row) }
      }
    }
    let seconds = Date().timeIntervalSince(start)
    print("PGConnectionTests: COPY of 150,000 cameras took \(String(format: "%.2f", seconds)) s")
    XCTAssertEqual(stored, 150_000)
    let r = try db.execute("SELECT count(*), count(geom), ST_XMax(ST_Extent(geom)) FROM camera")
    XCTAssertEqual(r.int(0, 0), 150_000)
    XCTAssertEqual(r.int(0, 1), 150_000)
    XCTAssertEqual(r.double(0, 2), 121.0399)
    var read = 0
    try db.copyOutRows("COPY (SELECT \(Self.copyColumns) FROM camera ORDER BY id) TO STDOUT") { _ in read += 1
    }
    XCTAssertEqual(read, 150_000)
  }
}
