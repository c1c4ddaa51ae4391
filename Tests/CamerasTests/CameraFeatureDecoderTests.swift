import Formats
import TestSupport
import XCTest

@testable import Cameras
@testable import Geometry

/// The byte-level camera reader must read exactly what the full reader reads, and give the
/// file back to the full reader whenever it is not sure.
final class CameraFeatureDecoderTests: XCTestCase {
  func collection(_ features: [String], head: String = #""type":"FeatureCollection","#) -> [UInt8] {
    Array("{\(head)\"features\":[\n\(features.joined(separator: ",\n"))\n]}".utf8)
  }

  func full(_ bytes: [UInt8], options: CameraReadOptions = .init()) -> CameraFile? {
    try? CameraReader.fromFeatures(GeoJSONReader.parse(bytes: bytes, file: "c.geojson"), options: options)
  }

  func testPlainFeaturesAreDecoded() throws {
    let bytes = collection([
      #"{"type":"Feature","properties":{"id":"33040200001325000001","name":"建设街道-健康路-1","kind":"dome","heading":2.5,"fov":87,"resolution":1920,"height":9.9,"tilt":13,"class":2,"status":"maintenance","installed":"2014-01-01","removed":"2020-02-29","range":35,"min_range":2,"note":{"a":[1,2]}},"geometry":{"type":"Point","coordinates":[120.6074512,30.6506872]}}"#,
      #"{ "geometry" : { "coordinates" : [ -1.5e1 , 0 , 12 ] , "type" : "Point" } , "id" : 7 , "properties" : { "id" : "b" , "name" : null , "heading" : null , "status" : "  " } , "type" : "Feature" }"#,
    ])
    let fast = try XCTUnwrap(CameraFeatureDecoder.read(bytes: bytes, file: "c.geojson", options: .init()))
    let c = fast.cameras[0]
    XCTAssertEqual(c.id, "33040200001325000001")
    XCTAssertEqual(c.name, "建设街道-健康路-1")
    XCTAssertEqual(c.kind, .dome)
    XCTAssertEqual(c.views, [ViewDirection(heading: 2.5, extraSweep: 0)])
    XCTAssertEqual([c.fov, c.range, c.resolution, c.minRange, c.height, c.tilt], [87, 35, 1920, 2, 9.9, 13])
    XCTAssertEqual(c.cameraClass, 2)
    XCTAssertEqual(c.status, .maintenance)
    XCTAssertEqual(c.installed?.description, "2014-01-01")
    XCTAssertEqual(c.removed?.description, "2020-02-29")
    XCTAssertEqual(c.lon, 120.6074512)
    XCTAssertEqual(c.lat, 30.6506872)
    let d = fast.cameras[1]
    XCTAssertEqual([d.id, d.name], ["b", ""])
    XCTAssertEqual(d.status, .active)
    XCTAssertEqual(d.views, [])
    XCTAssertEqual(d.lon, -15)
    XCTAssertEqual(fast.locations, [.feature(0), .feature(1)])
    let slow = try XCTUnwrap(full(bytes))
    XCTAssertEqual(fast.cameras, slow.cameras)
  }

  /// A city-sized file is decoded in one chunk per core; the chunks join in file order,
  /// and one bad feature in the second chunk still sends the file to the full reader.
  func testLargeFileIsDecodedInChunks() throws {
    let features = (0..<20_000).map { k in
      #"{"type":"Feature","properties":{"id":"c\#(k)","heading":\#(k % 360),"class":\#(1 + k % 3)},"geometry":{"type":"Point","coordinates":[121.\#(k),30.5]}}"#
    }
    var options = CameraReadOptions()
    options.threads = 2
    let fast = try XCTUnwrap(
      CameraFeatureDecoder.read(bytes: collection(features), file: "c.geojson", options: options))
    XCTAssertEqual(fast.cameras.count, 20_000)
    XCTAssertEqual(fast.cameras[19_999].id, "c19999")
    XCTAssertEqual(fast.cameras[12_345].views, [ViewDirection(heading: 105, extraSweep: 0)])
    XCTAssertEqual(fast.cameras[12_345].lon, 121.12345)
    XCTAssertEqual(fast.locations[15_000], .feature(15_000))
    XCTAssertEqual(fast.cameras, try XCTUnwrap(full(collection(features), options: options)).cameras)
    var broken = features
    broken[15_000] = broken[15_000].replacingOccurrences(of: #""class":1"#, with: #""class":"1""#)
    XCTAssertNotEqual(broken, features)
    XCTAssertNil(CameraFeatureDecoder.read(bytes: collection(broken), file: "c.geojson", options: options))
  }

  /// Each of these is read by the full reader (to cameras, warnings, skips or errors) and
  /// must not be taken by the byte-level one.
  func testDoubtfulFilesGoToTheFullReader() {
    let point = #""geometry":{"type":"Point","coordinates":[121,30]}"#
    let cases = [
      #"{"type":"Feature","properties":{"id":"a","direction":"NNW"},\#(point)}"#,
      #"{"type":"Feature","properties":{"id":"a","surveillance:type":"guard"},\#(point)}"#,
      #"{"type":"Feature","properties":{"id":"a","heading":"45"},\#(point)}"#,
      #"{"type":"Feature","properties":{"id":"a","heading":360.5},\#(point)}"#,
      #"{"type":"Feature","properties":{"id":"a","name":"\u8def"},\#(point)}"#,
      #"{"type":"Feature","properties":{"id":"a","fov":80,"fov":90},\#(point)}"#,
      #"{"type":"Feature","properties":{"id":12},\#(point)}"#,
      #"{"type":"Feature","properties":{"name":"x"},"id":"a",\#(point)}"#,
      #"{"type":"Feature","properties":{"id":"a","kind":"Dome"},\#(point)}"#,
      #"{"type":"Feature","properties":{"id":"a","range":10,"min_range":10},\#(point)}"#,
      #"{"type":"Feature","properties":{"id":"a","installed":"2020-01-02","removed":"2020-01-01"},\#(point)}"#,
      #"{"type":"Feature","properties":{"id":"a"},"geometry":{"type":"Point","coordinates":[30,121]}}"#,
      #"{"type":"Feature","properties":{"id":"a"},"geometry":{"type":"MultiPoint","coordinates":[[1,2]]}}"#,
      #"{"type":"Feature","properties":{"id":"a"},"geometry":null}"#,
      #"{"type":"Feature","properties":{"id":"a"},\#(point),"x":[1,]}"#,
      #"{"type":"Feature","properties":{"id":"a"}}"#,
    ]
    for text in cases {
      let bytes = collection([text])
      XCTAssertNil(CameraFeatureDecoder.read(bytes: bytes, file: "c.geojson", options: .init()), text)
    }
    let a = #"{"type":"Feature","properties":{"id":"a"},\#(point)}"#
    XCTAssertNil(CameraFeatureDecoder.read(bytes: collection([a, a]), file: "c.geojson", options: .init()))
    let crs = #""type":"FeatureCollection","crs":{"properties":{"name":"EPSG:3857"}},"#
    XCTAssertNil(
      CameraFeatureDecoder.read(bytes: collection([a], head: crs), file: "c.geojson", options: .init()))
    XCTAssertNil(CameraFeatureDecoder.read(bytes: collection([]), file: "c.geojson", options: .init()))
    var strict = CameraReadOptions()
    strict.strictIDs = true
    XCTAssertNil(CameraFeatureDecoder.read(bytes: collection([a]), file: "c.geojson", options: strict))
  }

  /// Random features, most of them plain, some with one thing wrong or unusual: whenever
  /// the byte-level reader takes a file, the full reader reads the same cameras from it.
  func testAgreesWithTheFullReader() throws {
    var rng = SplitMix64(seed: 2026)
    var taken = 0
    var given = 0
    for _ in 0..<3000 {
      let n = 1 + Int(rng.next() % 3)
      let features = (0..<n).map { _ in randomFeature(&rng) }
      let bytes = collection(features)
      let slow = full(bytes)
      guard let fast = CameraFeatureDecoder.read(bytes: bytes, file: "c.geojson", options: .init()) else {
        given += 1
        continue
      }
      taken += 1
      let s = try XCTUnwrap(slow, String(decoding: bytes, as: UTF8.self))
      XCTAssertEqual(fast.cameras, s.cameras, String(decoding: bytes, as: UTF8.self))
      XCTAssertEqual(fast.locations, s.locations)
      // The heading-0 warning is the one the reader adds to either path's cameras.
      XCTAssertEqual(CameraReader.withHeadingZeroWarning(fast, file: "c.geojson").warnings, s.warnings)
      XCTAssertEqual(s.skippedNonCameras, 0)
    }
    // Both paths must have been exercised for the comparison to mean anything.
    XCTAssertGreaterThan(taken, 500)
    XCTAssertGreaterThan(given, 500)
  }

  func randomFeature(_ rng: inout SplitMix64) -> String {
    func pick(_ xs: [String]) -> String { xs[Int(rng.next() % UInt64(xs.count))] }
    func chance(_ p: Double) -> Bool { Double(rng.next() % 1000) < p * 1000 }
    var props: [String] = []
    // Ids the two readers must treat alike: blank, a number, an escape, surrounding (no-break)
    // spaces, NFD and NFC forms of one id, raw DEL and C1 controls, an escaped NUL.
    let oddIDs = [
      #""  ""#, "17", #""\u0041""#, "\"c1 \"", "\"\u{A0}c2\"", "\"Cafe\u{301}\"", "\"Caf\u{E9}\"",
      "\"c\u{7F}\"",
      "\"c\u{85}\"", #""c\u0000""#,
    ]
    if !chance(0.03) {
      props.append(
        #""id":\#(chance(0.95) ? #""c\#(rng.next() % 1000)""# : pick(oddIDs))"#)
    }
    let fields: [(String, [String])] = [
      ("name", [#""路口""#, #""""#, "null", "3", #""a\"b""#, "\"a\u{7F}b\"", "\"a\u{85}b\"", "\"e\u{301} \""]),
      ("kind", [#""fixed""#, #""dome""#, #""ptz""#, #""panoramic""#, #""PTZ""#, #""tripod""#]),
      ("heading", ["0", "359.9", "45", "360", "-1", #""90""#, #""305;175""#, "null"]),
      ("fov", ["90", "360", "0", "400", "1e2"]),
      ("range", ["30", "0", "-5", "2.5e1"]),
      ("resolution", ["1920", "0"]),
      ("min_range", ["0", "3", "-1", "40"]),
      ("height", ["6", "999.9", "1000", #""5 m""#]),
      ("tilt", ["15", "-90", "91"]),
      ("class", ["1", "2", "3", "4", "2.5"]),
      (
        "status",
        [
          #""active""#, #""planned""#, #""retired""#, #""offline""#, #""maintenance""#, #""gone""#,
          #"" Active""#,
        ]
      ),
      ("installed", [#""2020-01-01""#, #""2020-02-30""#, #""2021-06-01""#, #""1/1/2020""#]),
      ("removed", [#""2022-01-01""#, #""2019-12-31""#]),
      ("note", [#"{"a":[1,{"b":null}]}"#, "true", "[]"]),
      ("camera:type", [#""fixed""#]),
      ("direction", [#""NNW""#]),
    ]
    for (name, values) in fields where chance(name.contains(":") || name == "direction" ? 0.02 : 0.35) {
      // Mostly the first, plain values.
      let v = chance(0.95) ? values[0] : pick(values)
      props.append("\"\(name)\":\(v)")
      if chance(0.01) { props.append("\"\(name)\":\(v)") }
    }
    props.shuffle(using: &rng)
    var members = [#""type":\#(chance(0.98) ? #""Feature""# : #""Feat""#)"#]
    members.append(#""properties":{\#(props.joined(separator: ","))}"#)
    let lon = chance(0.9) ? "121.5" : pick(["-180", "180.5", "0"])
    let lat = chance(0.9) ? "30.25" : pick(["90", "-91", "1e-3"])
    let coords = chance(0.9) ? "[\(lon),\(lat)]" : pick(["[\(lon),\(lat),12]", "[\(lon)]", "[\"1\",2]"])
    let geometries = [
      #"{"type":"Point","coordinates":\#(coords)}"#, "null",
      #"{"coordinates":\#(coords),"type":"Point","bbox":[0,0,1,1]}"#,
      #"{"type":"LineString","coordinates":[[0,0],[1,1]]}"#,
    ]
    if !chance(0.02) { members.append(#""geometry":\#(chance(0.9) ? geometries[0] : pick(geometries))"#) }
    if chance(0.1) { members.append(#""id":\#(pick(["1", #""f""#, "{}"]))"#) }
    members.shuffle(using: &rng)
    return "{" + members.joined(separator: pick([",", " , ", ",\n"])) + "}"
  }
}
