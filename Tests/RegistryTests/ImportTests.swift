import Cameras
import Foundation
import Geometry
import XCTest

@testable import Registry

final class ImportTests: XCTestCase {
  func options(_ change: (inout ImportOptions) -> Void = { _ in }) -> ImportOptions {
    var o = ImportOptions()
    o.by = "planner"
    change(&o)
    return o
  }

  /// A registry already holding 10 cameras, and its export, to compare after a failure.
  func seeded(_ dir: URL) throws -> (RegistryStore, String, Int) {
    let store = try Scratch.store(dir)
    let seed = try Scratch.write(Fixture.geojson(10), dir, "seed.geojson")
    XCTAssertEqual(try store.importFile(seed, options: options()).added, 10)
    return (store, RegistryFormat.geojson(try store.records()), try store.historyCount())
  }

  func testOneBadRecordAmongManyLeavesRegistryUnchangedAndIsListed() throws {
    let dir = try Scratch.dir()
    let (store, before, historyBefore) = try seeded(dir)
    let bad = Fixture.feature(537, properties: #""id":"C0537","kind":"fixed","heading":90,"fov":400"#)
    let file = try Scratch.write(Fixture.geojson(1000, replacing: [537: bad]), dir, "cams.geojson")
    let errs = errors { _ = try store.importFile(file, options: options()) }
    XCTAssertEqual(errs, [#"cams.geojson: feature 537: field "fov": must be in (0, 360], got 400"#])
    XCTAssertEqual(RegistryFormat.geojson(try store.records()), before)
    XCTAssertEqual(try store.historyCount(), historyBefore)

    let csv = try Scratch.write(
      Fixture.csv(1000, replacing: [300: "C0300,x,30.69,121.0,fixed,90,30,1"]), dir, "cams.csv")
    let csvErrs = errors { _ = try store.importFile(csv, options: options()) }
    XCTAssertEqual(
      csvErrs,
      [#"cams.csv: line 302: field "lat": latitude 121.0 outside [-90, 90]; lat and lon look swapped"#])
    XCTAssertEqual(try store.count(), 10)
  }

  /// The GeoJSON reader stops a file at its first out-of-range coordinate; the import still
  /// lists every problem of the file, the swapped point among them.
  func testEveryProblemOfAFileIsReportedAtOnce() throws {
    let dir = try Scratch.dir()
    let store = try Scratch.store(dir)
    let file = try Scratch.write(
      Fixture.geojson(
        50,
        replacing: [
          2:
            #"{"type":"Feature","properties":{"id":"C0002"},"geometry":{"type":"Point","coordinates":[30.69,121.0]}}"#,
          5: Fixture.feature(5, properties: #""id":"C0005","status":"broken","range":0"#),
          9: Fixture.feature(9, properties: #""id":"C0007""#),
          12:
            #"{"type":"Feature","properties":{"id":"C0012"},"geometry":{"type":"LineString","coordinates":[[121,30],[121.1,30.1]]}}"#,
        ]), dir, "cams.geojson")
    XCTAssertEqual(
      errors { _ = try store.importFile(file, options: ImportOptions()) },
      [
        #"cams.geojson: feature 2: field "geometry.coordinates": latitude 121.0 outside [-90, 90]; latitude and longitude look swapped ([lat, lon] instead of [lon, lat])"#,
        #"cams.geojson: feature 5: field "range": must be in (0, 5000] metres, got 0"#,
        #"cams.geojson: feature 5: field "status": unknown status "broken"; expected active, offline, maintenance, retired or planned"#,
        #"cams.geojson: feature 7: field "id": duplicate id "C0007" (also at feature 9)"#,
        #"cams.geojson: feature 9: field "id": duplicate id "C0007" (also at feature 7)"#,
        #"cams.geojson: feature 12: field "geometry": must be a Point, got LineString"#,
      ])
    XCTAssertEqual(try store.count(), 0)
  }

  func testSkipInvalidLandsEveryGoodRecordAndRejectsExactlyTheBadOnes() throws {
    let dir = try Scratch.dir()
    let store = try Scratch.store(dir)
    let replacing: [Int: String] = [
      3: Fixture.feature(3, properties: #""id":"C0003","kind":"bullet""#),
      40: Fixture.feature(40, properties: #""id":"C0040","heading":360.5,"class":4"#),
      41:
        #"{"type":"Feature","properties":{"id":"C0041"},"geometry":{"type":"Point","coordinates":[30.69,121.0]}}"#,
      500: Fixture.feature(500, properties: #""id":"C0007""#),  // duplicate of feature 7
      998:
        #"{"type":"Feature","properties":{"name":"no id"},"geometry":{"type":"Point","coordinates":[121.01,30.7]}}"#,
    ]
    let file = try Scratch.write(Fixture.geojson(1000, replacing: replacing), dir, "cams.geojson")
    let rejectsPath = dir.appendingPathComponent("rejects.geojson").path
    let report = try store.importFile(
      file,
      options: options {
        $0.skipInvalid = true
        $0.rejectsPath = rejectsPath
      })
    XCTAssertEqual(report.records, 1000)
    XCTAssertEqual(report.added, 994)
    XCTAssertEqual(report.rejected.map(\.location), [3, 7, 40, 41, 500, 998].map { .feature($0) })
    XCTAssertEqual(try store.count(), 994)
    let ids = Set(try store.records().map(\.id))
    for bad in ["C0003", "C0007", "C0040", "C0041"] { XCTAssertFalse(ids.contains(bad), bad) }
    XCTAssertTrue(ids.contains("C0999"))
    XCTAssertTrue(ids.contains("C0500") == false)

    let rejects =
      try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: rejectsPath)))
      as! [String: Any]
    let features = rejects["features"] as! [[String: Any]]
    XCTAssertEqual(features.count, 6)
    let props = features.map { $0["properties"] as! [String: Any] }
    XCTAssertEqual(
      props.map { $0["reject_location"] as! String },
      ["feature 3", "feature 7", "feature 40", "feature 41", "feature 500", "feature 998"])
    XCTAssertEqual(props.map { $0["id"] as? String }, ["C0003", "C0007", "C0040", "C0041", "C0007", nil])
    XCTAssertEqual(
      props[0]["reject_reasons"] as? String,
      #"kind: unknown kind "bullet"; expected fixed, dome, ptz or panoramic"#)
    XCTAssertEqual(props[1]["reject_reasons"] as? String, #"id: duplicate id "C0007" (also at feature 500)"#)
    XCTAssertEqual(
      props[2]["reject_reasons"] as? String,
      "heading: must be in [0, 360], got 360.5; class: must be 1, 2 or 3, got 4")
    XCTAssertTrue((props[3]["reject_reasons"] as! String).contains("look swapped"))
    XCTAssertEqual(props[5]["name"] as? String, "no id")
    // The original geometry is kept, so the file can be fixed and imported again.
    XCTAssertEqual((features[3]["geometry"] as! [String: Any])["coordinates"] as! [Double], [30.69, 121.0])
  }

  func testSkipInvalidCSVRejectsKeepTheOriginalRows() throws {
    let dir = try Scratch.dir()
    let store = try Scratch.store(dir)
    let file = try Scratch.write(
      Fixture.csv(
        200,
        replacing: [10: "C0010,\"quoted, name\",121.0,30.7,ptz,,-5,1", 150: "C0150,y,abc,30.7,fixed,10,30,2"]),
      dir, "cams.csv")
    let rejectsPath = dir.appendingPathComponent("rejects.csv").path
    let report = try store.importFile(
      file,
      options: options {
        $0.skipInvalid = true
        $0.rejectsPath = rejectsPath
      })
    XCTAssertEqual(report.added, 198)
    XCTAssertEqual(
      try Scratch.read(rejectsPath),
      #"""
      id,name,lon,lat,kind,heading,range,class,reject_location,reject_reasons
      C0010,"quoted, name",121.0,30.7,ptz,,-5,1,line 12,"range: must be in (0, 5000] metres, got -5"
      C0150,y,abc,30.7,fixed,10,30,2,line 152,"lon: not a number: ""abc"""

      """#)
  }

  func testReimportIsIdempotentAndConflictsNeedUpsert() throws {
    let dir = try Scratch.dir()
    let store = try Scratch.store(dir)
    let file = try Scratch.write(Fixture.geojson(300), dir, "cams.geojson")
    XCTAssertEqual(try store.importFile(file, options: options()).added, 300)
    let history = try store.historyCount()
    XCTAssertEqual(history, 300)
    let again = try store.importFile(file, options: options())
    XCTAssertEqual([again.added, again.updated, again.unchanged], [0, 0, 300])
    XCTAssertEqual(try store.historyCount(), history)

    // Feature 5 now has another range and class.
    let changed = Fixture.feature(
      5, properties: #""id":"C0005","name":"cam 5","kind":"dome","heading":185,"range":60,"class":3"#)
    let file2 = try Scratch.write(Fixture.geojson(301, replacing: [5: changed]), dir, "cams2.geojson")
    let errs = errors { _ = try store.importFile(file2, options: options()) }
    XCTAssertEqual(
      errs,
      [
        #"cams2.geojson: feature 5: field "id": "C0005" is already in the registry with other values (range 25 → 60); import with --upsert to update it"#
      ])
    XCTAssertEqual(try store.count(), 300)

    let up = try store.importFile(file2, options: options { $0.upsert = true })
    XCTAssertEqual([up.added, up.updated, up.unchanged], [1, 1, 299])
    XCTAssertEqual(try store.record(id: "C0005")[.range], "60")
    let trail = try store.history(id: "C0005")
    XCTAssertEqual(trail.count, 2)
    XCTAssertEqual(trail[1].action, "import")
    XCTAssertEqual(trail[1].field, "range")
    XCTAssertEqual(trail[1].old, "25")
    XCTAssertEqual(trail[1].new, "60")
    XCTAssertEqual(trail[1].by, "planner")
    XCTAssertEqual(trail[1].note, "cams2.geojson feature 5")
  }

  func testDryRunWritesNothing() throws {
    let dir = try Scratch.dir()
    let (store, before, historyBefore) = try seeded(dir)
    let file = try Scratch.write(Fixture.geojson(50), dir, "cams.geojson")
    let r = try store.importFile(file, options: options { $0.dryRun = true })
    XCTAssertEqual([r.added, r.unchanged], [40, 10])
    XCTAssertTrue(
      r.summary.hasPrefix("dry run, nothing written: cams.geojson: 50 records would give 40 added"))
    XCTAssertEqual(RegistryFormat.geojson(try store.records()), before)
    XCTAssertEqual(try store.historyCount(), historyBefore)
  }

  func testDistrictFromFileOrFromGBTID() throws {
    let dir = try Scratch.dir()
    // A county and one township inside it; the township wins where both hold a camera.
    let districts = Fixture.collection([
      #"{"type":"Feature","properties":{"code":"330482","name":"county"},"geometry":{"type":"Polygon","coordinates":[[[121.0,30.6],[121.2,30.6],[121.2,30.8],[121.0,30.8],[121.0,30.6]]]}}"#,
      #"{"type":"Feature","properties":{"code":"330482001000","name":"town"},"geometry":{"type":"Polygon","coordinates":[[[120.9999,30.6899],[121.00495,30.6899],[121.00495,30.7],[120.9999,30.7],[120.9999,30.6899]],[[121.00105,30.69005],[121.00195,30.69005],[121.00195,30.69015],[121.00105,30.69015],[121.00105,30.69005]]]}}"#,
    ])
    let index = try DistrictIndex(path: try Scratch.write(districts, dir, "districts.geojson"))
    XCTAssertEqual(index.code(lon: 121.003, lat: 30.695), "330482001000")
    XCTAssertEqual(index.code(lon: 121.0015, lat: 30.6901), "330482")  // in the township's hole
    XCTAssertEqual(index.code(lon: 121.1, lat: 30.7), "330482")
    XCTAssertNil(index.code(lon: 122, lat: 30.7))

    let store = try Scratch.store(dir)
    let cams = try Scratch.write(Fixture.geojson(200), dir, "cams.geojson")
    _ = try store.importFile(cams, options: options { $0.districts = index })
    // Fixture cameras stand on a 100 × 2 grid from 121.0000 E, 30.6900 N, 0.0001° apart:
    // columns 0–49 of both rows are in the township, less columns 11–19 of row 1 in its hole.
    XCTAssertEqual(try store.records(CameraFilter(districtPrefix: "330482001")).count, 91)
    XCTAssertEqual(try store.records(CameraFilter(districtPrefix: "330482")).count, 200)
    XCTAssertEqual(try store.records(CameraFilter(districtPrefix: "3304820010001")).count, 0)
    // Without --districts a re-import keeps the stored districts; with a coarser file only
    // the districts change, which needs no --upsert.
    XCTAssertEqual(try store.importFile(cams, options: options()).unchanged, 200)
    let county = try DistrictIndex(
      path: try Scratch.write(
        Fixture.collection([
          #"{"type":"Feature","properties":{"code":"330482","name":"county"},"geometry":{"type":"Polygon","coordinates":[[[121.0,30.6],[121.2,30.6],[121.2,30.8],[121.0,30.8],[121.0,30.6]]]}}"#
        ]), dir, "county.geojson"))
    let coarser = try store.importFile(cams, options: options { $0.districts = county })
    XCTAssertEqual([coarser.updated, coarser.unchanged], [91, 109])
    XCTAssertEqual(try store.records(CameraFilter(districtPrefix: "330482001")).count, 0)
    let trail = try store.history(id: "C0000")
    XCTAssertEqual(
      [trail.last?.field, trail.last?.old, trail.last?.new], ["district", "330482001000", "330482"])

    try store.add([.id: "34010000001320000007", .lon: "117.2", .lat: "31.8"], options: EditOptions(by: "t"))
    try store.add([.id: "CAM-X", .lon: "117.2", .lat: "31.8"], options: EditOptions(by: "t"))
    XCTAssertEqual(
      try store.records(CameraFilter(districtPrefix: "340100")).map(\.id), ["34010000001320000007"])
    XCTAssertNil(try store.record(id: "CAM-X").district)
  }

  func testFiltersByKindClassStatus() throws {
    let dir = try Scratch.dir()
    let store = try Scratch.store(dir)
    _ = try store.importFile(try Scratch.write(Fixture.geojson(120), dir, "cams.geojson"), options: options())
    try store.retire(id: "C0001", date: "2025-01-01", options: EditOptions(by: "t"))
    XCTAssertEqual(try store.records(CameraFilter(kinds: [.ptz])).count, 30)
    XCTAssertEqual(try store.records(CameraFilter(kinds: [.ptz, .dome])).count, 60)
    XCTAssertEqual(try store.records(CameraFilter(classes: [1])).count, 40)
    XCTAssertEqual(try store.records(CameraFilter(kinds: [.dome], classes: [2])).count, 10)
    XCTAssertEqual(try store.records(CameraFilter(statuses: [.retired])).map(\.id), ["C0001"])
    XCTAssertEqual(try store.records(CameraFilter(statuses: [.active])).count, 119)
  }

  func testChineseWebMapCoordinatesAreStoredAsWGS84() throws {
    let dir = try Scratch.dir()
    let store = try Scratch.store(dir)
    let (gx, gy) = ChineseCoordinates.wgs84ToGCJ02(lon: 121.02, lat: 30.695)
    let file = try Scratch.write("id,lon,lat\nG1,\(gx),\(gy)\n", dir, "gcj.csv")
    _ = try store.importFile(file, options: options { $0.inputCRS = .gcj02 })
    let cam = try store.cameras()[0]
    XCTAssertEqual(cam.lon, 121.02, accuracy: 1e-6)
    XCTAssertEqual(cam.lat, 30.695, accuracy: 1e-6)
    XCTAssertGreaterThan(abs(gx - 121.02), 1e-3)
  }
}
