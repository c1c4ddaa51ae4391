import Support
import TestSupport
import XCTest

@testable import Formats

final class ManifestTests: XCTestCase {
  let names = ManifestFieldNames.areas(cameras: ["id", "name", "lon", "lat", "kind", "heading"])

  func error(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> String {
    do {
      _ = try Manifest.parse(text: text, names: names)
      XCTFail("parsed", file: file, line: line)
      return ""
    } catch {
      return "\(error)"
    }
  }

  func testSpecExampleParses() throws {
    let m = try Manifest.parse(
      text: """
        [districts]
        file = "乡镇街道.shp"
        crs = "EPSG:4549"
        [districts.fields]
        code = "XZQDM"
        name = "XZQMC"
        [cameras]
        file = "点位台账.xlsx"
        [cameras.fields]
        id = "设备编码"
        [cameras.values.kind]
        "球机" = "ptz"
        "枪机" = "fixed"
        [cameras.values.heading]
        "0" = ""
        """, names: names)
    XCTAssertEqual(
      m[.districts],
      LayerManifest(file: "乡镇街道.shp", crs: "EPSG:4549", fields: ["code": "XZQDM", "name": "XZQMC"]))
    XCTAssertEqual(
      m[.cameras],
      LayerManifest(
        file: "点位台账.xlsx", fields: ["id": "设备编码"],
        values: ["kind": ["球机": "ptz", "枪机": "fixed"], "heading": ["0": ""]]))
    XCTAssertNil(m[.zones])
  }

  func testErrorsNameTheFileLineAndKey() {
    XCTAssertEqual(
      error("[cameras]\nfile = \"a.csv\"\n\n[camera.fields]\nid = \"x\"\n"),
      "camgap.toml: line 4: field \"camera\": unknown layer; expected one of districts, zones, roads, buildings, cameras"
    )
    XCTAssertEqual(
      error("[cameras.fields]\nid = \"x\"\nheding = \"dir\"\n"),
      "camgap.toml: line 3: field \"cameras.fields.heding\": cameras has no field \"heding\"; expected one of id, name, lon, lat, kind, heading"
    )
    XCTAssertEqual(
      error("[cameras.fields]\nid = \"code\"\nname = \"code\"\n"),
      "camgap.toml: line 3: field \"cameras.fields\": source field \"code\" is mapped twice (id and name); map it to one field"
    )
    XCTAssertEqual(
      error("[districts]\nfile = 3\n"),
      "camgap.toml: line 2: field \"districts.file\": must be a string, got integer")
    XCTAssertEqual(
      error("[cameras.values]\nkind = \"ptz\"\n"),
      "camgap.toml: line 2: field \"cameras.values.kind\": must be a table of source value = camgap value, got string"
    )
    XCTAssertEqual(
      error("[cameras]\nfiles = \"a.csv\"\n"),
      "camgap.toml: line 2: field \"cameras.files\": unknown key; expected file, crs, fields or values")
    XCTAssertTrue(error("[cameras\nfile = 1\n").hasPrefix("camgap.toml: line 1: not valid TOML: "))
  }

  func testFieldOptionsOverrideTheManifest() throws {
    let file = try Manifest.parse(
      text: "[cameras]\nfile = \"c.csv\"\n[cameras.fields]\nid = \"a\"\nname = \"b\"\n", names: names)
    let options = try Manifest.fieldOptions(["cameras.id=gbIndexCode", "districts.code=XZQDM"], names: names)
    let m = try file.overridden(by: options)
    XCTAssertEqual(m[.cameras], LayerManifest(file: "c.csv", fields: ["id": "gbIndexCode", "name": "b"]))
    XCTAssertEqual(m[.districts], LayerManifest(fields: ["code": "XZQDM"]))
    XCTAssertThrowsError(try file.overridden(by: try Manifest.fieldOptions(["cameras.id=b"], names: names))) {
      XCTAssertEqual(
        "\($0)",
        "--field: field \"cameras.fields\": source field \"b\" is mapped twice (id and name); map it to one field"
      )
    }
  }

  func testFieldOptionErrors() {
    func message(_ option: String) -> String {
      do {
        _ = try Manifest.fieldOptions([option], names: names)
        return "parsed"
      } catch { return "\(error)" }
    }
    XCTAssertEqual(
      message("cameras.id"),
      "--field: field \"cameras.id\": expected LAYER.FIELD=SOURCE, e.g. cameras.id=gbIndexCode")
    XCTAssertEqual(
      message("camera.id=x"),
      "--field: field \"camera.id=x\": unknown layer \"camera\"; expected one of districts, zones, roads, buildings, cameras"
    )
    XCTAssertEqual(message("cameras.id="), "--field: field \"cameras.id=\": no source field after \"=\"")
    XCTAssertEqual(message("cameras.id=a=b"), "parsed")
  }
}
