import Foundation
import TestSupport
import XCTest

/// `camgap registry …` and `audit --db` as a planner or a scheduled job runs them: real
/// processes on real files.
final class RegistryCLITests: XCTestCase {
  var dir: URL!

  override func setUpWithError() throws {
    dir = FileManager.default.temporaryDirectory.appendingPathComponent("camgap-regcli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
  }

  override func tearDownWithError() throws {
    try? FileManager.default.removeItem(at: dir)
  }

  func path(_ name: String) -> String { dir.appendingPathComponent(name).path }

  func write(_ text: String, _ name: String) throws -> String {
    try text.write(toFile: path(name), atomically: true, encoding: .utf8)
    return path(name)
  }

  func read(_ name: String) throws -> String { try String(contentsOfFile: path(name), encoding: .utf8) }

  @discardableResult
  func camgap(_ args: [String], env: [String: String?] = [:], cwd: URL? = nil) throws -> CLI.Result {
    try CLI.run(args, env: env, cwd: cwd)
  }

  func assertOK(_ r: CLI.Result, file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(r.code, 0, r.stderr, file: file, line: line)
  }

  /// `n` cameras as CSV with ids PREFIX00000…, on a grid near Pinghu.
  func csv(_ n: Int, prefix: String = "C", replacing: [Int: String] = [:]) -> String {
    var out = "id,name,lon,lat,kind,heading,fov,range,class,status\n"
    out.reserveCapacity(n * 70)
    for i in 0..<n {
      if let r = replacing[i] {
        out += r + "\n"
        continue
      }
      let kind = ["fixed", "dome", "ptz", "panoramic"][i % 4]
      let heading = i % 4 < 2 ? String((i * 37) % 360) : ""
      out +=
        "\(prefix)\(String(format: "%05d", i)),路口 \(i),\(121.0 + Double(i % 300) * 0.0001),\(30.69 + Double(i / 300) * 0.0001),\(kind),\(heading),,\(20 + i % 50),\(1 + i % 3),active\n"
    }
    return out
  }

  // MARK: the registry file

  func testInitCreatesAPrivateRegistryAtFlagEnvironmentOrDefault() throws {
    let flag = path("flag.sqlite")
    let r = try camgap(["registry", "init", "--db", flag])
    assertOK(r)
    XCTAssertEqual(r.stdout, "registry \(flag): created (mode 0600, wal journal)\n")
    let mode = try FileManager.default.attributesOfItem(atPath: flag)[.posixPermissions] as! NSNumber
    XCTAssertEqual(mode.intValue, 0o600)
    let again = try camgap(["registry", "init", "--db", flag])
    XCTAssertEqual(again.stdout, "registry \(flag): up to date (0 cameras, schema 3 migrations)\n")

    let env = path("env.sqlite")
    assertOK(try camgap(["registry", "init"], env: ["CAMGAP_DB": env]))
    XCTAssertTrue(FileManager.default.fileExists(atPath: env))

    assertOK(try camgap(["registry", "init"], env: ["CAMGAP_DB": nil], cwd: dir))
    XCTAssertTrue(FileManager.default.fileExists(atPath: path("camgap.gpkg")))

    let missing = try camgap(["registry", "list", "--db", path("none.sqlite")])
    XCTAssertEqual(missing.code, 2)
    XCTAssertTrue(missing.stderr.contains("none.sqlite: no registry here"), missing.stderr)
    XCTAssertFalse(FileManager.default.fileExists(atPath: path("none.sqlite")))

    // A dry run against a registry not created yet checks the file and creates nothing.
    let dry = try camgap([
      "registry", "import", CLI.geodata("tiny/cameras.geojson"), "--dry-run", "--db", path("none.sqlite"),
    ])
    XCTAssertEqual(
      dry.stdout,
      "dry run, nothing written: cameras.geojson: 3 records would give 3 added, 0 updated, 0 unchanged, 0 rejected\n"
    )
    XCTAssertFalse(FileManager.default.fileExists(atPath: path("none.sqlite")))

    let foreign = try camgap([
      "registry", "import", CLI.geodata("tiny/cameras.geojson"), "--db", CLI.geodata("tiny/zones.geojson"),
    ])
    XCTAssertEqual(foreign.code, 2)
    XCTAssertEqual(
      foreign.stderr,
      "camgap: \(CLI.geodata("tiny/zones.geojson")): not a camgap registry: not an SQLite database\n")
  }

  // MARK: import and export

  func testExportImportExportIsByteIdentical() throws {
    try exportImportExport { path("\($0).sqlite") }
  }

  func testExportImportExportOnPostgreSQL() throws {
    try exportImportExport { _ in try PGTargets.fresh(self) }
  }

  /// `registry` gives the target of a new registry for a name (a file, or a fresh database).
  func exportImportExport(registry: (String) throws -> String) throws {
    let a = try registry("a")
    assertOK(try camgap(["registry", "init", "--db", a]))
    assertOK(try camgap(["registry", "import", CLI.geodata("realdata/dearborn/cameras.geojson"), "--db", a]))
    assertOK(try camgap(["registry", "import", CLI.geodata("tiny/cameras.geojson"), "--db", a]))
    assertOK(
      try camgap([
        "registry", "add", "33048200001320000001", "--lon", "121.0201", "--lat", "30.6952", "--kind", "dome",
        "--heading", "305;175.5;240", "--name", "东门, \"北\"", "--installed", "2023-04-01", "--db", a,
      ]))
    assertOK(
      try camgap([
        "registry", "add", "pan", "--lon", "121.0202", "--lat", "30.6953", "--heading", "243.7-288.1", "--db",
        a,
      ]))
    assertOK(try camgap(["registry", "retire", "CAM-C", "--date", "2025-02-01", "--db", a]))

    for format in ["geojson", "csv"] {
      let first = "export1.\(format)"
      let second = "export2.\(format)"
      assertOK(try camgap(["registry", "export", "--format", format, "--out", path(first), "--db", a]))
      let other = try registry(format)
      assertOK(try camgap(["registry", "init", "--db", other]))
      let imported = try camgap(["registry", "import", path(first), "--db", other])
      assertOK(imported)
      XCTAssertEqual(imported.stdout, "\(first): 82 records: 82 added, 0 updated, 0 unchanged, 0 rejected\n")
      assertOK(try camgap(["registry", "export", "--format", format, "--out", path(second), "--db", other]))
      XCTAssertEqual(
        try Data(contentsOf: URL(fileURLWithPath: path(first))),
        try Data(contentsOf: URL(fileURLWithPath: path(second))),
        format)
      // And stdout carries the same bytes as --out.
      XCTAssertEqual(
        try camgap(["registry", "export", "--format", format, "--db", other]).stdout, try read(first))
    }
    // Importing its own export changes nothing.
    let same = try camgap(["registry", "import", path("export1.geojson"), "--db", a])
    XCTAssertEqual(same.stdout, "export1.geojson: 82 records: 0 added, 0 updated, 82 unchanged, 0 rejected\n")
  }

  func testOneBadRecordFailsTheImportAndSkipInvalidRejectsExactlyIt() throws {
    try oneBadRecord(db: path("r.sqlite"))
  }

  func testOneBadRecordFailsTheImportOnPostgreSQL() throws {
    try oneBadRecord(db: PGTargets.fresh(self))
  }

  func oneBadRecord(db: String) throws {
    assertOK(try camgap(["registry", "init", "--db", db]))
    let file = try write(
      csv(500, replacing: [250: "C00250,bad,121.01,30.7,fixed,90,400,30,1,active"]), "cams.csv")
    let r = try camgap(["registry", "import", file, "--db", db])
    XCTAssertEqual(r.code, 2)
    XCTAssertEqual(r.stderr, "camgap: cams.csv: line 252: field \"fov\": must be in (0, 360], got 400\n")
    XCTAssertEqual(r.stdout, "")
    XCTAssertEqual(
      try camgap(["registry", "export", "--format", "csv", "--db", db]).stdout.split(separator: "\n").count, 1
    )

    let dry = try camgap([
      "registry", "import", file, "--db", db, "--dry-run", "--skip-invalid", "--rejects", path("dry.csv"),
    ])
    assertOK(dry)
    XCTAssertTrue(
      dry.stdout.hasPrefix("dry run, nothing written: cams.csv: 500 records would give 499 added"), dry.stdout
    )
    XCTAssertEqual(
      try camgap(["registry", "list", "--format", "csv", "--db", db]).stdout.split(separator: "\n").count, 1)

    let ok = try camgap([
      "registry", "import", file, "--db", db, "--skip-invalid", "--rejects", path("rejects.csv"),
    ])
    assertOK(ok)
    XCTAssertEqual(
      ok.stdout,
      "cams.csv: 500 records: 499 added, 0 updated, 0 unchanged, 1 rejected\nrejected records: \(path("rejects.csv"))\n"
    )
    XCTAssertEqual(
      try read("rejects.csv"),
      """
      id,name,lon,lat,kind,heading,fov,range,class,status,reject_location,reject_reasons
      C00250,bad,121.01,30.7,fixed,90,400,30,1,active,line 252,"fov: must be in (0, 360], got 400"

      """)
    let listed = try camgap(["registry", "list", "--format", "csv", "--db", db]).stdout.split(separator: "\n")
    XCTAssertEqual(listed.count, 500)
    XCTAssertFalse(listed.contains { $0.hasPrefix("C00250,") })
  }

  func testRealRegistersFromTheCommandLine() throws {
    let db = path("real.sqlite")
    assertOK(try camgap(["registry", "init", "--db", db]))
    let hp = try camgap(["registry", "import", CLI.geodata("realdata/haiphong/cameras.geojson"), "--db", db])
    XCTAssertEqual(hp.code, 2)
    XCTAssertTrue(
      hp.stderr.contains(
        "camgap: cameras.geojson: feature 1193: field \"id\": duplicate id \"1194\" (also at feature 1197)\n")
    )
    XCTAssertTrue(
      hp.stderr.contains(
        "camgap: cameras.geojson: feature 1197: field \"id\": duplicate id \"1194\" (also at feature 1193)\n")
    )

    let dakar = try camgap(["registry", "import", CLI.geodata("realdata/dakar/cameras.geojson"), "--db", db])
    XCTAssertEqual(dakar.code, 2)
    XCTAssertTrue(
      dakar.stderr.hasPrefix(
        "camgap: cameras.geojson: feature 0: field \"id\": missing; every camera needs a unique id (or import with --generate-ids)\n"
      ), dakar.stderr)
    let generated = try camgap([
      "registry", "import", CLI.geodata("realdata/dakar/cameras.geojson"), "--generate-ids", "--db", db,
    ])
    XCTAssertEqual(
      generated.stdout, "cameras.geojson: 103 records: 103 added, 0 updated, 0 unchanged, 0 rejected\n")

    assertOK(
      try camgap(["registry", "import", CLI.geodata("realdata/dearborn/cameras.geojson"), "--db", db]))
    let show = try camgap(["registry", "show", "node/9407873739", "--format", "json", "--db", db])
    let obj = try JSONSerialization.jsonObject(with: Data(show.stdout.utf8)) as! [String: Any]
    XCTAssertEqual(obj["heading"] as? Double, 340)
    XCTAssertEqual(obj["lon"] as? Double, -83.2315404)
  }

  // MARK: two processes, and a killed one

  func testTwoProcessesImportingAtOnceBothLand() throws {
    try twoImporters(db: path("shared.sqlite"))
  }

  func testTwoProcessesImportingAtOnceOnPostgreSQL() throws {
    try twoImporters(db: PGTargets.fresh(self))
  }

  func twoImporters(db: String) throws {
    assertOK(try camgap(["registry", "init", "--db", db]))
    let n = 20_000
    let a = try write(csv(n, prefix: "A"), "a.csv")
    let b = try write(csv(n, prefix: "B"), "b.csv")
    let pa = try CLI.start(["registry", "import", a, "--db", db, "--by", "alice"])
    let pb = try CLI.start(["registry", "import", b, "--db", db, "--by", "bob"])
    let ra = pa.finish()
    let rb = pb.finish()
    assertOK(ra)
    assertOK(rb)
    XCTAssertEqual(ra.stdout, "a.csv: 20000 records: 20000 added, 0 updated, 0 unchanged, 0 rejected\n")
    XCTAssertEqual(rb.stdout, "b.csv: 20000 records: 20000 added, 0 updated, 0 unchanged, 0 rejected\n")
    let lines = try camgap(["registry", "export", "--format", "csv", "--db", db]).stdout.split(
      separator: "\n")
    XCTAssertEqual(lines.count, 2 * n + 1)
    XCTAssertEqual(lines.filter { $0.hasPrefix("A") }.count, n)
    XCTAssertEqual(lines.filter { $0.hasPrefix("B") }.count, n)
    let hist = try camgap(["registry", "history", "B19999", "--format", "csv", "--db", db]).stdout
    XCTAssertTrue(hist.contains(",bob,import,"), hist)
    // The same new file twice at once: the imports queue, so the second finds the first's
    // cameras unchanged instead of adding them again.
    let c = try write(csv(5_000, prefix: "D"), "c.csv")
    let runs = [
      try CLI.start(["registry", "import", c, "--db", db]),
      try CLI.start(["registry", "import", c, "--db", db]),
    ].map { $0.finish() }
    for r in runs { assertOK(r) }
    XCTAssertEqual(
      Set(runs.map(\.stdout)),
      [
        "c.csv: 5000 records: 5000 added, 0 updated, 0 unchanged, 0 rejected\n",
        "c.csv: 5000 records: 0 added, 0 updated, 5000 unchanged, 0 rejected\n",
      ])
    XCTAssertEqual(
      try camgap(["registry", "history", "D04999", "--format", "csv", "--db", db]).stdout.split(
        separator: "\n"
      )
      .count, 2)
  }

  func testImportKilledMidwayLeavesTheRegistryAsItWas() throws {
    let db = path("killed.sqlite")
    assertOK(try camgap(["registry", "init", "--db", db]))
    assertOK(try camgap(["registry", "import", try write(csv(100, prefix: "K"), "first.csv"), "--db", db]))
    let before = try camgap(["registry", "export", "--db", db]).stdout
    let beforeHistory = try camgap(["registry", "history", "K00000", "--format", "csv", "--db", db]).stdout
    let big = try write(csv(150_000), "big.csv")

    let p = try CLI.start(["registry", "import", big, "--db", db])
    // The transaction is under way once SQLite spills uncommitted pages into the WAL;
    // kill the process there, long before its commit.
    let wal = db + "-wal"
    let deadline = Date().addingTimeInterval(300)
    var walSize = 0
    while p.process.isRunning && Date() < deadline {
      walSize = ((try? FileManager.default.attributesOfItem(atPath: wal))?[.size] as? NSNumber)?.intValue ?? 0
      if walSize > 2_000_000 { break }
      usleep(10_000)
    }
    XCTAssertTrue(p.process.isRunning, "the import finished before it could be killed")
    kill(p.pid, SIGKILL)
    let r = p.finish()
    XCTAssertEqual(r.code, SIGKILL)
    XCTAssertGreaterThan(walSize, 2_000_000)

    XCTAssertEqual(try camgap(["registry", "export", "--db", db]).stdout, before)
    XCTAssertEqual(
      try camgap(["registry", "history", "K00000", "--format", "csv", "--db", db]).stdout, beforeHistory)
    let text = try Processes.run(
      URL(fileURLWithPath: "/usr/bin/sqlite3"),
      [db, "PRAGMA integrity_check; SELECT count(*) FROM camera; SELECT count(*) FROM history;"]
    ).stdout
    XCTAssertEqual(text, "ok\n100\n100\n")
    // The registry still takes writes.
    let small = try camgap(["registry", "import", try write(csv(10, prefix: "Z"), "z.csv"), "--db", db])
    XCTAssertEqual(small.stdout, "z.csv: 10 records: 10 added, 0 updated, 0 unchanged, 0 rejected\n")
  }

  // MARK: audit from the registry

  func testAuditFromRegistryEqualsAuditFromItsExport() throws {
    try auditFromRegistry(db: path("audit.sqlite"))
  }

  func testAuditFromPostgreSQLEqualsAuditFromItsExport() throws {
    try auditFromRegistry(db: PGTargets.fresh(self))
  }

  func auditFromRegistry(db: String) throws {
    assertOK(try camgap(["registry", "init", "--db", db]))
    assertOK(try camgap(["registry", "import", CLI.geodata("tiny/cameras.geojson"), "--db", db]))
    assertOK(try camgap(["registry", "update", "CAM-A", "--installed", "2024-01-01", "--db", db]))
    assertOK(try camgap(["registry", "update", "CAM-B", "--removed", "2025-01-01", "--db", db]))
    assertOK(try camgap(["registry", "retire", "CAM-C", "--date", "2024-03-01", "--db", db]))
    assertOK(try camgap(["registry", "export", "--out", path("exported.geojson"), "--db", db]))

    var active: [String: Int] = [:]
    for on in [nil, "2023-06-01", "2024-06-01", "2025-06-01"] {
      let extra = on.map { ["--on", $0] } ?? []
      let fromDB = try camgap(["audit", CLI.geodata("tiny"), "--db", db, "--format", "json"] + extra)
      let fromFile = try camgap(
        ["audit", CLI.geodata("tiny"), "--cameras", path("exported.geojson"), "--format", "json"] + extra)
      assertOK(fromDB)
      assertOK(fromFile)
      XCTAssertEqual(fromDB.stdout, fromFile.stdout, on ?? "no date")
      let doc = try JSONSerialization.jsonObject(with: Data(fromDB.stdout.utf8)) as! [String: Any]
      let summary = doc["summary"] as! [String: Any]
      XCTAssertEqual(summary["cameras"] as? Int, 3)
      active[on ?? "-"] = summary["active_cameras"] as? Int
    }
    // CAM-A covers from 2024-01-01, CAM-B until 2025-01-01 (and, removed, not without --on);
    // CAM-C was offline and is now retired, which covers at no date (SPEC §1 status).
    XCTAssertEqual(active, ["-": 1, "2023-06-01": 1, "2024-06-01": 2, "2025-06-01": 1])

    let coverage = try camgap(["coverage", CLI.geodata("tiny"), "--db", db, "--on", "2024-06-01"])
    assertOK(coverage)
    let fc = try JSONSerialization.jsonObject(with: Data(coverage.stdout.utf8)) as! [String: Any]
    XCTAssertEqual((fc["features"] as! [Any]).count, 2)
  }

  // MARK: edits

  func testEditsListsAndHistoryFromTheCommandLine() throws {
    let db = path("edit.sqlite")
    assertOK(try camgap(["registry", "init", "--db", db]))
    assertOK(
      try camgap(
        ["registry", "add", "E1", "--lon", "121.02", "--lat", "30.695", "--kind", "ptz", "--db", db],
        env: ["USER": "wang"]))
    assertOK(
      try camgap([
        "registry", "add", "33048200001320000009", "--lon", "121.03", "--lat", "30.7", "--class", "1", "--by",
        "li", "--db", db,
      ]))
    let upd = try camgap([
      "registry", "update", "E1", "--fov", "300", "--range", "45", "--by", "zhao", "--note", "工单 5", "--db",
      db,
    ])
    XCTAssertEqual(upd.stdout, "E1: fov: - → 300\nE1: range: - → 45\n")
    XCTAssertEqual(
      try camgap(["registry", "update", "E1", "--unset", "fov", "--by", "zhao", "--db", db]).stdout,
      "E1: fov: 300 → -\n")
    XCTAssertEqual(
      try camgap(["registry", "retire", "E1", "--date", "2026-01-01", "--db", db], env: ["USER": "chen"])
        .stdout,
      "E1: status: active → retired\nE1: removed: - → 2026-01-01\n")

    let hist = try camgap(["registry", "history", "E1", "--format", "json", "--db", db])
    let entries = try JSONSerialization.jsonObject(with: Data(hist.stdout.utf8)) as! [[String: Any]]
    XCTAssertEqual(entries.map { $0["by"] as! String }, ["wang", "zhao", "zhao", "zhao", "chen", "chen"])
    XCTAssertEqual(
      entries.map { $0["action"] as! String }, ["add", "update", "update", "update", "retire", "retire"])
    XCTAssertEqual(entries[1]["note"] as? String, "工单 5")
    XCTAssertEqual(entries[3]["old"] as? String, "300")
    XCTAssertTrue(entries[3]["new"] is NSNull)
    let table = try camgap(["registry", "history", "E1", "--db", db]).stdout
    XCTAssertTrue(table.hasPrefix("at "), table)
    XCTAssertTrue(table.contains("zhao  update  range: - → 45"), table)

    XCTAssertEqual(
      try camgap(["registry", "list", "--status", "retired", "--format", "csv", "--db", db]).stdout.split(
        separator: "\n"
      ).count, 2)
    XCTAssertEqual(
      try camgap(["registry", "list", "--district", "330482", "--format", "csv", "--db", db]).stdout,
      "id,name,lon,lat,kind,heading,fov,range,resolution,min_range,height,tilt,class,status,installed,removed,district\n33048200001320000009,,121.03,30.7,fixed,,,,,,,,1,active,,,330482\n"
    )
    XCTAssertTrue(try camgap(["registry", "list", "--db", db]).stdout.hasSuffix("2 cameras\n"))
    let json = try camgap(["registry", "list", "--kind", "ptz", "--format", "json", "--db", db]).stdout
    let rows = try JSONSerialization.jsonObject(with: Data(json.utf8)) as! [[String: Any]]
    XCTAssertEqual(rows.map { $0["id"] as! String }, ["E1"])
    XCTAssertTrue(
      try camgap(["registry", "show", "E1", "--db", db]).stdout.contains("history     6 entries\n"))

    // Bad values: exit 2 naming the camera and field; nothing written.
    let bad = try camgap(["registry", "update", "E1", "--heading", "400", "--db", db])
    XCTAssertEqual(bad.code, 2)
    XCTAssertEqual(bad.stderr, "camgap: camera \"E1\": field \"heading\": must be in [0, 360], got 400\n")
    let unknown = try camgap(["registry", "show", "nope", "--db", db])
    XCTAssertEqual(unknown.code, 2)
    XCTAssertEqual(unknown.stderr, "camgap: \(db): field \"id\": no camera \"nope\" in the registry\n")
    let dup = try camgap(["registry", "add", "E1", "--lon", "1", "--lat", "1", "--db", db])
    XCTAssertEqual(dup.code, 2)
    XCTAssertEqual(
      try camgap(["registry", "history", "E1", "--format", "csv", "--db", db]).stdout.split(separator: "\n")
        .count, 7)
  }

  func testUsageErrorsExitOne() throws {
    let db = path("u.sqlite")
    let file = try write(csv(3), "c.csv")
    for args in [
      ["registry", "import", file, "--db", db, "--skip-invalid"],
      ["registry", "import", file, "--db", db, "--rejects", path("r.csv")],
      ["registry", "import", file, "--db", db, "--input-crs", "mars"],
      ["registry", "list", "--kind", "bullet", "--db", db],
      ["registry", "list", "--class", "7", "--db", db],
      ["registry", "update", "C00000", "--db", db],
      ["registry", "update", "C00000", "--unset", "colour", "--db", db],
      ["registry", "add", "X", "--lon", "1", "--db", db],
      ["registry", "frobnicate"],
      ["audit", CLI.geodata("tiny"), "--db", db, "--cameras", file],
      ["audit", CLI.geodata("tiny"), "--db", db, "--input-crs", "gcj02"],
    ] {
      let r = try camgap(args)
      XCTAssertEqual(r.code, 1, "\(args): \(r.stderr)")
    }
    XCTAssertFalse(FileManager.default.fileExists(atPath: db))
  }
}
