import Foundation
import XCTest

/// SPEC §6: the registry file is a GeoPackage that GDAL (and so QGIS) opens as a point layer
/// `cameras` in EPSG:4326 with every SPEC field as a column, kept in step with every write.
final class GeoPackageRegistryTests: XCTestCase {
  var dir: URL!

  override func setUpWithError() throws {
    dir = FileManager.default.temporaryDirectory.appendingPathComponent("camgap-gpkg-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
  }

  override func tearDownWithError() throws {
    try? FileManager.default.removeItem(at: dir)
  }

  func path(_ name: String) -> String { dir.appendingPathComponent(name).path }

  func ok(_ args: [String]) throws -> String {
    let r = try CLI.run(args)
    XCTAssertEqual(r.code, 0, "\(args): \(r.stderr)")
    return r.stdout
  }

  /// Runs a GDAL tool and returns stdout and stderr.
  func gdal(_ tool: String, _ args: [String]) throws -> (out: String, err: String, code: Int32) {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/\(tool)")
    p.arguments = args
    let out = Pipe()
    let err = Pipe()
    p.standardOutput = out
    p.standardError = err
    try p.run()
    let o = out.fileHandleForReading.readDataToEndOfFile()
    let e = err.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return (String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self), p.terminationStatus)
  }

  /// The layer as GDAL reads it: id → (lon, lat, properties).
  func layer(_ db: String) throws -> [String: (Double, Double, [String: Any])] {
    let r = try gdal("ogr2ogr", ["-f", "GeoJSON", "/vsistdout/", db, "cameras"])
    XCTAssertEqual(r.code, 0, r.err)
    XCTAssertEqual(r.err, "")
    let doc = try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as! [String: Any]
    var out: [String: (Double, Double, [String: Any])] = [:]
    for f in doc["features"] as! [[String: Any]] {
      let props = f["properties"] as! [String: Any]
      let c = (f["geometry"] as! [String: Any])["coordinates"] as! [Double]
      out[props["id"] as! String] = (c[0], c[1], props)
    }
    return out
  }

  func testRegistryOpensInGDALAsAPointLayerKeptInStepWithEveryWrite() throws {
    let db = path("registry.gpkg")
    _ = try ok(["registry", "init", "--db", db])
    _ = try ok(["registry", "import", CLI.geodata("tiny") + "/cameras.geojson", "--db", db])
    let info = try gdal("ogrinfo", ["-so", db, "cameras"])
    XCTAssertEqual(info.code, 0)
    XCTAssertEqual(info.err, "", "ogrinfo warns")
    XCTAssertTrue(info.out.contains("Geometry: Point"), info.out)
    XCTAssertTrue(info.out.contains("Feature Count: 3"), info.out)
    XCTAssertTrue(info.out.contains("ID[\"EPSG\",4326]"), info.out)
    for column in [
      "id: String", "name: String", "kind: String", "heading: String", "fov: Real", "range: Real",
      "resolution: Real", "min_range: Real", "height: Real", "tilt: Real", "class: Integer", "status: String",
      "installed: Date", "removed: Date",
    ] {
      XCTAssertTrue(info.out.contains(column), "\(column) missing in \(info.out)")
    }

    // Every camera at its registered position, with its fields.
    let export = try ok(["registry", "export", "--db", db, "--format", "geojson"])
    let exported = try JSONSerialization.jsonObject(with: Data(export.utf8)) as! [String: Any]
    var seen = try layer(db)
    XCTAssertEqual(seen.count, 3)
    for f in exported["features"] as! [[String: Any]] {
      let props = f["properties"] as! [String: Any]
      let c = (f["geometry"] as! [String: Any])["coordinates"] as! [Double]
      let id = props["id"] as! String
      // GDAL's GeoJSON writer prints 15 significant digits; the blob holds the exact double.
      XCTAssertEqual(seen[id]?.0 ?? 0, c[0], accuracy: 1e-12, id)
      XCTAssertEqual(seen[id]?.1 ?? 0, c[1], accuracy: 1e-12, id)
      XCTAssertEqual(seen[id]?.2["kind"] as? String, props["kind"] as? String)
    }

    // An edit moves the point, a retirement shows in the layer, an added camera appears.
    let first = (exported["features"] as! [[String: Any]])[0]["properties"] as! [String: Any]
    let id = first["id"] as! String
    _ = try ok(["registry", "update", id, "--lon", "121.5", "--lat", "30.25", "--db", db])
    _ = try ok(["registry", "retire", id, "--date", "2026-01-01", "--db", db])
    _ = try ok(["registry", "add", "NEW-1", "--lon", "121.25", "--lat", "30.5", "--kind", "ptz", "--db", db])
    seen = try layer(db)
    XCTAssertEqual(seen.count, 4)
    XCTAssertEqual(seen[id]?.0, 121.5)
    XCTAssertEqual(seen[id]?.1, 30.25)
    XCTAssertEqual(seen[id]?.2["status"] as? String, "retired")
    XCTAssertEqual(seen[id]?.2["removed"] as? String, "2026-01-01")
    XCTAssertEqual(seen["NEW-1"]?.0, 121.25)

    // A refused import changes neither the registry nor the layer.
    let bad = path("bad.csv")
    try "id,lon,lat,fov\nX1,121,30,90\nX2,121,30,400\n".write(toFile: bad, atomically: true, encoding: .utf8)
    XCTAssertEqual(try CLI.run(["registry", "import", bad, "--db", db]).code, 2)
    XCTAssertEqual(try layer(db).count, 4)

    // A spatial filter goes through the R-tree and finds the added camera alone.
    let near = try gdal("ogrinfo", ["-q", "-spat", "121.2", "30.4", "121.3", "30.6", db, "cameras"])
    XCTAssertTrue(near.out.contains("id (String) = NEW-1"), near.out)
    XCTAssertEqual(near.out.components(separatedBy: "OGRFeature(cameras)").count - 1, 1, near.out)
  }
}
