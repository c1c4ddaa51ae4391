import Foundation
import TestSupport
import XCTest

/// What only the PostgreSQL backend can get wrong: a process killed in the middle of its COPY,
/// and a server that is not there or refuses the password. The scenarios both backends share
/// run from their own test classes with a `postgresql://` target (`PGTargets`).
final class RegistryPostgreSQLTests: XCTestCase {
  var dir: URL!

  override func setUpWithError() throws {
    dir = FileManager.default.temporaryDirectory.appendingPathComponent("camgap-regpg-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
  }

  override func tearDownWithError() throws {
    try? FileManager.default.removeItem(at: dir)
  }

  func write(_ text: String, _ name: String) throws -> String {
    let p = dir.appendingPathComponent(name).path
    try text.write(toFile: p, atomically: true, encoding: .utf8)
    return p
  }

  func ok(_ args: [String]) throws -> String {
    let r = try CLI.run(args)
    XCTAssertEqual(r.code, 0, "\(args): \(r.stderr)")
    return r.stdout
  }

  /// `n` cameras as CSV with ids PREFIX000000….
  func csv(_ n: Int, prefix: String) -> String {
    var out = "id,name,lon,lat,kind,range\n"
    out.reserveCapacity(n * 50)
    for i in 0..<n {
      out += "\(prefix)\(String(format: "%06d", i)),路口 \(i),\(121.0 + Double(i % 300) * 0.0001),"
      out += "\(30.69 + Double(i / 300) * 0.0001),fixed,\(20 + i % 50)\n"
    }
    return out
  }

  func testImportKilledMidCopyLeavesTheRegistryAsItWas() throws {
    let db = try PGTargets.fresh(self)
    _ = try ok(["registry", "init", "--db", db])
    _ = try ok(["registry", "import", try write(csv(100, prefix: "K"), "first.csv"), "--db", db])
    let before = try ok(["registry", "export", "--db", db])
    let beforeHistory = try ok(["registry", "history", "K000000", "--format", "csv", "--db", db])
    let big = try write(csv(150_000, prefix: "C"), "big.csv")

    let p = try CLI.start(["registry", "import", big, "--db", db])
    // Kill the importer once the server has stored part of its COPY, long before its commit.
    let progress =
      "SELECT coalesce(max(tuples_processed), 0) FROM pg_stat_progress_copy WHERE relid = 'camera'::regclass"
    let deadline = Date().addingTimeInterval(300)
    var copied = 0
    while p.process.isRunning && Date() < deadline {
      copied = Int(try PGTargets.sql(db, progress).trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
      if copied >= 10_000 { break }
      usleep(20_000)
    }
    XCTAssertTrue(p.process.isRunning, "the import finished before it could be killed")
    kill(p.pid, SIGKILL)
    XCTAssertEqual(p.finish().code, SIGKILL)
    XCTAssertGreaterThanOrEqual(copied, 10_000)

    XCTAssertEqual(try ok(["registry", "export", "--db", db]), before)
    XCTAssertEqual(try ok(["registry", "history", "K000000", "--format", "csv", "--db", db]), beforeHistory)
    let counts = try PGTargets.sql(
      db, "SELECT (SELECT count(*) FROM camera) || ',' || (SELECT count(*) FROM history)")
    XCTAssertEqual(counts, "100,100\n")
    // The registry still takes writes: the server released the dead importer's lock.
    let small = try CLI.run(["registry", "import", try write(csv(10, prefix: "Z"), "z.csv"), "--db", db])
    XCTAssertEqual(small.stdout, "z.csv: 10 records: 10 added, 0 updated, 0 unchanged, 0 rejected\n")
  }

  func testNoServerAtTheSocketIsExitOneNamingTheTargetWithoutThePassword() throws {
    let socketDir = dir.appendingPathComponent("no-server").path
    try FileManager.default.createDirectory(atPath: socketDir, withIntermediateDirectories: true)
    let target = "postgresql://planner:s3cr%21t@/camgap?host=\(socketDir)"
    let shown = "postgresql://planner:***@/camgap?host=\(socketDir)"
    for args in [
      ["registry", "list"], ["registry", "init"], ["audit", CLI.geodata("tiny")],
      ["registry", "import", CLI.geodata("tiny/cameras.geojson")],
    ] {
      let r = try CLI.run(args + ["--db", target])
      XCTAssertEqual(r.code, 1, "\(args): \(r.stderr)")
      XCTAssertTrue(r.stderr.hasPrefix("camgap: \(shown): "), "\(args): \(r.stderr)")
      XCTAssertTrue(r.stderr.contains("\(socketDir)/.s.PGSQL.5432"), "\(args): \(r.stderr)")
      XCTAssertFalse(r.stderr.contains("s3cr"), "\(args): \(r.stderr)")
      XCTAssertEqual(r.stdout, "")
    }
    // A server that refuses the login: its own message, the password still hidden.
    let uri = try XCTUnwrap(PGTargets.server.uri, PGTargets.server.failure)
    let refused = uri.replacingOccurrences(of: "user=postgres", with: "user=nobody&password=s3cr3t")
    let r = try CLI.run(["registry", "list", "--db", refused])
    XCTAssertEqual(r.code, 1, r.stderr)
    XCTAssertTrue(r.stderr.contains(#"role "nobody" does not exist"#), r.stderr)
    XCTAssertTrue(r.stderr.contains("user=nobody&password=***"), r.stderr)
    XCTAssertFalse(r.stderr.contains("s3cr3t"), r.stderr)
  }

  func testAnEmptyDatabaseIsNoRegistryForReadersAndInitCreatesIt() throws {
    let db = try PGTargets.fresh(self)
    let missing = try CLI.run(["registry", "list", "--db", db])
    XCTAssertEqual(missing.code, 2, missing.stderr)
    XCTAssertEqual(
      missing.stderr,
      "camgap: \(db): no registry here; create one with `camgap registry init --db \(db)`\n"
    )
    XCTAssertEqual(try PGTargets.sql(db, "SELECT to_regclass('camera') IS NULL"), "t\n")
    let created = try ok(["registry", "init", "--db", db])
    XCTAssertTrue(created.hasPrefix("registry \(db): created (PostgreSQL 15."), created)
    XCTAssertTrue(created.contains(", PostGIS 3."), created)
    XCTAssertEqual(
      try ok(["registry", "init", "--db", db]), "registry \(db): up to date (0 cameras, schema 1 migration)\n"
    )

    let foreign = try PGTargets.fresh(self)
    try PGTargets.sql(foreign, "CREATE TABLE camera (id text)")
    let refused = try CLI.run(["registry", "import", CLI.geodata("tiny/cameras.geojson"), "--db", foreign])
    XCTAssertEqual(refused.code, 2, refused.stderr)
    XCTAssertEqual(
      refused.stderr,
      "camgap: \(foreign): not a camgap registry: it holds camera tables camgap did not make\n")
  }
}
