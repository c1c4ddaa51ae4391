import TestSupport
import XCTest

@testable import Audit
@testable import Cameras
@testable import Geometry

final class TinyBundleTests: XCTestCase {
  let s5 = sin(5 * Double.pi / 180)
  var sector: Double { 0.5 * 50 * 50 * 18 * s5 }
  var disc: Double { 36 * 30 * 30 * s5 }

  func audit(_ configure: (inout AuditOptions) -> Void = { _ in }) throws -> AuditResult {
    let input = try BundleLoader.load(directory: Repo.geodata("tiny"))
    var o = AuditOptions()
    configure(&o)
    return try AuditEngine.run(input, options: o)
  }

  func testCoverageEqualsHandComputedValue() throws {
    let r = try audit()
    XCTAssertEqual(r.crs, "EPSG:32651")
    XCTAssertEqual(r.summary.cameras, 3)
    XCTAssertEqual(r.summary.activeCameras, 2)
    XCTAssertEqual(r.summary.covered, sector + disc, accuracy: (sector + disc) * 1e-9)
    XCTAssertEqual(r.summary.districtArea, 1_000_000, accuracy: 1e-3)
    XCTAssertEqual(r.summary.coverage, (sector + disc) / 1_000_000, accuracy: 1e-9 * r.summary.coverage)
    XCTAssertEqual(r.districts[0].cameras, 2)
    XCTAssertEqual(r.summary.workingRate, 2.0 / 3.0, accuracy: 1e-15)
  }

  func testZoneGapAndTarget() throws {
    let r = try audit()
    let z = r.zones[0]
    XCTAssertEqual(z.area, 40_000, accuracy: 1e-3)
    XCTAssertEqual(z.covered, disc, accuracy: disc * 1e-9)
    XCTAssertEqual(z.target, 0.5)
    XCTAssertFalse(z.meetsTarget)
    XCTAssertEqual(z.districts, ["330482001000"])
    XCTAssertEqual(r.gaps.count, 1)
    XCTAssertEqual(r.gaps[0].area, z.area - disc, accuracy: 1e-6)
    XCTAssertEqual(r.gaps[0].district, "330482001000")
    XCTAssertEqual(r.gaps[0].polygon.rings.count, 2, "the 72-gon is a hole in the zone's gap")
    XCTAssertEqual(r.summary.zonesBelowTarget, 1)
  }

  func testRoadsAndEntries() throws {
    let r = try audit()
    XCTAssertEqual(r.summary.roadLength, 2000, accuracy: 1e-6)
    XCTAssertEqual(r.summary.roadCovered, 120, accuracy: 1e-6)
    XCTAssertEqual(r.summary.entries, 4)
    XCTAssertEqual(r.summary.entriesCovered, 0)
    let uncovered = r.uncoveredRoads.reduce(0) { $0 + $1.length }
    XCTAssertEqual(uncovered, 1880, accuracy: 1e-6)
  }

  func testClasses() throws {
    let r = try audit()
    XCTAssertEqual(r.classes.map(\.cameras), [1, 1, 0])
    XCTAssertEqual(r.classes[0].covered, sector, accuracy: sector * 1e-9)
    XCTAssertEqual(r.classes[1].covered, disc, accuracy: disc * 1e-9)
  }

  func testTilesAndThreadsDoNotChangeResults() throws {
    let base = try audit { $0.tileSize = 1e6 }
    for (tile, threads) in [(37.0, 1), (37.0, 2), (150.0, 2), (333.3, 3)] {
      let r = try audit {
        $0.tileSize = tile
        $0.threads = threads
      }
      XCTAssertEqual(r.summary.covered, base.summary.covered, accuracy: base.summary.covered * 1e-9)
      XCTAssertEqual(
        r.summary.zoneCovered, base.summary.zoneCovered, accuracy: base.summary.zoneCovered * 1e-9)
      XCTAssertEqual(r.summary.gaps, base.summary.gaps, "tile \(tile)")
      XCTAssertEqual(r.summary.gapArea, base.summary.gapArea, accuracy: base.summary.gapArea * 1e-9)
      XCTAssertEqual(r.summary.roadCovered, base.summary.roadCovered, accuracy: 1e-6)
      XCTAssertEqual(r.gaps[0].polygon.rings.count, 2, "a gap cut by tile edges is whole again")
    }
  }

  func testDatesLeaveCamerasOut() throws {
    let r = try audit { $0.on = ISODate("2020-01-01") }
    // No installed dates in the tiny bundle: every camera counts on any day.
    XCTAssertEqual(r.summary.activeCameras, 2)
    let planned = try audit { $0.includePlanned = true }
    XCTAssertEqual(planned.summary.activeCameras, 2)
  }

  func testMinGapArea() throws {
    let r = try audit { $0.minGapArea = 50_000 }
    XCTAssertEqual(r.gaps.count, 0)
    XCTAssertEqual(r.droppedGapParts, 1)
    XCTAssertTrue(r.warnings.contains { $0.contains("1 gap parts smaller than 50000 m² dropped") })
  }
}
