import Formats
import Support
import XCTest

@testable import Cameras
@testable import Geometry
@testable import Reports

final class AuditDiffTests: XCTestCase {
  func snapshot(zones: [(String, Double)], gaps: [(String, PlanarPolygon, Double)]) -> AuditSnapshot {
    var s = AuditSnapshot(
      file: "a.json", crs: "EPSG:32651", summary: [("gaps", Double(gaps.count))],
      districts: [.init(code: "D1", name: "东街道", area: 1e6, coverage: 0.1)],
      zones: zones.map {
        .init(
          id: $0.0, name: "", kind: "demolition", coverage: $0.1, target: 0.8, meetsTarget: $0.1 >= 0.8,
          gapCount: 0)
      },
      gaps: gaps.map {
        .init(
          id: $0.0, zone: "Z", kind: "demolition", district: "D1", area: $0.2, centroid: $0.1.bbox.center,
          polygons: [$0.1])
      })
    s.hasGapGeometry = true
    return s
  }

  func testSameAuditNoChanges() throws {
    let a = snapshot(zones: [("Z", 0.5)], gaps: [("Z#1", Fixture.polygon(0, 0, 10, 10), 1e4)])
    let cams = [Camera(id: "C1", lon: 121, lat: 30.7)]
    let d = try AuditDiff.compare(old: a, new: a, oldCameras: cams, newCameras: cams)
    XCTAssertTrue(d.isEmpty)
    XCTAssertEqual(d.changes, 0)
    XCTAssertTrue(d.gapsMatched)
    XCTAssertEqual(d.gapsPersisting, 1)
    XCTAssertTrue(DiffReport.table(d, oldName: "a", newName: "a").contains("no changes"))
    XCTAssertTrue(DiffReport.json(d).hasPrefix("{\n  \"changes\": 0,"))
  }

  /// Ranks shift when the largest gap closes: the old Z#2 is now Z#1. Matching by overlap
  /// says the old Z#1 closed; matching by id would wrongly say Z#2 closed.
  func testGapsMatchByOverlapNotByID() throws {
    let big = Fixture.polygon(0, 0, 30, 30)
    let small = Fixture.polygon(50, 0, 10, 10)
    let old = snapshot(zones: [("Z", 0.5)], gaps: [("Z#1", big, 9e4), ("Z#2", small, 1e4)])
    let new = snapshot(zones: [("Z", 0.9)], gaps: [("Z#1", small, 1e4)])
    let d = try AuditDiff.compare(old: old, new: new)
    XCTAssertEqual(d.gapsClosed.map(\.id), ["Z#1"])
    XCTAssertEqual(d.gapsClosed.map(\.area), [9e4])
    XCTAssertEqual(d.gapsOpened.count, 0)
    XCTAssertEqual(d.gapsPersisting, 1)
    XCTAssertEqual(d.zonesImproved.map(\.id), ["Z"])
    XCTAssertEqual(d.zonesImproved[0].delta, 0.4, accuracy: 1e-12)
    XCTAssertEqual(d.zonesImproved[0].newMeets, true)
  }

  /// A camera in the middle of a gap splits it: both halves are still that gap; a gap
  /// elsewhere is new. Touching is not overlapping.
  func testSplitGapPersistsAndTouchingGapIsNew() throws {
    let whole = Fixture.polygon(0, 0, 40, 10)
    let left = Fixture.polygon(0, 0, 15, 10)
    let right = Fixture.polygon(25, 0, 15, 10)
    let touching = Fixture.polygon(40, 0, 10, 10)
    let old = snapshot(zones: [], gaps: [("Z#1", whole, 4e4)])
    let new = snapshot(
      zones: [], gaps: [("Z#1", left, 1.5e4), ("Z#2", right, 1.5e4), ("Z#3", touching, 1e4)])
    let d = try AuditDiff.compare(old: old, new: new)
    XCTAssertEqual(d.gapsClosed.count, 0)
    XCTAssertEqual(d.gapsOpened.map(\.id), ["Z#3"])
    XCTAssertEqual(d.gapsPersisting, 1)
    XCTAssertEqual(d.persistingOldArea, 4e4)
    XCTAssertEqual(d.persistingNewArea, 3e4)
  }

  func testCameraChanges() throws {
    func cam(_ id: String, _ status: CameraStatus, removed: String? = nil) -> Camera {
      var c = Camera(id: id, lon: 121, lat: 30.7)
      c.status = status
      c.removed = removed.flatMap(ISODate.init)
      return c
    }
    let old = [
      cam("keep", .active), cam("breaks", .active), cam("fixed", .maintenance), cam("gone", .active),
      cam("retires", .offline), cam("built", .planned), cam("dated", .active),
    ]
    let new = [
      cam("keep", .active), cam("breaks", .offline), cam("fixed", .active), cam("retires", .retired),
      cam("built", .active),
      cam("dated", .active, removed: "2024-05-01"), cam("fresh", .active),
    ]
    let a = snapshot(zones: [], gaps: [])
    let d = try AuditDiff.compare(old: a, new: a, oldCameras: old, newCameras: new)
    XCTAssertEqual(d.camerasAdded.map(\.id), ["built", "fresh"])
    XCTAssertEqual(d.camerasRemoved.map(\.id), ["dated", "gone", "retires"])
    XCTAssertEqual(d.camerasOffline.map(\.id), ["breaks"])
    XCTAssertEqual(d.camerasRestored.map(\.id), ["fixed"])
    XCTAssertEqual(d.camerasRemoved.first?.newStatus, "removed 2024-05-01")
    XCTAssertEqual(d.changes, 7)
  }

  func testZonesAddedRemovedAndWorsened() throws {
    let old = snapshot(zones: [("A", 0.9), ("B", 0.5)], gaps: [])
    let new = snapshot(zones: [("A", 0.7), ("C", 0.1)], gaps: [])
    let d = try AuditDiff.compare(old: old, new: new)
    XCTAssertEqual(d.zonesWorsened.map(\.id), ["A"])
    XCTAssertEqual(d.zonesWorsened[0].oldMeets, true)
    XCTAssertEqual(d.zonesWorsened[0].newMeets, false)
    XCTAssertEqual(d.zonesAdded.map(\.id), ["C"])
    XCTAssertEqual(d.zonesRemoved.map(\.id), ["B"])
    XCTAssertTrue(DiffReport.table(d, oldName: "a", newName: "b").contains("now below target"))
  }

  func testReadsAuditJSONAndRejectsOtherFiles() throws {
    let doc = try JSONParser.parse(
      #"{"crs":"EPSG:32651","summary":{"gaps":1},"districts":[],"zones":[{"id":"Z","name":"","kind":"other","coverage":0.5,"target":0.8,"meets_target":false,"gap_count":1}],"gaps":[{"id":"Z#1","zone":"Z","kind":"other","district":"","area_m2":12.5,"centroid":[121.1,30.7]}]}"#
    )
    let s = try AuditSnapshot.parse(doc, file: "a.json")
    XCTAssertEqual(s.zones.map(\.coverage), [0.5])
    XCTAssertEqual(s.gaps.map(\.area), [12.5])
    XCTAssertEqual(s.gaps[0].centroid, XY(121.1, 30.7))
    let fc = try JSONParser.parse(#"{"type":"FeatureCollection","features":[]}"#)
    XCTAssertThrowsError(try AuditSnapshot.parse(fc, file: "gaps.geojson")) { e in
      XCTAssertEqual(
        (e as? InputError)?.description,
        "gaps.geojson: field \"crs\": missing; is this `camgap audit --format json` output?")
    }
  }
}
