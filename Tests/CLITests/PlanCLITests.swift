import Foundation
import TestSupport
import XCTest

/// `camgap plan` as a planner runs it: propose, merge the proposals into the camera file,
/// audit again with `--include-planned`.
final class PlanCLITests: XCTestCase {
  var scratch: URL!

  override func setUpWithError() throws {
    scratch = FileManager.default.temporaryDirectory.appendingPathComponent(
      "camgap-plan-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
  }

  override func tearDownWithError() throws { try? FileManager.default.removeItem(at: scratch) }

  func path(_ name: String) -> String { scratch.appendingPathComponent(name).path }

  func object(_ text: String) throws -> [String: Any] {
    try JSONSerialization.jsonObject(with: Data(text.utf8)) as! [String: Any]
  }

  func plan(_ args: [String]) throws -> [String: Any] {
    let r = try CLI.run(["plan", CLI.geodata("tiny"), "--format", "json"] + args)
    XCTAssertEqual(r.code, 0, r.stderr)
    return try object(r.stdout)
  }

  /// The bundle's cameras followed by the planned ones, as one file.
  func merged(_ plannedGeoJSON: String) throws -> String {
    let existing = try object(
      String(contentsOfFile: CLI.geodata("tiny") + "/cameras.geojson", encoding: .utf8))
    let planned = try object(plannedGeoJSON)
    var all = existing
    all["features"] = (existing["features"] as! [Any]) + (planned["features"] as! [Any])
    let out = path("merged.geojson")
    try JSONSerialization.data(withJSONObject: all).write(to: URL(fileURLWithPath: out))
    return out
  }

  func audit(cameras: String, _ extra: [String] = []) throws -> (CLI.Result, [String: Any]) {
    let r = try CLI.run(
      ["audit", CLI.geodata("tiny"), "--cameras", cameras, "--include-planned", "--format", "json"] + extra)
    return (r, r.code == 0 ? try object(r.stdout) : [:])
  }

  func testReauditReproducesPredictedCoverage() throws {
    let doc = try plan(["--budget", "4"])
    let proposals = doc["proposals"] as! [[String: Any]]
    XCTAssertEqual(proposals.count, 4)
    let geo = try CLI.run(["plan", CLI.geodata("tiny"), "--budget", "4", "--format", "geojson"])
    XCTAssertEqual(geo.code, 0, geo.stderr)
    let fc = try object(geo.stdout)
    let features = fc["features"] as! [[String: Any]]
    XCTAssertEqual(features.count, 4)
    let props = features[0]["properties"] as! [String: Any]
    XCTAssertEqual(props["status"] as? String, "planned")
    XCTAssertEqual(props["kind"] as? String, "fixed")
    XCTAssertEqual(props["fov"] as? Double, 90)
    XCTAssertEqual(props["range"] as? Double, 40)
    XCTAssertEqual(props["id"] as? String, "PLAN-001")
    XCTAssertEqual((features[0]["geometry"] as! [String: Any])["type"] as? String, "Point")

    let (r, after) = try audit(cameras: try merged(geo.stdout))
    XCTAssertEqual(r.code, 0, r.stderr)
    let zone = (after["zones"] as! [[String: Any]])[0]
    let predicted = (doc["zones"] as! [[String: Any]])[0]
    let covered = zone["covered_m2"] as! Double
    XCTAssertEqual(covered, predicted["covered_after_m2"] as! Double, accuracy: 1e-9 * covered)
    XCTAssertEqual(zone["coverage"] as! Double, predicted["coverage_after"] as! Double, accuracy: 1e-9)
    XCTAssertEqual(
      (after["summary"] as! [String: Any])["zone_coverage"] as! Double,
      proposals.last!["zone_coverage"] as! Double,
      accuracy: 1e-9 * covered)
    XCTAssertEqual((after["summary"] as! [String: Any])["active_cameras"] as? Int, 2 + 4)
    // Four 40 m sectors wholly inside the open gap: each adds its own closed-form area.
    let sector = 0.5 * 1600 * 18 * sin(5 * Double.pi / 180)
    for p in proposals { XCTAssertEqual(p["gain_m2"] as! Double, sector, accuracy: 1e-9 * sector) }
  }

  func testUntilTargetsOnTinyMeetsTheTarget() throws {
    let doc = try plan(["--budget", "60", "--until-targets"])
    let summary = doc["summary"] as! [String: Any]
    XCTAssertEqual(summary["stopped"] as? String, "targets-met")
    let n = summary["proposals"] as! Int
    // Z1 needs 20,000 m² of its 40,000 at 0.5 and has 2,824; a 40 m sector adds at most 1,255.
    XCTAssertGreaterThanOrEqual(n, 14)
    XCTAssertLessThan(n, 60)
    XCTAssertEqual(summary["zones_below_target_after"] as? Int, 0)
    let geo = try CLI.run([
      "plan", CLI.geodata("tiny"), "--budget", "60", "--until-targets", "--format", "geojson",
    ])
    let (r, after) = try audit(cameras: try merged(geo.stdout), ["--check"])
    XCTAssertEqual(r.code, 0, "the re-audit's --check passes: \(r.stderr)")
    XCTAssertEqual((after["zones"] as! [[String: Any]])[0]["meets_target"] as? Bool, true)
  }

  func testCandidateFileSitesAndHeadings() throws {
    // Around CAM-B, the centre of Z1: one site with a fixed heading, one dome, one free.
    let text = """
      {"type":"FeatureCollection","features":[
      {"type":"Feature","properties":{"id":"pole-1","heading":45},"geometry":{"type":"Point","coordinates":[121.0229,30.6958]}},
      {"type":"Feature","properties":{"id":"pole-2","kind":"ptz","range":20},"geometry":{"type":"Point","coordinates":[121.0241,30.6966]}},
      {"type":"Feature","properties":{"id":"pole-3"},"geometry":{"type":"Point","coordinates":[121.0240,30.6955]}}
      ]}
      """
    try text.write(toFile: path("poles.geojson"), atomically: true, encoding: .utf8)
    let doc = try plan(["--budget", "5", "--candidates", path("poles.geojson")])
    let summary = doc["summary"] as! [String: Any]
    XCTAssertEqual(summary["candidate_sites"] as? Int, 3)
    XCTAssertEqual(summary["candidates"] as? Int, 1 + 1 + 12)
    let proposals = doc["proposals"] as! [[String: Any]]
    // One camera on each site with one heading, two (--max-per-site) on the free one.
    XCTAssertEqual(proposals.count, 4)
    XCTAssertEqual(summary["stopped"] as? String, "no-gain")
    XCTAssertTrue(Set(proposals.map { $0["site"] as! String }).isSubset(of: ["pole-1", "pole-2", "pole-3"]))
    for p in proposals where p["site"] as? String == "pole-1" { XCTAssertEqual(p["heading"] as? Double, 45) }
    for p in proposals where p["site"] as? String == "pole-2" {
      XCTAssertTrue(p["heading"] is NSNull)
      XCTAssertEqual(p["fov"] as? Double, 360)
    }
    XCTAssertEqual(
      proposals.filter { $0["site"] as? String == "pole-1" }.count, 1,
      "a site's given heading is its only one")
  }

  func testTableAndFootprintsFile() throws {
    let r = try CLI.run([
      "plan", CLI.geodata("tiny"), "--budget", "2", "--format", "table", "--footprints", path("fp.geojson"),
    ])
    XCTAssertEqual(r.code, 0, r.stderr)
    XCTAssertTrue(r.stdout.contains("Proposals"))
    XCTAssertTrue(r.stdout.contains("停车场"))
    XCTAssertTrue(r.stdout.contains("PLAN-002"))
    let fc = try object(String(contentsOfFile: path("fp.geojson"), encoding: .utf8))
    let features = fc["features"] as! [[String: Any]]
    XCTAssertEqual(
      features.map { ($0["geometry"] as! [String: Any])["type"] as! String }, ["Polygon", "Polygon"])
    if FileManager.default.fileExists(atPath: "/usr/bin/ogrinfo") {
      for file in ["fp.geojson"] {
        let info = try Processes.run(
          URL(fileURLWithPath: "/usr/bin/ogrinfo"), ["-ro", "-q", "-al", "-so", path(file)])
        XCTAssertEqual(info.code, 0, "GDAL opens \(file)")
      }
    }
  }

  func testUsageAndInputErrors() throws {
    let tiny = CLI.geodata("tiny")
    XCTAssertEqual(try CLI.run(["plan", tiny]).code, 1, "--budget or --budget-cost is required")
    XCTAssertEqual(try CLI.run(["plan", tiny, "--budget", "0"]).code, 1)
    XCTAssertEqual(try CLI.run(["plan", tiny, "--budget", "2", "--weight", "park=2"]).code, 1)
    XCTAssertEqual(try CLI.run(["plan", tiny, "--budget", "2", "--kind", "bullet"]).code, 1)
    XCTAssertEqual(try CLI.run(["plan", tiny, "--budget", "2", "--heading-step", "0"]).code, 1)
    XCTAssertEqual(try CLI.run(["plan", tiny, "--budget", "2", "--format", "csv"]).code, 1)

    let bad =
      #"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"heading":400},"geometry":{"type":"Point","coordinates":[121.02,30.69]}}]}"#
    try bad.write(toFile: path("bad.geojson"), atomically: true, encoding: .utf8)
    let r = try CLI.run(["plan", tiny, "--budget", "2", "--candidates", path("bad.geojson")])
    XCTAssertEqual(r.code, 2)
    XCTAssertTrue(
      r.stderr.contains("bad.geojson: feature 0: field \"heading\": must be in [0, 360], got 400"), r.stderr)
    XCTAssertEqual(try CLI.run(["plan", tiny, "--budget", "2", "--cost", "mast=2"]).code, 1)
    XCTAssertEqual(try CLI.run(["plan", tiny, "--budget", "2", "--cost", "pole=0"]).code, 1)
    XCTAssertEqual(try CLI.run(["plan", tiny, "--budget-cost", "-1"]).code, 1)
    XCTAssertEqual(try CLI.run(["plan", tiny, "--budget", "2", "--max-per-site", "0"]).code, 1)

    let dir = try CLI.copyBundle("tiny")
    defer { try? FileManager.default.removeItem(at: dir) }
    try FileManager.default.removeItem(at: dir.appendingPathComponent("zones.geojson"))
    let nz = try CLI.run(["plan", dir.path, "--budget", "2"])
    XCTAssertEqual(nz.code, 2)
    XCTAssertTrue(nz.stderr.contains("zones.geojson: missing: planning needs zones"), nz.stderr)
  }

  /// Poles from a CSV (read through OGR) at cost 1 against new sites at 3, under a cost
  /// budget: the work orders name the audit's gaps, and each zone says what it had.
  func testPolesFromCSVWithCostsAndWorkOrders() throws {
    let csv = "id,lon,lat,cost\nlamp-1,121.0235,30.6962,1\nlamp-2,121.0229,30.6958,\n"
    try csv.write(toFile: path("lamps.csv"), atomically: true, encoding: .utf8)
    let doc = try plan([
      "--sites", path("lamps.csv"), "--cost", "pole=1", "--cost", "new=3", "--budget-cost", "8",
    ])
    let summary = doc["summary"] as! [String: Any]
    XCTAssertTrue(summary["budget"] is NSNull)
    XCTAssertEqual(summary["budget_cost"] as? Double, 8)
    XCTAssertEqual((summary["candidate_sites_by_source"] as! [String: Int])["pole"], 2)
    let proposals = doc["proposals"] as! [[String: Any]]
    // Two cameras on each pole (cost 4), then one new site (cost 3); 1 is left, too little.
    XCTAssertEqual(proposals.map { $0["source"] as! String }, ["pole", "pole", "pole", "pole", "road"])
    XCTAssertEqual(summary["cost"] as? Double, 7)
    XCTAssertEqual(summary["stopped"] as? String, "budget-cost")
    let gain = summary["weighted_gain"] as! Double
    XCTAssertGreaterThanOrEqual(summary["upper_bound"] as! Double, gain)

    let audit = try CLI.run(["audit", CLI.geodata("tiny"), "--format", "json"])
    let gapIDs = Set(((try object(audit.stdout))["gaps"] as! [[String: Any]]).map { $0["id"] as! String })
    for p in proposals {
      let gaps = p["gaps"] as! [String]
      XCTAssertFalse(gaps.isEmpty)
      XCTAssertTrue(Set(gaps).isSubset(of: gapIDs), "\(gaps) are gaps of the audit")
      let zones = p["zones"] as! [[String: Any]]
      XCTAssertGreaterThan(zones[0]["coverage_after"] as! Double, 0)
    }
    let zone = (doc["zones"] as! [[String: Any]])[0]
    XCTAssertEqual(zone["cameras"] as? Int, 5)
    XCTAssertGreaterThan(zone["candidates"] as! Int, 2 * 12)
    XCTAssertTrue(zone["no_candidates"] is NSNull)

    let geo = try CLI.run([
      "plan", CLI.geodata("tiny"), "--sites", path("lamps.csv"), "--budget", "2", "--format", "geojson",
    ])
    let props = ((try object(geo.stdout))["features"] as! [[String: Any]])[0]["properties"] as! [String: Any]
    XCTAssertEqual(props["source"] as? String, "pole")
    XCTAssertTrue((props["gaps"] as! String).hasPrefix("Z1#"))
    let table = try CLI.run([
      "plan", CLI.geodata("tiny"), "--sites", path("lamps.csv"), "--budget", "2", "--format", "table",
    ])
    XCTAssertTrue(table.stdout.contains("2 pole"), table.stdout)
    XCTAssertTrue(table.stdout.contains("for any plan in the budget"), table.stdout)
  }
}
