import Formats
import Support
import XCTest

@testable import Cameras
@testable import Geometry

final class CameraReaderTests: XCTestCase {
  func features(_ props: [String]) throws -> FeatureCollection {
    let fs = props.map {
      #"{"type":"Feature","properties":{\#($0)},"geometry":{"type":"Point","coordinates":[121.02,30.70]}}"#
    }
    return try GeoJSONReader.parse(
      bytes: Array(#"{"type":"FeatureCollection","features":[\#(fs.joined(separator: ","))]}"#.utf8),
      file: "cameras.geojson")
  }

  func testFullRecord() throws {
    let fc = try features([
      #""id":"33048200001320000001","name":"路口","kind":"dome","heading":45,"fov":80,"range":35,"resolution":2560,"min_range":3,"height":6,"tilt":15,"class":2,"status":"maintenance","installed":"2023-01-05","removed":"2026-01-01""#
    ])
    let c = try CameraReader.fromFeatures(fc).cameras[0]
    XCTAssertEqual(c.kind, .dome)
    XCTAssertEqual(c.views, [ViewDirection(heading: 45, extraSweep: 0)])
    XCTAssertEqual(c.fov, 80)
    XCTAssertEqual(c.range, 35)
    XCTAssertEqual(c.minRange, 3)
    XCTAssertEqual(c.cameraClass, 2)
    XCTAssertEqual(c.status, .maintenance)
    XCTAssertEqual(c.installed?.description, "2023-01-05")
  }

  func testOSMTags() throws {
    let fc = try features([
      #""@id":"node/1","man_made":"surveillance","surveillance:type":"camera","camera:type":"panning","camera:direction":"NNW","camera:angle":"30","height":"5 m""#,
      #""@id":"node/2","surveillance:type":"guard""#,
      #""@id":"node/3","direction":"305;175;240","camera:type":"fixed""#,
      #""@id":"node/4","revolving":"yes""#,
      #""@id":"node/5","surveillance:type":"ALPR","direction":"-20""#,
    ])
    let f = try CameraReader.fromFeatures(fc)
    XCTAssertEqual(f.skippedNonCameras, 1)
    XCTAssertEqual(f.cameras.map(\.id), ["node/1", "node/3", "node/4", "node/5"])
    XCTAssertEqual(f.cameras[0].kind, .ptz)
    XCTAssertEqual(f.cameras[0].views.first?.heading, 337.5)
    XCTAssertEqual(f.cameras[0].tilt, 30)
    XCTAssertEqual(f.cameras[0].height, 5)
    XCTAssertEqual(f.cameras[1].views.count, 3)
    XCTAssertEqual(f.cameras[2].kind, .ptz)
    XCTAssertEqual(f.cameras[3].views.first?.heading, 340)
  }

  func testEveryProblemReportedWithPlace() throws {
    let fc = try features([
      #""id":"a","heading":400"#,
      #""name":"no id""#,
      #""id":"c","kind":"bullet","fov":0,"range":-5"#,
      #""id":"a""#,
      #""id":"e","status":"broken","class":4,"installed":"2024-13-01""#,
    ])
    XCTAssertThrowsError(try CameraReader.fromFeatures(fc)) { e in
      let errs = (e as! InputErrors).errors.map(\.description)
      let all = errs.joined(separator: "\n")
      XCTAssertTrue(
        all.contains("cameras.geojson: feature 0: field \"heading\": must be in [0, 360], got 400"), all)
      XCTAssertTrue(all.contains("feature 1: field \"id\": missing"), all)
      XCTAssertTrue(all.contains("feature 2: field \"kind\": unknown kind \"bullet\""), all)
      XCTAssertTrue(all.contains("feature 2: field \"fov\""), all)
      XCTAssertTrue(all.contains("feature 2: field \"range\""), all)
      XCTAssertTrue(all.contains("feature 3: field \"id\": duplicate id \"a\" (also at feature 0)"), all)
      XCTAssertTrue(all.contains("feature 0: field \"id\": duplicate id \"a\" (also at feature 3)"), all)
      XCTAssertTrue(all.contains("feature 4: field \"status\""), all)
      XCTAssertTrue(all.contains("feature 4: field \"class\""), all)
      XCTAssertTrue(all.contains("feature 4: field \"installed\""), all)
    }
  }

  func testGeneratedIDsOnlyWhenAsked() throws {
    let fc = try GeoJSONReader.parse(
      bytes: Array(
        #"{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[-17.5,14.7]}}]}"#
          .utf8),
      file: "dakar.geojson")
    XCTAssertThrowsError(try CameraReader.fromFeatures(fc))
    let f = try CameraReader.fromFeatures(fc, options: CameraReadOptions(generateMissingIDs: true))
    XCTAssertEqual(f.cameras[0].id, "dakar-0")
  }

  func testCSV() throws {
    let csv =
      "\u{FEFF}id,name,lon,lat,kind,heading,fov,range\nA,\"gate, north\",121.02,30.70,fixed,90,60,45\nB,,121.03,30.71,ptz,,,\n"
    let f = try CameraReader.fromCSV(bytes: Array(csv.utf8), file: "cameras.csv")
    XCTAssertEqual(f.cameras.count, 2)
    XCTAssertEqual(f.cameras[0].name, "gate, north")
    XCTAssertEqual(f.cameras[0].views.first?.heading, 90)
    XCTAssertEqual(f.cameras[1].kind, .ptz)
    XCTAssertEqual(f.locations, [.line(2), .line(3)])
    let bad = "id,lon,lat,heading\nA,121,30.7,400\nB,30.7,121.0,\n"
    XCTAssertThrowsError(try CameraReader.fromCSV(bytes: Array(bad.utf8), file: "cameras.csv")) { e in
      let all = (e as! InputErrors).errors.map(\.description).joined(separator: "\n")
      XCTAssertTrue(all.contains("cameras.csv: line 2: field \"heading\""), all)
      XCTAssertTrue(all.contains("cameras.csv: line 3: field \"lat\""), all)
      XCTAssertTrue(all.contains("swapped"), all)
    }
    XCTAssertThrowsError(try CameraReader.fromCSV(bytes: Array("name,lon\nx,1\n".utf8), file: "cameras.csv"))
    { e in
      XCTAssertTrue("\(e)".contains("field \"id\": required column"), "\(e)")
    }
  }
}

/// The fast path for plain `YYYY-MM-DD` dates agrees with the general one.
final class ISODateTests: XCTestCase {
  func testPlainAndOtherForms() {
    XCTAssertEqual(ISODate("2024-02-29")?.description, "2024-02-29")
    XCTAssertNil(ISODate("2025-02-29"))
    XCTAssertNil(ISODate("2025-13-01"))
    XCTAssertNil(ISODate("2025-00-10"))
    XCTAssertNil(ISODate("2025-04-31"))
    XCTAssertNil(ISODate("2025/04/01"))
    XCTAssertNil(ISODate("2025-4-011"))
    XCTAssertEqual(ISODate(" 2025-04-01 ")?.description, "2025-04-01")
    XCTAssertEqual(ISODate("1900-02-28")?.description, "1900-02-28")
    XCTAssertNil(ISODate("1900-02-29"))
    XCTAssertEqual(ISODate("2000-02-29")?.description, "2000-02-29")
  }
}
