import Cameras
import Foundation
import Geometry
import XCTest

@testable import Registry

final class EditTests: XCTestCase {
  let alice = EditOptions(by: "alice", note: "work order 17")

  func testAddUpdateRetireKeepAnAuditTrail() throws {
    let store = try Scratch.store(try Scratch.dir())
    try store.add(
      [
        .id: "K1", .name: "东门", .lon: "121.02", .lat: "30.695", .kind: "fixed", .heading: "90", .fov: "90",
        .range: "50",
      ],
      options: alice)
    let changes = try store.update(
      id: "K1", set: [.heading: "305;175;240", .fov: "60", .installed: "2024-03-01"], unset: [.range],
      options: EditOptions(by: "bob"))
    XCTAssertEqual(changes.map(\.field), ["heading", "fov", "range", "installed"])
    XCTAssertEqual(changes.map(\.old), ["90", "90", "50", nil])
    XCTAssertEqual(changes.map(\.new), ["305;175;240", "60", nil, "2024-03-01"])
    XCTAssertEqual(try store.update(id: "K1", set: [.fov: "60"], options: alice).count, 0)
    let retired = try store.retire(id: "K1", date: "2025-06-30", options: EditOptions(by: "carol"))
    XCTAssertEqual(retired.map(\.field), ["status", "removed"])

    let rec = try store.record(id: "K1")
    XCTAssertEqual(rec[.status], "retired")
    XCTAssertEqual(rec[.removed], "2025-06-30")
    XCTAssertEqual(rec.camera.views.map(\.heading), [305, 175, 240])
    XCTAssertTrue(rec.camera.inService(on: ISODate("2025-06-29")))
    XCTAssertFalse(rec.camera.inService(on: ISODate("2025-06-30")))
    XCTAssertFalse(rec.camera.inService(on: ISODate("2024-02-29")))

    let trail = try store.history(id: "K1")
    XCTAssertEqual(trail.map(\.action), ["add", "update", "update", "update", "update", "retire", "retire"])
    XCTAssertEqual(trail.map(\.by), ["alice", "bob", "bob", "bob", "bob", "carol", "carol"])
    XCTAssertEqual(trail[0].note, "work order 17")
    XCTAssertEqual(
      trail[0].new,
      #"{"id":"K1","name":"东门","lon":121.02,"lat":30.695,"kind":"fixed","heading":90,"fov":90,"range":50,"status":"active"}"#
    )
    XCTAssertEqual([trail[5].field, trail[5].old, trail[5].new], ["status", "active", "retired"])
    let iso = try NSRegularExpression(pattern: #"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$"#)
    for e in trail {
      XCTAssertEqual(iso.numberOfMatches(in: e.at, range: NSRange(e.at.startIndex..., in: e.at)), 1, e.at)
    }
    let table = RegistryFormat.historyTable(trail)
    XCTAssertTrue(table.contains("bob    update  heading: 90 → 305;175;240"), table)
  }

  func testEveryWriteIsValidatedLikeAnImport() throws {
    let store = try Scratch.store(try Scratch.dir())
    XCTAssertEqual(
      errors { try store.add([.id: "A", .lon: "30.7", .lat: "121.02"], options: alice) },
      [#"camera "A": field "lat": latitude 121.02 outside [-90, 90]; lat and lon look swapped"#])
    XCTAssertEqual(
      errors {
        try store.add(
          [.id: "A", .lon: "121", .lat: "30", .fov: "400", .kind: "bullet", .cameraClass: "5"], options: alice
        )
      },
      [
        #"camera "A": field "kind": unknown kind "bullet"; expected fixed, dome, ptz or panoramic"#,
        #"camera "A": field "fov": must be in (0, 360], got 400"#,
        #"camera "A": field "class": must be 1, 2 or 3, got 5"#,
      ])
    XCTAssertEqual(
      errors {
        try store.add(
          [.id: "3304820000132000000X", .lon: "121", .lat: "30"],
          options: EditOptions(by: "a", strictIDs: true))
      },
      [
        #"camera "3304820000132000000X": field "id": not a GB/T 28181 camera code: must be 20 digits, found "X" at position 20"#
      ])
    XCTAssertEqual(try store.count(), 0)

    try store.add([.id: "A", .lon: "121", .lat: "30", .installed: "2024-05-01"], options: alice)
    XCTAssertEqual(
      errors { try store.add([.id: "A", .lon: "121", .lat: "30"], options: alice) },
      [#"camera "A": field "id": already in the registry; change it with `camgap registry update`"#])
    XCTAssertEqual(
      errors { try store.update(id: "A", set: [.heading: "400"], options: alice) },
      [#"camera "A": field "heading": must be in [0, 360], got 400"#])
    XCTAssertEqual(
      errors { try store.retire(id: "A", date: "2024-04-01", options: alice) },
      [#"camera "A": field "removed": 2024-04-01 is before installed 2024-05-01"#])
    XCTAssertEqual(
      errors { try store.update(id: "A", set: [:], unset: [.lon], options: alice) },
      [#"camera "A": field "lon": missing"#])
    XCTAssertThrowsError(try store.update(id: "nope", set: [.fov: "10"], options: alice)) { e in
      XCTAssertEqual(e as? RegistryError, .unknownCamera(id: "nope", path: store.path))
    }
    XCTAssertEqual(try store.record(id: "A")[.removed], nil)
    XCTAssertEqual(try store.historyCount(), 1)
  }

  func testRetireDefaultsToStoredDateThenToday() throws {
    let store = try Scratch.store(try Scratch.dir())
    try store.add([.id: "R1", .lon: "121", .lat: "30", .removed: "2025-01-10"], options: alice)
    try store.add([.id: "R2", .lon: "121", .lat: "30"], options: alice)
    try store.retire(id: "R1", options: alice)
    try store.retire(id: "R2", options: alice)
    XCTAssertEqual(try store.record(id: "R1")[.removed], "2025-01-10")
    XCTAssertEqual(try store.record(id: "R2")[.removed], Clock.localToday())
    XCTAssertEqual(try store.retire(id: "R2", options: alice).count, 0)
  }
}
