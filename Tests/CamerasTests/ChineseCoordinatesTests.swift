import Cameras
import Foundation
import XCTest

final class ChineseCoordinatesTests: XCTestCase {
  /// Great-circle distance in metres on a sphere of the WGS84 mean radius; at sub-metre
  /// separations the sphere is as good as the ellipsoid.
  private func metres(_ a: (lon: Double, lat: Double), _ b: (lon: Double, lat: Double)) -> Double {
    let radius = 6_371_008.8
    let phi1 = a.lat * .pi / 180
    let phi2 = b.lat * .pi / 180
    let dPhi = (b.lat - a.lat) * .pi / 180
    let dLambda = (b.lon - a.lon) * .pi / 180
    let h = sin(dPhi / 2) * sin(dPhi / 2) + cos(phi1) * cos(phi2) * sin(dLambda / 2) * sin(dLambda / 2)
    return 2 * radius * asin(min(1, h.squareRoot()))
  }

  /// Every 0.5 degree over lon 73–135, lat 18–53.
  private var chinaGrid: [(lon: Double, lat: Double)] {
    var points: [(lon: Double, lat: Double)] = []
    for i in 0...124 {
      for j in 0...70 {
        points.append((73 + Double(i) * 0.5, 18 + Double(j) * 0.5))
      }
    }
    return points
  }

  func testHaversineHelper() {
    // One degree of latitude on the mean sphere.
    XCTAssertEqual(metres((0, 0), (0, 1)), 111_195.08, accuracy: 0.01)
    XCTAssertEqual(metres((116, 40), (116, 40)), 0)
  }

  func testBoundingBox() {
    XCTAssertTrue(ChineseCoordinates.isInChina(lon: 116.404, lat: 39.915))
    XCTAssertTrue(ChineseCoordinates.isInChina(lon: 72.004, lat: 0.8293))
    XCTAssertTrue(ChineseCoordinates.isInChina(lon: 137.8347, lat: 55.8271))
    XCTAssertFalse(ChineseCoordinates.isInChina(lon: 72.0039, lat: 30))
    XCTAssertFalse(ChineseCoordinates.isInChina(lon: 137.8348, lat: 30))
    XCTAssertFalse(ChineseCoordinates.isInChina(lon: 100, lat: 0.8292))
    XCTAssertFalse(ChineseCoordinates.isInChina(lon: 100, lat: 55.8272))
  }

  func testGCJOffsetAtBeijingAndShanghaiIsAFewHundredMetres() {
    for point in [(lon: 116.3975, lat: 39.9087), (lon: 121.4737, lat: 31.2304)] {
      let shifted = ChineseCoordinates.wgs84ToGCJ02(lon: point.lon, lat: point.lat)
      let offset = metres(point, shifted)
      XCTAssertGreaterThan(offset, 100, "\(point)")
      XCTAssertLessThan(offset, 700, "\(point)")
      // BD-09 adds Baidu's own shift of several hundred metres on top of GCJ-02.
      let baidu = ChineseCoordinates.wgs84ToBD09(lon: point.lon, lat: point.lat)
      XCTAssertGreaterThan(metres(shifted, baidu), 300)
      XCTAssertLessThan(metres(shifted, baidu), 1500)
    }
  }

  /// Values printed by test/app.js of wandergis/coordtransform (the npm `coordtransform`
  /// package, MIT), the converter most Chinese GIS tools copy, for input (116.404, 39.915).
  func testPublishedReferenceValues() {
    let input = (lon: 116.404, lat: 39.915)
    // Forward transforms are the same closed formulas: equal to rounding.
    let gcj = ChineseCoordinates.wgs84ToGCJ02(lon: input.lon, lat: input.lat)
    XCTAssertEqual(gcj.lon, 116.41024449916938, accuracy: 1e-11)
    XCTAssertEqual(gcj.lat, 39.91640428150164, accuracy: 1e-11)
    let bd = ChineseCoordinates.gcj02ToBD09(lon: input.lon, lat: input.lat)
    XCTAssertEqual(bd.lon, 116.41036949371029, accuracy: 1e-11)
    XCTAssertEqual(bd.lat, 39.92133699351021, accuracy: 1e-11)
    // Inverses: coordtransform stops after one approximate step, camgap iterates to the exact
    // inverse, so the two agree only to a few centimetres (6 cm here; Baidu's closed form is off
    // by up to 20 cm across China).
    let wgs = ChineseCoordinates.gcj02ToWGS84(lon: input.lon, lat: input.lat)
    XCTAssertLessThan(metres(wgs, (116.39775550083061, 39.91359571849836)), 0.25)
    let fromBaidu = ChineseCoordinates.bd09ToGCJ02(lon: input.lon, lat: input.lat)
    XCTAssertLessThan(metres(fromBaidu, (116.39762729119315, 39.90865673957631)), 0.25)
  }

  func testGCJRoundTripOverChina() {
    var worst = 0.0
    for point in chinaGrid {
      let gcj = ChineseCoordinates.wgs84ToGCJ02(lon: point.lon, lat: point.lat)
      XCTAssertGreaterThan(metres(point, gcj), 1, "offset applied at \(point)")
      let back = ChineseCoordinates.gcj02ToWGS84(lon: gcj.lon, lat: gcj.lat)
      worst = max(worst, metres(point, back))
    }
    XCTAssertLessThan(worst, 0.5)
    // The iteration runs to 1e-9 degrees, so in practice it is far better than half a metre.
    XCTAssertLessThan(worst, 0.001)
  }

  func testBaiduRoundTripsOverChina() {
    var worstFromWGS = 0.0
    var worstFromGCJ = 0.0
    for point in chinaGrid {
      let bd = ChineseCoordinates.wgs84ToBD09(lon: point.lon, lat: point.lat)
      let back = ChineseCoordinates.bd09ToWGS84(lon: bd.lon, lat: bd.lat)
      worstFromWGS = max(worstFromWGS, metres(point, back))
      let fromGCJ = ChineseCoordinates.gcj02ToBD09(lon: point.lon, lat: point.lat)
      let gcjBack = ChineseCoordinates.bd09ToGCJ02(lon: fromGCJ.lon, lat: fromGCJ.lat)
      worstFromGCJ = max(worstFromGCJ, metres(point, gcjBack))
    }
    XCTAssertLessThan(worstFromWGS, 0.5)
    XCTAssertLessThan(worstFromWGS, 0.001)
    XCTAssertLessThan(worstFromGCJ, 0.001)
  }

  func testInverseOfAMapPositionLandsWhereTheForwardSends() {
    // A camera digitised on Amap near West Lake, Hangzhou: its WGS84 position must map back.
    let amap = (lon: 120.1485, lat: 30.2425)
    let wgs = ChineseCoordinates.gcj02ToWGS84(lon: amap.lon, lat: amap.lat)
    XCTAssertGreaterThan(metres(amap, wgs), 100)
    XCTAssertLessThan(metres(ChineseCoordinates.wgs84ToGCJ02(lon: wgs.lon, lat: wgs.lat), amap), 0.001)
    let baidu = (lon: 120.1550, lat: 30.2485)
    let wgsFromBaidu = ChineseCoordinates.bd09ToWGS84(lon: baidu.lon, lat: baidu.lat)
    XCTAssertLessThan(
      metres(ChineseCoordinates.wgs84ToBD09(lon: wgsFromBaidu.lon, lat: wgsFromBaidu.lat), baidu), 0.001)
  }

  func testPointsOutsideChinaAreUnchanged() {
    let outside: [(lon: Double, lat: Double)] = [
      (-83.2, 42.3),  // Dearborn
      (24.94, 60.17),  // Helsinki
      (-17.45, 14.69),  // Dakar
      (151.2, -33.9),  // Sydney
      (140.0, 35.7),  // Tokyo, east of the box
      (100.5, 0.5),  // south of the box
    ]
    for point in outside {
      let results = [
        ChineseCoordinates.wgs84ToGCJ02(lon: point.lon, lat: point.lat),
        ChineseCoordinates.gcj02ToWGS84(lon: point.lon, lat: point.lat),
        ChineseCoordinates.gcj02ToBD09(lon: point.lon, lat: point.lat),
        ChineseCoordinates.bd09ToGCJ02(lon: point.lon, lat: point.lat),
        ChineseCoordinates.wgs84ToBD09(lon: point.lon, lat: point.lat),
        ChineseCoordinates.bd09ToWGS84(lon: point.lon, lat: point.lat),
      ]
      for result in results {
        XCTAssertEqual(result.lon, point.lon, "\(point)")
        XCTAssertEqual(result.lat, point.lat, "\(point)")
      }
    }
  }
}
