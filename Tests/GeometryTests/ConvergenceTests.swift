import CPROJ
import XCTest

@testable import Geometry

final class ConvergenceTests: XCTestCase {
  /// The operation built once gives the very numbers PROJ gives when handed a UTM CRS
  /// (which rebuilds the operation on each call), so footprints drawn before and after
  /// agree bit for bit.
  func testCachedOperationMatchesPROJOnEastingNorthingCRS() throws {
    for (crs, lon0, lat0) in [("EPSG:32651", 120.2, 29.8), ("EPSG:32717", -81.4, -4.2)] {
      let p = try Projector(crs: crs)
      XCTAssertNotNil(p.factors, crs)
      for i in 0..<40 {
        let lon = lon0 + Double(i) * 0.071
        let lat = lat0 + Double(i % 7) * 0.113
        var c = PJ_COORD()
        c.lp.lam = lon * .pi / 180
        c.lp.phi = lat * .pi / 180
        let reference = proj_factors(p.target, c).meridian_convergence * 180 / .pi
        XCTAssertEqual(try p.convergence(lon: lon, lat: lat), reference, "\(crs) \(lon) \(lat)")
      }
    }
  }

  /// CGCS2000 Gauss-Krüger CRSs list northing first. PROJ 9.1 handed the CRS itself
  /// computes the convergence with the axes swapped (about 53° near Pinghu in EPSG:4549);
  /// the normalised operation gives the Transverse Mercator value γ ≈ Δλ·sin φ.
  func testGaussKrugerConvergenceIsTheMapsOwn() throws {
    let p = try Projector(crs: "EPSG:4549")  // central meridian 120°E
    for (lon, lat) in [(118.7, 27.1), (121.02, 30.7), (120, 31), (121.4, 30.2)] {
      let expected = atan(tan((lon - 120) * .pi / 180) * sin(lat * .pi / 180)) * 180 / .pi
      XCTAssertEqual(try p.convergence(lon: lon, lat: lat), expected, accuracy: 2e-3, "\(lon) \(lat)")
    }
  }

  func testThousandsOfCamerasTakeMilliseconds() throws {
    let p = try Projector(crs: "EPSG:32651")
    let start = Date()
    var sum = 0.0
    for i in 0..<5000 { sum += try p.convergence(lon: 121 + Double(i) * 1e-5, lat: 30.7) }
    XCTAssertLessThan(Date().timeIntervalSince(start), 2, "was ~10 ms a call when PROJ rebuilt the operation")
    XCTAssertEqual(sum / 5000, -1.0, accuracy: 0.05)
  }
}
