import TestSupport
import XCTest

@testable import Audit
@testable import Cameras
@testable import Geometry

/// geodata/entries: ring-control entry points, dates, classes and the working rate, each
/// figure worked out on paper in the bundle's README.
final class EntriesBundleTests: XCTestCase {
  let s5 = sin(5 * Double.pi / 180)
  var west: Double { 36 * 900 * s5 }
  var north: Double { 36 * 400 * s5 }
  /// E-PTZ's 72-gon cut by the district's east edge, 10 m from its centre.
  let eastClipped = 2000.2234411247741

  func audit(_ configure: (inout AuditOptions) -> Void = { _ in }) throws -> AuditResult {
    let input = try BundleLoader.load(directory: Repo.geodata("entries"))
    var o = AuditOptions()
    configure(&o)
    return try AuditEngine.run(input, options: o)
  }

  func testThreeEntriesOneCovered() throws {
    let r = try audit()
    XCTAssertEqual(r.summary.entries, 3)
    XCTAssertEqual(r.summary.entriesCovered, 1)
    let byRoad = Dictionary(uniqueKeysWithValues: r.entries.map { ($0.road, $0) })
    XCTAssertEqual(Set(byRoad.keys), ["R-W", "R-N", "R-E"])
    XCTAssertEqual(byRoad["R-E"]?.covered, true)
    XCTAssertEqual(byRoad["R-W"]?.covered, false)
    XCTAssertEqual(byRoad["R-N"]?.covered, false)
    // The inverse projection of (313000, 3397500), (312000, 3397500) and (312500, 3398000).
    let expected = [
      "R-E": XY(121.047544961740, 30.695650264963), "R-W": XY(121.037109176266, 30.695492905850),
      "R-N": XY(121.042236002797, 30.700080870332),
    ]
    for (road, p) in expected {
      XCTAssertEqual(byRoad[road]!.point.x, p.x, accuracy: 1e-9, road)
      XCTAssertEqual(byRoad[road]!.point.y, p.y, accuracy: 1e-9, road)
      XCTAssertEqual(byRoad[road]!.district, "330482002000")
    }
  }

  func testRoadsAndCoverage() throws {
    let r = try audit()
    XCTAssertEqual(r.summary.roadLength, 1500, accuracy: 1e-6)
    XCTAssertEqual(r.summary.roadCovered, 140, accuracy: 1e-6)
    let covered = west + north + eastClipped
    XCTAssertEqual(r.summary.covered, covered, accuracy: covered * 1e-9)
    XCTAssertEqual(r.zones.count, 1)
    XCTAssertEqual(r.zones[0].covered, north, accuracy: north * 1e-9)
    XCTAssertEqual(r.gaps.map(\.id), ["Z-ROAD#1"])
    XCTAssertEqual(r.gaps[0].area, 20_000 - north, accuracy: 1e-3)
  }

  func testClassesCoverWhatTheirCamerasAloneCover() throws {
    let r = try audit()
    XCTAssertEqual(r.classes.map(\.cameras), [1, 1, 1])
    XCTAssertEqual(r.classes.map(\.active), [1, 1, 1])
    XCTAssertEqual(r.classes[0].covered, eastClipped, accuracy: eastClipped * 1e-9)
    XCTAssertEqual(r.classes[1].covered, west, accuracy: west * 1e-9)
    XCTAssertEqual(r.classes[2].covered, north, accuracy: north * 1e-9)
  }

  func testWorkingRateIsActiveOverNotRetired() throws {
    // SPEC §4: E, W and N are active; OFF and PLAN are not retired: 3 / 5.
    XCTAssertEqual(try audit().summary.workingRate, 0.6)
    // Previewing the plan makes PLAN active (it covers): 4 / 5.
    let planned = try audit { $0.includePlanned = true }
    XCTAssertEqual(planned.summary.activeCameras, 4)
    XCTAssertEqual(planned.summary.workingRate, 0.8)
  }

  func testBeforeInstallationTheCameraIsLeftOut() throws {
    let r = try audit { $0.on = ISODate("2024-02-01") }
    XCTAssertEqual(r.summary.cameras, 5)
    XCTAssertEqual(r.summary.activeCameras, 2)
    XCTAssertEqual(r.summary.roadCovered, 100, accuracy: 1e-6)
    XCTAssertEqual(r.summary.covered, west + eastClipped, accuracy: (west + eastClipped) * 1e-9)
    XCTAssertEqual(r.classes[2].cameras, 1)
    XCTAssertEqual(r.classes[2].active, 0)
    XCTAssertEqual(r.classes[2].covered, 0)
    // The zone is valid that day and wholly uncovered.
    XCTAssertEqual(r.zones.map(\.id), ["Z-ROAD"])
    XCTAssertEqual(r.zones[0].covered, 0)
    XCTAssertEqual(r.gaps.count, 1)
    XCTAssertEqual(r.gaps[0].area, 20_000, accuracy: 1e-3)
    XCTAssertEqual(r.gaps[0].polygon.rings.count, 1)
    // N-PANO is not active that day and not retired: 2 / 5.
    XCTAssertEqual(r.summary.workingRate, 0.4, accuracy: 1e-15)
    // The day of installation counts.
    XCTAssertEqual(try audit { $0.on = ISODate("2024-03-01") }.summary.activeCameras, 3)
  }

  func testZoneOutsideItsValidityIsNotAudited() throws {
    let r = try audit { $0.on = ISODate("2024-07-01") }
    XCTAssertEqual(r.summary.activeCameras, 3)
    XCTAssertEqual(r.summary.zones, 0)
    XCTAssertTrue(r.zones.isEmpty)
    // Without a zone the district's own gaps are reported.
    XCTAssertEqual(r.gaps.map(\.id), ["330482002000#1"])
    let covered = west + north + eastClipped
    XCTAssertEqual(r.gaps[0].area, 1_000_000 - covered, accuracy: 1e-3)
    // valid_to is inclusive, valid_from too.
    XCTAssertEqual(try audit { $0.on = ISODate("2024-06-30") }.summary.zones, 1)
    XCTAssertEqual(try audit { $0.on = ISODate("2024-01-01") }.summary.zones, 1)
    XCTAssertEqual(try audit { $0.on = ISODate("2023-12-31") }.summary.zones, 0)
  }

  func testRemovedCameraStopsCoveringOnItsRemovalDay() throws {
    var input = try BundleLoader.load(directory: Repo.geodata("entries"))
    let e = input.cameras.firstIndex { $0.camera.id == "E-PTZ" }!
    input.cameras[e].camera.removed = ISODate("2024-05-01")
    var o = AuditOptions()
    o.on = ISODate("2024-04-30")
    XCTAssertEqual(try AuditEngine.run(input, options: o).summary.entriesCovered, 1)
    o.on = ISODate("2024-05-01")
    let after = try AuditEngine.run(input, options: o)
    XCTAssertEqual(after.summary.entriesCovered, 0)
    XCTAssertEqual(after.summary.activeCameras, 2)
    XCTAssertEqual(after.summary.workingRate, 0.4, accuracy: 1e-15)
    // Without --on a camera with a removal date is gone.
    let undated = try AuditEngine.run(input, options: AuditOptions())
    XCTAssertEqual(undated.summary.activeCameras, 2)
    XCTAssertEqual(undated.summary.workingRate, 0.4, accuracy: 1e-15)
  }
}
