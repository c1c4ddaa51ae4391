import TestSupport
import XCTest

@testable import Audit
@testable import Cameras
@testable import Geometry

final class OcclusionTests: XCTestCase {
  let ctx = GEOSContext()

  func square(_ x: Double, _ y: Double, _ s: Double) -> PlanarPolygon {
    PlanarPolygon(exterior: Shapes.square(x, y, s).map { XY($0.0, $0.1) })
  }

  func visible(_ fp: PlanarPolygon, _ c: XY, _ buildings: [PlanarPolygon]) throws -> Double {
    let w = try OcclusionWorker(
      buildings: buildings.enumerated().map { Building(featureIndex: $0.offset, polygons: [$0.element]) })
    return try w.visible(fp, from: c).reduce(0) { $0 + $1.area }
  }

  /// A 360° camera at the origin and a 10 m square building 20–30 m east, centred on the
  /// x axis: the shadow is the region behind the building between the two rays through its
  /// near corners (20, ±5), out to the 72-gon. Computed independently with GEOS from the
  /// closed-form wedge.
  func testSquareBuildingShadow() throws {
    let c = XY(0, 0)
    let fp = Footprint.view(center: c, gridHeading: 0, fov: 360, range: 50, minRange: 0)!
    let b = square(20, -5, 10)
    let vis = try visible(fp, c, [b])
    // Hand construction: wedge from the near face corners to far points along the same rays.
    let k = 10.0
    let wedge = PlanarPolygon(exterior: [
      XY(20, -5), XY(20 * k, -5 * k), XY(20 * k, 5 * k), XY(20, 5), XY(20, -5),
    ])
    let fpG = try Geom.polygon(fp, context: ctx)
    let hidden = try fpG.intersection(Geom.polygon(wedge, context: ctx)).area()
    XCTAssertEqual(vis, fp.area - hidden, accuracy: 1e-9 * fp.area)
    // And the hidden part is exactly the 72-gon's slice of angle 2·atan(5/20) beyond x = 20
    // (the square's far corners lie inside that wedge).
    XCTAssertLessThan(vis, fp.area)
  }

  func testCameraInsideBuildingIsNotBlockedByIt() throws {
    let c = XY(5, 5)
    let fp = Footprint.view(center: c, gridHeading: 90, fov: 90, range: 40, minRange: 0)!
    XCTAssertEqual(try visible(fp, c, [square(0, 0, 10)]), fp.area, accuracy: 1e-9)
    // On the wall: also not blocked.
    let wall = XY(10, 5)
    let fp2 = Footprint.view(center: wall, gridHeading: 90, fov: 90, range: 40, minRange: 0)!
    XCTAssertEqual(try visible(fp2, wall, [square(0, 0, 10)]), fp2.area, accuracy: 1e-9)
  }

  func testBuildingBeyondRangeChangesNothing() throws {
    let c = XY(0, 0)
    let fp = Footprint.view(center: c, gridHeading: 90, fov: 90, range: 40, minRange: 0)!
    XCTAssertEqual(try visible(fp, c, [square(41, -5, 10)]), fp.area, accuracy: 1e-12)
    XCTAssertEqual(try visible(fp, c, [square(-30, -5, 10)]), fp.area, accuracy: 1e-12)  // behind the camera
  }

  func testConcaveBuildingMatchesConvexDecomposition() throws {
    // An L-shaped building equals the union of its two rectangles: same shadow.
    let c = XY(0, 0)
    let fp = Footprint.view(center: c, gridHeading: 45, fov: 120, range: 60, minRange: 0)!
    let l = PlanarPolygon(exterior: [
      XY(15, 10), XY(35, 10), XY(35, 15), XY(20, 15), XY(20, 30), XY(15, 30), XY(15, 10),
    ])
    let a = try visible(fp, c, [l])
    let b = try visible(
      fp, c,
      [
        square(15, 10, 5),
        PlanarPolygon(exterior: [XY(20, 10), XY(35, 10), XY(35, 15), XY(20, 15), XY(20, 10)]),
        PlanarPolygon(exterior: [XY(15, 15), XY(20, 15), XY(20, 30), XY(15, 30), XY(15, 15)]),
      ])
    XCTAssertEqual(a, b, accuracy: 1e-6)
    XCTAssertLessThan(a, fp.area)
  }

  /// A building very close to the camera subtends nearly 180°; its shadow must still
  /// reach past the range everywhere.
  func testWideEdgeCloseToCamera() throws {
    let c = XY(0, 0)
    let fp = Footprint.view(center: c, gridHeading: 0, fov: 360, range: 50, minRange: 0)!
    let wall = PlanarPolygon(exterior: [XY(-100, 1), XY(100, 1), XY(100, 2), XY(-100, 2), XY(-100, 1)])
    let vis = try visible(fp, c, [wall])
    // Everything north of y = 1 is hidden: visible = the 72-gon below y = 1.
    let below = try Geom.polygon(fp, context: ctx).clip(to: BBox(minX: -60, minY: -60, maxX: 60, maxY: 1))
      .area()
    XCTAssertEqual(vis, below, accuracy: 1e-6)
  }

  /// A camera with a 10 m blind zone and a building 5–7 m in front of it: the building meets
  /// no footprint, yet it hides the slice of the annular sector behind it (SPEC §2). Its near
  /// corners (5, ±5·tan 10°) sit on the rays at grid bearings 80° and 100°, both footprint
  /// vertices (the arc runs 45°…135° in 5° steps), so the hidden part is exactly four of the
  /// eighteen annular steps: 4 · ½ · sin 5° · (40² − 10²) = 3000 · sin 5° ≈ 261.47 m².
  func testBuildingInTheBlindZoneStillBlocks() throws {
    let c = XY(0, 0)
    let fp = Footprint.view(center: c, gridHeading: 90, fov: 90, range: 40, minRange: 10)!
    let h = 5 * tan(10 * Double.pi / 180)
    let b = PlanarPolygon(exterior: [XY(5, -h), XY(7, -h), XY(7, h), XY(5, h), XY(5, -h)])
    let s5 = sin(5 * Double.pi / 180)
    XCTAssertEqual(fp.area, 13500 * s5, accuracy: 1e-6)
    XCTAssertEqual(try visible(fp, c, [b]), 10500 * s5, accuracy: 1e-6)
    // Beside the sight lines (behind the camera) the same building hides nothing.
    let behind = PlanarPolygon(exterior: [XY(-7, -h), XY(-5, -h), XY(-5, h), XY(-7, h), XY(-7, -h)])
    XCTAssertEqual(try visible(fp, c, [behind]), fp.area, accuracy: 1e-9)
  }

  /// The region of sight lines is the hull of the footprint and its camera.
  func testReachOfABlindZoneFootprintHoldsTheCamera() throws {
    let fp = Footprint.view(center: XY(0, 0), gridHeading: 90, fov: 90, range: 40, minRange: 10)!
    let r = Occlusion.reach(of: fp, from: XY(0, 0))
    XCTAssertEqual(r.area, Footprint.closedFormArea(fov: 90, range: 40), accuracy: 1e-6)
    XCTAssertTrue(r.exterior.contains(XY(0, 0)))
  }
}
