import Geometry
import Support
import TestSupport
import XCTest

@testable import Formats

final class FieldMappingTests: XCTestCase {
  let cameras = LayerVocabulary(
    layer: .cameras, fields: ["id", "name", "heading", "kind"], required: ["id"], identity: "id",
    aliases: [
      ("id", ["DeviceID", "gbIndexCode", "cameraIndexCode"]), ("name", ["positionName"]),
      ("heading", ["azimuth"]),
    ],
    readerNative: ["heading": ["direction"]])

  func collection(_ props: [[(String, JSON)]]) -> FeatureCollection {
    FeatureCollection(
      file: "c.geojson",
      features: props.enumerated().map {
        Feature(index: $0.offset, geometry: .point(XY(1, 2)), properties: $0.element)
      },
      warnings: [])
  }

  func testOneAliasIsTakenWithANotice() throws {
    let fc = collection([[("gbIndexCode", .string("A")), ("positionName", .string("东门"))]])
    let (out, notices, changed) = try FieldMapping.apply(fc, entry: nil, vocabulary: cameras)
    XCTAssertTrue(changed)
    XCTAssertEqual(notices, ["cameras: id taken from gbIndexCode", "cameras: name taken from positionName"])
    XCTAssertEqual(out.features[0].property("id"), .string("A"))
    XCTAssertEqual(out.features[0].property("name"), .string("东门"))
    XCTAssertNil(out.features[0].property("gbIndexCode"))
  }

  func testAliasesAreMatchedInAnyCaseAndTheFieldItselfWins() throws {
    let fc = collection([[("id", .string("A")), ("DEVICEID", .string("B")), ("AZIMUTH", .number(90))]])
    let (out, notices, _) = try FieldMapping.apply(fc, entry: nil, vocabulary: cameras)
    XCTAssertEqual(notices, ["cameras: heading taken from AZIMUTH"])
    XCTAssertEqual(out.features[0].property("id"), .string("A"))
    XCTAssertEqual(out.features[0].property("DEVICEID"), .string("B"))
    XCTAssertEqual(out.features[0].property("heading"), .number(90))
  }

  func testTwoAliasesAreAnErrorNamingBoth() {
    let fc = collection([[("cameraIndexCode", .string("a")), ("gbIndexCode", .string("b"))]])
    XCTAssertThrowsError(try FieldMapping.apply(fc, entry: nil, vocabulary: cameras)) {
      XCTAssertEqual(
        "\($0)",
        "c.geojson: field \"id\": both \"gbIndexCode\" and \"cameraIndexCode\" could serve; name one in camgap.toml ([cameras.fields] id = \"gbIndexCode\") or with --field cameras.id=gbIndexCode"
      )
    }
    // Naming one settles it.
    let entry = LayerManifest(fields: ["id": "cameraIndexCode"])
    XCTAssertEqual(
      try FieldMapping.apply(fc, entry: entry, vocabulary: cameras).collection.features[0].property("id"),
      .string("a"))
  }

  func testManifestMapsFieldsAndValues() throws {
    let fc = collection([
      [("id", .string("old")), ("编码", .integerLiteral("33048200001320000001")), ("direction", .string("0"))],
      [("id", .string("old2")), ("编码", .string("B")), ("direction", .string("NE"))],
    ])
    let entry = LayerManifest(fields: ["id": "编码"], values: ["heading": ["0": ""]])
    let (out, notices, _) = try FieldMapping.apply(fc, entry: entry, vocabulary: cameras)
    XCTAssertEqual(notices, [])
    XCTAssertEqual(out.features[0].property("id"), .integerLiteral("33048200001320000001"))
    XCTAssertEqual(out.features[0].properties.filter { $0.0 == "id" }.count, 1)
    // The reader reads `direction` itself; the values map applies to it all the same.
    XCTAssertNil(out.features[0].property("direction"))
    XCTAssertEqual(out.features[1].property("direction"), .string("NE"))
  }

  func testAMappedSourceTheFileLacksIsAnError() {
    let fc = collection([[("a", .string("x"))]])
    XCTAssertThrowsError(
      try FieldMapping.apply(fc, entry: LayerManifest(fields: ["id": "b"]), vocabulary: cameras)
    ) {
      XCTAssertEqual(
        "\($0)", "c.geojson: field \"id\": mapped to \"b\", which the file does not have; it has \"a\"")
    }
  }

  func testDataVDistricts() throws {
    let fc = FeatureCollection(
      file: "districts.geojson",
      features: [
        Feature(
          index: 0, geometry: nil,
          properties: [
            ("adcode", .number(330482)), ("name", .string("平湖市")),
            ("parent", .object([("adcode", .number(330400))])), ("level", .string("district")),
          ])
      ], warnings: [])
    let (out, notices, _) = try FieldMapping.apply(fc, entry: nil, vocabulary: AreaFields.districts)
    XCTAssertEqual(notices, ["districts: code taken from adcode"])
    XCTAssertEqual(out.features[0].property("code"), .string("330482"))
    XCTAssertEqual(out.features[0].property("parent"), .string("330400"))
  }

  func testCSVHeaderAndCells() throws {
    let table = try CSVTable(bytes: Array("gbIndexCode,name,type\nA,x,球机\n\nB,y,枪机\n".utf8))
    let kind = LayerManifest(values: ["kind": ["球机": "ptz", "枪机": ""]])
    let vocabulary = LayerVocabulary(
      layer: .cameras, fields: ["id", "name", "kind"], required: ["id"], identity: "id",
      aliases: [("id", ["gbIndexCode"]), ("kind", ["type"])])
    let (out, notices, changed) = try FieldMapping.apply(
      table, file: "c.csv", entry: kind, vocabulary: vocabulary)
    XCTAssertTrue(changed)
    XCTAssertEqual(notices, ["cameras: id taken from gbIndexCode", "cameras: kind taken from type"])
    XCTAssertEqual(out.header, ["id", "name", "kind"])
    XCTAssertEqual(out.rows, [["A", "x", "ptz"], ["B", "y", ""]])
    // Written back with every row on its own line, so messages name the original lines.
    XCTAssertEqual(CSVText.table(out), "id,name,kind\nA,x,ptz\n\nB,y,\n")
    XCTAssertEqual(try CSVTable(bytes: Array(CSVText.table(out).utf8)).lineNumbers, [2, 4])
  }

  func testCandidatesAreUniqueAndNonEmpty() {
    let fc = collection([
      [("id_camera", .string("a")), ("commune", .string("x")), ("note", .string(""))],
      [("id_camera", .string("b")), ("commune", .string("x")), ("note", .string("n"))],
    ])
    XCTAssertEqual(FieldCandidates.candidates(fc, unique: true), ["id_camera"])
    XCTAssertEqual(FieldCandidates.candidates(fc, unique: false), ["id_camera", "commune"])
    XCTAssertEqual(
      FieldCandidates.check(fc, vocabulary: cameras).map(\.description),
      [
        "c.geojson: feature 0: field \"id\": missing from every feature; properties that could serve (unique, non-empty values): id_camera; name one in camgap.toml ([cameras.fields] id = \"id_camera\") or with --field cameras.id=id_camera"
      ])
  }
}
