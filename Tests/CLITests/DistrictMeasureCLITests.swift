import Foundation
import XCTest

/// How districts are counted and measured: cameras on shared boundaries, zero-area
/// districts, districts far apart and an explicit `--crs` (SPEC §2, §4).
final class DistrictMeasureCLITests: XCTestCase {
  static func square(_ code: String, _ lon: Double, _ lat: Double, _ dLon: Double, _ dLat: Double) -> String {
    let ring = [(lon, lat), (lon + dLon, lat), (lon + dLon, lat + dLat), (lon, lat + dLat), (lon, lat)]
      .map { "[\($0.0), \($0.1)]" }.joined(separator: ", ")
    return #"{"type": "Feature", "properties": {"code": "\#(code)", "name": "\#(code)"}, "#
      + #""geometry": {"type": "Polygon", "coordinates": [[\#(ring)]]}}"#
  }

  static func collection(_ features: [String]) -> String {
    #"{"type": "FeatureCollection", "features": ["# + features.joined(separator: ",\n") + "]}"
  }

  func audit(_ bundle: URL, _ extra: [String] = []) throws -> (CLI.Result, [String: Any]) {
    let r = try CLI.run(["audit", bundle.path, "--format", "json"] + extra)
    XCTAssertEqual(r.code, 0, r.stderr)
    let doc = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
    return (r, doc ?? [:])
  }

  func districtRows(_ doc: [String: Any]) -> [String: [String: Any]] {
    var out: [String: [String: Any]] = [:]
    for d in doc["districts"] as? [[String: Any]] ?? [] { out[d["code"] as? String ?? ""] = d }
    return out
  }

  /// CAM-B (active) stands inside the tiny district and inside a small district nested in
  /// it; CAM-A (active) is the shared corner of two districts drawn on it, and also inside
  /// the tiny district. Each district counts every active camera standing in it.
  func testCamerasCountInEveryDistrictTheyStandIn() throws {
    let bundle = try CLI.copyBundle("tiny")
    defer { try? FileManager.default.removeItem(at: bundle) }
    let tiny = try String(contentsOf: bundle.appendingPathComponent("districts.geojson"), encoding: .utf8)
    let tinyFeature = try XCTUnwrap(
      (try JSONSerialization.jsonObject(with: Data(tiny.utf8)) as? [String: Any])?["features"] as? [Any]
    ).first!
    let tinyText = String(decoding: try JSONSerialization.data(withJSONObject: tinyFeature), as: UTF8.self)
    let a = (121.019386952135, 30.694321648649)
    let b = (121.023524394348, 30.696188912688)
    let districts = Self.collection([
      tinyText,
      Self.square("NESTED", b.0 - 0.0005, b.1 - 0.0005, 0.001, 0.001),
      Self.square("SW", a.0 - 0.001, a.1 - 0.001, 0.001, 0.001),
      Self.square("NE", a.0, a.1, 0.001, 0.001),
    ])
    try districts.write(
      to: bundle.appendingPathComponent("districts.geojson"), atomically: true, encoding: .utf8)
    let (_, doc) = try audit(bundle)
    let rows = districtRows(doc)
    XCTAssertEqual(rows["330482001000"]?["cameras"] as? Int, 2)
    XCTAssertEqual(rows["NESTED"]?["cameras"] as? Int, 1)
    XCTAssertEqual(rows["SW"]?["cameras"] as? Int, 1)
    XCTAssertEqual(rows["NE"]?["cameras"] as? Int, 1)
  }

  /// `validate DIR` runs the audit's checks: a district whose ring collapses is refused
  /// there too, named with its code and name, rather than "ok".
  func testValidateRefusesZeroAreaDistricts() throws {
    let bundle = try CLI.copyBundle("tiny")
    defer { try? FileManager.default.removeItem(at: bundle) }
    let flat =
      #"{"type": "Feature", "properties": {"code": "F1", "name": "flat"}, "geometry": "#
      + #"{"type": "Polygon", "coordinates": [[[121.02, 30.692], [121.021, 30.692], [121.02, 30.692], [121.02, 30.692]]]}}"#
    try Self.collection([flat, flat.replacingOccurrences(of: "F1", with: "F2")]).write(
      to: bundle.appendingPathComponent("districts.geojson"), atomically: true, encoding: .utf8)
    let r = try CLI.run(["validate", bundle.path])
    XCTAssertEqual(r.code, 2, r.stdout + r.stderr)
    XCTAssertFalse(r.stdout.contains("ok"), r.stdout)
    XCTAssertTrue(
      r.stderr.contains("feature 0: field \"geometry\": district \"F1\" (\"flat\") has zero area"), r.stderr)
    XCTAssertTrue(
      r.stderr.contains("feature 1: field \"geometry\": district \"F2\" (\"flat\") has zero area"), r.stderr)
  }
}

extension DistrictMeasureCLITests {
  /// A lon/lat cell of `side` × `side` metres on the WGS84 ellipsoid, centred at (lon, lat):
  /// side² to a few parts in a million.
  static func kmSquare(_ code: String, lon: Double, lat: Double, side: Double = 1000) -> String {
    let a = 6_378_137.0
    let e2 = 0.00669437999014
    let phi = lat * .pi / 180
    let w = 1 - e2 * sin(phi) * sin(phi)
    let m = a * (1 - e2) / pow(w, 1.5)
    let n = a / w.squareRoot()
    let dLat = side / m * 180 / .pi
    let dLon = side / (n * cos(phi)) * 180 / .pi
    return square(code, lon - dLon / 2, lat - dLat / 2, dLon, dLat)
  }

  /// A 1 km² square in China (UTM 51N) and one in France (UTM 31N) in one file: each is
  /// measured in its own zone, to within 0.1 % (in a single zone France measured 2.14 km²),
  /// and the JSON names both planes. Each square holds one 360° camera of 30 m.
  func testDistrictsInTwoUTMZonesAreEachMeasuredInTheirOwn() throws {
    let bundle = try CLI.copyBundle("tiny")
    defer { try? FileManager.default.removeItem(at: bundle) }
    let fm = FileManager.default
    try fm.removeItem(at: bundle.appendingPathComponent("roads.geojson"))
    try Self.collection([Self.kmSquare("CN", lon: 123, lat: 30.7), Self.kmSquare("FR", lon: 3, lat: 48.8)])
      .write(to: bundle.appendingPathComponent("districts.geojson"), atomically: true, encoding: .utf8)
    let cameras = Self.collection(
      [("C1", 123.0, 30.7), ("F1", 3.0, 48.8)].map { id, lon, lat in
        #"{"type": "Feature", "properties": {"id": "\#(id)", "kind": "ptz", "range": 30}, "#
          + #""geometry": {"type": "Point", "coordinates": [\#(lon), \#(lat)]}}"#
      })
    try cameras.write(to: bundle.appendingPathComponent("cameras.geojson"), atomically: true, encoding: .utf8)
    // A 500 m square zone in the French district: measured there, and the only gaps are its
    // own (with a zone in the bundle, districts of neither group list theirs).
    let zone = Self.kmSquare("ZF", lon: 3, lat: 48.8, side: 500).replacingOccurrences(
      of: #""code": "ZF""#, with: #""id": "ZF""#)
    try Self.collection([zone]).write(
      to: bundle.appendingPathComponent("zones.geojson"), atomically: true, encoding: .utf8)
    let (r, doc) = try audit(bundle)
    XCTAssertEqual(doc["crs"] as? String, "EPSG:32651+EPSG:32631", r.stdout)
    let z = try XCTUnwrap((doc["zones"] as? [[String: Any]])?.first)
    XCTAssertEqual(try XCTUnwrap(z["area_m2"] as? Double), 250_000, accuracy: 250)
    XCTAssertEqual(z["districts"] as? [String], ["FR"])
    let gaps = try XCTUnwrap(doc["gaps"] as? [[String: Any]])
    XCTAssertEqual(gaps.map { $0["id"] as? String ?? "" }, ["ZF#1"])
    // `diff` matches gaps of such an audit though its crs names two planes.
    let json = bundle.appendingPathComponent("a.json").path
    let gapsFile = bundle.appendingPathComponent("a-gaps.geojson").path
    let saved = try CLI.run(["audit", bundle.path, "--format", "json", "--out", json, "--gaps", gapsFile])
    XCTAssertEqual(saved.code, 0, saved.stderr)
    let diff = try CLI.run([
      "diff", json, json, "--old-gaps", gapsFile, "--new-gaps", gapsFile, "--format", "json",
    ])
    XCTAssertEqual(diff.code, 0, diff.stderr)
    XCTAssertTrue(diff.stdout.contains("\"changes\": 0"), diff.stdout)
    let rows = districtRows(doc)
    for code in ["CN", "FR"] {
      let area = try XCTUnwrap(rows[code]?["area_m2"] as? Double)
      XCTAssertEqual(area, 1_000_000, accuracy: 1000, code)
      XCTAssertEqual(rows[code]?["cameras"] as? Int, 1, code)
      // A 72-gon of 30 m, measured at k0 = 0.9996 near the central meridian.
      let covered = try XCTUnwrap(rows[code]?["covered_m2"] as? Double)
      XCTAssertEqual(covered, 36 * sin(5 * Double.pi / 180) * 900, accuracy: 3, code)
    }
    XCTAssertEqual((doc["districts"] as? [[String: Any]])?.map { $0["code"] as? String ?? "" }, ["CN", "FR"])
    let summary = try XCTUnwrap(doc["summary"] as? [String: Any])
    XCTAssertEqual(summary["cameras"] as? Int, 2)
    XCTAssertEqual(summary["active_cameras"] as? Int, 2)
    XCTAssertEqual(try XCTUnwrap(summary["district_area_m2"] as? Double), 2_000_000, accuracy: 2000)
  }

  /// An explicit `--crs` far from the districts is used as given, with the largest scale
  /// error over them: UTM 1N at Pinghu stretches lengths by 54 % and areas by 136 %.
  func testExplicitCRSWarnsOfItsScaleError() throws {
    let (_, doc) = try audit(URL(fileURLWithPath: CLI.geodata("tiny")), ["--crs", "EPSG:32601"])
    let warnings = doc["warnings"] as? [String] ?? []
    XCTAssertTrue(
      warnings.contains {
        $0.hasPrefix(
          "--crs EPSG:32601: scale error up to 54 % over district \"330482001000\" (\"试验街道\"), areas up to 136 % off"
        )
      }, "\(warnings)")
    XCTAssertEqual(doc["crs"] as? String, "EPSG:32601")
    let (_, plain) = try audit(URL(fileURLWithPath: CLI.geodata("tiny")), ["--crs", "EPSG:32651"])
    XCTAssertFalse((plain["warnings"] as? [String] ?? []).contains { $0.contains("scale error") })
  }

  /// A district wider than a UTM zone (115°E to 125°E, centre in 51N): 8° west of the
  /// central meridian the plane stretches lengths by 0.70 %; the audit says so.
  func testDistrictWiderThanItsZoneIsWarned() throws {
    let bundle = try CLI.copyBundle("tiny")
    defer { try? FileManager.default.removeItem(at: bundle) }
    for f in ["zones.geojson", "roads.geojson"] {
      try FileManager.default.removeItem(at: bundle.appendingPathComponent(f))
    }
    try Self.collection([Self.square("WIDE", 115, 30, 10, 1)]).write(
      to: bundle.appendingPathComponent("districts.geojson"), atomically: true, encoding: .utf8)
    let (_, doc) = try audit(bundle)
    let warnings = doc["warnings"] as? [String] ?? []
    XCTAssertTrue(
      warnings.contains {
        $0.hasPrefix(
          "districts.geojson: feature 0 (code \"WIDE\", name \"WIDE\"): spans beyond its UTM zone EPSG:32651: scale error up to 0.70 %"
        )
      }, "\(warnings)")
  }
}
