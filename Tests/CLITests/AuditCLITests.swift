import Foundation
import XCTest

final class AuditCLITests: XCTestCase {
  func testJSONOnTinyBundle() throws {
    let r = try CLI.run(["audit", CLI.geodata("tiny"), "--format", "json"])
    XCTAssertEqual(r.code, 0, r.stderr)
    let doc = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
    XCTAssertEqual(doc["crs"] as? String, "EPSG:32651")
    let summary = doc["summary"] as! [String: Any]
    let s5 = sin(5 * Double.pi / 180)
    let expected = 0.5 * 2500 * 18 * s5 + 36 * 900 * s5
    XCTAssertEqual(summary["covered_m2"] as! Double, expected, accuracy: expected * 1e-9)
    for key in [
      "cameras", "active_cameras", "default_range_cameras", "districts", "district_area_m2", "covered_m2",
      "coverage", "zones",
      "zone_area_m2", "zone_covered_m2", "zone_coverage", "zones_below_target", "gaps", "gap_area_m2",
      "road_length_m",
      "road_covered_m", "entries", "entries_covered", "working_rate", "unknown_heading",
    ] {
      XCTAssertNotNil(summary[key], key)
    }
    for key in ["districts", "zones", "gaps", "classes", "entries", "warnings"] {
      XCTAssertNotNil(doc[key] as? [Any], key)
    }
  }

  func testSameInputSameBytes() throws {
    let a = try CLI.run(["audit", CLI.geodata("tiny"), "--format", "json"])
    let b = try CLI.run(["audit", CLI.geodata("tiny"), "--format", "json", "--threads", "1"])
    XCTAssertEqual(a.stdout, b.stdout)
  }

  func testOtherFormats() throws {
    let table = try CLI.run(["audit", CLI.geodata("tiny"), "--format", "table"])
    XCTAssertTrue(table.stdout.contains("试验街道"))
    XCTAssertTrue(table.stdout.contains("Zones, largest shortfall first"))
    let csv = try CLI.run(["audit", CLI.geodata("tiny"), "--format", "csv"])
    let lines = csv.stdout.split(separator: "\n")
    XCTAssertEqual(lines.count, 2)
    XCTAssertTrue(lines[1].hasPrefix("Z1,停车场,key-site,330482001000,"))
    let geo = try CLI.run(["audit", CLI.geodata("tiny"), "--format", "geojson"])
    let fc = try JSONSerialization.jsonObject(with: Data(geo.stdout.utf8)) as! [String: Any]
    let features = fc["features"] as! [[String: Any]]
    XCTAssertEqual(features.count, 1)
    let props = features[0]["properties"] as! [String: Any]
    XCTAssertEqual(props["zone"] as? String, "Z1")
  }

  func testOutAndCheck() throws {
    let out = FileManager.default.temporaryDirectory.appendingPathComponent(
      "camgap-\(UUID().uuidString).json")
    let r = try CLI.run(["audit", CLI.geodata("tiny"), "--format", "json", "--out", out.path, "--check"])
    XCTAssertEqual(r.code, 3)
    XCTAssertTrue(r.stderr.contains("1 of 1 zones below target"))
    XCTAssertEqual(r.stdout, "")
    XCTAssertTrue(FileManager.default.fileExists(atPath: out.path))
  }

  func testUsageErrorsExitOne() throws {
    XCTAssertEqual(try CLI.run(["audit"]).code, 1)
    XCTAssertEqual(try CLI.run(["audit", CLI.geodata("tiny"), "--format", "pdf"]).code, 1)
    XCTAssertEqual(try CLI.run(["audit", CLI.geodata("tiny"), "--on", "yesterday"]).code, 1)
    XCTAssertEqual(try CLI.run(["audit", CLI.geodata("tiny"), "--default-range", "bullet=5"]).code, 1)
    XCTAssertEqual(try CLI.run(["audit", CLI.geodata("tiny"), "--crs", "EPSG:4326"]).code, 1)
    XCTAssertEqual(try CLI.run(["--help"]).code, 0)
  }
}

final class BadInputCLITests: XCTestCase {
  /// Writes `text` over one file of a copy of the tiny bundle and audits it.
  func audit(replacing file: String, with text: String) throws -> CLI.Result {
    let dir = try CLI.copyBundle("tiny")
    defer { try? FileManager.default.removeItem(at: dir) }
    if file == "cameras.csv" {
      try FileManager.default.removeItem(at: dir.appendingPathComponent("cameras.geojson"))
    }
    try text.write(to: dir.appendingPathComponent(file), atomically: true, encoding: .utf8)
    return try CLI.run(["audit", dir.path, "--format", "json"])
  }

  func fc(_ features: String) -> String { #"{"type":"FeatureCollection","features":[\#(features)]}"# }
  let square =
    #"{"type":"Polygon","coordinates":[[[121.0,30.69],[121.03,30.69],[121.03,30.70],[121.0,30.70],[121.0,30.69]]]}"#

  func assertBad(_ r: CLI.Result, _ parts: [String], file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(r.code, 2, r.stderr, file: file, line: line)
    for p in parts { XCTAssertTrue(r.stderr.contains(p), "\(r.stderr) lacks \(p)", file: file, line: line) }
  }

  func testMissingDistrictCode() throws {
    let r = try audit(
      replacing: "districts.geojson",
      with: fc(#"{"type":"Feature","properties":{"name":"x"},"geometry":\#(square)}"#))
    assertBad(r, ["districts.geojson: feature 0: field \"code\": missing"])
  }

  func testNonPolygonDistrict() throws {
    let r = try audit(
      replacing: "districts.geojson",
      with: fc(
        #"{"type":"Feature","properties":{"code":"1","name":"x"},"geometry":{"type":"Point","coordinates":[121,30.7]}}"#
      ))
    assertBad(
      r, ["districts.geojson: feature 0: field \"geometry\": must be a Polygon or MultiPolygon, got Point"])
  }

  func testDuplicateDistrictCode() throws {
    let f = #"{"type":"Feature","properties":{"code":"1","name":"x"},"geometry":\#(square)}"#
    let r = try audit(replacing: "districts.geojson", with: fc(f + "," + f))
    assertBad(r, ["feature 1: field \"code\": duplicate district code \"1\" (also at feature 0)"])
  }

  func testCameraWithoutID() throws {
    let r = try audit(
      replacing: "cameras.geojson",
      with: fc(
        #"{"type":"Feature","properties":{"kind":"ptz"},"geometry":{"type":"Point","coordinates":[121.02,30.695]}}"#
      ))
    assertBad(r, ["cameras.geojson: feature 0: field \"id\": missing"])
  }

  func testUnknownKind() throws {
    let r = try audit(
      replacing: "cameras.geojson",
      with: fc(
        #"{"type":"Feature","properties":{"id":"a","kind":"bullet"},"geometry":{"type":"Point","coordinates":[121.02,30.695]}}"#
      ))
    assertBad(r, ["cameras.geojson: feature 0: field \"kind\": unknown kind \"bullet\""])
  }

  func testNaNCoordinate() throws {
    let r = try audit(
      replacing: "cameras.geojson",
      with: fc(
        #"{"type":"Feature","properties":{"id":"a"},"geometry":{"type":"Point","coordinates":[NaN,30.695]}}"#)
    )
    assertBad(r, ["cameras.geojson: line 1", "NaN and Infinity are not JSON numbers"])
    let csv = try audit(replacing: "cameras.csv", with: "id,lon,lat\na,nan,30.7\n")
    assertBad(csv, ["cameras.csv: line 2: field \"lon\""])
  }

  func testMissingBundleFiles() throws {
    let dir = try CLI.copyBundle("tiny")
    defer { try? FileManager.default.removeItem(at: dir) }
    try FileManager.default.removeItem(at: dir.appendingPathComponent("cameras.geojson"))
    assertBad(try CLI.run(["audit", dir.path]), ["cameras.geojson: missing"])
    try FileManager.default.removeItem(at: dir.appendingPathComponent("districts.geojson"))
    assertBad(try CLI.run(["audit", dir.path]), ["districts.geojson: missing"])
    assertBad(try CLI.run(["audit", "/nonexistent/bundle"]), ["not a directory"])
  }

  func testInvalidPolygonRepairedWithWarning() throws {
    let bowtie =
      #"{"type":"Polygon","coordinates":[[[121.0,30.69],[121.03,30.70],[121.03,30.69],[121.0,30.70],[121.0,30.69]]]}"#
    let r = try audit(
      replacing: "districts.geojson",
      with: fc(#"{"type":"Feature","properties":{"code":"1","name":"x"},"geometry":\#(bowtie)}"#))
    XCTAssertEqual(r.code, 0, r.stderr)
    XCTAssertTrue(
      r.stdout.contains(
        #"districts.geojson: feature 0 (code \"1\", name \"x\"): invalid polygon (Self-intersection at lon "#),
      r.stdout)
  }
}
