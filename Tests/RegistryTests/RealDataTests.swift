import Cameras
import Formats
import Foundation
import Geometry
import XCTest

@testable import Registry

/// Public registers nobody on the team wrote (geodata/realdata/*/SOURCE.md).
final class RealDataTests: XCTestCase {
  func options(_ change: (inout ImportOptions) -> Void = { _ in }) -> ImportOptions {
    var o = ImportOptions()
    o.by = "test"
    change(&o)
    return o
  }

  /// Hai Phong's register has ids 1194–1197 twice each (features 1193–1196 and 1197–1200)
  /// and Vietnamese free text in `direction` on 850 cameras.
  func testHaiPhongDuplicateIDsReportedAtBothPlaces() throws {
    let dir = try Scratch.dir()
    let store = try Scratch.store(dir)
    let path = Scratch.realdata("haiphong")
    let errs = errors { _ = try store.importFile(path, options: options()) }
    for (k, id) in ["1194", "1195", "1196", "1197"].enumerated() {
      XCTAssertTrue(
        errs.contains(
          #"cameras.geojson: feature \#(1193 + k): field "id": duplicate id "\#(id)" (also at feature \#(1197 + k))"#
        ),
        id)
      XCTAssertTrue(
        errs.contains(
          #"cameras.geojson: feature \#(1197 + k): field "id": duplicate id "\#(id)" (also at feature \#(1193 + k))"#
        ),
        id)
    }
    XCTAssertTrue(
      errs.contains(where: {
        $0.hasPrefix(#"cameras.geojson: feature 0: field "direction": direction "Hướng về đường 353""#)
      }))
    XCTAssertEqual(
      errs.last,
      #"cameras.geojson: field "direction": 825 more problems not shown (858 bad records in all; --skip-invalid --rejects FILE writes every one with its reasons)"#
    )
    XCTAssertEqual(try store.count(), 0)

    let rejects = dir.appendingPathComponent("rejects.geojson").path
    let r = try store.importFile(
      path,
      options: options {
        $0.skipInvalid = true
        $0.rejectsPath = rejects
      })
    XCTAssertEqual([r.records, r.added, r.rejected.count], [4283, 3425, 858])
    XCTAssertEqual(try store.count(), 3425)
    for id in ["1194", "1195", "1196", "1197"] {
      XCTAssertThrowsError(try store.record(id: id))
    }
    XCTAssertThrowsError(try store.record(id: "1"))  // "Hướng về đường 353" is no bearing
    let kept = try store.record(id: "25")
    XCTAssertEqual(
      [kept[.name], kept[.lon], kept[.lat], kept[.heading]], ["62 vũ dự", "106.26947", "20.92293", nil])
    let fc = try GeoJSONReader.read(path: rejects)
    XCTAssertEqual(fc.features.count, 858)
    let dupes = fc.features.filter { ($0.property("reject_reasons")?.string ?? "").contains("duplicate id") }
    XCTAssertEqual(
      dupes.compactMap { $0.property("id")?.number }, [1194, 1195, 1196, 1197, 1194, 1195, 1196, 1197])
  }

  /// Dearborn's Overpass export: every camera carries an OSM `direction` (never
  /// `camera:direction`), which becomes its heading.
  func testDearbornOSMDirectionsBecomeHeadings() throws {
    let dir = try Scratch.dir()
    let store = try Scratch.store(dir)
    let r = try store.importFile(Scratch.realdata("dearborn"), options: options())
    XCTAssertEqual([r.records, r.added, r.skippedNonCameras], [77, 77, 0])
    let fc = try GeoJSONReader.read(path: Scratch.realdata("dearborn"))
    var checked = 0
    for f in fc.features {
      let id = try XCTUnwrap(f.property("@id")?.string)
      let direction = try XCTUnwrap(f.property("direction")?.string)
      let rec = try store.record(id: id)
      XCTAssertEqual(rec[.heading], direction, id)
      XCTAssertEqual(rec[.kind], "fixed")
      checked += 1
    }
    XCTAssertEqual(checked, 77)
    XCTAssertEqual(try store.record(id: "node/9407873739")[.heading], "340")
    let cameras = try store.cameras()
    // Read straight from the rows, the same cameras as through the stored text.
    XCTAssertEqual(cameras, try store.records().map(\.camera))
    XCTAssertEqual(cameras.filter { $0.views.count == 1 }.count, 77)
    // Two nodes carry panning ranges, "341-26" and "118-163": 45° of sweep each.
    let panning = cameras.filter { $0.views[0].extraSweep > 0 }
    XCTAssertEqual(panning.map(\.views[0].extraSweep), [45, 45])
    XCTAssertEqual(Set(panning.map(\.views[0].heading)), [3.5, 140.5])
  }

  /// Dakar's points have no properties at all: refused, each named, unless ids are asked to
  /// be generated.
  func testDakarPointsWithoutIDs() throws {
    let dir = try Scratch.dir()
    let store = try Scratch.store(dir)
    let path = Scratch.realdata("dakar")
    let errs = errors { _ = try store.importFile(path, options: options()) }
    XCTAssertEqual(errs.count, 26)
    XCTAssertEqual(
      errs[0],
      #"cameras.geojson: feature 0: field "id": missing; every camera needs a unique id (or import with --generate-ids)"#
    )
    XCTAssertEqual(
      errs[24],
      #"cameras.geojson: feature 24: field "id": missing; every camera needs a unique id (or import with --generate-ids)"#
    )
    XCTAssertEqual(
      errs[25],
      #"cameras.geojson: field "id": 78 more problems not shown (103 bad records in all; --skip-invalid --rejects FILE writes every one with its reasons)"#
    )
    XCTAssertEqual(try store.count(), 0)

    let r = try store.importFile(path, options: options { $0.read.generateMissingIDs = true })
    XCTAssertEqual(r.added, 103)
    let first = try store.record(id: "cameras-0")
    XCTAssertEqual(first[.lon], "-17.47515")
    XCTAssertEqual(first[.lat], "14.7008")
    XCTAssertNil(first[.heading])
    XCTAssertEqual(
      try store.importFile(path, options: options { $0.read.generateMissingIDs = true }).unchanged, 103)
  }
}
