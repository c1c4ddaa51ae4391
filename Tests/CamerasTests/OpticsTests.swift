import XCTest

@testable import Cameras

final class OpticsTests: XCTestCase {
  func camera(_ kind: CameraKind = .fixed) -> Camera {
    var c = Camera(id: "c", lon: 121, lat: 30)
    c.kind = kind
    return c
  }

  func testRangeOrder() {
    var c = camera()
    c.views = [ViewDirection(heading: 10, extraSweep: 0)]
    XCTAssertEqual(Optics.resolve(c, .init()).range, 40)
    XCTAssertEqual(Optics.resolve(c, .init()).rangeSource, .kindDefault)
    XCTAssertEqual(Optics.resolve(c, .init(defaultRanges: [.fixed: 55])).range, 55)
    c.resolution = 1920
    c.fov = 90
    // observe: 1920 / (62.5 × 2 × tan 45°) = 15.36 m
    XCTAssertEqual(Optics.resolve(c, .init()).range, 15.36, accuracy: 1e-12)
    XCTAssertEqual(Optics.resolve(c, .init(dori: .detect)).range, 1920 / 50, accuracy: 1e-12)
    XCTAssertEqual(Optics.resolve(c, .init(dori: .identify)).range, 1920 / 500, accuracy: 1e-12)
    XCTAssertEqual(Optics.resolve(c, .init(dori: .recognise)).range, 1920 / 250, accuracy: 1e-12)
    c.range = 70
    XCTAssertEqual(Optics.resolve(c, .init()).range, 70)
    // resolution is ignored for fov ≥ 180
    var p = camera(.panoramic)
    p.resolution = 3840
    XCTAssertEqual(Optics.resolve(p, .init()).range, 15)
    XCTAssertEqual(
      Optics.doriRange(resolution: 1000, fov: 60, dori: .observe)!, 1000 / (125 * tan(Double.pi / 6)),
      accuracy: 1e-12)
  }

  func testKindDefaults() {
    XCTAssertEqual(CameraKind.allCases.map(\.defaultRange), [40, 30, 80, 15])
    XCTAssertEqual(CameraKind.allCases.map(\.defaultFOV), [90, 90, 360, 360])
  }

  func testBlindZoneFromHeightAndTilt() {
    var c = camera()
    c.views = [ViewDirection(heading: 0, extraSweep: 0)]
    c.fov = 90
    c.height = 6
    c.tilt = 20
    let vfov = 2 * atan(tan(45 * Double.pi / 180) * 9 / 16) * 180 / .pi
    XCTAssertEqual(Optics.verticalFOV(horizontal: 90), vfov, accuracy: 1e-12)
    let expected = 6 / tan((20 + vfov / 2) * .pi / 180)
    XCTAssertEqual(Optics.resolve(c, .init()).minRange, expected, accuracy: 1e-12)
    c.minRange = 2
    XCTAssertEqual(Optics.resolve(c, .init()).minRange, 2)
    XCTAssertEqual(Optics.blindZone(height: 5, tilt: 80, horizontalFOV: 90), 0)
    XCTAssertEqual(Optics.blindZone(height: 5, tilt: -40, horizontalFOV: 90), .infinity)
  }

  func testUnknownHeadingPolicy() {
    let c = camera(.dome)
    let none = Optics.resolve(c, .init())
    XCTAssertTrue(none.unknownHeading)
    XCTAssertTrue(none.views.isEmpty)
    let disc = Optics.resolve(c, .init(unknownHeading: .disc))
    XCTAssertEqual(disc.views.count, 1)
    XCTAssertEqual(disc.views[0].fov, 360)
    XCTAssertFalse(Optics.resolve(camera(.ptz), .init()).unknownHeading)
  }

  func testMultiHeadingAndPanning() {
    var c = camera()
    c.fov = 60
    c.views = [
      ViewDirection(heading: 305, extraSweep: 0), ViewDirection(heading: 175, extraSweep: 0),
      ViewDirection(heading: 265.5, extraSweep: 45),
    ]
    let o = Optics.resolve(c, .init())
    XCTAssertEqual(o.views.map(\.heading), [305, 175, 265.5])
    XCTAssertEqual(o.views.map(\.fov), [60, 60, 105])
    c.views = [ViewDirection(heading: 0, extraSweep: 360)]
    XCTAssertEqual(Optics.resolve(c, .init()).views.map(\.fov), [360])
  }

  func testDates() {
    var c = camera()
    c.installed = ISODate("2024-03-01")
    c.removed = ISODate("2025-06-30")
    XCTAssertFalse(c.inService(on: nil))
    XCTAssertFalse(c.inService(on: ISODate("2024-02-29")))
    XCTAssertTrue(c.inService(on: ISODate("2024-03-01")))
    XCTAssertFalse(c.inService(on: ISODate("2025-06-30")))
    XCTAssertNil(ISODate("2025-02-29"))
    XCTAssertNil(ISODate("2025-13-01"))
    XCTAssertEqual(ISODate("2024-02-29")?.description, "2024-02-29")
  }
}
