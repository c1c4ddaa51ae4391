import Foundation
import Geometry
import Support
import XCTest

@testable import Formats

final class OGRWriterTests: XCTestCase {
  let square: [[XY]] = [[XY(121, 30), XY(121.01, 30), XY(121.01, 30.01), XY(121, 30.01), XY(121, 30)]]

  func scratch() throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "camgap-gpkg-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    addTeardownBlock { try? FileManager.default.removeItem(at: dir) }
    return dir
  }

  func layers() -> [VectorLayer] {
    let fields: [VectorLayer.Field] = [
      .init("name", .string), .init("count", .integer), .init("share", .real), .init("ok", .boolean),
    ]
    return [
      VectorLayer(
        name: "areas", geometryType: .multiPolygon, fields: fields,
        rows: [
          .init(
            geometry: .polygon(square), values: [.string("当湖街道"), .integer(42), .real(0.125), .boolean(true)]),
          .init(
            geometry: .multiPolygon([square, square.map { $0.map { XY($0.x + 0.02, $0.y) } }]),
            values: [.string(""), .integer(9_007_199_254_740_993), .null, .boolean(false)]),
        ]),
      VectorLayer(
        name: "lines", geometryType: .lineString, fields: [.init("road", .string)],
        rows: [.init(geometry: .lineString([XY(121, 30), XY(121.5, 30.25)]), values: [.string("r1")])]),
      VectorLayer(
        name: "points", geometryType: .point, fields: [.init("covered", .boolean)],
        rows: [.init(geometry: .point(XY(121.123456789, 30.987654321)), values: [.boolean(true)])]),
      VectorLayer(
        name: "summary", geometryType: .none, fields: fields,
        rows: [.init(geometry: nil, values: [.string("all"), .integer(-3), .real(1e-9), .boolean(false)])]),
    ]
  }

  func testGeoPackageReadsBackTyped() throws {
    let path = try scratch().appendingPathComponent("audit.gpkg").path
    let warnings = try GeoPackageWriter.write(layers(), to: path)
    XCTAssertEqual(warnings, [])
    let (areas, info) = try OGRLayerReader.read(path: path, layer: "areas")
    XCTAssertEqual(info.crs.name, "EPSG:4326")
    XCTAssertFalse(info.crs.reprojected)
    XCTAssertEqual(areas.features.count, 2)
    XCTAssertEqual(areas.features[0].geometry, .multiPolygon([square]))
    XCTAssertEqual(
      areas.features[0].properties.map { "\($0.0)=\($0.1)" },
      ["name=string(\"当湖街道\")", "count=number(42.0)", "share=number(0.125)", "ok=bool(true)"])
    XCTAssertEqual(areas.features[1].property("count"), .string("9007199254740993"), "exact digits")
    XCTAssertEqual(areas.features[1].properties.first { $0.0 == "share" }?.1, .null)
    XCTAssertEqual(areas.features[1].geometry?.polygons?.count, 2)
    let (points, _) = try OGRLayerReader.read(path: path + ":points")
    XCTAssertEqual(points.features[0].geometry, .point(XY(121.123456789, 30.987654321)))
    XCTAssertEqual(points.features[0].property("covered"), .bool(true))
    let (summary, _) = try OGRLayerReader.read(path: path, layer: "summary")
    XCTAssertNil(summary.features[0].geometry)
    XCTAssertEqual(summary.features[0].property("count"), .number(-3))
    XCTAssertEqual(summary.features[0].property("share"), .number(1e-9))
    XCTAssertEqual(summary.features[0].property("ok"), .bool(false))
  }

  func testOgrinfoListsLayersWithoutWarning() throws {
    let path = try scratch().appendingPathComponent("audit.gpkg").path
    try GeoPackageWriter.write(layers(), to: path)
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.arguments = ["ogrinfo", "-al", "-so", path]
    let pipe = Pipe()
    p.standardOutput = pipe
    p.standardError = pipe
    try p.run()
    let out = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    p.waitUntilExit()
    XCTAssertEqual(p.terminationStatus, 0, out)
    XCTAssertFalse(out.contains("Warning"), out)
    XCTAssertFalse(out.contains("ERROR"), out)
    for line in [
      "Layer name: areas", "Geometry: Multi Polygon", "Layer name: lines", "Geometry: Line String",
      "Layer name: points", "Layer name: summary", "Geometry: None", "count: Integer64 (0.0)",
      "ok: Integer(Boolean) (0.0)", "share: Real (0.0)", "name: String (0.0)",
    ] {
      XCTAssertTrue(out.contains(line), "\(line) in\n\(out)")
    }
  }

  func testFailedWriteLeavesNoFileAndKeepsTheOld() throws {
    let dir = try scratch()
    let path = dir.appendingPathComponent("audit.gpkg").path
    try GeoPackageWriter.write(layers(), to: path)
    let before = try Data(contentsOf: URL(fileURLWithPath: path))
    var bad = layers()
    bad.append(bad[0])  // the same layer name twice
    XCTAssertThrowsError(try GeoPackageWriter.write(bad, to: path)) { e in
      let err = e as? OutputError
      XCTAssertEqual(err?.path, path)
      XCTAssertTrue(err?.reason.contains("layer areas") == true, "\(e)")
    }
    XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: path)), before)
    XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path), ["audit.gpkg"])
    XCTAssertThrowsError(try GeoPackageWriter.write(layers(), to: "/nonexistent/dir/a.gpkg")) { e in
      XCTAssertEqual(
        (e as? OutputError)?.description,
        "cannot write /nonexistent/dir/a.gpkg: no such directory /nonexistent/dir")
    }
  }

  func testShapefileAndFlatGeobufThroughTheSameWriter() throws {
    let dir = try scratch()
    let layer = layers()[0]
    try OGRVectorWriter.write(
      [layer], to: dir.appendingPathComponent("areas.shp").path, driver: "ESRI Shapefile")
    let names = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
    XCTAssertEqual(names, ["areas.cpg", "areas.dbf", "areas.prj", "areas.shp", "areas.shx"])
    let (shp, info) = try OGRLayerReader.read(path: dir.appendingPathComponent("areas.shp").path)
    XCTAssertEqual(info.crs.name, "EPSG:4326")
    XCTAssertEqual(shp.features[0].property("name"), .string("当湖街道"))
    XCTAssertEqual(shp.features[0].property("share"), .number(0.125))
    try OGRVectorWriter.write([layer], to: dir.appendingPathComponent("areas.fgb").path, driver: "FlatGeobuf")
    let (fgb, _) = try OGRLayerReader.read(path: dir.appendingPathComponent("areas.fgb").path)
    XCTAssertEqual(fgb.features.count, 2)
    XCTAssertEqual(fgb.features[0].property("count"), .number(42))
  }

  func testLayerFromFeaturesIsTypedFromTheValues() {
    let fc = FeatureCollection(
      file: "t",
      features: [
        Feature(
          index: 0, geometry: .polygon(square),
          properties: [("n", .number(3)), ("r", .number(1)), ("b", .bool(true)), ("s", .string("a"))]),
        Feature(
          index: 1, geometry: .multiPolygon([square]),
          properties: [("r", .number(0.5)), ("n", .null), ("s", .number(7)), ("o", .object([("k", .null)]))]),
      ], warnings: [])
    let layer = FeatureCollectionExport.layer(fc, name: "t")
    XCTAssertEqual(layer.geometryType, .multiPolygon)
    XCTAssertEqual(
      layer.fields,
      [
        .init("n", .integer), .init("r", .real), .init("b", .boolean), .init("s", .string),
        .init("o", .string),
      ])
    XCTAssertEqual(layer.rows[0].values, [.integer(3), .real(1), .boolean(true), .string("a"), .null])
    XCTAssertEqual(layer.rows[1].values, [.null, .real(0.5), .null, .string("7"), .string("{\"k\":null}")])
    XCTAssertEqual(
      FeatureCollectionExport.geometry(.polygon([square[0].reversed()])),
      "{\"type\":\"Polygon\",\"coordinates\":[[[121,30],[121.01,30],[121.01,30.01],[121,30.01],[121,30]]]}",
      "exterior counter-clockwise")
  }
}
