import Foundation
import TestSupport
import XCTest

/// Other programs the tests drive: GDAL's ogrinfo and headless Chromium.

/// A new empty directory under the temporary directory.
func scratchDir() -> URL {
  let dir = FileManager.default.temporaryDirectory.appendingPathComponent("camgap-\(UUID().uuidString)")
  try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
  return dir
}

func scratch(_ name: String) -> URL { scratchDir().appendingPathComponent(name) }

func occurrences(_ s: String, _ of: String) -> Int { s.components(separatedBy: of).count - 1 }

func jsonObject(_ text: String) throws -> [String: Any] {
  try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
}

final class HTMLReportCLITests: XCTestCase {
  func html(_ bundle: String, _ extra: [String] = []) throws -> (String, [String: Any]) {
    let out = scratch("report.html")
    let r = try CLI.run(["audit", bundle, "--format", "html", "--out", out.path] + extra)
    XCTAssertEqual(r.code, 0, r.stderr)
    let page = try String(contentsOf: out, encoding: .utf8)
    let j = try CLI.run(["audit", bundle, "--format", "json"] + extra)
    return (page, try jsonObject(j.stdout))
  }

  /// The map's data: the main block and the layers kept apart, merged.
  func mapLayers(_ page: String) throws -> [String: Any] {
    var data: [String: Any] = [:]
    for body in page.components(separatedBy: "<script type=\"application/json\" id=\"camgap-").dropFirst() {
      let json = try XCTUnwrap(
        body.components(separatedBy: "</script>").first?.split(separator: ">", maxSplits: 1).last)
      data.merge(try jsonObject(String(json))) { a, _ in a }
    }
    return data
  }

  func layer(_ page: String, _ name: String) throws -> [[String: Any]] {
    let fc = try XCTUnwrap(try mapLayers(page)[name] as? [String: Any])
    return try XCTUnwrap(fc["features"] as? [[String: Any]]).map { $0["properties"] as? [String: Any] ?? [:] }
  }

  func testOneFeaturePerGapAndDistrict() throws {
    for (bundle, extra) in [
      ("tiny", []), ("entries", []), ("entries", ["--on", "2024-02-01"]),
      ("entries", ["--min-gap-area", "1e9"]),
    ] {
      let (page, doc) = try html(CLI.geodata(bundle), extra)
      let gaps = try XCTUnwrap(doc["gaps"] as? [[String: Any]])
      let districts = try XCTUnwrap(doc["districts"] as? [[String: Any]])
      XCTAssertEqual(try layer(page, "gaps").map { $0["id"] as? String }, gaps.map { $0["id"] as? String })
      XCTAssertEqual(
        try layer(page, "districts").map { $0["code"] as? String }, districts.map { $0["code"] as? String },
        "\(bundle) \(extra)")
    }
  }

  func testTinyReportFigures() throws {
    let (page, _) = try html(CLI.geodata("tiny"))
    XCTAssertTrue(page.contains("<meta charset=\"utf-8\">"))
    XCTAssertTrue(page.contains("试验街道"))
    XCTAssertTrue(page.contains("停车场"))
    // Two active cameras drawn as footprints; four entry points, none covered.
    XCTAssertEqual(try layer(page, "footprints").count, 2)
    XCTAssertEqual(try layer(page, "entries").map { $0["covered"] as? Bool }, [false, false, false, false])
    XCTAssertEqual(try layer(page, "zones").map { $0["meets"] as? Bool }, [false])
    XCTAssertTrue(
      page.contains(
        "<div class=\"card fail\"><div class=\"label\">Working rate 完好率</div><div class=\"value\">66.7%</div>"
      ), "working rate 2 of 3")
    XCTAssertTrue(page.contains("<div class=\"value\">0 / 4</div>"), "entry points")
    XCTAssertTrue(page.contains("<div class=\"card plain\"><div class=\"label\">District coverage"))
    // One atlas page, for the zone below target, with its scale bar.
    XCTAssertEqual(occurrences(page, "<article class=\"atlas-page\""), 1)
    XCTAssertTrue(page.contains(" m</text>\n</g>"), "scale bar")
    // Road names in the entry table and the map, not ids.
    XCTAssertEqual(Set(try layer(page, "entries").map { $0["road"] as! String }), ["东西路", "南北路"])
    let entries = page.components(separatedBy: "<h2>Entry points")[1].components(separatedBy: "</table>")[0]
    XCTAssertTrue(entries.contains("<td>东西路</td>"))
  }

  func testDatesShowInTheReport() throws {
    let (page, _) = try html(CLI.geodata("entries"), ["--on", "2024-02-01"])
    XCTAssertTrue(page.contains(" · as of 2024-02-01</p>"))
    XCTAssertEqual(try layer(page, "footprints").count, 2, "N-PANO is not installed yet")
  }

  /// A bundle whose cameras, zone and district carry markup in their names and ids.
  func hostileBundle() throws -> URL {
    let dir = try CLI.copyBundle("tiny")
    let cams = dir.appendingPathComponent("cameras.geojson")
    var text = try String(contentsOf: cams, encoding: .utf8)
    text = text.replacingOccurrences(of: "\"A 90° bullet\"", with: "\"<script>alert(1)</script>\"")
    text = text.replacingOccurrences(of: "\"CAM-B\"", with: "\"CAM-B\\\"><img src=x onerror=alert(2)>\"")
    try text.write(to: cams, atomically: true, encoding: .utf8)
    let zones = dir.appendingPathComponent("zones.geojson")
    let z = try String(contentsOf: zones, encoding: .utf8).replacingOccurrences(
      of: "\"停车场\"", with: "\"&\\\"'<>\"")
    try z.write(to: zones, atomically: true, encoding: .utf8)
    let districts = dir.appendingPathComponent("districts.geojson")
    let d = try String(contentsOf: districts, encoding: .utf8).replacingOccurrences(
      of: "\"试验街道\"", with: "\"<b>试验</b>\"")
    try d.write(to: districts, atomically: true, encoding: .utf8)
    return dir
  }

  func testUserStringsAreEscaped() throws {
    let dir = try hostileBundle()
    defer { try? FileManager.default.removeItem(at: dir) }
    let (page, _) = try html(dir.path)
    // The camera's name is in the map's data, every markup character a \u escape.
    XCTAssertTrue(page.contains("\"name\":\"\\u003cscript\\u003ealert(1)\\u003c/script\\u003e\""))
    XCTAssertEqual(
      try layer(page, "footprints").compactMap { $0["name"] as? String }.filter { $0.hasPrefix("<script>") },
      ["<script>alert(1)</script>"])
    XCTAssertFalse(page.contains("<script>alert"))
    XCTAssertEqual(occurrences(page, "<script"), 7, "the map's data in five, Leaflet and the report's script")
    XCTAssertEqual(occurrences(page, "</script"), 7, "no name closes a script")
    XCTAssertTrue(page.contains("&amp;&quot;&#39;&lt;&gt;"))
    XCTAssertFalse(page.contains("&\"'<>"))
    XCTAssertTrue(page.contains("CAM-B&quot;&gt;&lt;img src=x onerror=alert(2)&gt;"))
    XCTAssertFalse(page.contains("<img"))
    XCTAssertTrue(page.contains("&lt;b&gt;试验&lt;/b&gt;"))
    XCTAssertFalse(page.contains("<b>"))
  }

  /// Renders the report in headless Chromium. A page that failed to render is a uniform
  /// white image, which PNG compresses to a few kilobytes; the same browser's screenshot
  /// of an empty page is the baseline the report must be well above.
  func testRendersInHeadlessChromium() throws {
    guard let chromium = Processes.find("chromium") ?? Processes.find("chromium-browser") else {
      throw XCTSkip("chromium is not installed (apt-get install chromium)")
    }
    let dir = try hostileBundle()
    defer { try? FileManager.default.removeItem(at: dir) }
    let report = scratch("report.html")
    XCTAssertEqual(try CLI.run(["audit", dir.path, "--format", "html", "--out", report.path]).code, 0)
    let blank = report.deletingLastPathComponent().appendingPathComponent("blank.html")
    try "<!DOCTYPE html><html><body></body></html>".write(to: blank, atomically: true, encoding: .utf8)

    func shoot(_ page: URL) throws -> Data {
      let png = page.deletingPathExtension().appendingPathExtension("png")
      let profile = page.deletingLastPathComponent().appendingPathComponent(
        "profile-\(page.lastPathComponent)")
      let r = try Processes.run(
        chromium,
        [
          "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
          "--user-data-dir=\(profile.path)",
          "--window-size=1200,900", "--screenshot=\(png.path)", page.absoluteString,
        ], timeout: 120)  // a browser can hang
      XCTAssertEqual(r.code, 0, r.stderr)
      return try Data(contentsOf: png)
    }
    let shot = try shoot(report)
    let empty = try shoot(blank)
    XCTAssertEqual(Array(shot.prefix(8)), [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], "a PNG")
    // IHDR: width and height, big-endian, at bytes 16–23.
    let width = shot[16..<20].reduce(0) { $0 << 8 | Int($1) }
    let height = shot[20..<24].reduce(0) { $0 << 8 | Int($1) }
    XCTAssertEqual(width, 1200)
    XCTAssertEqual(height, 900)
    XCTAssertGreaterThan(shot.count, 5 * empty.count, "report \(shot.count) bytes, empty page \(empty.count)")
  }
}

final class EntriesCLITests: XCTestCase {
  func testThreeEntriesOneCovered() throws {
    let r = try CLI.run(["entries", CLI.geodata("entries")])
    XCTAssertEqual(r.code, 0, r.stderr)
    let fc = try jsonObject(r.stdout)
    let features = try XCTUnwrap(fc["features"] as? [[String: Any]])
    XCTAssertEqual(features.count, 3)
    let props = features.map { $0["properties"] as! [String: Any] }
    XCTAssertEqual(props.filter { $0["covered"] as? Bool == true }.map { $0["road"] as? String }, ["R-E"])
    let east = features[props.firstIndex { $0["road"] as? String == "R-E" }!]
    let coords = (east["geometry"] as! [String: Any])["coordinates"] as! [Double]
    XCTAssertEqual(coords[0], 121.04754496, accuracy: 1e-8)
    XCTAssertEqual(coords[1], 30.69565026, accuracy: 1e-8)

    let json = try jsonObject(try CLI.run(["entries", CLI.geodata("entries"), "--format", "json"]).stdout)
    let summary = try XCTUnwrap(json["summary"] as? [String: Int])
    XCTAssertEqual(summary, ["entries": 3, "entries_covered": 1])

    let csv = try CLI.run(["entries", CLI.geodata("entries"), "--format", "csv"]).stdout
    XCTAssertEqual(
      csv,
      """
      district,road,lon,lat,covered
      330482002000,R-W,121.03710918,30.69549291,false
      330482002000,R-N,121.042236,30.70008087,false
      330482002000,R-E,121.04754496,30.69565026,true

      """)
    // The audit's JSON agrees.
    let audit = try jsonObject(try CLI.run(["audit", CLI.geodata("entries"), "--format", "json"]).stdout)
    let s = audit["summary"] as! [String: Any]
    XCTAssertEqual(s["entries"] as? Int, 3)
    XCTAssertEqual(s["entries_covered"] as? Int, 1)
  }

  func testEntriesNeedRoads() throws {
    let dir = try CLI.copyBundle("entries")
    defer { try? FileManager.default.removeItem(at: dir) }
    try FileManager.default.removeItem(at: dir.appendingPathComponent("roads.geojson"))
    let r = try CLI.run(["entries", dir.path])
    XCTAssertEqual(r.code, 2)
    XCTAssertTrue(r.stderr.contains("roads.geojson: missing"), r.stderr)
    XCTAssertEqual(try CLI.run(["entries", CLI.geodata("entries"), "--format", "kml"]).code, 1)
  }
}

final class DatesCLITests: XCTestCase {
  func summary(_ args: [String]) throws -> [String: Any] {
    let r = try CLI.run(["audit", CLI.geodata("entries"), "--format", "json"] + args)
    XCTAssertEqual(r.code, 0, r.stderr)
    return try jsonObject(r.stdout)
  }

  func testBeforeInstalledDateTheCameraIsLeftOut() throws {
    let before = try summary(["--on", "2024-02-01"])
    let s = before["summary"] as! [String: Any]
    XCTAssertEqual(s["cameras"] as? Int, 5)
    XCTAssertEqual(s["active_cameras"] as? Int, 2)
    XCTAssertEqual(s["road_covered_m"] as! Double, 100, accuracy: 1e-6)
    XCTAssertEqual(s["working_rate"] as! Double, 0.4, accuracy: 1e-15)
    let classes = before["classes"] as! [[String: Any]]
    XCTAssertEqual(classes[2]["active"] as? Int, 0)
    let after = try summary(["--on", "2024-03-01"])["summary"] as! [String: Any]
    XCTAssertEqual(after["active_cameras"] as? Int, 3)
    XCTAssertEqual(after["road_covered_m"] as! Double, 140, accuracy: 1e-6)
  }

  func testZoneOutsideItsValidityIsNotAudited() throws {
    let valid = try summary(["--on", "2024-06-30"])
    XCTAssertEqual((valid["zones"] as! [[String: Any]]).map { $0["id"] as! String }, ["Z-ROAD"])
    let expired = try summary(["--on", "2024-07-01"])
    XCTAssertEqual((expired["zones"] as! [Any]).count, 0)
    XCTAssertEqual((expired["summary"] as! [String: Any])["zones"] as? Int, 0)
    XCTAssertEqual((expired["gaps"] as! [[String: Any]]).map { $0["id"] as! String }, ["330482002000#1"])
  }
}

final class DiffCLITests: XCTestCase {
  /// Audits `bundle` into `dir`: the JSON, the gaps GeoJSON and a copy of the cameras.
  func audit(_ bundle: URL, into dir: URL, _ name: String) throws -> (
    json: String, gaps: String, cameras: String
  ) {
    let json = dir.appendingPathComponent("\(name).json").path
    let gaps = dir.appendingPathComponent("\(name)-gaps.geojson").path
    let cameras = dir.appendingPathComponent("\(name)-cameras.geojson").path
    let r = try CLI.run(["audit", bundle.path, "--format", "json", "--out", json, "--gaps", gaps])
    XCTAssertEqual(r.code, 0, r.stderr)
    try FileManager.default.copyItem(
      atPath: bundle.appendingPathComponent("cameras.geojson").path, toPath: cameras)
    return (json, gaps, cameras)
  }

  func testDiffOfAnAuditWithItselfIsEmpty() throws {
    let dir = scratchDir()
    let a = try audit(URL(fileURLWithPath: CLI.geodata("entries")), into: dir, "may")
    let args = [
      "diff", a.json, a.json, "--old-gaps", a.gaps, "--new-gaps", a.gaps, "--old-cameras", a.cameras,
      "--new-cameras", a.cameras,
    ]
    let j = try CLI.run(args + ["--format", "json"])
    XCTAssertEqual(j.code, 0, j.stderr)
    let doc = try jsonObject(j.stdout)
    XCTAssertEqual(doc["changes"] as? Int, 0)
    let gaps = doc["gaps"] as! [String: Any]
    XCTAssertEqual(gaps["matched_by_overlap"] as? Bool, true)
    XCTAssertEqual((gaps["opened"] as! [Any]).count, 0)
    XCTAssertEqual((gaps["closed"] as! [Any]).count, 0)
    XCTAssertEqual(gaps["persisting"] as? Int, 1)
    let t = try CLI.run(args + ["--format", "table"])
    XCTAssertTrue(t.stdout.contains("\nno changes\n"), t.stdout)
  }

  /// A 150 m ptz camera on CAM-B's spot covers tiny's whole 200 m zone: its one gap closes.
  func testAddingOneCameraShowsTheGapsItClosed() throws {
    let bundle = try CLI.copyBundle("tiny")
    defer { try? FileManager.default.removeItem(at: bundle) }
    let dir = scratchDir()
    let old = try audit(bundle, into: dir, "april")
    let cams = bundle.appendingPathComponent("cameras.geojson")
    let text = try String(contentsOf: cams, encoding: .utf8)
    let added = #"""
      {"type":"Feature","properties":{"id":"NEW-1","name":"停车场球机","kind":"ptz","range":150},
       "geometry":{"type":"Point","coordinates":[121.023524394348,30.696188912688]}},
      """#
    try text.replacingOccurrences(of: "\"features\": [", with: "\"features\": [\n" + added).write(
      to: cams, atomically: true, encoding: .utf8)
    let new = try audit(bundle, into: dir, "may")

    let r = try CLI.run([
      "diff", old.json, new.json, "--old-gaps", old.gaps, "--new-gaps", new.gaps, "--old-cameras",
      old.cameras, "--new-cameras",
      new.cameras, "--format", "json",
    ])
    XCTAssertEqual(r.code, 0, r.stderr)
    let doc = try jsonObject(r.stdout)
    let gaps = doc["gaps"] as! [String: Any]
    let closed = gaps["closed"] as! [[String: Any]]
    XCTAssertEqual(closed.map { $0["id"] as! String }, ["Z1#1"])
    let s5 = sin(5 * Double.pi / 180)
    XCTAssertEqual(closed[0]["area_m2"] as! Double, 40_000 - 36 * 900 * s5, accuracy: 1e-3)
    XCTAssertEqual((gaps["opened"] as! [Any]).count, 0)
    let zones = doc["zones"] as! [String: Any]
    let improved = zones["improved"] as! [[String: Any]]
    XCTAssertEqual(improved.map { $0["id"] as! String }, ["Z1"])
    XCTAssertEqual(improved[0]["new_coverage"] as! Double, 1, accuracy: 1e-9)
    XCTAssertEqual(improved[0]["new_meets_target"] as? Bool, true)
    let cameras = doc["cameras"] as! [String: Any]
    XCTAssertEqual((cameras["added"] as! [[String: Any]]).map { $0["id"] as! String }, ["NEW-1"])
    XCTAssertEqual((cameras["removed"] as! [Any]).count, 0)
    let summary = doc["summary"] as! [String: [String: Any]]
    XCTAssertEqual(summary["gaps"]?["change"] as? Int, -1)

    let table = try CLI.run([
      "diff", old.json, new.json, "--old-gaps", old.gaps, "--new-gaps", new.gaps, "--format", "table",
    ]).stdout
    XCTAssertTrue(table.contains("Gaps closed (1, matched by overlap)"), table)
    XCTAssertTrue(table.contains("now meets target"), table)
  }

  func testDiffInputErrors() throws {
    let dir = scratchDir()
    let a = try audit(URL(fileURLWithPath: CLI.geodata("entries")), into: dir, "a")
    let t = try audit(URL(fileURLWithPath: CLI.geodata("tiny")), into: dir, "t")
    // Gap geometry from another audit.
    let r = try CLI.run(["diff", a.json, a.json, "--old-gaps", t.gaps, "--new-gaps", a.gaps])
    XCTAssertEqual(r.code, 2)
    XCTAssertTrue(r.stderr.contains("t-gaps.geojson: its 1 gaps are not the 1 gaps of a.json"), r.stderr)
    // A GeoJSON where an audit JSON belongs.
    let g = try CLI.run(["diff", a.gaps, a.json])
    XCTAssertEqual(g.code, 2)
    XCTAssertTrue(g.stderr.contains("a-gaps.geojson: field \"crs\": missing"), g.stderr)
    // Gap files go in pairs.
    XCTAssertEqual(try CLI.run(["diff", a.json, a.json, "--old-gaps", a.gaps]).code, 1)
  }
}

/// Every GeoJSON camgap writes must open in GDAL as is (SPEC §4): `ogrinfo -al -so` on each
/// output, failing on any error or warning GDAL prints.
final class GDALOpenTests: XCTestCase {
  func testEveryGeoJSONOutputOpensCleanly() throws {
    guard let ogrinfo = Processes.find("ogrinfo") else {
      throw XCTSkip("ogrinfo is not installed (tools/setup.sh installs gdal-bin)")
    }
    // The tiny bundle with a camera covering the whole zone: an empty gaps collection.
    let covered = try CLI.copyBundle("tiny")
    defer { try? FileManager.default.removeItem(at: covered) }
    let cams = covered.appendingPathComponent("cameras.geojson")
    let big =
      #"{"type":"Feature","properties":{"id":"BIG","kind":"ptz","range":150},"geometry":{"type":"Point","coordinates":[121.023524394348,30.696188912688]}},"#
    try String(contentsOf: cams, encoding: .utf8).replacingOccurrences(
      of: "\"features\": [", with: "\"features\": [\n" + big
    )
    .write(to: cams, atomically: true, encoding: .utf8)

    var checked = 0
    for (bundle, expectGaps) in [(CLI.geodata("tiny"), 1), (CLI.geodata("entries"), 1), (covered.path, 0)] {
      let dir = scratchDir()
      func path(_ n: String) -> String { dir.appendingPathComponent(n).path }
      let outputs: [(args: [String], file: String, layer: String)] = [
        (
          ["audit", bundle, "--format", "geojson", "--out", path("gaps.geojson")], path("gaps.geojson"),
          "gaps"
        ),
        (
          [
            "audit", bundle, "--format", "json", "--gaps", path("gaps2.geojson"), "--uncovered-roads",
            path("roads.geojson"),
          ],
          path("gaps2.geojson"), "gaps"
        ),
        ([], path("roads.geojson"), "uncovered_roads"),
        (["entries", bundle, "--out", path("entries.geojson")], path("entries.geojson"), "entries"),
        (
          ["coverage", bundle, "--out", path("footprints.geojson")], path("footprints.geojson"), "footprints"
        ),
      ]
      for o in outputs {
        if !o.args.isEmpty {
          let r = try CLI.run(o.args)
          XCTAssertEqual(r.code, 0, "\(o.args): \(r.stderr)")
        }
        let info = try Processes.run(ogrinfo, ["-al", "-so", o.file], timeout: 120)
        XCTAssertEqual(info.code, 0, "\(o.file): \(info.stderr)")
        for text in [info.stdout, info.stderr] {
          XCTAssertFalse(text.contains("ERROR"), "\(o.file): \(text)")
          XCTAssertFalse(text.lowercased().contains("warning"), "\(o.file): \(text)")
        }
        XCTAssertTrue(info.stdout.contains("Layer name: \(o.layer)"), info.stdout)
        if o.layer == "gaps" {
          XCTAssertTrue(info.stdout.contains("Feature Count: \(expectGaps)\n"), info.stdout)
        }
        checked += 1
      }
    }
    XCTAssertEqual(checked, 15)
  }
}
