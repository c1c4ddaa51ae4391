import Formats
import Geometry
import Support
import XCTest

@testable import Cameras

/// The field table is SPEC §1 and §5 written once; these hold it to the contract's own words.
final class CameraFieldsTests: XCTestCase {
  func testEverySpecFieldIsPresentInOrderWithItsType() {
    XCTAssertEqual(
      CameraFields.table.map(\.name),
      [
        "id", "name", "lon", "lat", "kind", "heading", "fov", "range", "resolution", "min_range", "height",
        "tilt", "class", "status", "installed", "removed",
      ])
    XCTAssertEqual(CameraFields.table.map(\.column), CameraFields.table.map(\.name))
    for (i, spec) in CameraFields.table.enumerated() {
      XCTAssertEqual(spec.field.index, i)
      XCTAssertEqual(spec.field.spec.name, spec.name)
    }
    let types = Dictionary(uniqueKeysWithValues: CameraFields.table.map { ($0.name, $0.type) })
    XCTAssertEqual(types["id"], .text)
    XCTAssertEqual(types["name"], .text)
    XCTAssertEqual(types["kind"], .choice(["fixed", "dome", "ptz", "panoramic"]))
    XCTAssertEqual(types["status"], .choice(["active", "offline", "maintenance", "retired", "planned"]))
    XCTAssertEqual(types["heading"], .heading)
    XCTAssertEqual(types["class"], .integer([1, 2, 3]))
    XCTAssertEqual(types["installed"], .date)
    XCTAssertEqual(types["removed"], .date)
    for n in ["lon", "lat", "fov", "range", "resolution", "min_range", "height", "tilt"] {
      XCTAssertEqual(types[n], .number, n)
    }
  }

  func testLimitsAreSpecOneExactly() {
    func limits(_ f: CameraField) -> String { f.spec.limits?.text ?? "none" }
    XCTAssertEqual(limits(.lon), "in [-180, 180]")
    XCTAssertEqual(limits(.lat), "in [-90, 90]")
    XCTAssertEqual(limits(.heading), "in [0, 360]")
    XCTAssertEqual(limits(.fov), "in (0, 360]")
    XCTAssertEqual(limits(.range), "in (0, 5000]")
    XCTAssertEqual(limits(.resolution), "> 0")
    XCTAssertEqual(limits(.minRange), "≥ 0")
    XCTAssertEqual(limits(.height), "in [0, 1000)")
    XCTAssertEqual(limits(.tilt), "in [-90, 90]")
    XCTAssertEqual(limits(.cameraClass), "none")
    XCTAssertEqual(CameraField.range.spec.rule, "in (0, 5000] metres")
    XCTAssertEqual(CameraField.resolution.spec.rule, "> 0 pixels")
    XCTAssertEqual(CameraField.cameraClass.spec.rule, "1, 2 or 3")
    XCTAssertEqual(CameraField.kind.spec.rule, "fixed, dome, ptz or panoramic")

    let edges: [(CameraField, Double, Bool)] = [
      (.heading, 0, true), (.heading, 360, true), (.heading, 360.000001, false), (.heading, -0.5, false),
      (.fov, 0, false), (.fov, 1e-9, true), (.fov, 360, true), (.fov, 360.5, false),
      (.range, 0, false), (.range, 0.01, true), (.resolution, 0, false), (.resolution, 1, true),
      (.minRange, 0, true), (.minRange, -0.01, false), (.height, 0, true), (.height, 1000, false),
      (.tilt, -90, true), (.tilt, 90, true), (.tilt, 90.5, false), (.lon, 180, true), (.lon, -180.5, false),
      (.lat, 90, true), (.lat, 90.5, false), (.cameraClass, 1, true), (.cameraClass, 3, true),
      (.cameraClass, 2.5, false), (.cameraClass, 4, false), (.heading, .nan, false), (.range, .nan, false),
    ]
    for (f, v, allowed) in edges { XCTAssertEqual(f.spec.allows(v), allowed, "\(f.rawValue) \(v)") }
  }

  func testDefaultsAndAliases() {
    XCTAssertEqual(
      CameraField.allCases.filter { $0.spec.defaultValue == .required }.map(\.rawValue), ["id", "lon", "lat"])
    XCTAssertEqual(CameraField.name.spec.defaultValue, .value(""))
    XCTAssertEqual(CameraField.kind.spec.defaultValue, .value("fixed"))
    XCTAssertEqual(CameraField.status.spec.defaultValue, .value("active"))
    XCTAssertEqual(CameraField.minRange.spec.defaultValue, .derived("0"))
    XCTAssertEqual(CameraField.fov.spec.defaultValue, .derived("fixed 90, dome 90, ptz 360, panoramic 360"))
    XCTAssertEqual(CameraKind.allCases.map(\.defaultFOV), [90, 90, 360, 360])
    let aliases = Dictionary(uniqueKeysWithValues: CameraFields.table.map { ($0.name, $0.aliases) })
    XCTAssertEqual(
      aliases["id"], ["DeviceID", "deviceId", "gbIndexCode", "cameraIndexCode", "设备编码", "国标编码", "点位编号"])
    XCTAssertEqual(aliases["name"], ["cameraName", "positionName", "title", "点位名称", "设备名称", "名称"])
    XCTAssertEqual(aliases["lon"], ["longitude", "lng", "x", "经度"])
    XCTAssertEqual(aliases["lat"], ["latitude", "y", "纬度"])
    XCTAssertEqual(aliases["heading"], ["direction", "camera:direction", "azimuth", "方向角", "朝向"])
    XCTAssertEqual(aliases["kind"], ["camera:type", "摄像机类型"])
    XCTAssertEqual(aliases["fov"], ["HorizontalFieldAngle"])
    XCTAssertEqual(aliases["range"], ["MaxViewDistance"])
    XCTAssertEqual(aliases["installed"], ["InstallTime"])
    for n in ["resolution", "min_range", "height", "tilt", "status", "removed"] {
      XCTAssertEqual(aliases[n], [], n)
    }
    // No alias (compared case-insensitively, as readers will) is claimed by two fields,
    // nor is one another field's name. SPEC §5 lists DeviceID and deviceId both for the id.
    var owner: [String: Set<String>] = [:]
    for spec in CameraFields.table {
      for a in spec.aliases { owner[a.lowercased(), default: []].insert(spec.name) }
    }
    XCTAssertEqual(owner.values.filter { $0.count > 1 }, [])
    XCTAssertEqual(owner.count, 31)
    XCTAssertTrue(Set(owner.keys).isDisjoint(with: CameraFields.table.map(\.name)))
  }

  /// The field table's limits are the readers' limits: every edge value is accepted or
  /// refused by the full reader as the table says, in the table's words.
  func testReaderRefusesInTheTablesWords() throws {
    let cases: [(CameraField, String)] = [
      (.fov, "0"), (.range, "0"), (.resolution, "-1"), (.minRange, "-1"), (.height, "1000"), (.tilt, "91"),
      (.cameraClass, "4"), (.heading, "360.5"),
    ]
    for (f, v) in cases {
      let text = "id,lon,lat,\(f.rawValue)\nA,121,30,\(v)\n"
      XCTAssertThrowsError(try CameraReader.fromCSV(bytes: Array(text.utf8), file: "c.csv")) { e in
        XCTAssertEqual(
          (e as? InputErrors)?.errors.map(\.description),
          ["c.csv: line 2: field \"\(f.rawValue)\": must be \(f.spec.rule), got \(v)"])
      }
    }
  }
}

/// SPEC §1: a heading of 360 is north, as 0, in every reader and every footprint.
final class HeadingNorthTests: XCTestCase {
  func footprints(_ c: Camera) -> [PlanarPolygon] {
    Footprint.polygons(of: Optics.resolve(c, .init()), at: XY(500_000, 3_400_000), convergence: -1.1)
  }

  func geojson(_ heading: String) -> [UInt8] {
    Array(
      #"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"id":"N","kind":"fixed","heading":\#(heading),"fov":60,"range":40},"geometry":{"type":"Point","coordinates":[121.02,30.7]}}]}"#
        .utf8)
  }

  func testEveryReaderTakes360AsNorth() throws {
    var north = Camera(id: "N", lon: 121.02, lat: 30.7)
    north.views = [ViewDirection(heading: 0, extraSweep: 0)]
    north.fov = 60
    north.range = 40

    let full = try CameraReader.fromFeatures(GeoJSONReader.parse(bytes: geojson("360"), file: "c.geojson"))
    let decoded = try XCTUnwrap(
      CameraFeatureDecoder.read(bytes: geojson("360"), file: "c.geojson", options: .init()))
    let quoted = try CameraReader.fromFeatures(
      GeoJSONReader.parse(bytes: geojson(#""360""#), file: "c.geojson"))
    let csv = try CameraReader.fromCSV(
      bytes: Array("id,lon,lat,kind,heading,fov,range\nN,121.02,30.7,fixed,360,60,40\n".utf8), file: "c.csv")
    let zero = try XCTUnwrap(
      CameraFeatureDecoder.read(bytes: geojson("0"), file: "c.geojson", options: .init()))
    for (name, file) in [
      ("GeoJSON", full), ("decoder", decoded), ("string", quoted), ("CSV", csv), ("0", zero),
    ] {
      XCTAssertEqual(file.cameras, [north], name)
      XCTAssertEqual(footprints(file.cameras[0]), footprints(north), name)
    }
    let ring = try XCTUnwrap(footprints(north).first?.exterior)
    // Apex, 13 arc vertices (60° in 5° steps), apex again; the middle one due grid north.
    XCTAssertEqual(ring.count, 15)
    XCTAssertEqual(ring[7].x, 500_000 + 40 * sin(1.1 * .pi / 180), accuracy: 1e-9)
    XCTAssertEqual(ring[7].y, 3_400_000 + 40 * cos(1.1 * .pi / 180), accuracy: 1e-9)
  }
}

final class InputCRSTests: XCTestCase {
  func testConversionsAreTheChineseMapInverses() {
    let (lon, lat) = (121.0235, 30.6954)
    XCTAssertEqual(InputCRS.allCases.map(\.rawValue), ["wgs84", "gcj02", "bd09"])
    XCTAssertTrue(InputCRS.wgs84.toWGS84(lon: lon, lat: lat) == (lon, lat))
    let gcj = ChineseCoordinates.wgs84ToGCJ02(lon: lon, lat: lat)
    let fromGCJ = InputCRS.gcj02.toWGS84(lon: gcj.lon, lat: gcj.lat)
    XCTAssertEqual(fromGCJ.lon, lon, accuracy: 1e-8)
    XCTAssertEqual(fromGCJ.lat, lat, accuracy: 1e-8)
    // The offset itself is hundreds of metres, so the conversion did something.
    XCTAssertGreaterThan(abs(gcj.lon - lon) + abs(gcj.lat - lat), 1e-3)
    let bd = ChineseCoordinates.gcj02ToBD09(lon: gcj.lon, lat: gcj.lat)
    let fromBD = InputCRS.bd09.toWGS84(lon: bd.lon, lat: bd.lat)
    XCTAssertEqual(fromBD.lon, lon, accuracy: 1e-8)
    XCTAssertEqual(fromBD.lat, lat, accuracy: 1e-8)
  }
}

/// The README's table of camera fields is the field table printed, row for row.
final class ReadmeFieldTableTests: XCTestCase {
  static func markdown() -> String {
    func type(_ s: FieldSpec) -> String {
      switch s.type {
      case .text: return "text"
      case .number: return "number"
      case .integer: return "integer \(s.rule)"
      case .choice: return s.rule
      case .date: return "ISO date"
      case .heading: return "degrees or OSM direction"
      }
    }
    func absent(_ s: FieldSpec) -> String {
      switch s.defaultValue {
      case .required: return "required"
      case .value(let v): return v.isEmpty ? "\"\"" : v
      case .derived(let d): return d
      case .none: return "none"
      }
    }
    var out = "| field | type | limits | default | registry column | aliases (SPEC §5) |\n"
    out += "|---|---|---|---|---|---|\n"
    for s in CameraFields.table {
      let limits = s.limits.map { [$0.text, s.unit].compactMap { $0 }.joined(separator: " ") } ?? ""
      out +=
        "| `\(s.name)` | \(type(s)) | \(limits) | \(absent(s)) | `\(s.column)` | \(s.aliases.joined(separator: ", ")) |\n"
    }
    return out
  }

  func testReadmeHoldsTheFieldTable() throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
    let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
    let table = Self.markdown()
    XCTAssertTrue(readme.contains(table), "README.md should hold:\n" + table)
    XCTAssertEqual(table.split(separator: "\n").count, 18)
  }
}
