import Foundation
import TestSupport
import XCTest

/// The HTML report as a planner uses it, in a real browser: `tools/browser_test.py` drives
/// headless Chromium through Selenium (Debian's chromium, chromium-driver and
/// python3-selenium, which `tools/setup.sh` installs) against the report of
/// `geodata/pinghu` with a plan's cameras: first paint, a gap row that flies the map to
/// its gap, a layer switched off and on, a tooltip, no console error, the zone atlas in
/// the printed PDF, and a hostile bundle whose names stay text.
final class BrowserTests: XCTestCase {
  /// Debian's Python: the one that has python3-selenium and python3-pil.
  static let python = URL(fileURLWithPath: "/usr/bin/python3")

  func testReportInChromium() throws {
    let script = Repo.root.appendingPathComponent("tools/browser_test.py")
    let r = try Processes.run(
      BrowserTests.python,
      [
        script.path, "--camgap", CLI.binary.path, "--bundle", CLI.geodata("pinghu"), "--plan-budget", "10",
        "--hostile",
        // The first-paint bound of 3 s is for the 150k city (BENCHMARKS.md); here the
        // machine may be busy building, and the test is about what the map does.
        "--max-paint", "10",
      ], timeout: 300)
    print(r.stdout)
    print(r.stderr)
    XCTAssertEqual(r.code, 0, r.stdout + r.stderr)
    for check in [
      "ok: no console error after use []", "in view at zoom", "gaps layer off: on map False, 0 shapes",
      "ok: PDF has", "ok: no script from a name ran",
    ] {
      XCTAssertTrue(r.stdout.contains(check), check)
    }
  }

  func testMissingLeafletIsAUsageError() throws {
    let out = scratch("report.html")
    let r = try CLI.run(
      ["audit", CLI.geodata("tiny"), "--format", "html", "--out", out.path],
      env: ["CAMGAP_LEAFLET_DIR": "/nonexistent/leaflet"])
    XCTAssertEqual(r.code, 1)
    XCTAssertTrue(r.stderr.contains("libjs-leaflet"), r.stderr)
    XCTAssertFalse(FileManager.default.fileExists(atPath: out.path))
    // Other formats do not need it.
    let j = try CLI.run(
      ["audit", CLI.geodata("tiny"), "--format", "json"], env: ["CAMGAP_LEAFLET_DIR": "/nonexistent/leaflet"])
    XCTAssertEqual(j.code, 0, j.stderr)
  }

  func testMapOptions() throws {
    let dir = scratchDir()
    let plan = dir.appendingPathComponent("plan.geojson").path
    let p = try CLI.run(["plan", CLI.geodata("tiny"), "--budget", "2", "--format", "geojson", "--out", plan])
    XCTAssertEqual(p.code, 0, p.stderr)
    let out = dir.appendingPathComponent("report.html").path
    let r = try CLI.run([
      "audit", CLI.geodata("tiny"), "--format", "html", "--out", out, "--plan", plan, "--district-target",
      "0.5",
      "--tiles", "https://tiles.bureau.example/{z}/{x}/{y}.png", "--tiles-attribution", "市局 <GIS>",
    ])
    XCTAssertEqual(r.code, 0, r.stderr)
    let page = try String(contentsOfFile: out, encoding: .utf8)
    XCTAssertTrue(page.contains("\"tiles\":{\"url\":\"https://tiles.bureau.example/{z}/{x}/{y}.png\""))
    XCTAssertTrue(page.contains("\"attribution\":\"市局 \\u003cGIS\\u003e\""))
    XCTAssertTrue(page.contains("(市局 &lt;GIS&gt;)"))
    XCTAssertTrue(page.contains("\"districtTarget\":0.5"))
    XCTAssertTrue(page.contains("<div class=\"card fail\"><div class=\"label\">District coverage"))
    XCTAssertTrue(
      page.contains("planned cameras of plan.geojson reach into the zone")
        || page.contains("No planned camera of plan.geojson reaches into the zone"))
    XCTAssertTrue(page.contains("data-layer=\"planned\""))
    // Map options belong to the map.
    let j = try CLI.run(["audit", CLI.geodata("tiny"), "--format", "json", "--plan", plan])
    XCTAssertEqual(j.code, 1)
    let t = try CLI.run(["audit", CLI.geodata("tiny"), "--format", "html", "--district-target", "2"])
    XCTAssertEqual(t.code, 1)
  }
}
