import Cameras
import Formats
import Foundation
import TestSupport
import XCTest

@testable import Registry

/// The two `CameraRegistry` backends given the same files and edits must hold the same
/// cameras, answer the same filters and keep the same history: the PostgreSQL store reads
/// its rows back through text and COPY, the SQLite one through typed columns, so any value
/// that does not survive one of them shows here.
final class BackendEquivalenceTests: XCTestCase {
  func testTargetsNameTheirBackend() {
    for uri in [
      "postgresql://u@host/db", "postgres:///camgap?host=/run/postgresql", "host=/tmp dbname=x",
      "dbname=registry", " user=planner host=db",
    ] {
      XCTAssertTrue(RegistryTarget.isPostgreSQL(uri), uri)
    }
    for path in ["camgap.gpkg", "/srv/registry.sqlite", "./dbname=x", "postgresql.gpkg", "a=b", ""] {
      XCTAssertFalse(RegistryTarget.isPostgreSQL(path), path)
    }
  }

  /// A PostgreSQL registry in a schema of its own on the test server.
  func postgreSQL() throws -> PGRegistryStore {
    let db = try PGTestCluster.connect(self)
    let schema = try XCTUnwrap(db.execute("SELECT current_schema()").string(0, 0))
    let uri = try XCTUnwrap(PGTestCluster.started.uri) + "&options=-csearch_path%3D\(schema),public"
    return try PGRegistryStore(uri, create: true)
  }

  func testBothBackendsHoldAndAnswerTheSame() throws {
    let dir = try Scratch.dir()
    defer { try? FileManager.default.removeItem(at: dir) }
    let sqlite = try Scratch.store(dir)
    let pg = try postgreSQL()
    XCTAssertTrue(pg.created)
    let awkward = try Scratch.write(
      """
      id,name,lon,lat,kind,heading,fov,range,class,status,installed,removed,height,tilt,min_range,resolution
      33048200001320000001,"东门 ""北""\\back\\slash, 二段",121.02010000000001,30.6952,dome,305;175.5;240,62.5,35,1,active,2023-04-01,,6.5,-12.25,1.5,1920
      33048200001320000002,'=SUM(A1),121.0202,30.6953,ptz,243.7-288.1,,80,2,maintenance,2020-01-01,2024-12-31,,,,
      K3,,-83.2,42.3,panoramic,,360,,,planned,,,,,,

      """, dir, "awkward.csv")
    var options = ImportOptions()
    options.by = "tester"
    for store in [sqlite, pg] as [any CameraRegistry] {
      let realdata = try store.importFile(Scratch.realdata("dearborn"), options: options)
      XCTAssertEqual(realdata.added, 77)
      XCTAssertEqual(try store.importFile(awkward, options: options).added, 3)
      let edit = EditOptions(by: "planner", note: "WO-7")
      try store.update(
        id: "K3", set: [.name: "renamed", .range: "12"], unset: [], district: .set("X1"), options: edit)
      try store.retire(id: "33048200001320000002", date: "2025-01-01", options: edit)
      XCTAssertEqual(try store.version(of: "K3"), 2)
    }
    XCTAssertEqual(try pg.records(CameraFilter()), try sqlite.records(CameraFilter()))
    XCTAssertEqual(try pg.cameras(), try sqlite.cameras())
    XCTAssertEqual(try pg.count(), 80)
    for filter in [
      CameraFilter(districtPrefix: "330482"), CameraFilter(kinds: [.dome, .ptz]),
      CameraFilter(classes: [1, 2]),
      CameraFilter(districtPrefix: "X", statuses: [.planned]), CameraFilter(statuses: [.retired]),
    ] {
      let expected = try sqlite.records(filter)
      XCTAssertFalse(expected.isEmpty, "\(filter)")
      XCTAssertEqual(try pg.records(filter), expected, "\(filter)")
    }
    let name = try pg.record(id: "33048200001320000001").name
    XCTAssertEqual(name, "东门 \"北\"\\back\\slash, 二段")
    for id in ["K3", "33048200001320000002", "33048200001320000001"] {
      func trail(_ s: any CameraRegistry) throws -> [[String?]] {
        try s.history(id: id).map { [$0.cameraID, $0.by, $0.action, $0.field, $0.old, $0.new, $0.note] }
      }
      XCTAssertEqual(try trail(pg), try trail(sqlite), id)
    }
    XCTAssertEqual(try pg.history(id: "K3").count, 4)
    XCTAssertThrowsError(try pg.record(id: "nope")) {
      XCTAssertEqual($0 as? RegistryError, .unknownCamera(id: "nope", path: pg.target))
    }
    XCTAssertThrowsError(
      try pg.update(
        id: "K3", set: [.fov: "400"], unset: [], district: .keep, options: EditOptions(by: "x", ifVersion: 2))
    ) { XCTAssertEqual("\($0)", "camera \"K3\": field \"fov\": must be in (0, 360], got 400") }
    XCTAssertThrowsError(
      try pg.retire(id: "K3", date: nil, options: EditOptions(by: "x", ifVersion: 1))
    ) { XCTAssertEqual($0 as? RegistryError, .changed(id: "K3", expected: 1, actual: 2, path: pg.target)) }
  }

  /// `--manifest` renames and translates the file's fields on either backend: both import
  /// through the same reading of the file.
  func testBothBackendsImportThroughTheManifest() throws {
    let dir = try Scratch.dir()
    defer { try? FileManager.default.removeItem(at: dir) }
    let file = try Scratch.write(
      """
      cam_id,label,x,y,type
      M1,北门,121.0201,30.6952,球机
      M2,南门,121.0203,30.6950,枪机

      """, dir, "renamed.csv")
    var options = ImportOptions()
    options.by = "tester"
    options.manifest = LayerManifest(
      fields: ["id": "cam_id", "name": "label", "lon": "x", "lat": "y", "kind": "type"],
      values: ["kind": ["球机": "dome", "枪机": "fixed"]])
    let sqlite = try Scratch.store(dir)
    let pg = try postgreSQL()
    for store in [sqlite, pg] as [any CameraRegistry] {
      let report = try store.importFile(file, options: options)
      XCTAssertEqual([report.records, report.added, report.rejected.count], [2, 2, 0], store.target)
      let records = try store.records(CameraFilter())
      XCTAssertEqual(records.map(\.id), ["M1", "M2"], store.target)
      XCTAssertEqual(records.map(\.name), ["北门", "南门"], store.target)
      XCTAssertEqual(records.map(\.kind), [.dome, .fixed], store.target)
      XCTAssertEqual(records.map(\.lon), [121.0201, 121.0203], store.target)
      // Ids are compared as SPEC §1 says (NFC, trimmed) by every backend's reads and edits.
      let changes = try store.update(id: " M1 ", set: [.name: "北门岗亭"], options: EditOptions(by: "p"))
      XCTAssertEqual(changes.map(\.field), ["name"], store.target)
      XCTAssertEqual(try store.record(id: "M1\t").name, "北门岗亭", store.target)
      XCTAssertEqual(try store.version(of: " M1"), 2, store.target)
      XCTAssertEqual(try store.history(id: "M1 ").map(\.action).last, "update", store.target)
    }
  }
}
