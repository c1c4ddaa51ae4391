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

final class HTMLReportTests: XCTestCase {
  func testOnePathPerDistrictAndPerGap() {
    let page = HTMLReport.render(Fixture.result())
    // The map only, not the legend's swatches.
    let html = page.components(separatedBy: "<aside class=\"legend\">")[0]
    XCTAssertEqual(html.occurrences(of: "<path class=\"district "), 3)
    XCTAssertEqual(html.occurrences(of: "<path class=\"gap\""), 5)
    // Each drawn, even the gap a few centimetres across.
    XCTAssertEqual(html.occurrences(of: "<path class=\"gap\" d=\"M"), 5)
    XCTAssertEqual(html.occurrences(of: "<path class=\"zone fail\""), 1)
    XCTAssertEqual(html.occurrences(of: "<path class=\"cam\""), 2)
    XCTAssertEqual(html.occurrences(of: "<circle class=\"entry covered\""), 1)
    XCTAssertEqual(html.occurrences(of: "<circle class=\"entry open\""), 1)
    // The two-part district is one path of two rings; the holed one one path of two rings.
    let districts = html.components(separatedBy: "<path class=\"district ").dropFirst().map { p in
      String(p.prefix { $0 != ">" })
    }
    XCTAssertEqual(districts.map { $0.occurrences(of: "M") }, [1, 2, 2])
    // Shading follows coverage: 10 % is class 2 (10–20 %), 0 class 0, 70 % class 5.
    XCTAssertTrue(districts[0].hasPrefix("c2\""))
    XCTAssertTrue(districts[1].hasPrefix("c0\""))
    XCTAssertTrue(districts[2].hasPrefix("c5\""))
  }

  func testSelfContainedUTF8WithCJKFonts() {
    let html = HTMLReport.render(Fixture.result())
    XCTAssertTrue(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">"))
    XCTAssertTrue(html.contains("\"Noto Sans CJK SC\""))
    XCTAssertTrue(html.contains("\"Microsoft YaHei\""))
    XCTAssertTrue(html.contains("东街道"))
    XCTAssertTrue(html.contains("拆迁区"))
    for external in ["src=", "href=", "@import", "url(", "https://"] {
      XCTAssertFalse(html.contains(external), external)
    }
    // The only URL is the SVG namespace.
    XCTAssertEqual(html.occurrences(of: "http://"), 1)
    XCTAssertTrue(html.contains("xmlns=\"http://www.w3.org/2000/svg\""))
  }

  func testEveryUserStringIsEscaped() {
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
    let html = HTMLReport.render(r)
    XCTAssertFalse(html.contains("<script>alert"))
    XCTAssertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
    XCTAssertTrue(html.contains("&amp;&quot;&#39;&lt;&gt;"))
    XCTAssertTrue(html.contains("C&quot;2&#39; onmouseover=&#39;x"))
    XCTAssertTrue(html.contains("&lt;b&gt;西街道&lt;/b&gt;"))
    XCTAssertTrue(html.contains("&lt;u&gt;gap&lt;/u&gt;"))
    XCTAssertTrue(html.contains("&lt;img src=x onerror=alert(4)&gt;"))
    for raw in ["<b>", "<i>", "<u>", "<img", "<svg onload", "onmouseover='", "&\"'<>"] {
      XCTAssertFalse(html.contains(raw), raw)
    }
    // One script element, the table sorter.
    XCTAssertEqual(html.occurrences(of: "<script"), 1)
  }

  func testSameResultSameBytes() {
    XCTAssertEqual(HTMLReport.render(Fixture.result()), HTMLReport.render(Fixture.result()))
  }

  func testZonesSortedByShortfallAndGapsByArea() {
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
    let html = HTMLReport.render(r)
    let zones = html.components(separatedBy: "<h2>Zones by shortfall</h2>")[1].components(
      separatedBy: "</table>")[0]
    let ids = zones.components(separatedBy: "<tr><td>").dropFirst().map { row in
      String(row.prefix { $0 != "<" })
    }
    XCTAssertEqual(ids, ["ZB", "Z", "ZC"])
    XCTAssertTrue(zones.contains("data-v=\"0.800000\">80.0 pp"))
    let gaps = html.components(separatedBy: "<h2>Largest gaps</h2>")[1].components(separatedBy: "</table>")[0]
    let gapIDs = gaps.components(separatedBy: "<tr><td>").dropFirst().map { row in
      String(row.prefix { $0 != "<" })
    }
    XCTAssertEqual(gapIDs, ["Z#1", "Z#2", "Z#3", "Z#4", "Z#5"])
  }

  func testManyCamerasBecomeDensityCells() {
    var r = Fixture.result()
    r.footprints = (0..<6000).map { i in Fixture.camera("C\(i)", at: Double(i % 100), Double(i / 100)) }
    let html = HTMLReport.render(r)
    XCTAssertEqual(html.occurrences(of: "<path class=\"cam\""), 0)
    XCTAssertGreaterThan(html.occurrences(of: "<rect class=\"dens d"), 100)
    XCTAssertTrue(html.contains("<h3>Cameras per "))
    var few = Fixture.result()
    few.footprints = (0..<50).map { i in Fixture.camera("C\(i)", at: Double(i), 0) }
    XCTAssertEqual(HTMLReport.render(few).occurrences(of: "<path class=\"cam\""), 50)
  }

  /// A city: 150,000 cameras, 2,000 zones, 5,000 gaps, and one district-wide gap holed by
  /// 40,000 footprints. The report must stay under 10 MB.
  func testCitySizedReportStaysLight() {
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
    let html = HTMLReport.render(r)
    XCTAssertLessThan(html.utf8.count, 10_000_000)
    XCTAssertEqual(html.occurrences(of: "<path class=\"gap\""), 5001)
    XCTAssertEqual(html.occurrences(of: "<path class=\"cam\""), 0)
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

  func testScaleBarOnTheMap() {
    // The fixture spans 0.02° × 0.02° (about 1.9 km wide): a 200 m bar.
    let html = HTMLReport.render(Fixture.result())
    XCTAssertTrue(html.contains("text-anchor=\"end\">200 m</text>"))
    XCTAssertTrue(html.contains("<g class=\"north\">"))
  }
}
