import Cameras
import Formats
import Foundation
import Geometry
import Support
import TestSupport
import XCTest

@testable import Registry

enum Scratch {
  /// A fresh directory under the system's temporary directory.
  static func dir() throws -> URL {
    let d = FileManager.default.temporaryDirectory.appendingPathComponent("camgap-reg-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: d, withIntermediateDirectories: true)
    return d
  }

  static func store(_ dir: URL, _ name: String = "reg.sqlite") throws -> RegistryStore {
    try RegistryStore(path: dir.appendingPathComponent(name).path, create: true)
  }

  static func write(_ text: String, _ dir: URL, _ name: String) throws -> String {
    let url = dir.appendingPathComponent(name)
    try text.write(to: url, atomically: true, encoding: .utf8)
    return url.path
  }

  static func read(_ path: String) throws -> String { try String(contentsOfFile: path, encoding: .utf8) }

  static func realdata(_ name: String) -> String { Repo.geodata("realdata/\(name)/cameras.geojson") }
}

/// Camera files written by hand, one feature per camera, so a test can break exactly one.
enum Fixture {
  /// `n` plain cameras `C0000`… on a 10 m grid near Pinghu, with varied kinds and headings.
  static func properties(_ i: Int) -> String {
    let kinds = ["fixed", "dome", "ptz", "panoramic"]
    let kind = kinds[i % 4]
    var p = #""id":"C\#(String(format: "%04d", i))","name":"cam \#(i)","kind":"\#(kind)""#
    if kind == "fixed" || kind == "dome" { p += #","heading":\#((i * 37) % 360)"# }
    p += #","range":\#(20 + i % 50),"class":\#(1 + i % 3)"#
    return p
  }

  static func point(_ i: Int) -> (Double, Double) {
    (121.0 + Double(i % 100) * 0.0001, 30.69 + Double(i / 100) * 0.0001)
  }

  static func feature(_ i: Int, properties: String? = nil) -> String {
    let (x, y) = point(i)
    return
      #"{"type":"Feature","properties":{\#(properties ?? Self.properties(i))},"geometry":{"type":"Point","coordinates":[\#(x),\#(y)]}}"#
  }

  static func collection(_ features: [String]) -> String {
    #"{"type":"FeatureCollection","features":[\#(features.joined(separator: ",\n"))]}"#
  }

  static func geojson(_ n: Int, replacing: [Int: String] = [:]) -> String {
    collection((0..<n).map { replacing[$0] ?? feature($0) })
  }

  static func csv(_ n: Int, replacing: [Int: String] = [:]) -> String {
    var out = "id,name,lon,lat,kind,heading,range,class\n"
    for i in 0..<n {
      if let r = replacing[i] {
        out += r + "\n"
        continue
      }
      let (x, y) = point(i)
      let kind = ["fixed", "dome", "ptz", "panoramic"][i % 4]
      let heading = kind == "fixed" || kind == "dome" ? String((i * 37) % 360) : ""
      out +=
        "C\(String(format: "%04d", i)),cam \(i),\(x),\(y),\(kind),\(heading),\(20 + i % 50),\(1 + i % 3)\n"
    }
    return out
  }

  /// Every field and the awkward values: several views on one node, panning ranges with
  /// decimals, a full turn, compass points, negative bearings, quotes, commas, line breaks
  /// and edge blanks in names, GB/T ids, dates, every status.
  static let varied = collection([
    #"{"type":"Feature","properties":{"id":"33048200001320000001","name":"路口, \"东\" 侧","kind":"dome","heading":45,"fov":80,"range":35,"resolution":2560,"min_range":3,"height":6,"tilt":15,"class":2,"status":"maintenance","installed":"2023-01-05","removed":"2026-01-01"},"geometry":{"type":"Point","coordinates":[121.0193869521351,30.694321648649]}}"#,
    #"{"type":"Feature","properties":{"id":"node/1","camera:type":"panning","camera:direction":"NNW","camera:angle":"30","height":"5 m"},"geometry":{"type":"Point","coordinates":[121.02,30.695]}}"#,
    #"{"type":"Feature","properties":{"id":"multi","direction":"305;175;240","name":" leading blank"},"geometry":{"type":"Point","coordinates":[121.021,30.6951]}}"#,
    #"{"type":"Feature","properties":{"id":"pan","heading":"243.7-288.1","kind":"ptz","fov":60,"name":"line break"},"geometry":{"type":"Point","coordinates":[121.022,30.6952]}}"#,
    #"{"type":"Feature","properties":{"id":"wrap","heading":"350.25-10.5","status":"planned"},"geometry":{"type":"Point","coordinates":[121.023,30.6953]}}"#,
    #"{"type":"Feature","properties":{"id":"round","heading":"0-360","status":"offline"},"geometry":{"type":"Point","coordinates":[121.024,30.6954]}}"#,
    #"{"type":"Feature","properties":{"id":"neg","direction":"-20","status":"retired","removed":"2025-03-01"},"geometry":{"type":"Point","coordinates":[-0.5,-0.25]}}"#,
    #"{"type":"Feature","properties":{"id":"bare"},"geometry":{"type":"Point","coordinates":[121.025,30.6955]}}"#,
    #"{"type":"Feature","properties":{"id":"fisheye","kind":"panoramic","range":12.5,"heading":"SE;w"},"geometry":{"type":"Point","coordinates":[121.026,30.6956]}}"#,
  ])
}

extension XCTestCase {
  func errors(_ body: () throws -> Void, file: StaticString = #filePath, line: UInt = #line) -> [String] {
    do {
      try body()
      XCTFail("expected an error", file: file, line: line)
      return []
    } catch let e as InputErrors {
      return e.errors.map(\.description)
    } catch let e as InputError {
      return [e.description]
    } catch {
      XCTFail("unexpected \(error)", file: file, line: line)
      return []
    }
  }
}
