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
