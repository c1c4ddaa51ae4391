import Cameras
import Foundation
import Geometry
import Support
import XCTest

@testable import Registry

final class RoundTripTests: XCTestCase {
  func importing(_ path: String, into store: RegistryStore) throws -> ImportReport {
    var o = ImportOptions()
    o.by = "test"
    return try store.importFile(path, options: o)
  }

  func testGeoJSONExportImportExportIsByteIdentical() throws {
    let dir = try Scratch.dir()
    let source = try Scratch.write(Fixture.varied, dir, "varied.geojson")
    let a = try Scratch.store(dir, "a.sqlite")
    XCTAssertEqual(try importing(source, into: a).added, 9)
    let first = RegistryFormat.geojson(try a.records())
    let exported = try Scratch.write(first, dir, "export1.geojson")
    let b = try Scratch.store(dir, "b.sqlite")
    XCTAssertEqual(try importing(exported, into: b).added, 9)
    let second = RegistryFormat.geojson(try b.records())
    XCTAssertEqual(first, second)
    XCTAssertEqual(Array(first.utf8), Array(second.utf8))

    // What the export says about the awkward records.
    let lines = first.split(separator: "\n").map(String.init)
    XCTAssertEqual(lines.count, 11)
    XCTAssertEqual(
      lines[1],
      #"{"type":"Feature","geometry":{"type":"Point","coordinates":[121.0193869521351,30.694321648649]},"properties":{"id":"33048200001320000001","name":"路口, \"东\" 侧","kind":"dome","heading":45,"fov":80,"range":35,"resolution":2560,"min_range":3,"height":6,"tilt":15,"class":2,"status":"maintenance","installed":"2023-01-05","removed":"2026-01-01"}},"#
    )
    let byID = Dictionary(uniqueKeysWithValues: try a.records().map { ($0.id, $0) })
    XCTAssertEqual(byID["multi"]?[.heading], "305;175;240")
    XCTAssertEqual(byID["pan"]?[.heading], "243.7-288.1")
    XCTAssertEqual(byID["wrap"]?[.heading], "350.25-10.5")
    XCTAssertEqual(byID["round"]?[.heading], "0-360")
    XCTAssertEqual(byID["neg"]?[.heading], "340")
    XCTAssertEqual(byID["node/1"]?[.heading], "337.5")
    XCTAssertEqual(byID["node/1"]?[.kind], "ptz")
    XCTAssertEqual(byID["node/1"]?[.tilt], "30")
    XCTAssertEqual(byID["node/1"]?[.height], "5")
    XCTAssertEqual(byID["fisheye"]?[.heading], "135;270")
    XCTAssertNil(byID["bare"]?[.heading])
  }

  func testCSVExportImportExportIsByteIdenticalAndMatchesGeoJSON() throws {
    let dir = try Scratch.dir()
    let a = try Scratch.store(dir, "a.sqlite")
    _ = try importing(try Scratch.write(Fixture.varied, dir, "varied.geojson"), into: a)
    let csv1 = RegistryFormat.csv(try a.records())
    let b = try Scratch.store(dir, "b.sqlite")
    XCTAssertEqual(try importing(try Scratch.write(csv1, dir, "export1.csv"), into: b).added, 9)
    XCTAssertEqual(RegistryFormat.csv(try b.records()), csv1)
    // The same registry whichever format carried it.
    XCTAssertEqual(RegistryFormat.geojson(try b.records()), RegistryFormat.geojson(try a.records()))
    XCTAssertTrue(
      csv1.contains("\n33048200001320000001,\"路口, \"\"东\"\" 侧\",121.0193869521351,30.694321648649,dome,45,"))
    XCTAssertTrue(csv1.contains("\nmulti,\" leading blank\","))
    XCTAssertTrue(csv1.contains("\npan,line break,"))
  }

  /// The registry's cameras are exactly what a reader makes of its export, so an audit from
  /// the registry and one from the exported file see the same network.
  func testCamerasFromRegistryEqualCamerasReadFromExport() throws {
    let dir = try Scratch.dir()
    let a = try Scratch.store(dir)
    _ = try importing(try Scratch.write(Fixture.varied, dir, "varied.geojson"), into: a)
    let exported = try Scratch.write(RegistryFormat.geojson(try a.records()), dir, "export.geojson")
    let read = try CameraReader.read(path: exported).cameras
    XCTAssertEqual(try a.cameras(), read)
    XCTAssertEqual(try a.cameras(), try a.records().map(\.camera))
    let pan = read.first { $0.id == "pan" }!
    XCTAssertEqual(pan.views.count, 1)
    XCTAssertEqual(pan.views[0].extraSweep, 44.4, accuracy: 1e-9)
    XCTAssertEqual(pan.views[0].heading, 265.9, accuracy: 1e-9)
  }

  /// Panning ranges with decimals are where text → views → text drifts in floating point;
  /// the canonical form must come back unchanged for every such range.
  func testCanonicalHeadingIsAFixedPoint() throws {
    var checked = 0
    var driftsInShortestForm = 0
    for a in stride(from: 0.0, to: 360.0, by: 7.3) {
      for b in stride(from: 0.05, to: 360.0, by: 11.35) where abs(a - b) > 1e-9 {
        let text = "\(JSONWriter.number(a))-\(JSONWriter.number(b))"
        let once = CanonicalHeading.text(try OSMDirection.parse(text))!
        let twice = CanonicalHeading.text(try OSMDirection.parse(once))!
        XCTAssertEqual(once, twice, text)
        checked += 1
        var cam = Camera(id: "x", lon: 0, lat: 0)
        cam.views = try OSMDirection.parse(text)
        let shortest = cam.headingText!
        if try {
          var c = cam
          c.views = try OSMDirection.parse(shortest)
          return c.headingText!
        }() != shortest {
          driftsInShortestForm += 1
        }
      }
    }
    XCTAssertEqual(checked, 1599)
    // Camera.headingText alone would not survive an export → import → export of these.
    XCTAssertEqual(driftsInShortestForm, 305)
  }
}
