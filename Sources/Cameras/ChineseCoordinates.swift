import Foundation

/// GCJ-02 and BD-09, the offset coordinates of Chinese web maps (Amap/Tencent and Baidu).
/// Camera positions copied from those maps are hundreds of metres off WGS84, which would put a
/// camera on the wrong side of a street; `--input-crs gcj02|bd09` undoes the offset with these.
///
/// The forward transforms are the published public-domain formulas every Chinese map SDK
/// reproduces; there is no closed-form inverse, so the inverses iterate the forward transform.
public enum ChineseCoordinates {
  /// Krasovsky 1940 ellipsoid, the one the GCJ-02 formulas were written against.
  static let semiMajorAxis = 6378245.0
  static let eccentricitySquared = 0.00669342162296594323
  static let baiduFactor = Double.pi * 3000.0 / 180.0
  /// 1e-9 degrees is about 0.1 mm: far below anything a camera position can mean.
  static let inverseTolerance = 1e-9
  static let inverseMaxSteps = 30

  /// True when GCJ-02 applies (a point inside China's rough bounding box 72.004–137.8347 E,
  /// 0.8293–55.8271 N); outside it the offset is not applied, as Chinese web maps do.
  public static func isInChina(lon: Double, lat: Double) -> Bool {
    lon >= 72.004 && lon <= 137.8347 && lat >= 0.8293 && lat <= 55.8271
  }

  public static func wgs84ToGCJ02(lon: Double, lat: Double) -> (lon: Double, lat: Double) {
    guard isInChina(lon: lon, lat: lat) else { return (lon, lat) }
    let x = lon - 105.0
    let y = lat - 35.0
    var dLat = transformLat(x: x, y: y)
    var dLon = transformLon(x: x, y: y)
    let radLat = lat / 180.0 * Double.pi
    var magic = sin(radLat)
    magic = 1 - eccentricitySquared * magic * magic
    let sqrtMagic = magic.squareRoot()
    dLat =
      (dLat * 180.0)
      / ((semiMajorAxis * (1 - eccentricitySquared)) / (magic * sqrtMagic) * Double.pi)
    dLon = (dLon * 180.0) / (semiMajorAxis / sqrtMagic * cos(radLat) * Double.pi)
    return (lon + dLon, lat + dLat)
  }

  /// Iterative inverse (fixed-point iteration until the forward image is within 1e-9 degrees,
  /// at most 30 steps): accurate to well under 0.5 m.
  public static func gcj02ToWGS84(lon: Double, lat: Double) -> (lon: Double, lat: Double) {
    guard isInChina(lon: lon, lat: lat) else { return (lon, lat) }
    return invert(lon: lon, lat: lat, start: (lon, lat), forward: wgs84ToGCJ02)
  }

  public static func gcj02ToBD09(lon: Double, lat: Double) -> (lon: Double, lat: Double) {
    guard isInChina(lon: lon, lat: lat) else { return (lon, lat) }
    let z = (lon * lon + lat * lat).squareRoot() + 0.00002 * sin(lat * baiduFactor)
    let theta = atan2(lat, lon) + 0.000003 * cos(lon * baiduFactor)
    return (z * cos(theta) + 0.0065, z * sin(theta) + 0.006)
  }

  /// Starts from Baidu's published closed-form inverse, which is only approximate (off by up to
  /// about 20 cm), and refines it so that a round trip through `gcj02ToBD09` is exact.
  public static func bd09ToGCJ02(lon: Double, lat: Double) -> (lon: Double, lat: Double) {
    guard isInChina(lon: lon, lat: lat) else { return (lon, lat) }
    let start = approximateBD09ToGCJ02(lon: lon, lat: lat)
    return invert(lon: lon, lat: lat, start: start, forward: gcj02ToBD09)
  }

  public static func wgs84ToBD09(lon: Double, lat: Double) -> (lon: Double, lat: Double) {
    let gcj = wgs84ToGCJ02(lon: lon, lat: lat)
    return gcj02ToBD09(lon: gcj.lon, lat: gcj.lat)
  }

  /// BD-09 → WGS84: inverse of wgs84ToBD09, iterative, < 0.5 m error.
  public static func bd09ToWGS84(lon: Double, lat: Double) -> (lon: Double, lat: Double) {
    guard isInChina(lon: lon, lat: lat) else { return (lon, lat) }
    let gcj = approximateBD09ToGCJ02(lon: lon, lat: lat)
    let start = gcj02ToWGS84(lon: gcj.lon, lat: gcj.lat)
    return invert(lon: lon, lat: lat, start: start, forward: wgs84ToBD09)
  }

  static func approximateBD09ToGCJ02(lon: Double, lat: Double) -> (lon: Double, lat: Double) {
    let x = lon - 0.0065
    let y = lat - 0.006
    let z = (x * x + y * y).squareRoot() - 0.00002 * sin(y * baiduFactor)
    let theta = atan2(y, x) - 0.000003 * cos(x * baiduFactor)
    return (z * cos(theta), z * sin(theta))
  }

  /// The offsets change by well under 1% of themselves per degree, so shifting the guess by the
  /// remaining error is a contraction and converges in a handful of steps.
  static func invert(
    lon: Double, lat: Double, start: (lon: Double, lat: Double),
    forward: (Double, Double) -> (lon: Double, lat: Double)
  ) -> (lon: Double, lat: Double) {
    var guess = start
    for _ in 0..<inverseMaxSteps {
      let image = forward(guess.lon, guess.lat)
      let errorLon = lon - image.lon
      let errorLat = lat - image.lat
      if abs(errorLon) < inverseTolerance && abs(errorLat) < inverseTolerance { break }
      guess = (guess.lon + errorLon, guess.lat + errorLat)
    }
    return guess
  }

  static func transformLat(x: Double, y: Double) -> Double {
    var result = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * abs(x).squareRoot()
    result += (20.0 * sin(6.0 * x * Double.pi) + 20.0 * sin(2.0 * x * Double.pi)) * 2.0 / 3.0
    result += (20.0 * sin(y * Double.pi) + 40.0 * sin(y / 3.0 * Double.pi)) * 2.0 / 3.0
    result += (160.0 * sin(y / 12.0 * Double.pi) + 320.0 * sin(y * Double.pi / 30.0)) * 2.0 / 3.0
    return result
  }

  static func transformLon(x: Double, y: Double) -> Double {
    var result = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * abs(x).squareRoot()
    result += (20.0 * sin(6.0 * x * Double.pi) + 20.0 * sin(2.0 * x * Double.pi)) * 2.0 / 3.0
    result += (20.0 * sin(x * Double.pi) + 40.0 * sin(x / 3.0 * Double.pi)) * 2.0 / 3.0
    result += (150.0 * sin(x / 12.0 * Double.pi) + 300.0 * sin(x / 30.0 * Double.pi)) * 2.0 / 3.0
    return result
  }
}
