import Foundation
import TestSupport
import XCTest

@testable import Audit
@testable import Cameras
@testable import Geometry

/// Occlusion cuts shadows to the footprint's box and leaves out those inside another before
/// the union; the visible part must be the one the whole shadows give.
final class ShadowClipTests: XCTestCase {
  /// Random scenes (rectangles, L shapes, courtyards, roofs from none to above the eye),
  /// each with copies of some buildings pushed away from the camera into their shadows,
  /// seen by 360° views, sectors and sectors with a blind zone: the visible region equals
  /// the footprint less the union of the unclipped shadows of every building, in area to
  /// 1e-9 and with a symmetric difference of at most 1e-9 of the footprint's area.
  func testClippedShadowsGiveTheUnclippedVisibleRegion() throws {
    var rng = SplitMix64(seed: 0x5AD0)
    let ctx = GEOSContext()
    var occluded = 0
    var dropped = 0
    for _ in 0..<30 {
      var scene = Scene3D.random(&rng)
      for (poly, roof) in scene.buildings.prefix(4) {
        let s = rng.next(in: 1.3...2.2)
        scene.buildings.append((poly.mapRings { $0.map { XY($0.x * s, $0.y * s) } }, roof))
      }
      let buildings = scene.buildings.enumerated().map {
        Building(featureIndex: $0.offset, polygons: [$0.element.0], height: $0.element.1)
      }
      let worker = try OcclusionWorker(buildings: buildings, targetHeight: scene.target)
      let heading = rng.next(in: 0...360)
      let fov = rng.next(in: 30...200)
      let views = [
        Footprint.view(center: scene.camera, gridHeading: 0, fov: 360, range: 60, minRange: 0)!,
        Footprint.view(center: scene.camera, gridHeading: heading, fov: fov, range: 55, minRange: 0)!,
        Footprint.view(center: scene.camera, gridHeading: heading, fov: fov, range: 55, minRange: 12)!,
      ]
      for fp in views {
        let fast = try worker.visible(fp, from: scene.camera, eye: scene.eye)
        let whole = try wholeShadowVisible(fp, scene, worker: worker, context: ctx)
        let fastG = try Geom.unionAll(consuming: Geom.polygons(fast, context: ctx), context: ctx)
        let fastArea = try fastG.area()
        let wholeArea = try whole.area()
        XCTAssertEqual(fastArea, wholeArea, accuracy: 1e-9 * fp.area)
        let apart = try fastG.difference(whole).area() + whole.difference(fastG).area()
        XCTAssertLessThanOrEqual(apart, 1e-9 * fp.area)
        if wholeArea < fp.area - 1 { occluded += 1 }
        dropped += try covered(fp, scene, worker: worker)
      }
    }
    // The scenes hide something in most views, and shadows inside others were left out.
    XCTAssertGreaterThan(occluded, 75)
    XCTAssertGreaterThan(dropped, 200)
  }

  /// The construction before the cut: every building's whole shadow, out past twice the
  /// range, united and subtracted from the footprint.
  func wholeShadowVisible(
    _ fp: PlanarPolygon, _ scene: Scene3D, worker: OcclusionWorker, context ctx: GEOSContext
  )
    throws -> Geom
  {
    let c = scene.camera
    var box = fp.bbox
    box.add(c)
    let range = max(
      hypot(box.minX - c.x, box.minY - c.y), hypot(box.maxX - c.x, box.minY - c.y),
      hypot(box.minX - c.x, box.maxY - c.y), hypot(box.maxX - c.x, box.maxY - c.y))
    let heights = Occlusion.SightHeights(eye: scene.eye, target: scene.target)
    var shadows: [Geom] = []
    for (b, (poly, _)) in scene.buildings.enumerated() {
      for s in Occlusion.shadow(of: poly, from: c, range: range, roof: worker.roofs[b], heights: heights) {
        shadows.append(try Geom.polygon(s, context: ctx))
      }
    }
    return try Geom.polygon(fp, context: ctx).difference(Geom.unionAll(consuming: shadows, context: ctx))
  }

  /// How many of the cut shadows of a view lie inside another.
  func covered(_ fp: PlanarPolygon, _ scene: Scene3D, worker: OcclusionWorker) throws -> Int {
    let heights = Occlusion.SightHeights(eye: scene.eye, target: scene.target)
    let box = Occlusion.clipBox(around: fp.bbox)
    var cuts: [PlanarPolygon] = []
    for (b, (poly, _)) in scene.buildings.enumerated() {
      for s in Occlusion.shadow(
        of: poly, from: scene.camera, range: 90, roof: worker.roofs[b], heights: heights)
      {
        if let cut = Occlusion.clip(s, to: box) { cuts.append(cut) }
      }
    }
    return cuts.count - Occlusion.droppingCovered(cuts).count
  }

  /// A shadow far larger than the box is cut to the box exactly; one beside it is dropped.
  func testCutToTheBox() throws {
    let box = BBox(minX: 0, minY: 0, maxX: 10, maxY: 10)
    let wedge = PlanarPolygon(exterior: [XY(5, 5), XY(100, 5), XY(100, 100), XY(5, 100), XY(5, 5)])
    let cut = try XCTUnwrap(Occlusion.clip(wedge, to: box))
    XCTAssertEqual(cut.area, 25, accuracy: 1e-12)
    XCTAssertEqual(cut.bbox, BBox(minX: 5, minY: 5, maxX: 10, maxY: 10))
    let beside = PlanarPolygon(exterior: [XY(11, 0), XY(20, 0), XY(20, 5), XY(11, 0)])
    XCTAssertNil(Occlusion.clip(beside, to: box))
    let square = PlanarPolygon(exterior: [XY(0, 0), XY(10, 0), XY(10, 10), XY(0, 10), XY(0, 0)])
    XCTAssertEqual(Occlusion.droppingCovered([cut, square]), [square])
  }
}
