import CPROJ
import XCTest

@testable import Geometry

final class ProjectionTests: XCTestCase {
  func testUTMZoneFromBoxCentre() {
    XCTAssertEqual(Projector.utmCRS(lon: 121.02, lat: 30.70), "EPSG:32651")
    XCTAssertEqual(Projector.utmCRS(lon: -83.2, lat: 42.3), "EPSG:32617")
    XCTAssertEqual(Projector.utmCRS(lon: 24.94, lat: 60.17), "EPSG:32635")
    XCTAssertEqual(Projector.utmCRS(lon: -43.2, lat: -22.9), "EPSG:32723")
    XCTAssertEqual(Projector.utmCRS(lon: 180, lat: 0), "EPSG:32660")
  }

  func testRoundTripWithinAMillimetre() throws {
    let p = try Projector(crs: "EPSG:32651")
    var pts: [XY] = []
    for i in 0..<50 { pts.append(XY(120.5 + Double(i) * 0.02, 30.2 + Double(i) * 0.015)) }
    var q = pts
    try p.forward(&q)
    var back = q
    try p.inverse(&back)
    for (a, b) in zip(pts, back) {
      // 1 mm is about 9e-9 degrees of latitude.
      XCTAssertEqual(a.x, b.x, accuracy: 1e-8)
      XCTAssertEqual(a.y, b.y, accuracy: 1e-8)
    }
    // Known value: the central meridian 123E at the equator is x = 500000, y = 0.
    let c = try p.forward(XY(123, 0))
    XCTAssertEqual(c.x, 500_000, accuracy: 1e-6)
    XCTAssertEqual(c.y, 0, accuracy: 1e-6)
  }

  func testMeridianConvergenceAtPinghu() throws {
    let p = try Projector(crs: "EPSG:32651")
    let g = try p.convergence(lon: 121.02, lat: 30.70)
    // Transverse Mercator: γ ≈ (λ − λ0)·sin φ = −1.98° · sin 30.7° ≈ −1.01°.
    XCTAssertEqual(g, -1.98 * sin(30.70 * .pi / 180), accuracy: 0.01)
    XCTAssertEqual(try p.convergence(lon: 123, lat: 30.7), 0, accuracy: 1e-9)
  }

  /// γ is minus the grid bearing of true north: measured here on the projector's own
  /// forward transform (easting, northing), independently of `proj_factors`. The CGCS2000
  /// Gauss-Kruger zones have northing-first axes, which must not leak into γ.
  func testConvergenceIsTheGridBearingOfNorth() throws {
    let cases: [(String, Double, Double)] = [
      ("EPSG:32651", 120.6, 30.7), ("EPSG:4549", 119.6, 30.7), ("EPSG:4527", 118.6, 30.7),
      ("EPSG:32723", -43.2, -22.9),
    ]
    for (crs, lon0, lat0) in cases {
      let p = try Projector(crs: crs)
      for i in 0..<4 {
        let lon = lon0 + Double(i) * 0.3
        let lat = lat0 + Double(i) * 0.2
        let a = try p.forward(XY(lon, lat - 1e-6))
        let b = try p.forward(XY(lon, lat + 1e-6))
        let northBearing = atan2(b.x - a.x, b.y - a.y) * 180 / .pi
        XCTAssertEqual(
          try p.convergence(lon: lon, lat: lat), -northBearing, accuracy: 2e-6, "\(crs) \(lon) \(lat)")
      }
    }
    // Transverse Mercator, to first order: γ ≈ (λ − λ0)·sin φ; CM 120E for EPSG:4549.
    XCTAssertEqual(
      try Projector(crs: "EPSG:4549").convergence(lon: 119.6, lat: 30.7), -0.4 * sin(30.7 * .pi / 180),
      accuracy: 1e-3)
  }

  /// For an easting-first CRS the operation built once gives what `proj_factors` gives on
  /// the CRS itself.
  func testConvergenceSameAsPROJOnEastingFirstCRS() throws {
    let p = try Projector(crs: "EPSG:32651")
    for i in 0..<5 {
      let lon = 120.6 + Double(i) * 0.3
      let lat = 30.7 + Double(i) * 0.2
      var c = PJ_COORD()
      c.lp.lam = lon * .pi / 180
      c.lp.phi = lat * .pi / 180
      let direct = proj_factors(p.target, c).meridian_convergence * 180 / .pi
      XCTAssertEqual(try p.convergence(lon: lon, lat: lat), direct)
    }
  }

  func testGaussKrugerCGCS2000() throws {
    let p = try Projector(crs: "EPSG:4549")  // CGCS2000 / 3-degree GK CM 120E
    let q = try p.forward(XY(120, 30))
    XCTAssertEqual(q.x, 500_000, accuracy: 1e-3)
    let back = try p.inverse(q)
    XCTAssertEqual(back.y, 30, accuracy: 1e-8)
  }

  func testGeographicCRSRejected() {
    XCTAssertThrowsError(try Projector(crs: "EPSG:4326"))
    XCTAssertThrowsError(try Projector(crs: "EPSG:999999"))
  }
}
