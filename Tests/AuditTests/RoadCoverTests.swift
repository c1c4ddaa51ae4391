import TestSupport
import XCTest

@testable import Audit
@testable import Cameras
@testable import Geometry

/// Uncovered road stretches from footprints, against GEOS's line difference.
final class RoadCoverTests: XCTestCase {
  let ctx = GEOSContext()

  func item(_ p: PlanarPolygon) -> FootprintSet.Item {
    FootprintSet.Item(camera: 0, cameraClass: 0, polygon: p, bbox: p.bbox)
  }

  func testStretchRunsOnAcrossVertices() {
    // A road bending at (50, 0); a square covers 20..30 along its first leg.
    let road = [[XY(0, 0), XY(50, 0), XY(50, 50)]]
    let sq = PlanarPolygon(exterior: [XY(20, -5), XY(30, -5), XY(30, 5), XY(20, 5), XY(20, -5)])
    let open = RoadCover.uncovered(road, by: [item(sq)])
    XCTAssertEqual(open.count, 2)
    XCTAssertEqual(open[0], [XY(0, 0), XY(20, 0)])
    // The second stretch goes round the bend as one line.
    XCTAssertEqual(open[1], [XY(30, 0), XY(50, 0), XY(50, 50)])
    XCTAssertEqual(RoadCover.length(open[1]), 70, accuracy: 1e-12)
    XCTAssertTrue(RoadCover.uncovered(road, by: [item(sq.expanded(to: 200))]).isEmpty)
  }

  func testAgreesWithGEOS() throws {
    var rng = SplitMix64(seed: 3)
    var items: [FootprintSet.Item] = []
    var geoms: [Geom] = []
    for _ in 0..<40 {
      let c = XY(rng.next(in: 0...300), rng.next(in: -40...40))
      let fov = [90.0, 360][rng.nextInt(2)]
      let p = Footprint.view(
        center: c, gridHeading: rng.next(in: 0...360), fov: fov, range: rng.next(in: 15...60), minRange: 0)!
      items.append(item(p))
      geoms.append(try Geom.polygon(p, context: ctx))
    }
    let line = (0...30).map { k in XY(Double(k) * 10, 20 * sin(Double(k) / 3)) }
    let open = RoadCover.uncovered([line], by: items)
    let mine = open.reduce(0.0) { $0 + RoadCover.length($1) }
    let cover = try Geom.unionAll(consuming: geoms, context: ctx)
    let geos = try Geom.lineString(line, context: ctx).difference(cover).length()
    XCTAssertEqual(mine, geos, accuracy: 1e-9 * geos)
  }
}

extension PlanarPolygon {
  /// A square around this polygon's box centre, `side` long.
  fileprivate func expanded(to side: Double) -> PlanarPolygon {
    let c = bbox.center
    let h = side / 2
    return PlanarPolygon(exterior: [
      XY(c.x - h, c.y - h), XY(c.x + h, c.y - h), XY(c.x + h, c.y + h), XY(c.x - h, c.y + h),
      XY(c.x - h, c.y - h),
    ])
  }
}
