import Foundation
import Geometry
import Support
import XCTest

@testable import Formats

/// The Pinghu fixtures in other formats and CRSs must read back as the GeoJSON originals:
/// same features, same typed properties, positions within 1e-8° (about 1 mm).
final class OGRReaderTests: XCTestCase {
  static let geodata = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("geodata")

  static func path(_ p: String) -> String { geodata.appendingPathComponent(p).path }

  func original(_ layer: String) throws -> FeatureCollection {
    try GeoJSONReader.read(path: Self.path("pinghu/\(layer).geojson"))
  }

  /// Properties with nulls dropped: formats differ in whether a missing value is a null
  /// or no value at all.
  func values(_ f: Feature) -> [String: JSON] {
    var d: [String: JSON] = [:]
    for (k, v) in f.properties where !v.isNull { d[k] = v }
    return d
  }

  /// All positions, rings made counter-clockwise and started at their south-western
  /// corner: a Shapefile stores exterior rings clockwise and may start them elsewhere.
  func positions(_ g: LonLatGeometry?) -> [XY] {
    func ring(_ r: [XY]) -> [XY] {
      let open = Array(Ring.oriented(r, counterClockwise: true).dropLast())
      guard
        let start = open.indices.min(by: {
          (open[$0].y * 1e6).rounded() < (open[$1].y * 1e6).rounded()
            || ((open[$0].y * 1e6).rounded() == (open[$1].y * 1e6).rounded() && open[$0].x < open[$1].x)
        })
      else { return r }
      return Array(open[start...] + open[..<start])
    }
    switch g {
    case .point(let p): return [p]
    case .multiPoint(let ps), .lineString(let ps): return ps
    case .multiLineString(let ls): return ls.flatMap { $0 }
    case .polygon(let rings): return rings.flatMap(ring)
    case .multiPolygon(let m): return m.flatMap { $0.flatMap(ring) }
    case nil: return []
    }
  }

  /// Asserts equality with the original and returns the largest position difference.
  @discardableResult
  func assertSame(
    _ read: FeatureCollection, as layer: String, file: StaticString = #filePath, line: UInt = #line
  )
    throws -> Double
  {
    let want = try original(layer)
    XCTAssertEqual(read.warnings, [], file: file, line: line)
    XCTAssertEqual(read.features.count, want.features.count, file: file, line: line)
    var worst = 0.0
    for (a, b) in zip(read.features, want.features) {
      XCTAssertEqual(values(a), values(b), "feature \(a.index)", file: file, line: line)
      XCTAssertEqual(
        a.geometry?.typeName.replacingOccurrences(of: "Multi", with: ""),
        b.geometry?.typeName.replacingOccurrences(of: "Multi", with: ""), file: file, line: line)
      let pa = positions(a.geometry)
      let pb = positions(b.geometry)
      XCTAssertEqual(pa.count, pb.count, "feature \(a.index)", file: file, line: line)
      for (p, q) in zip(pa, pb) { worst = max(worst, abs(p.x - q.x), abs(p.y - q.y)) }
    }
    XCTAssertLessThan(worst, 1e-8, "\(layer): largest position difference", file: file, line: line)
    return worst
  }

  func testGBKShapefileInGaussKrugerReadsAsOriginal() throws {
    for layer in ["districts", "zones"] {
      let (fc, info) = try OGRLayerReader.read(path: Self.path("pinghu-shp/\(layer).shp"), role: layer)
      XCTAssertEqual(info.driver, "ESRI Shapefile")
      XCTAssertEqual(info.crs, CRSInfo(origin: .file, name: "EPSG:4549", reprojected: true))
      let worst = try assertSame(fc, as: layer)
      XCTAssertGreaterThan(worst, 0, "the positions went through two projections")
    }
    let (districts, _) = try OGRLayerReader.read(path: Self.path("pinghu-shp/districts.shp"))
    XCTAssertEqual(districts.features[0].property("name"), .string("当湖街道"))
    XCTAssertEqual(districts.features[0].index, 0)
  }

  func testShapefileWithCPGIsReadInItsEncoding() throws {
    let (fc, info) = try OGRLayerReader.read(path: Self.path("pinghu-shp/roads.shp"))
    XCTAssertEqual(info.crs.reprojected, false)
    try assertSame(fc, as: "roads")
    XCTAssertTrue(fc.features.contains { $0.property("name")?.string?.contains("路") == true })
  }

  func testUTF8ShapefileWithoutCPGStaysUTF8() throws {
    let dir = try scratch()
    for ext in ["shp", "shx", "dbf", "prj"] {
      try FileManager.default.copyItem(
        atPath: Self.path("pinghu-shp/roads.\(ext)"), toPath: dir.appendingPathComponent("roads.\(ext)").path)
    }
    let (fc, _) = try OGRLayerReader.read(path: dir.appendingPathComponent("roads.shp").path)
    try assertSame(fc, as: "roads")
  }

  func testSpreadsheetFirstSheetWithLonLatColumns() throws {
    let (fc, info) = try OGRLayerReader.read(path: Self.path("pinghu-shp/cameras.xlsx"), role: "cameras")
    XCTAssertEqual(info.driver, "XLSX")
    XCTAssertEqual(info.positionColumns?.x, "lon")
    XCTAssertEqual(info.positionColumns?.y, "lat")
    XCTAssertEqual(info.crs.origin, .assumed)
    try assertSame(fc, as: "cameras")
    XCTAssertEqual(fc.features[0].index, 2, "FID of an XLSX feature is its sheet row")
  }

  func testGeoPackageLayersByName() throws {
    for layer in ["districts", "zones", "roads", "cameras"] {
      let (fc, info) = try OGRLayerReader.read(path: Self.path("pinghu-gpkg/bundle.gpkg:\(layer)"))
      XCTAssertEqual(info.layer, layer)
      XCTAssertEqual(fc.file, "bundle.gpkg:\(layer)")
      try assertSame(fc, as: layer)
    }
    XCTAssertThrowsError(try OGRLayerReader.read(path: Self.path("pinghu-gpkg/bundle.gpkg"))) { e in
      XCTAssertEqual(
        (e as? InputError)?.message,
        "the file holds 4 layers (districts, zones, roads, cameras); name one as bundle.gpkg:LAYER")
    }
    XCTAssertThrowsError(try OGRLayerReader.read(path: Self.path("pinghu-gpkg/bundle.gpkg"), layer: "gaps")) {
      e in
      XCTAssertEqual(
        (e as? InputError)?.message, "no layer \"gaps\"; the file holds districts, zones, roads, cameras")
    }
  }

  func testProjectedCSVWithSourceCRS() throws {
    let (fc, info) = try OGRLayerReader.read(
      path: Self.path("pinghu-csv/cameras.csv"), sourceCRS: "EPSG:4549", role: "cameras")
    XCTAssertEqual(info.crs, CRSInfo(origin: .argument, name: "EPSG:4549", reprojected: true))
    XCTAssertEqual(info.positionColumns?.x, "x")
    try assertSame(fc, as: "cameras")
    XCTAssertEqual(
      fc.features[0].property("id"), .string("33048200001325000001"), "20 digits kept as written")
    XCTAssertEqual(fc.features[0].property("fov"), .number(42))
    XCTAssertEqual(fc.features[0].index, 1)
  }

  func testSameCRSAsPROJStringAndWKT() throws {
    let proj = "+proj=tmerc +lat_0=0 +lon_0=120 +k=1 +x_0=500000 +y_0=0 +ellps=GRS80 +units=m +no_defs"
    let (fc, info) = try OGRLayerReader.read(path: Self.path("pinghu-csv/cameras.csv"), sourceCRS: proj)
    XCTAssertTrue(info.crs.reprojected)
    try assertSame(fc, as: "cameras")
    let wkt = try String(contentsOfFile: Self.path("pinghu-shp/districts.prj"), encoding: .utf8)
    let (viaWKT, _) = try OGRLayerReader.read(path: Self.path("pinghu-csv/cameras.csv"), sourceCRS: wkt)
    try assertSame(viaWKT, as: "cameras")
  }

  func testProjectedFileWithoutCRSLooksProjected() throws {
    let dir = try scratch()
    for ext in ["shp", "shx", "dbf"] {
      try FileManager.default.copyItem(
        atPath: Self.path("pinghu-shp/districts.\(ext)"),
        toPath: dir.appendingPathComponent("districts.\(ext)").path)
    }
    XCTAssertThrowsError(
      try OGRLayerReader.read(path: dir.appendingPathComponent("districts.shp").path, role: "districts")
    ) { e in
      let err = e as? InputError
      XCTAssertEqual(err?.file, "districts.shp")
      XCTAssertEqual(err?.location, .feature(0))
      XCTAssertEqual(err?.field, "geometry")
      let m = err?.message ?? ""
      XCTAssertTrue(m.contains("looks projected but declares no CRS"), m)
      XCTAssertTrue(m.hasPrefix("position (594727.58"), m)
      XCTAssertTrue(m.contains("--source-crs districts=EPSG:n"), m)
      XCTAssertTrue(m.contains("crs = \"EPSG:n\" under [districts] in camgap.toml"), m)
    }
    XCTAssertThrowsError(try OGRLayerReader.read(path: Self.path("pinghu-csv/cameras.csv"), role: "cameras"))
    { e in
      XCTAssertTrue((e as? InputError)?.message.contains("--source-crs cameras=EPSG:n") == true, "\(e)")
    }
  }

  func testChineseDatumIsAFlagOnly() throws {
    let (fc, info) = try OGRLayerReader.read(path: Self.path("pinghu-shp/cameras.xlsx"), sourceCRS: "GCJ02")
    XCTAssertEqual(
      info.crs, CRSInfo(origin: .argument, name: "gcj02", chineseDatum: .gcj02, reprojected: false))
    try assertSame(fc, as: "cameras")
  }

  func testBadInputsNameTheFile() {
    XCTAssertThrowsError(try OGRLayerReader.read(path: "/nonexistent/x.shp")) { e in
      XCTAssertEqual((e as? InputError)?.file, "x.shp")
    }
    XCTAssertThrowsError(try OGRLayerReader.read(path: Self.path("pinghu/README.md"))) { e in
      XCTAssertTrue((e as? InputError)?.message.hasPrefix("OGR cannot read it: ") == true, "\(e)")
    }
    XCTAssertThrowsError(
      try OGRLayerReader.read(path: Self.path("pinghu-shp/roads.shp"), sourceCRS: "EPSG:999999")
    ) { e in
      XCTAssertEqual((e as? InputError)?.field, "crs")
      XCTAssertTrue(
        (e as? InputError)?.message.hasPrefix("cannot read the CRS \"EPSG:999999\"") == true, "\(e)")
    }
  }

  func testGBKShapefileWithCPGIsRecodedByOGR() throws {
    let dir = try scratch()
    for ext in ["shp", "shx", "dbf", "prj"] {
      try FileManager.default.copyItem(
        atPath: Self.path("pinghu-shp/zones.\(ext)"), toPath: dir.appendingPathComponent("zones.\(ext)").path)
    }
    try "GBK".write(to: dir.appendingPathComponent("zones.cpg"), atomically: true, encoding: .utf8)
    let (fc, _) = try OGRLayerReader.read(path: dir.appendingPathComponent("zones.shp").path)
    try assertSame(fc, as: "zones")
  }

  /// Runs ogr2ogr on a Pinghu layer, as a GIS department would have.
  func ogr2ogr(_ args: [String]) throws {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.arguments = ["ogr2ogr"] + args
    p.standardError = FileHandle.nullDevice
    try p.run()
    p.waitUntilExit()
    XCTAssertEqual(p.terminationStatus, 0, "ogr2ogr \(args)")
  }

  func testOtherFormatsReadAsOriginal() throws {
    let dir = try scratch()
    func out(_ n: String) -> String { dir.appendingPathComponent(n).path }
    let zones = Self.path("pinghu/zones.geojson")
    try ogr2ogr(["-f", "FlatGeobuf", "-lco", "SPATIAL_INDEX=NO", out("zones.fgb"), zones])
    try ogr2ogr(["-f", "GML", out("zones.gml"), zones])
    try ogr2ogr(["-f", "KML", out("zones.kml"), zones])
    try ogr2ogr(["-t_srs", "EPSG:4549", out("zones-4549.geojson"), zones])
    try ogr2ogr([
      "-f", "ODS", out("cameras.ods"), Self.path("pinghu/cameras.geojson"), "-dialect", "sqlite", "-sql",
      "SELECT id, name, ST_X(geometry) AS longitude, ST_Y(geometry) AS latitude FROM cameras",
    ])
    // FlatGeobuf has no date type: ogr2ogr wrote the dates as midnight date-times.
    var (fgb, _) = try OGRLayerReader.read(path: out("zones.fgb"))
    for i in fgb.features.indices {
      fgb.features[i].properties = fgb.features[i].properties.map { k, v in
        guard let s = v.string, s.hasSuffix("T00:00:00") else { return (k, v) }
        return (k, .string(String(s.dropLast(9))))
      }
    }
    XCTAssertEqual(fgb.features[0].properties.first { $0.0 == "valid_to" }?.1, .string("2025-12-31"))
    try assertSame(fgb, as: "zones")
    var (gml, _) = try OGRLayerReader.read(path: out("zones.gml"))
    for i in gml.features.indices { gml.features[i].properties.removeAll { $0.0 == "gml_id" } }
    try assertSame(gml, as: "zones")
    let (crsMember, info) = try OGRLayerReader.read(path: out("zones-4549.geojson"))
    XCTAssertEqual(info.crs, CRSInfo(origin: .file, name: "EPSG:4549", reprojected: true))
    try assertSame(crsMember, as: "zones")

    let want = try original("zones")
    let (kml, _) = try OGRLayerReader.read(path: out("zones.kml"))
    XCTAssertEqual(kml.features.map { $0.property("Name") }, want.features.map { $0.property("name") })
    XCTAssertEqual(
      kml.features.map { positions($0.geometry).count }, want.features.map { positions($0.geometry).count })
    let (ods, odsInfo) = try OGRLayerReader.read(path: out("cameras.ods"))
    XCTAssertEqual(odsInfo.positionColumns?.x, "longitude")
    let cameras = try original("cameras")
    XCTAssertEqual(ods.features.map { $0.property("id") }, cameras.features.map { $0.property("id") })
    XCTAssertEqual(ods.features.map(\.geometry), cameras.features.map(\.geometry))
  }

  func testTruncatedShapefileIsDamagedNotShorter() throws {
    let dir = try scratch()
    for ext in ["shp", "shx", "dbf", "cpg"] {
      try FileManager.default.copyItem(
        atPath: Self.path("pinghu-shp/roads.\(ext)"), toPath: dir.appendingPathComponent("roads.\(ext)").path)
    }
    let shp = try FileHandle(forWritingTo: dir.appendingPathComponent("roads.shp"))
    try shp.truncate(atOffset: 4000)
    try shp.close()
    XCTAssertThrowsError(try OGRLayerReader.read(path: dir.appendingPathComponent("roads.shp").path)) { e in
      XCTAssertEqual(
        (e as? InputError)?.description,
        "roads.shp: the file is damaged: OGR reported 43 read errors, the first: Error in fread() reading object of size 88 at offset 3940 from .shp file"
      )
    }
  }

  func testNumberLiteralsKeepLongIntegersAsText() {
    XCTAssertEqual(FieldReader.numberLiteral("42"), 42)
    XCTAssertEqual(FieldReader.numberLiteral("-0.5e2"), -50)
    XCTAssertEqual(FieldReader.numberLiteral("999999999999999"), 999_999_999_999_999)
    XCTAssertNil(FieldReader.numberLiteral("1000000000000000"))
    XCTAssertNil(FieldReader.numberLiteral("007"))
    XCTAssertNil(FieldReader.numberLiteral("1."))
    XCTAssertNil(FieldReader.numberLiteral("12a"))
    XCTAssertNil(FieldReader.numberLiteral(""))
  }

  func scratch() throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("camgap-ogr-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    addTeardownBlock { try? FileManager.default.removeItem(at: dir) }
    return dir
  }
}
