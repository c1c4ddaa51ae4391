import XCTest

@testable import Audit
@testable import Cameras
@testable import Geometry
@testable import Reports

/// Builds audit results by hand, in WGS84 near Pinghu, so the report's drawing can be
/// checked shape by shape.
enum Fixture {
  static let lon0 = 121.02
  static let lat0 = 30.69

  /// An axis-aligned lon/lat rectangle, `x`, `y`, `w`, `h` in 1e-4 degrees (about 10 m).
  static func rect(_ x: Double, _ y: Double, _ w: Double, _ h: Double) -> [XY] {
    let a = XY(lon0 + x * 1e-4, lat0 + y * 1e-4)
    let b = XY(lon0 + (x + w) * 1e-4, lat0 + (y + h) * 1e-4)
    return [a, XY(b.x, a.y), b, XY(a.x, b.y), a]
  }

  static func polygon(_ x: Double, _ y: Double, _ w: Double, _ h: Double, holes: [[XY]] = []) -> PlanarPolygon
  {
    PlanarPolygon(rings: [rect(x, y, w, h)] + holes)
  }

  static func gap(_ id: String, _ poly: PlanarPolygon, area: Double) -> AuditResult.Gap {
    AuditResult.Gap(
      id: id, zone: "Z", kind: "demolition", district: "D1", area: area, centroid: poly.bbox.center,
      polygon: poly)
  }

  static func camera(_ id: String, name: String = "", at x: Double, _ y: Double) -> CameraFootprint {
    let p = XY(lon0 + x * 1e-4, lat0 + y * 1e-4)
    let wedge = [p, XY(p.x + 2e-4, p.y + 1e-4), XY(p.x + 2e-4, p.y - 1e-4), p]
    return CameraFootprint(
      cameraID: id, name: name, kind: .fixed, cameraClass: nil, position: p, range: 20,
      polygons: [PlanarPolygon(rings: [wedge])])
  }

  /// Three districts (one in two parts, one with a hole), a zone, five gaps (one of them a
  /// few centimetres across and one with a hole), two cameras and two entry points.
  static func result() -> AuditResult {
    var r = AuditResult(crs: "EPSG:32651")
    r.districts = [
      .init(code: "D1", name: "东街道", area: 1e6, covered: 1e5, coverage: 0.1, cameras: 2),
      .init(code: "D2", name: "西街道", area: 1e6, covered: 0, coverage: 0, cameras: 0),
      .init(code: "D3", name: "南街道", area: 1e6, covered: 7e5, coverage: 0.7, cameras: 0),
    ]
    r.districtShapes = [
      [polygon(0, 0, 100, 100)],
      [polygon(-100, 0, 50, 100), polygon(-50, 50, 40, 50)],
      [polygon(0, -100, 100, 100, holes: [rect(40, -60, 20, 20).reversed()])],
    ]
    r.zones = [
      .init(
        id: "Z", name: "拆迁区", kind: "demolition", districts: ["D1"], area: 1e4, covered: 2e3, coverage: 0.2,
        target: 0.8,
        meetsTarget: false, gapCount: 5, gapArea: 8e3)
    ]
    r.zoneShapes = [[polygon(10, 10, 60, 60)]]
    r.gaps = [
      gap("Z#1", polygon(10, 10, 30, 30, holes: [rect(20, 20, 5, 5).reversed()]), area: 9000),
      gap("Z#2", polygon(45, 10, 20, 20), area: 4000),
      gap("Z#3", polygon(45, 40, 10, 10), area: 1000),
      gap("Z#4", polygon(10, 50, 5, 5), area: 250),
      gap("Z#5", polygon(60, 60, 0.001, 0.001), area: 0.01),
    ]
    r.footprints = [camera("C1", name: "东门", at: 20, 60), camera("C2", at: 70, 20)]
    r.entries = [
      .init(district: "D1", road: "R1", point: XY(lon0, lat0 + 50e-4), covered: true),
      .init(district: "D1", road: "R2", point: XY(lon0 + 100e-4, lat0 + 50e-4), covered: false),
    ]
    r.summary.districts = 3
    r.summary.zones = 1
    r.summary.gaps = 5
    r.summary.entries = 2
    r.summary.entriesCovered = 1
    return r
  }
}

extension String {
  func occurrences(of s: String) -> Int { components(separatedBy: s).count - 1 }
}

/// The map's data of a report page: the main block and the layers kept apart, merged.
func mapData(_ page: String) throws -> [String: Any] {
  var data: [String: Any] = [:]
  for body in page.components(separatedBy: "<script type=\"application/json\" id=\"camgap-").dropFirst() {
    let json = try XCTUnwrap(
      body.components(separatedBy: "</script>").first?.split(separator: ">", maxSplits: 1).last)
    let block = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    data.merge(block) { a, _ in a }
  }
  return data
}

func features(_ data: [String: Any], _ layer: String) -> [[String: Any]] {
  (data[layer] as? [String: Any])?["features"] as? [[String: Any]] ?? []
}

func properties(_ data: [String: Any], _ layer: String) -> [[String: Any]] {
  features(data, layer).map { $0["properties"] as? [String: Any] ?? [:] }
}

func render(_ r: AuditResult, _ context: MapContext = MapContext(), _ o: HTMLReport.Options = .init()) throws
  -> String
{
  try HTMLReport.render(r, context: context, options: o)
}

final class HTMLReportTests: XCTestCase {
  func testOneFeaturePerDistrictAndPerGap() throws {
    let data = try mapData(try render(Fixture.result()))
    XCTAssertEqual(features(data, "districts").count, 3)
    XCTAssertEqual(features(data, "gaps").count, 5)
    XCTAssertEqual(properties(data, "zones").map { $0["meets"] as? Bool }, [false])
    XCTAssertEqual(features(data, "footprints").count, 2)
    XCTAssertEqual(properties(data, "entries").map { $0["covered"] as? Bool }, [true, false])
    // Each gap drawn, even the one a few centimetres across.
    for g in features(data, "gaps") {
      let geometry = g["geometry"] as! [String: Any]
      let rings = geometry["coordinates"] as! [[[Double]]]
      XCTAssertGreaterThanOrEqual(rings[0].count, 4)
    }
    // The two-part district is one MultiPolygon of two parts; the holed one a Polygon of two rings.
    let geometries = features(data, "districts").map { $0["geometry"] as! [String: Any] }
    XCTAssertEqual(geometries.map { $0["type"] as! String }, ["Polygon", "MultiPolygon", "Polygon"])
    XCTAssertEqual((geometries[1]["coordinates"] as! [Any]).count, 2)
    XCTAssertEqual((geometries[2]["coordinates"] as! [Any]).count, 2)
    // Shading follows coverage: 10 % is class 2 (10–20 %), 0 class 0, 70 % class 5.
    XCTAssertEqual(properties(data, "districts").map { $0["cls"] as? Int }, [2, 0, 5])
    // Coordinates to 6 decimals.
    let first = (geometries[0]["coordinates"] as! [[[Double]]])[0][0]
    XCTAssertEqual(first, [121.02, 30.69])
  }

  func testSelfContainedUTF8WithCJKFonts() throws {
    let library = try MapLibrary.load()
    let html = try render(Fixture.result())
    XCTAssertTrue(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">"))
    for font in ["\"Noto Sans CJK SC\"", "\"Microsoft YaHei\"", "\"PingFang SC\"", "\"WenQuanYi Micro Hei\""]
    {
      XCTAssertTrue(html.contains(font), font)
    }
    XCTAssertTrue(html.contains("东街道"))
    XCTAssertTrue(html.contains("拆迁区"))
    // Leaflet is inlined whole; nothing else on the page names anything to fetch.
    XCTAssertTrue(html.contains("<script>\n\(library.script)\n</script>"))
    XCTAssertTrue(html.contains("<style>\n\(library.style)\n</style>"))
    let own = html.replacingOccurrences(of: library.script, with: "")
    for external in ["src=", "href=", "@import", "url(", "https://", "<link", "<img", "<iframe"] {
      XCTAssertFalse(own.contains(external), external)
    }
    XCTAssertFalse(html.contains("sourceMappingURL"))
    // The only URLs are the SVG namespace of the atlas maps (one zone below target).
    XCTAssertEqual(own.occurrences(of: "http://"), 1)
    XCTAssertTrue(own.contains("xmlns=\"http://www.w3.org/2000/svg\""))
    XCTAssertTrue(own.contains("No basemap"))
  }

  func testEveryUserStringIsEscaped() throws {
    var r = Fixture.result()
    r.footprints[0].name = "<script>alert(1)</script>"
    r.footprints[1].cameraID = "C\"2' onmouseover='x"
    r.zones[0].name = "&\"'<>"
    r.zones[0].id = "Z<i>"
    r.districts[1].name = "<b>西街道</b>"
    r.districts[1].code = "D2\"><svg onload=alert(2)>"
    r.gaps[0].id = "<u>gap</u>"
    r.entries[0].road = "</title><script>alert(3)</script>"
    r.warnings = ["cameras.geojson: feature 3: <img src=x onerror=alert(4)>"]
    r.districts[2].name = "</script><script>alert(5)</script><!--"
    let html = try render(r)
    XCTAssertFalse(html.contains("<script>alert"))
    XCTAssertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
    XCTAssertTrue(html.contains("&amp;&quot;&#39;&lt;&gt;"))
    XCTAssertTrue(html.contains("C&quot;2&#39; onmouseover=&#39;x"))
    XCTAssertTrue(html.contains("&lt;b&gt;西街道&lt;/b&gt;"))
    XCTAssertTrue(html.contains("&lt;u&gt;gap&lt;/u&gt;"))
    XCTAssertTrue(html.contains("&lt;img src=x onerror=alert(4)&gt;"))
    for raw in ["<b>", "<i>", "<u>", "<img", "<svg onload", "onmouseover='", "&\"'<>", "<!--"] {
      XCTAssertFalse(html.contains(raw), raw)
    }
    // Seven script elements (the map's data in five, Leaflet, the report's own), and nothing
    // in the data closes one early: the markup reaches the map's script as the same characters.
    XCTAssertEqual(html.occurrences(of: "<script"), 7)
    XCTAssertEqual(html.occurrences(of: "</script"), 7)
    let data = try mapData(html)
    XCTAssertEqual(
      properties(data, "districts")[2]["name"] as? String, "</script><script>alert(5)</script><!--")
    XCTAssertEqual(properties(data, "footprints")[0]["name"] as? String, "<script>alert(1)</script>")
    XCTAssertEqual(properties(data, "zones")[0]["name"] as? String, "&\"'<>")
    XCTAssertEqual(properties(data, "entries")[0]["road"] as? String, "</title><script>alert(3)</script>")
  }

  func testScriptJSONHidesMarkupFromTheHTMLParser() {
    XCTAssertEqual(
      ScriptJSON.quote("</script><!--&'\"\\\n\u{1}\u{2028}"),
      "\"\\u003c/script\\u003e\\u003c!--\\u0026\\u0027\\\"\\\\\\n\\u0001\\u2028\"")
    XCTAssertEqual(ScriptJSON.fixed(121.0200004, decimals: 6), "121.02")
    XCTAssertEqual(ScriptJSON.fixed(-0.0000004, decimals: 6), "0")
    XCTAssertEqual(ScriptJSON.fixed(-30.1234565, decimals: 6), "-30.123457")
    XCTAssertEqual(ScriptJSON.fixed(0.000001, decimals: 6), "0.000001")
    XCTAssertEqual(ScriptJSON.fixed(12, decimals: 6), "12")
  }

  func testSameResultSameBytes() throws {
    XCTAssertEqual(try render(Fixture.result()), try render(Fixture.result()))
  }

  /// Names, not ids: a gap's zone, an entry point's road.
  func testTablesShowNames() throws {
    var context = MapContext()
    context.roads = [
      .init(id: "R1", name: "新华路", lines: [[XY(121.02, 30.69), XY(121.03, 30.69)]]),
      .init(id: "R2", name: "", lines: [[XY(121.02, 30.7), XY(121.03, 30.7)]]),
    ]
    let html = try render(Fixture.result(), context)
    let entries = html.components(separatedBy: "<h2>Entry points")[1].components(separatedBy: "</table>")[0]
    XCTAssertTrue(entries.contains("<td>新华路</td>"))
    XCTAssertTrue(entries.contains("<td>R2</td>"), "no name: the id")
    XCTAssertFalse(entries.contains("<td>R1</td>"))
    let gaps = html.components(separatedBy: "<h2>Largest gaps</h2>")[1].components(separatedBy: "</table>")[0]
    XCTAssertTrue(gaps.contains("<td>拆迁区</td>"))
    XCTAssertEqual(properties(try mapData(html), "roads").map { $0["name"] as? String }, ["新华路", ""])
  }

  /// Red misses a target, green meets it, plain has none to meet.
  func testCardsColouredByTarget() throws {
    func card(_ html: String, _ label: String) -> String {
      let before = html.components(separatedBy: "<div class=\"label\">\(label)")[0]
      return String(before.suffix(30))
    }
    var r = Fixture.result()
    r.summary.coverage = 0
    r.summary.workingRate = 0.99
    r.summary.zonesBelowTarget = 1
    let plain = try render(r)
    XCTAssertTrue(card(plain, "District coverage").hasSuffix("<div class=\"card plain\">"))
    XCTAssertTrue(card(plain, "Working rate").hasSuffix("<div class=\"card pass\">"))
    XCTAssertTrue(card(plain, "Zones below target").hasSuffix("<div class=\"card fail\">"))
    XCTAssertTrue(card(plain, "Entry points").hasSuffix("<div class=\"card fail\">"), "1 of 2 covered")
    XCTAssertTrue(plain.contains("no target set"))
    var o = HTMLReport.Options()
    o.districtTarget = 0.3
    let target = try render(r, MapContext(), o)
    XCTAssertTrue(card(target, "District coverage").hasSuffix("<div class=\"card fail\">"))
    XCTAssertEqual(
      properties(try mapData(target), "districts").map { $0["meets"] as? Bool }, [false, false, true])
    r.summary.coverage = 0.3
    XCTAssertTrue(
      card(try render(r, MapContext(), o), "District coverage").hasSuffix("<div class=\"card pass\">"))
  }

  func testZonesSortedByShortfallAndGapsByArea() throws {
    var r = Fixture.result()
    var z2 = r.zones[0]
    z2.id = "ZB"
    z2.coverage = 0.1
    z2.target = 0.9
    var z3 = r.zones[0]
    z3.id = "ZC"
    z3.coverage = 0.95
    z3.meetsTarget = true
    r.zones += [z3, z2]
    r.zoneShapes += [[Fixture.polygon(0, 0, 1, 1)], [Fixture.polygon(0, 0, 1, 1)]]
    let html = try render(r)
    let zones = html.components(separatedBy: "<h2>Zones by shortfall</h2>")[1].components(
      separatedBy: "</table>")[0]
    let ids = zones.components(separatedBy: "tabindex=\"0\"><td>").dropFirst().map { row in
      String(row.prefix { $0 != "<" })
    }
    XCTAssertEqual(ids, ["ZB", "Z", "ZC"])
    // Each row names its zone in the map's data: ZB is the third zone.
    XCTAssertEqual(
      zones.components(separatedBy: "<tr class=\"fly\" data-zone=\"").dropFirst().map { $0.prefix(1) },
      ["2", "0", "1"])
    XCTAssertTrue(zones.contains("data-v=\"0.800000\">80.0 pp"))
    let gaps = html.components(separatedBy: "<h2>Largest gaps</h2>")[1].components(separatedBy: "</table>")[0]
    let gapIDs = gaps.components(separatedBy: "tabindex=\"0\"><td>").dropFirst().map { row in
      String(row.prefix { $0 != "<" })
    }
    XCTAssertEqual(gapIDs, ["Z#1", "Z#2", "Z#3", "Z#4", "Z#5"])
    XCTAssertTrue(gaps.contains("<tr class=\"fly\" data-gap=\"0\" tabindex=\"0\">"))
  }

  /// Above the limit, cameras are density cells everywhere and footprints near zones only.
  func testManyCamerasBecomeDensityCells() throws {
    var r = Fixture.result()
    r.footprints = (0..<6000).map { i in Fixture.camera("C\(i)", at: Double(i % 100) * 2, Double(i / 100) * 2)
    }
    var o = HTMLReport.Options()
    o.footprintsEverywhere = 5000
    let html = try render(r, MapContext(), o)
    let data = try mapData(html)
    let meta = data["meta"] as! [String: Any]
    XCTAssertEqual(meta["footprints"] as? String, "near-zones")
    XCTAssertGreaterThan(features(data, "density").count, 100)
    XCTAssertEqual(properties(data, "density").reduce(0) { $0 + ($1["n"] as! Int) }, 6000)
    // The zone spans 10…70 (×1e-4°); a wedge reaches 2e-4° east of its camera.
    let near = r.footprints.filter { f in
      let x = (f.position.x - Fixture.lon0) * 1e4
      let y = (f.position.y - Fixture.lat0) * 1e4
      return x >= 8 - 1e-6 && x <= 70 + 1e-6 && y >= 9 - 1e-6 && y <= 71 + 1e-6
    }
    XCTAssertEqual(features(data, "footprints").count, near.count)
    XCTAssertTrue(html.contains("<h3>Cameras per "))

    var few = Fixture.result()
    few.footprints = (0..<50).map { i in Fixture.camera("C\(i)", at: Double(i), 0) }
    let fewData = try mapData(try render(few))
    XCTAssertEqual(features(fewData, "footprints").count, 50)
    XCTAssertEqual(features(fewData, "density").count, 0)
    XCTAssertEqual((fewData["meta"] as! [String: Any])["footprints"] as? String, "all")
  }

  /// One page per zone below target, furthest below first, its gaps numbered, with the
  /// cameras that reach into it and the planned ones.
  func testZoneAtlas() throws {
    var r = Fixture.result()
    var passing = r.zones[0]
    passing.id = "ZP"
    passing.meetsTarget = true
    passing.coverage = 0.9
    r.zones.append(passing)
    r.zoneShapes.append([Fixture.polygon(-90, 10, 20, 20)])
    var context = MapContext()
    context.planFile = "plan.geojson"
    let wedge = Fixture.camera("P1", at: 30, 30).polygons
    context.planned = [
      .init(
        id: "P1", name: "规划球机", kind: "ptz", position: XY(121.023, 30.693), heading: nil, fov: 360,
        range: 50, polygons: wedge),
      .init(
        id: "P2", name: "", kind: "fixed", position: XY(121.1, 30.8), heading: 90, fov: 90, range: 30,
        polygons: [Fixture.polygon(800, 800, 2, 2)]),
    ]
    let html = try render(r, context)
    XCTAssertEqual(html.occurrences(of: "<article class=\"atlas-page\""), 1)
    let page = html.components(
      separatedBy: "<article class=\"atlas-page\" data-zone=\"0\" data-planned=\"1\">")[1]
      .components(separatedBy: "</article>")[0]
    XCTAssertEqual(page.occurrences(of: "<g class=\"gapno\">"), 5)
    XCTAssertTrue(page.contains(">5</text></g>"))
    XCTAssertEqual(page.occurrences(of: "<path class=\"gap\""), 5)
    // C1 at (20, 60) reaches in; C2's wedge at (70, 20) touches the zone's east edge.
    XCTAssertTrue(page.contains("2 active cameras reach into the zone"))
    XCTAssertTrue(page.contains("<td>P1</td><td>规划球机</td>"))
    XCTAssertFalse(page.contains("<td>P2</td>"))
    XCTAssertTrue(page.contains("1 planned cameras of plan.geojson reach into the zone"))
    XCTAssertTrue(html.contains("Print zone atlas (1 pages)"))
    XCTAssertTrue(html.contains("@media print"))
    XCTAssertTrue(html.contains(".atlas-page{break-before:page"))
    XCTAssertEqual(features(try mapData(html), "planned").count, 2)
  }

  func testLibraryFromElsewhereOrAClearError() throws {
    XCTAssertThrowsError(try MapLibrary.load(directory: "/nonexistent/leaflet")) { e in
      XCTAssertTrue("\(e)".contains("libjs-leaflet"), "\(e)")
      XCTAssertTrue("\(e)".contains("CAMGAP_LEAFLET_DIR"), "\(e)")
    }
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("leaflet-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    try "var L = {};\n//# sourceMappingURL=leaflet.js.map".write(
      to: dir.appendingPathComponent("leaflet.js"), atomically: true, encoding: .utf8)
    try ".a{background-image:url(images/layers.png)}\n.b{behavior:url(#default#VML)}".write(
      to: dir.appendingPathComponent("leaflet.css"), atomically: true, encoding: .utf8)
    let lib = try MapLibrary.load(directory: dir.path)
    XCTAssertEqual(lib.script, "var L = {};")
    XCTAssertEqual(lib.style, ".a{background-image:none}\n.b{behavior:none}")
    // A library that could end its own element is refused.
    try "var s = '</script>';".write(
      to: dir.appendingPathComponent("leaflet.js"), atomically: true, encoding: .utf8)
    XCTAssertThrowsError(try MapLibrary.load(directory: dir.path))
  }

  func testSimplifyStaysWithinTolerance() {
    // A 72-gon of radius 80 m keeps about one vertex in four at half a metre.
    var ring: [XY] = (0..<72).map { k in
      let b = Double(k) * 5 * Double.pi / 180
      return XY(80 * sin(b), 80 * cos(b))
    }
    ring.append(ring[0])
    let s = Simplify.ring(ring, tolerance: 0.5)
    XCTAssertEqual(s.first, s.last)
    XCTAssertLessThan(s.count, 45)
    XCTAssertGreaterThan(s.count, 12)
    for p in ring {
      let d = zip(s, s.dropFirst()).map { Simplify.distance2(p, $0.0, $0.1) }.min()!
      XCTAssertLessThanOrEqual(d.squareRoot(), 0.5 + 1e-9)
    }
    // A triangle stays a triangle.
    let tri = [XY(0, 0), XY(1, 0), XY(0, 1), XY(0, 0)]
    XCTAssertEqual(Simplify.ring(tri, tolerance: 5), tri)
  }

  /// A city: 150,000 cameras, 2,000 zones, 5,000 gaps, and one district-wide gap holed by
  /// 40,000 footprints. The report must stay under 15 MB.
  func testCitySizedReportStaysLight() throws {
    var r = AuditResult(crs: "EPSG:32651")
    let side = 3000.0  // 1e-4 degrees: about 30 km
    r.districts = [.init(code: "D", name: "全市", area: 9e8, covered: 1e8, coverage: 0.11, cameras: 150_000)]
    r.districtShapes = [[Fixture.polygon(0, 0, side, side)]]
    var holes: [[XY]] = []
    for i in 0..<40_000 {
      let x = Double(i % 200) * 15 + 3
      let y = Double(i / 200) * 15 + 3
      let c = XY(Fixture.lon0 + x * 1e-4, Fixture.lat0 + y * 1e-4)
      // A 72-gon of radius 30 m, as a ptz camera leaves in a district's gap.
      var ring: [XY] = (0..<72).map { k in
        let b = Double(k) * 5 * Double.pi / 180
        return XY(c.x + 3e-4 * sin(b), c.y + 3e-4 * cos(b))
      }
      ring.append(ring[0])
      holes.append(ring.reversed())
    }
    r.gaps = [Fixture.gap("D#1", Fixture.polygon(0, 0, side, side, holes: holes), area: 8e8)]
    for i in 0..<5000 {
      let x = Double(i % 70) * 40
      let y = Double(i / 70) * 40
      r.gaps.append(Fixture.gap("Z\(i)#1", Fixture.polygon(x, y, 8, 6), area: 500))
    }
    for i in 0..<2000 {
      let x = Double(i % 45) * 60
      let y = Double(i / 45) * 60
      r.zones.append(
        .init(
          id: "Z\(i)", name: "区\(i)", kind: "key-site", districts: ["D"], area: 1e4, covered: 5e3,
          coverage: 0.5, target: 0.9,
          meetsTarget: false, gapCount: 1, gapArea: 500))
      r.zoneShapes.append([Fixture.polygon(x, y, 20, 20)])
    }
    r.footprints = (0..<150_000).map { i in
      Fixture.camera("C\(i)", at: Double(i % 400) * 7.5, Double(i / 400) * 8)
    }
    let html = try render(r)
    XCTAssertLessThan(html.utf8.count, 15_000_000)
    let data = try mapData(html)
    XCTAssertEqual(features(data, "gaps").count, 5001)
    XCTAssertEqual((data["meta"] as! [String: Any])["footprints"] as? String, "near-zones")
    XCTAssertLessThan(features(data, "footprints").count, 150_000)
    XCTAssertEqual(html.occurrences(of: "<article class=\"atlas-page\""), 500)
    XCTAssertTrue(html.contains("the first 500 of the 2000 zones below target"))
  }
}

final class MapFrameTests: XCTestCase {
  func testMetresAndNorthUp() {
    let box = BBox(minX: 121.0, minY: 30.6, maxX: 121.1, maxY: 30.7)
    let f = MapFrame(box: box)
    // 0.1° of longitude at 30.65° N and 0.1° of latitude, on a sphere of mean radius.
    let k = MapFrame.earthRadius * Double.pi / 180
    let east = f.metres(XY(121.1, 30.65)).x - f.metres(XY(121.0, 30.65)).x
    XCTAssertEqual(east, 0.1 * k * cos(30.65 * Double.pi / 180), accuracy: 1e-6)
    XCTAssertEqual(f.metres(XY(121.05, 30.7)).y - f.metres(XY(121.05, 30.6)).y, 0.1 * k, accuracy: 1e-6)
    // North is up: a point further north has a smaller SVG y.
    XCTAssertLessThan(f.unit(XY(121.05, 30.7)).y, f.unit(XY(121.05, 30.6)).y)
    // The box is taller (11.1 km) than wide (9.57 km): it fills the height, with a margin
    // of 4 % of the taller side all round.
    let north = 0.1 * k
    XCTAssertEqual(f.height, 1000)
    XCTAssertEqual(f.width, (1000 * (east + 0.08 * north) / (1.08 * north)).rounded(.up))
  }

  func testScaleBarLengths() {
    XCTAssertEqual(SVGMap.scaleLength(mapMetres: 1100), 200)
    XCTAssertEqual(SVGMap.scaleLength(mapMetres: 4999), 500)
    XCTAssertEqual(SVGMap.scaleLength(mapMetres: 10_000), 2000)
    XCTAssertEqual(SVGMap.scaleLength(mapMetres: 30_000), 5000)
    XCTAssertEqual(SVGMap.scaleLength(mapMetres: 7), 1)
  }

  /// The relative steps of a path add up exactly to the quantised vertices.
  func testPathStepsReturnToTheVertices() {
    let f = MapFrame(box: BBox(minX: 121.0, minY: 30.6, maxX: 121.01, maxY: 30.61))
    let ring = [
      XY(121.001, 30.601), XY(121.009, 30.6013), XY(121.0071, 30.6087), XY(121.0013, 30.6049),
      XY(121.001, 30.601),
    ]
    var pd = PathData(tolerance: 0.5)
    pd.add(polygons: [PlanarPolygon(rings: [ring])], frame: f, minHole: 1, keepTiny: false)
    XCTAssertTrue(pd.text.hasPrefix("M"))
    XCTAssertTrue(pd.text.hasSuffix("z"))
    let body = pd.text.dropFirst().dropLast()
    let parts = body.split(separator: "l")
    let start = parts[0].split(separator: " ").map { Double($0)! }
    let steps = parts[1].split(separator: " ").map { Double($0)! }
    var p = XY(start[0], start[1])
    var vertices = [p]
    for k in stride(from: 0, to: steps.count, by: 2) {
      p = XY(p.x + steps[k], p.y + steps[k + 1])
      vertices.append(p)
    }
    XCTAssertEqual(vertices.count, 4)
    for (v, w) in zip(vertices, ring) {
      let u = f.unit(w)
      XCTAssertEqual(v.x, u.x, accuracy: 0.05 + 1e-9)
      XCTAssertEqual(v.y, u.y, accuracy: 0.05 + 1e-9)
    }
  }

  func testScaleBarOnTheAtlasMap() throws {
    // The zone spans 0.006° × 0.006°, widened to the page's 1000:640 and a margin (about
    // 1.1 km wide): a 200 m bar.
    let html = try render(Fixture.result())
    XCTAssertTrue(html.contains("text-anchor=\"end\">200 m</text>"))
    XCTAssertTrue(html.contains("<g class=\"north\">"))
  }
}
