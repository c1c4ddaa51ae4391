import Formats
import Foundation
import Support
import XCTest

@testable import Cameras

final class CameraSourceTests: XCTestCase {
  func write(_ name: String, _ text: String) throws -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("camgap-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    addTeardownBlock { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent(name).path
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return path
  }

  func messages(_ body: () throws -> Any) -> [String] {
    do {
      _ = try body()
      return []
    } catch let e as InputErrors {
      return e.errors.map(\.description)
    } catch {
      return ["\(error)"]
    }
  }

  /// A mapped copy keeps the original's file name and lines, blank lines included.
  func testMappedCSVMessagesNameTheOriginalLines() throws {
    let path = try write("台账.csv", "gbIndexCode,longitude,latitude,azimuth\nA,121,30,90\n\nB,121,30,400\n")
    XCTAssertEqual(
      messages { try CameraSource.read(path: path, manifest: nil) },
      [#"台账.csv: line 4: field "heading": must be in [0, 360], got 400"#])
    let good = try write("c.csv", "gbIndexCode,longitude,latitude,azimuth\nA,121,30,90\n\nB,121.5,30.5,360\n")
    let file = try CameraSource.read(path: good, manifest: nil)
    XCTAssertEqual(file.cameras.map(\.id), ["A", "B"])
    XCTAssertEqual(file.cameras.map(\.lon), [121, 121.5])
    XCTAssertEqual(file.cameras[1].views.map(\.heading), [0])
    XCTAssertEqual(file.locations, [.line(2), .line(4)])
    // Heading 360 is north, 0: half the directional cameras then have heading 0, and the
    // reader says so (SPEC §5); the mapping's own notices come first.
    XCTAssertTrue(file.warnings.last?.contains("have heading exactly 0") ?? false, "\(file.warnings)")
    XCTAssertEqual(
      Array(file.warnings.dropLast()),
      [
        "cameras: id taken from gbIndexCode", "cameras: lon taken from longitude",
        "cameras: lat taken from latitude",
        "cameras: heading taken from azimuth",
      ])
  }

  func testMappedGeoJSONKeepsFeatureIndexesAndValues() throws {
    let path = try write(
      "cams.geojson",
      """
      {"type":"FeatureCollection","features":[
      {"type":"Feature","properties":{"编码":"A","类型":"球机"},"geometry":{"type":"Point","coordinates":[121,30]}},
      {"type":"Feature","properties":{"编码":"B","类型":"鱼眼"},"geometry":{"type":"Point","coordinates":[121,30.1]}}
      ]}
      """)
    let entry = LayerManifest(fields: ["id": "编码", "kind": "类型"], values: ["kind": ["球机": "ptz"]])
    XCTAssertEqual(
      messages { try CameraSource.read(path: path, manifest: entry) },
      [#"cams.geojson: feature 1: field "kind": unknown kind "鱼眼"; expected fixed, dome, ptz or panoramic"#])
    var fixed = entry
    fixed.values["kind"]?["鱼眼"] = "panoramic"
    let file = try CameraSource.read(path: path, manifest: fixed)
    XCTAssertEqual(file.cameras.map(\.kind), [.ptz, .panoramic])
    XCTAssertEqual(file.warnings, [])
  }

  func testAliasScanFindsKeysInAnyCase() {
    XCTAssertTrue(CameraSource.mentionsAlias(Array(#"{"properties":{"GBINDEXCODE":"a"}}"#.utf8)))
    XCTAssertTrue(CameraSource.mentionsAlias(Array(#"{"properties":{"设备编码":"a"}}"#.utf8)))
    XCTAssertFalse(
      CameraSource.mentionsAlias(Array(#"{"properties":{"id":"a","direction":"90","x":1}}"#.utf8)))
  }
}
