import Foundation
import GRDB
import XCTest

@testable import Registry

/// A registry made before the GeoPackage layer (schema v1 only) gains it on its next open,
/// with every camera it already holds.
final class GeoPackageMigrationTests: XCTestCase {
  func testV1RegistryMigratesWithItsCameras() throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent(
      "camgap-v1-\(UUID().uuidString).gpkg"
    ).path
    defer { try? FileManager.default.removeItem(atPath: path) }
    do {
      let old = try DatabaseQueue(path: path)
      try Schema.migrator.migrate(old, upTo: "v1: cameras and history")
      try old.write { db in
        try db.execute(
          sql:
            "INSERT INTO camera (id, name, lon, lat, kind, fov) VALUES ('OLD-1', '老点位', 120.95, 30.7, 'fixed', 60)"
        )
      }
    }
    let store = try RegistryStore(path: path, create: false)
    let (applied, rows, header) = try store.read { db in
      (
        try Schema.migrator.appliedMigrations(db),
        try Row.fetchAll(db, sql: "SELECT id, name, fov, geom FROM cameras"),
        (
          try Int.fetchOne(db, sql: "PRAGMA application_id"),
          try Int.fetchOne(db, sql: "PRAGMA user_version"),
          try Int.fetchOne(
            db,
            sql:
              "SELECT count(*) FROM rtree_cameras_geom WHERE minx <= 120.95 AND maxx >= 120.95 AND miny <= 30.7 AND maxy >= 30.7"
          )
        )
      )
    }
    XCTAssertEqual(
      applied, ["v1: cameras and history", "v2: GeoPackage cameras layer", "v3: camera versions"])
    XCTAssertEqual(header.0, 0x4750_4B47)
    XCTAssertEqual(header.1, 10300)
    XCTAssertEqual(header.2, 1)
    XCTAssertEqual(rows.count, 1)
    XCTAssertEqual(rows[0]["id"] as String, "OLD-1")
    XCTAssertEqual(rows[0]["name"] as String, "老点位")
    XCTAssertEqual(rows[0]["fov"] as Double, 60)
    XCTAssertEqual(rows[0]["geom"] as Data, GeoPackageLayer.pointBlob(lon: 120.95, lat: 30.7))
  }

  /// The point blob is the GeoPackage header (`GP`, version 0, little-endian, SRS 4326) and
  /// the WKB point, byte for byte.
  func testPointBlobLayout() {
    let blob = GeoPackageLayer.pointBlob(lon: 1, lat: -2)
    XCTAssertEqual(
      Array(blob),
      [0x47, 0x50, 0x00, 0x01, 0xE6, 0x10, 0x00, 0x00, 0x01, 0x01, 0x00, 0x00, 0x00]
        + [0, 0, 0, 0, 0, 0, 0xF0, 0x3F] + [0, 0, 0, 0, 0, 0, 0x00, 0xC0])
  }
}
