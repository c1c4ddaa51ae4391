import XCTest

@testable import Cameras
@testable import Geometry

final class FootprintTests: XCTestCase {
  let c = XY(310_500, 3_397_500)

  func testNinetyDegreeSectorIsEighteenSteps() throws {
    let p = try XCTUnwrap(Footprint.view(center: c, gridHeading: 90, fov: 90, range: 50, minRange: 0))
    XCTAssertEqual(Footprint.steps(fov: 90), 18)
    XCTAssertEqual(p.exterior.count, 18 + 1 + 2)  // arc + apex + closing point
    let expected = 0.5 * 50 * 50 * 18 * sin(5 * Double.pi / 180)
    XCTAssertEqual(p.area, expected, accuracy: expected * 1e-11)
    XCTAssertGreaterThan(Ring.signedArea(p.exterior), 0, "exterior counter-clockwise")
    let g = try Geom.polygon(p, context: GEOSContext())
    XCTAssertEqual(try g.area(), expected, accuracy: expected * 1e-11)
    XCTAssertTrue(try g.isValid())
  }

  func testVertexRule() throws {
    // Heading 0, fov 10: two steps, vertices at bearings −5°, 0°, 5° on the circle.
    let p = try XCTUnwrap(Footprint.view(center: XY(0, 0), gridHeading: 0, fov: 10, range: 100, minRange: 0))
    let pts = Set(p.exterior.map { XY(($0.x * 1e9).rounded() / 1e9, ($0.y * 1e9).rounded() / 1e9) })
    for b in [-5.0, 0, 5] {
      let v = XY(
        (100 * sin(b * .pi / 180) * 1e9).rounded() / 1e9, (100 * cos(b * .pi / 180) * 1e9).rounded() / 1e9)
      XCTAssertTrue(pts.contains(v), "vertex at bearing \(b)")
    }
    XCTAssertTrue(pts.contains(XY(0, 0)))
  }

  func testOddFieldOfViewRoundsStepsUp() {
    XCTAssertEqual(Footprint.steps(fov: 91), 19)
    XCTAssertEqual(Footprint.steps(fov: 1), 1)
    XCTAssertEqual(Footprint.steps(fov: 359), 72)
    let p = Footprint.view(center: c, gridHeading: 17, fov: 63, range: 40, minRange: 0)!
    assertRelative(p.area, 0.5 * 1600 * 13 * sin(63.0 / 13 * .pi / 180))
  }

  func testSeventyTwoGon() throws {
    let p = try XCTUnwrap(Footprint.view(center: c, gridHeading: 123, fov: 360, range: 30, minRange: 0))
    XCTAssertEqual(p.exterior.count, 73)
    assertRelative(p.area, 36 * 900 * sin(5 * Double.pi / 180))
    // First vertex at grid bearing 0 whatever the heading: due north of the camera.
    XCTAssertTrue(p.exterior.contains { abs($0.x - c.x) < 1e-9 && abs($0.y - (c.y + 30)) < 1e-9 })
  }

  func testAnnularSectorSubtractsTheInnerOne() throws {
    let p = try XCTUnwrap(Footprint.view(center: c, gridHeading: 45, fov: 90, range: 50, minRange: 8))
    let outer = 0.5 * 2500 * 18 * sin(5 * Double.pi / 180)
    let inner = 0.5 * 64 * 18 * sin(5 * Double.pi / 180)
    assertRelative(p.area, outer - inner)
    assertRelative(Footprint.closedFormArea(fov: 90, range: 50, minRange: 8), outer - inner)
    let g = try Geom.polygon(p, context: GEOSContext())
    XCTAssertTrue(try g.isValid())
    let ring = try XCTUnwrap(Footprint.view(center: c, gridHeading: 0, fov: 360, range: 30, minRange: 10))
    XCTAssertEqual(ring.rings.count, 2)
    assertRelative(ring.area, 36 * (900 - 100) * sin(5 * Double.pi / 180))
    XCTAssertNil(Footprint.view(center: c, gridHeading: 0, fov: 90, range: 10, minRange: 10))
  }

  func testWideSectorIsValid() throws {
    let p = try XCTUnwrap(Footprint.view(center: c, gridHeading: 10, fov: 270, range: 20, minRange: 0))
    XCTAssertTrue(try Geom.polygon(p, context: GEOSContext()).isValid())
    assertRelative(p.area, Footprint.closedFormArea(fov: 270, range: 20))
  }

  func testConvergenceRotatesTheSector() {
    var cam = Camera(id: "x", lon: 121, lat: 30.7)
    cam.views = [ViewDirection(heading: 0, extraSweep: 0)]
    cam.fov = 10
    cam.range = 100
    let o = Optics.resolve(cam, OpticsOptions())
    let polys = Footprint.polygons(of: o, at: XY(0, 0), convergence: -1)
    // True north with γ = −1° is grid bearing +1°: the sector leans east.
    let meanX = polys[0].exterior.dropLast().map(\.x).reduce(0, +)
    XCTAssertGreaterThan(meanX, 0)
  }
}

/// Equal to 1e-9 relative: the contract's tolerance for areas.
func assertRelative(_ a: Double, _ b: Double, file: StaticString = #filePath, line: UInt = #line) {
  XCTAssertEqual(a, b, accuracy: abs(b) * 1e-9, file: file, line: line)
}
