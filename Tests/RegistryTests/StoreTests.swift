import Foundation
import TestSupport
import XCTest

@testable import Registry

final class StoreTests: XCTestCase {
  func testNewRegistryIsPrivateWALWithBusyTimeout() throws {
    let dir = try Scratch.dir()
    let path = dir.appendingPathComponent("reg.sqlite").path
    let store = try RegistryStore(path: path, create: true)
    let attrs = try FileManager.default.attributesOfItem(atPath: path)
    XCTAssertEqual((attrs[.posixPermissions] as! NSNumber).intValue, 0o600)
    XCTAssertTrue(RegistryStore.isPrivate(path: path))
    let p = try store.pragmas()
    XCTAssertEqual(p.journalMode, "wal")
    XCTAssertEqual(p.busyTimeoutMS, 60_000)
    XCTAssertEqual(
      p.schema, ["v1: cameras and history", "v2: GeoPackage cameras layer", "v3: camera versions"])
    // The WAL file SQLite creates next to it inherits the mode.
    try store.add([.id: "a", .lon: "121", .lat: "30"], options: EditOptions(by: "t"))
    let wal = path + "-wal"
    XCTAssertTrue(FileManager.default.fileExists(atPath: wal))
    XCTAssertEqual(
      (try FileManager.default.attributesOfItem(atPath: wal)[.posixPermissions] as! NSNumber).intValue, 0o600)
  }

  func testLocationFlagThenEnvironmentThenDefault() {
    XCTAssertEqual(
      RegistryLocation.resolve(flag: "/x/a.sqlite", environment: ["CAMGAP_DB": "/y/b.sqlite"]), "/x/a.sqlite")
    XCTAssertEqual(
      RegistryLocation.resolve(flag: nil, environment: ["CAMGAP_DB": "/y/b.sqlite"]), "/y/b.sqlite")
    XCTAssertEqual(RegistryLocation.resolve(flag: nil, environment: ["CAMGAP_DB": ""]), "camgap.gpkg")
    XCTAssertEqual(RegistryLocation.resolve(flag: nil, environment: [:]), "camgap.gpkg")
  }

  func testMissingForeignAndNonSQLiteFilesAreRefused() throws {
    let dir = try Scratch.dir()
    let missing = dir.appendingPathComponent("none.sqlite").path
    XCTAssertThrowsError(try RegistryStore(path: missing, create: false)) { e in
      XCTAssertEqual(e as? RegistryError, .noRegistry(path: missing))
    }
    XCTAssertFalse(FileManager.default.fileExists(atPath: missing))

    let text = try Scratch.write("id,lon,lat\n", dir, "cameras.csv")
    XCTAssertThrowsError(try RegistryStore(path: text, create: false)) { e in
      XCTAssertEqual(e as? RegistryError, .notARegistry(path: text, reason: "not an SQLite database"))
    }
    XCTAssertEqual(try Scratch.read(text), "id,lon,lat\n")

    let foreign = dir.appendingPathComponent("other.sqlite").path
    _ = try Processes.run(
      URL(fileURLWithPath: "/usr/bin/sqlite3"), [foreign, "CREATE TABLE t(x); INSERT INTO t VALUES (1);"])
    XCTAssertThrowsError(try RegistryStore(path: foreign, create: true)) { e in
      XCTAssertEqual(e as? RegistryError, .notARegistry(path: foreign, reason: "it holds other tables"))
    }

    XCTAssertThrowsError(
      try RegistryStore(path: dir.appendingPathComponent("no/such/dir/r.sqlite").path, create: true)
    ) {
      e in
      guard case .cannotCreate? = e as? RegistryError else { return XCTFail("\(e)") }
    }
  }

  func testHistoryIsAppendOnly() throws {
    let store = try Scratch.store(try Scratch.dir())
    try store.add([.id: "a", .lon: "121", .lat: "30"], options: EditOptions(by: "t"))
    XCTAssertThrowsError(try store.write { db in try db.execute(sql: "DELETE FROM history") })
    XCTAssertThrowsError(try store.write { db in try db.execute(sql: "UPDATE history SET \"by\" = 'x'") })
    XCTAssertEqual(try store.historyCount(), 1)
  }

  func testConstraintsRefuseWhatValidationWouldHaveCaught() throws {
    let store = try Scratch.store(try Scratch.dir())
    for sql in [
      "INSERT INTO camera (id, lon, lat) VALUES ('a', 200, 0)",
      "INSERT INTO camera (id, lon, lat, kind) VALUES ('a', 0, 0, 'bullet')",
      "INSERT INTO camera (id, lon, lat, fov) VALUES ('a', 0, 0, 400)",
      "INSERT INTO camera (id, lon, lat, \"class\") VALUES ('a', 0, 0, 4)",
      "INSERT INTO camera (id, lon, lat, installed, removed) VALUES ('a', 0, 0, '2024-01-02', '2024-01-01')",
      "INSERT INTO camera (id, lon, lat, installed) VALUES ('a', 0, 0, 'soon')",
    ] {
      XCTAssertThrowsError(try store.write { db in try db.execute(sql: sql) }, sql)
    }
    XCTAssertEqual(try store.count(), 0)
  }
}
