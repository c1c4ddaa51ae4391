import Foundation

/// Integer longitude/latitude in units of 1e-7 degree, the resolution written to the files.
/// Rounding once, here, makes shared boundary vertices identical in every polygon that uses
/// them.
struct E7 {
  var lon: Int64
  var lat: Int64
}

/// Maps the local plane to WGS84 with a linear scale at the region's centre. Over 30 km this
/// stretches distances by well under 0.2 %, and being affine it keeps valid polygons valid.
struct Frame {
  let centerLon: Double
  let centerLat: Double
  let centerX: Double
  let centerY: Double
  let metresPerDegreeLon: Double
  let metresPerDegreeLat: Double

  init(centerLon: Double, centerLat: Double, width: Double, height: Double) {
    self.centerLon = centerLon
    self.centerLat = centerLat
    centerX = width / 2
    centerY = height / 2
    let phi = centerLat * .pi / 180
    // Meridian and parallel arc lengths on the WGS84 ellipsoid (series to 4φ).
    metresPerDegreeLat = 111_132.92 - 559.82 * cos(2 * phi) + 1.175 * cos(4 * phi)
    metresPerDegreeLon = 111_412.84 * cos(phi) - 93.5 * cos(3 * phi)
  }

  func e7(_ p: P) -> E7 {
    let lon = centerLon + (p.x - centerX) / metresPerDegreeLon
    let lat = centerLat + (p.y - centerY) / metresPerDegreeLat
    return E7(lon: Int64((lon * 1e7).rounded()), lat: Int64((lat * 1e7).rounded()))
  }
}

/// Text assembled as bytes: the city bundle is tens of megabytes and String concatenation
/// would dominate the run time.
final class Output {
  var bytes: [UInt8] = []

  init(capacity: Int = 1 << 16) { bytes.reserveCapacity(capacity) }

  func put(_ s: String) { bytes.append(contentsOf: s.utf8) }

  func putInt(_ v: Int64) {
    if v < 0 { bytes.append(UInt8(ascii: "-")) }
    var m = v.magnitude
    var digits: [UInt8] = []
    repeat {
      digits.append(UInt8(ascii: "0") + UInt8(m % 10))
      m /= 10
    } while m > 0
    bytes.append(contentsOf: digits.reversed())
  }

  /// Degrees with exactly seven decimals.
  func putE7(_ v: Int64) {
    if v < 0 { bytes.append(UInt8(ascii: "-")) }
    let m = v.magnitude
    putInt(Int64(m / 10_000_000))
    bytes.append(UInt8(ascii: "."))
    var frac = m % 10_000_000
    var digits = [UInt8](repeating: UInt8(ascii: "0"), count: 7)
    for i in stride(from: 6, through: 0, by: -1) {
      digits[i] = UInt8(ascii: "0") + UInt8(frac % 10)
      frac /= 10
    }
    bytes.append(contentsOf: digits)
  }

  /// Shortest text for `v` rounded to `decimals` places: 90, 12.5, 0.85.
  func putNumber(_ v: Double, decimals: Int) {
    var scale: Int64 = 1
    for _ in 0..<decimals { scale *= 10 }
    let n = Int64((v * Double(scale)).rounded())
    if n < 0 { bytes.append(UInt8(ascii: "-")) }
    let m = n.magnitude
    putInt(Int64(m / UInt64(scale)))
    var frac = m % UInt64(scale)
    guard frac > 0 else { return }
    var width = decimals
    while frac % 10 == 0 {
      frac /= 10
      width -= 1
    }
    bytes.append(UInt8(ascii: "."))
    let text = String(frac)
    bytes.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: width - text.utf8.count))
    put(text)
  }

  func putJSONString(_ s: String) {
    bytes.append(UInt8(ascii: "\""))
    for b in s.utf8 {
      switch b {
      case UInt8(ascii: "\""): put("\\\"")
      case UInt8(ascii: "\\"): put("\\\\")
      case 0..<0x20:
        put("\\u00")
        let hex = Array("0123456789abcdef".utf8)
        bytes.append(hex[Int(b >> 4)])
        bytes.append(hex[Int(b & 15)])
      default: bytes.append(b)
      }
    }
    bytes.append(UInt8(ascii: "\""))
  }

  func putPoint(_ e: E7) {
    put("[")
    putE7(e.lon)
    put(",")
    putE7(e.lat)
    put("]")
  }

  func write(to url: URL) throws {
    try Data(bytes).write(to: url)
  }
}

/// One JSON object's members, written in the order they are added.
struct Members {
  let out: Output
  private var first = true

  init(_ out: Output) { self.out = out }

  private mutating func key(_ k: String) {
    out.put(first ? "\"" : ",\"")
    first = false
    out.put(k)
    out.put("\":")
  }

  mutating func string(_ k: String, _ v: String?) {
    guard let v else { return }
    key(k)
    out.putJSONString(v)
  }

  mutating func number(_ k: String, _ v: Double?, decimals: Int) {
    guard let v else { return }
    key(k)
    out.putNumber(v, decimals: decimals)
  }

  mutating func int(_ k: String, _ v: Int?) {
    guard let v else { return }
    key(k)
    out.putInt(Int64(v))
  }
}

/// Streams a FeatureCollection, one feature per line so diffs stay readable.
struct FeatureWriter {
  let out: Output
  private var count = 0

  init(capacity: Int) {
    out = Output(capacity: capacity)
    out.put("{\"type\":\"FeatureCollection\",\"features\":[\n")
  }

  mutating func feature(properties: (inout Members) -> Void, geometry: (Output) -> Void) {
    out.put(
      count == 0 ? "{\"type\":\"Feature\",\"properties\":{" : ",\n{\"type\":\"Feature\",\"properties\":{")
    count += 1
    var members = Members(out)
    properties(&members)
    out.put("},\"geometry\":")
    geometry(out)
    out.put("}")
  }

  func finish() -> Output {
    out.put("\n]}\n")
    return out
  }
}

extension Output {
  /// A closed ring: the first vertex repeated at the end, as RFC 7946 requires.
  func putRing(_ ring: [E7]) {
    put("[")
    for e in ring {
      putPoint(e)
      put(",")
    }
    putPoint(ring[0])
    put("]")
  }

  func putPolygon(_ ring: [E7]) {
    put("{\"type\":\"Polygon\",\"coordinates\":[")
    putRing(ring)
    put("]}")
  }

  func putLineString(_ line: [E7]) {
    put("{\"type\":\"LineString\",\"coordinates\":[")
    for (i, e) in line.enumerated() {
      if i > 0 { put(",") }
      putPoint(e)
    }
    put("]}")
  }

  func putPointGeometry(_ e: E7) {
    put("{\"type\":\"Point\",\"coordinates\":")
    putPoint(e)
    put("}")
  }
}

/// One CSV cell: quoted only when it has to be (RFC 4180).
func csvCell(_ s: String) -> String {
  guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
  return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
}
