import Foundation
import XCTest

/// `camgap convert` as a planner runs it on the files a GIS department hands over.
final class ConvertCLITests: XCTestCase {
  func scratch() throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "camgap-convert-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    addTeardownBlock { try? FileManager.default.removeItem(at: dir) }
    return dir
  }

  func features(_ path: String) throws -> [[String: Any]] {
    let data = try Data(contentsOf: URL(fileURLWithPath: path))
    let root = try JSONSerialization.jsonObject(with: data) as? [String: Any]
    return root?["features"] as? [[String: Any]] ?? []
  }

  func ogrinfo(_ args: [String]) throws -> String {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.arguments = ["ogrinfo"] + args
    let pipe = Pipe()
    p.standardOutput = pipe
    p.standardError = pipe
    try p.run()
    let out = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    p.waitUntilExit()
    return out
  }

  func testGBKShapefileInGaussKrugerToGeoJSON() throws {
    let out = try scratch().appendingPathComponent("districts.geojson").path
    let r = try CLI.run(["convert", CLI.geodata("pinghu-shp/districts.shp"), out])
    XCTAssertEqual(r.code, 0, r.stderr)
    XCTAssertEqual(r.stderr, "")
    XCTAssertEqual(r.stdout, "")
    let got = try features(out)
    let want = try features(CLI.geodata("pinghu/districts.geojson"))
    XCTAssertEqual(got.count, 5)
    for (a, b) in zip(got, want) {
      XCTAssertEqual(a["properties"] as? [String: String], b["properties"] as? [String: String])
      let pa = ((a["geometry"] as? [String: Any])?["coordinates"] as? [[[Double]]])?[0] ?? []
      let pb = ((b["geometry"] as? [String: Any])?["coordinates"] as? [[[Double]]])?[0] ?? []
      XCTAssertEqual(pa.count, pb.count)
      // Both exteriors are counter-clockwise; the Shapefile may start the ring elsewhere.
      let start = pa.firstIndex { abs($0[0] - pb[0][0]) < 1e-8 && abs($0[1] - pb[0][1]) < 1e-8 }
      XCTAssertNotNil(start, "the original's first position is in the ring")
    }
    XCTAssertEqual((got[0]["properties"] as? [String: String])?["name"], "当湖街道")
  }

  func testProjectedCSVWithoutCRSIsBadInput() throws {
    let out = try scratch().appendingPathComponent("cameras.geojson").path
    let r = try CLI.run(["convert", CLI.geodata("pinghu-csv/cameras.csv"), out, "--layer", "cameras"])
    XCTAssertEqual(r.code, 2)
    XCTAssertEqual(
      r.stderr,
      "camgap: cameras.csv: line 2: field \"x, y\": position (598389.920285255, 3395829.93251058) is outside longitude/latitude range: the file looks projected but declares no CRS; declare its CRS with --source-crs cameras=EPSG:n (EPSG:4549 for CGCS2000 3-degree Gauss-Krüger CM 120E, say) or crs = \"EPSG:n\" under [cameras] in camgap.toml\n"
    )
    XCTAssertFalse(FileManager.default.fileExists(atPath: out))
  }

  func testProjectedCSVToGeoPackage() throws {
    let out = try scratch().appendingPathComponent("cameras.gpkg").path
    let r = try CLI.run([
      "convert", CLI.geodata("pinghu-csv/cameras.csv"), out, "--layer", "cameras", "--source-crs",
      "EPSG:4549",
    ])
    XCTAssertEqual(r.code, 0, r.stderr)
    XCTAssertEqual(r.stderr, "camgap: cameras.csv: positions taken from columns x, y\n")
    let info = try ogrinfo(["-al", "-so", out])
    XCTAssertFalse(info.contains("Warning"), info)
    XCTAssertTrue(info.contains("Layer name: cameras\nGeometry: Point\nFeature Count: 1000\n"), info)
    XCTAssertTrue(info.contains("id: String (0.0)"), info)
    XCTAssertTrue(info.contains("fov: Integer64 (0.0)"), info)
    XCTAssertTrue(info.contains("heading: Real (0.0)"), info)
    let first = try ogrinfo(["-q", out, "cameras", "-fid", "1"])
    XCTAssertTrue(first.contains("id (String) = 33048200001325000001"), first)
  }

  func testGeoPackageLayerToShapefileAndBack() throws {
    let dir = try scratch()
    let shp = dir.appendingPathComponent("zones.shp").path
    var r = try CLI.run(["convert", CLI.geodata("pinghu-gpkg/bundle.gpkg") + ":zones", shp])
    XCTAssertEqual(r.code, 0, r.stderr)
    let json = dir.appendingPathComponent("zones.geojson").path
    r = try CLI.run(["convert", shp, json])
    XCTAssertEqual(r.code, 0, r.stderr)
    let got = try features(json)
    XCTAssertEqual(got.count, 20)
    let want = try features(CLI.geodata("pinghu/zones.geojson"))
    XCTAssertEqual(
      (got[0]["properties"] as? [String: Any])?["name"] as? String,
      (want[0]["properties"] as? [String: Any])?["name"] as? String)
    XCTAssertEqual(
      (got[0]["properties"] as? [String: Any])?["valid_from"] as? String,
      (want[0]["properties"] as? [String: Any])?["valid_from"] as? String)
  }

  func testRefusals() throws {
    let dir = try scratch()
    let shp = dir.appendingPathComponent("roads.shp").path
    XCTAssertEqual(try CLI.run(["convert", CLI.geodata("pinghu-shp/roads.shp"), shp]).code, 0)
    var r = try CLI.run(["convert", shp, shp])
    XCTAssertEqual(r.code, 1)
    XCTAssertEqual(r.stderr, "camgap: cannot write \(shp): it is the input of this run\n")
    r = try CLI.run([
      "convert", CLI.geodata("pinghu-gpkg/bundle.gpkg"), dir.appendingPathComponent("x.geojson").path,
    ])
    XCTAssertEqual(r.code, 2)
    XCTAssertEqual(
      r.stderr,
      "camgap: bundle.gpkg: the file holds 4 layers (districts, zones, roads, cameras); name one as bundle.gpkg:LAYER\n"
    )
    r = try CLI.run(["convert", shp, dir.appendingPathComponent("x.geojson").path, "--layer", "trees"])
    XCTAssertEqual(r.code, 1)
    XCTAssertTrue(
      r.stderr.contains("--layer must be one of cameras, districts, zones, roads, buildings"), r.stderr)
  }

  func testGDALFailureIsOneLineOfCamgapsOwn() throws {
    let dir = try scratch()
    for ext in ["shp", "dbf", "cpg"] {
      try FileManager.default.copyItem(
        atPath: CLI.geodata("pinghu-shp/roads.\(ext)"),
        toPath: dir.appendingPathComponent("roads.\(ext)").path)
    }
    let r = try CLI.run([
      "convert", dir.appendingPathComponent("roads.shp").path, dir.appendingPathComponent("r.geojson").path,
    ])
    XCTAssertEqual(r.code, 2)
    XCTAssertTrue(r.stderr.hasPrefix("camgap: roads.shp: OGR cannot read it: Unable to open "), r.stderr)
    XCTAssertTrue(r.stderr.contains("roads.shx"), r.stderr)
    XCTAssertEqual(r.stderr.filter { $0 == "\n" }.count, 1, "GDAL printed nothing of its own: \(r.stderr)")
  }
}
