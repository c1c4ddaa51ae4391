import Foundation
import TestSupport
import XCTest

/// The sample town as a GIS department hands it over audits to the same numbers as the
/// GeoJSON bundle (SPEC §5): Shapefiles in CGCS2000 Gauss-Krüger (EPSG:4549) with GBK
/// attributes and no `.cpg`, cameras from a spreadsheet, one GeoPackage named by a manifest,
/// cameras as a CSV of projected x/y; and the audit written as one GeoPackage.
final class FormatsAuditTests: XCTestCase {
  func audit(_ args: [String]) throws -> [String: Any] {
    let r = try CLI.run(["audit"] + args + ["--format", "json"])
    XCTAssertEqual(r.code, 0, "\(args): \(r.stderr)")
    return try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any] ?? [:]
  }

  /// Every total of two audits (summary, districts, zones) agrees to 1e-9 relative and every
  /// name and id is the same. A single gap's area is held to 1e-6 m²: positions that went
  /// through two projections agree to far under a millimetre, which moves a 80 m² gap by
  /// 1e-7 m² (1e-9 of it); entry points are compared as a set, since two that tie to 1e-9
  /// may swap places in the order.
  func assertSameAudit(_ a: [String: Any], _ b: [String: Any], _ label: String) {
    func close(_ x: Any?, _ y: Any?, _ what: String, absolute: Double? = nil) {
      if let x = x as? Double, let y = y as? Double {
        XCTAssertEqual(x, y, accuracy: absolute ?? 1e-9 * max(1, abs(x)), "\(label): \(what)")
      } else {
        XCTAssertEqual("\(x ?? "nil")", "\(y ?? "nil")", "\(label): \(what)")
      }
    }
    let sa = a["summary"] as? [String: Any] ?? [:]
    let sb = b["summary"] as? [String: Any] ?? [:]
    XCTAssertEqual(Set(sa.keys), Set(sb.keys))
    for k in sa.keys { close(sa[k], sb[k], "summary.\(k)") }
    for list in ["districts", "zones", "gaps"] {
      let la = a[list] as? [[String: Any]] ?? []
      let lb = b[list] as? [[String: Any]] ?? []
      XCTAssertEqual(la.count, lb.count, "\(label): \(list)")
      for (x, y) in zip(la, lb) {
        for k in x.keys where !(x[k] is [Any]) {
          close(x[k], y[k], "\(list).\(k)", absolute: list == "gaps" && k == "area_m2" ? 1e-6 : nil)
        }
      }
    }
    func entries(_ d: [String: Any]) -> [String] {
      (d["entries"] as? [[String: Any]] ?? []).map { e in
        let p = e["point"] as? [Double] ?? []
        return
          "\(e["district"] ?? "") \(e["road"] ?? "") \(String(format: "%.7f %.7f", p[0], p[1])) \(e["covered"] ?? "")"
      }.sorted()
    }
    XCTAssertEqual(entries(a), entries(b), "\(label): entries")
  }

  func testShapefilesGeoPackageAndProjectedCSVAuditAsTheGeoJSONBundle() throws {
    let reference = try audit([CLI.geodata("pinghu")])
    let shp = try audit([CLI.geodata("pinghu-shp")])
    assertSameAudit(reference, shp, "pinghu-shp")
    let names = (shp["districts"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
    XCTAssertEqual(names, ["当湖街道", "钟埭街道", "曹桥街道", "新埭镇", "新仓镇"])
    assertSameAudit(reference, try audit([CLI.geodata("pinghu-gpkg")]), "pinghu-gpkg")
    let csv = try audit([
      CLI.geodata("pinghu"), "--cameras", CLI.geodata("pinghu-csv/cameras.csv"), "--source-crs",
      "cameras=EPSG:4549",
    ])
    assertSameAudit(reference, csv, "cameras as EPSG:4549 x/y")
  }

  func testTwoFilesForOneLayerAreAnErrorNamingBoth() throws {
    let bundle = try CLI.copyBundle("tiny")
    defer { try? FileManager.default.removeItem(at: bundle) }
    try "id,lon,lat\nX,121.02,30.695\n".write(
      to: bundle.appendingPathComponent("cameras.csv"), atomically: true, encoding: .utf8)
    let r = try CLI.run(["audit", bundle.path, "--format", "json"])
    XCTAssertEqual(r.code, 2)
    XCTAssertTrue(r.stderr.contains("cameras.csv and cameras.geojson are both the cameras layer"), r.stderr)
  }

  func testProjectedShapefileWithoutPrjSaysHowToDeclareIt() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "camgap-noprj-\(UUID().uuidString)")
    try FileManager.default.copyItem(at: URL(fileURLWithPath: CLI.geodata("pinghu-shp")), to: dir)
    defer { try? FileManager.default.removeItem(at: dir) }
    try FileManager.default.removeItem(at: dir.appendingPathComponent("districts.prj"))
    let r = try CLI.run(["audit", dir.path, "--format", "json"])
    XCTAssertEqual(r.code, 2)
    XCTAssertTrue(r.stderr.contains("looks projected"), r.stderr)
    XCTAssertTrue(r.stderr.contains("--source-crs districts=EPSG:"), r.stderr)
    // Declared, it audits as before.
    let declared = try audit([dir.path, "--source-crs", "districts=EPSG:4549"])
    assertSameAudit(try audit([CLI.geodata("pinghu")]), declared, "declared districts")
  }

  func testAuditAsOneGeoPackageOpensCleanlyAndDiffsAsJSONDoes() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "camgap-gpkgout-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let gpkg = dir.appendingPathComponent("audit.gpkg").path
    let r = try CLI.run(["audit", CLI.geodata("pinghu"), "--format", "gpkg", "--out", gpkg])
    XCTAssertEqual(r.code, 0, r.stderr)
    let info = try Processes.run(URL(fileURLWithPath: "/usr/bin/ogrinfo"), ["-so", "-al", gpkg])
    XCTAssertEqual(info.code, 0)
    XCTAssertFalse((info.stdout + info.stderr).contains("Warning"), info.stderr)
    let json = try audit([CLI.geodata("pinghu")])
    let summary = json["summary"] as? [String: Any] ?? [:]
    for (layer, count) in [
      ("districts", 5), ("zones", 20), ("gaps", summary["gaps"] as? Int ?? -1),
      ("entries", summary["entries"] as? Int ?? -1), ("coverage", 5), ("summary", 1),
    ] {
      XCTAssertTrue(info.stdout.contains("Layer name: \(layer)\n"), layer)
      let section = info.stdout.components(separatedBy: "Layer name: \(layer)\n").last ?? ""
      XCTAssertTrue(section.contains("Feature Count: \(count)\n"), "\(layer): \(count)")
    }
    XCTAssertTrue(info.stdout.contains("Layer name: uncovered_roads\n"))
    // diff reads two GeoPackages as it reads two JSON + gaps pairs: the audit against itself.
    let same = try CLI.run(["diff", gpkg, gpkg, "--format", "json"])
    XCTAssertEqual(same.code, 0, same.stderr)
    XCTAssertTrue(same.stdout.contains("\"changes\": 0"), same.stdout)
    let missingOut = try CLI.run(["audit", CLI.geodata("pinghu"), "--format", "gpkg"])
    XCTAssertEqual(missingOut.code, 1)
    XCTAssertTrue(missingOut.stderr.contains("give --out FILE.gpkg"), missingOut.stderr)
  }
}
