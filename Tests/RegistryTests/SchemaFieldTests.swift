import Cameras
import Foundation
import GRDB
import Geometry
import Support
import XCTest

@testable import Registry

/// One column of the `camera` table as its CREATE TABLE statement declares it.
struct DeclaredColumn {
  var name: String
  var type: String
  var notNull: Bool
  var defaultValue: String?
  var check: String?

  /// Numeric limits the CHECK puts on the column: comparisons with a number and BETWEEN.
  var limits: Limits? {
    guard let check else { return nil }
    var lower: Bound?
    var upper: Bound?
    let col = #""?\#(NSRegularExpression.escapedPattern(for: name))"?"#
    for m in matches(#"\#(col)\s+BETWEEN\s+(-?[0-9.]+)\s+AND\s+(-?[0-9.]+)"#, check) {
      lower = Bound(Double(m[1])!, closed: true)
      upper = Bound(Double(m[2])!, closed: true)
    }
    for m in matches(#"\#(col)\s*(>=|<=|>|<)\s*(-?[0-9.]+)"#, check) {
      let v = Double(m[2])!
      switch m[1] {
      case ">": lower = Bound(v, closed: false)
      case ">=": lower = Bound(v, closed: true)
      case "<": upper = Bound(v, closed: false)
      default: upper = Bound(v, closed: true)
      }
    }
    return lower == nil && upper == nil ? nil : Limits(lower: lower, upper: upper)
  }

  /// The values the CHECK lists as `column = value`.
  var allowed: [String] {
    guard let check else { return [] }
    let col = #""?\#(NSRegularExpression.escapedPattern(for: name))"?"#
    return matches(#"\#(col)\s*=\s*('[^']*'|-?[0-9.]+)"#, check).map {
      $0[1].trimmingCharacters(in: CharacterSet(charactersIn: "'"))
    }
  }

  func matches(_ pattern: String, _ text: String) -> [[String]] {
    let re = try! NSRegularExpression(pattern: pattern)
    let ns = text as NSString
    return re.matches(in: text, range: NSRange(location: 0, length: ns.length)).map { m in
      (0..<m.numberOfRanges).map { ns.substring(with: m.range(at: $0)) }
    }
  }
}

enum CreateTable {
  /// The pieces between the outer parentheses, split at commas outside parentheses and quotes.
  static func parts(_ sql: String) -> [String] {
    let body = sql[sql.index(after: sql.firstIndex(of: "(")!)..<sql.lastIndex(of: ")")!]
    var parts: [String] = []
    var current = ""
    var depth = 0
    var quoted = false
    for ch in body {
      if ch == "'" { quoted.toggle() }
      if !quoted && ch == "(" { depth += 1 }
      if !quoted && ch == ")" { depth -= 1 }
      if ch == "," && depth == 0 && !quoted {
        parts.append(current.trimmingCharacters(in: .whitespacesAndNewlines))
        current = ""
      } else {
        current.append(ch)
      }
    }
    parts.append(current.trimmingCharacters(in: .whitespacesAndNewlines))
    return parts.map { $0.split(whereSeparator: \.isWhitespace).joined(separator: " ") }
  }

  /// The CHECK expression that starts at `CHECK (`, with its parentheses.
  static func check(in def: String) -> String? {
    guard let r = def.range(of: "CHECK (") else { return nil }
    var depth = 0
    var out = ""
    for ch in def[def.index(before: r.upperBound)...] {
      out.append(ch)
      if ch == "(" { depth += 1 }
      if ch == ")" {
        depth -= 1
        if depth == 0 { break }
      }
    }
    return out
  }

  static func column(_ def: String) -> DeclaredColumn {
    let words = def.split(separator: " ").map(String.init)
    var d: String?
    if let r = def.range(of: "DEFAULT ") {
      d = String(def[r.upperBound...].prefix { $0 != " " }).trimmingCharacters(
        in: CharacterSet(charactersIn: "'"))
    }
    return DeclaredColumn(
      name: words[0].trimmingCharacters(in: CharacterSet(charactersIn: "\"")), type: words[1],
      notNull: def.contains("NOT NULL"), defaultValue: d, check: check(in: def))
  }
}

/// The registry's CHECK constraints are the field table's limits: released migrations are
/// never edited, so this holds the SQL a fresh registry is built with to the table.
final class SchemaFieldTests: XCTestCase {
  /// The range's upper limit (5,000 m) came after the first release: its CHECK keeps only the
  /// lower one, since a rebuilt table would lock out a registry holding a longer range (README,
  /// Camera fields). The readers hold the upper limit for every write.
  static func schemaLimits(_ spec: FieldSpec) -> Limits? {
    guard spec.field == .range, let l = spec.limits else { return spec.limits }
    return Limits(lower: l.lower, upper: nil)
  }

  func declared() throws -> (columns: [DeclaredColumn], tableChecks: [String]) {
    let store = try RegistryStore.inMemory()
    let sql = try store.read { db in
      try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'camera'")
    }
    let parts = CreateTable.parts(try XCTUnwrap(sql))
    return (
      parts.filter { !$0.hasPrefix("CHECK") }.map(CreateTable.column),
      parts.filter { $0.hasPrefix("CHECK") }
    )
  }

  func testEveryColumnIsAFieldOfTheTable() throws {
    let (columns, tableChecks) = try declared()
    XCTAssertEqual(columns.map(\.name), CameraFields.table.map(\.column) + ["district", "version"])
    XCTAssertEqual(tableChecks, ["CHECK (installed IS NULL OR removed IS NULL OR removed >= installed)"])
  }

  func testChecksAreTheTablesLimits() throws {
    let byName = Dictionary(uniqueKeysWithValues: try declared().columns.map { ($0.name, $0) })
    for spec in CameraFields.table {
      let c = try XCTUnwrap(byName[spec.column], spec.name)
      let required: Bool
      switch spec.defaultValue {
      case .required:
        required = true
        XCTAssertNil(c.defaultValue, spec.name)
      case .value(let v):
        required = true
        XCTAssertEqual(c.defaultValue, v, spec.name)
      case .derived, .none:
        required = false
        XCTAssertNil(c.defaultValue, spec.name)
        if let check = c.check { XCTAssertTrue(check.contains("IS NULL OR"), spec.name) }
      }
      XCTAssertEqual(c.notNull, required, spec.name)
      switch spec.type {
      case .number:
        XCTAssertEqual(c.type, "REAL", spec.name)
        XCTAssertEqual(c.limits, Self.schemaLimits(spec), spec.name)
      case .integer(let values):
        XCTAssertEqual(c.type, "INTEGER", spec.name)
        XCTAssertEqual(c.allowed, values.map(String.init), spec.name)
        XCTAssertNil(c.limits, spec.name)
      case .choice(let names):
        XCTAssertEqual(c.type, "TEXT", spec.name)
        XCTAssertEqual(c.allowed, names, spec.name)
      case .date:
        XCTAssertEqual(c.type, "TEXT", spec.name)
        XCTAssertEqual(
          c.check, "(\(c.name) IS NULL OR \(c.name) GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]')")
      case .text, .heading:
        // Ids and views are text; no number limits (a heading's views are checked by the
        // readers, which store 360 as 0).
        XCTAssertEqual(c.type, "TEXT", spec.name)
        XCTAssertNil(c.limits, spec.name)
      }
    }
    // Spelled out once, so a parser that found nothing could not pass the loop above.
    XCTAssertEqual(
      byName["fov"]?.limits, Limits(lower: Bound(0, closed: false), upper: Bound(360, closed: true)))
    XCTAssertEqual(byName["height"]?.limits?.text, "in [0, 1000)")
    XCTAssertEqual(byName["min_range"]?.limits?.text, "≥ 0")
    XCTAssertEqual(byName["class"]?.allowed, ["1", "2", "3"])
    XCTAssertEqual(byName["heading"]?.check, "(heading IS NULL OR length(heading) > 0)")
  }

  /// What the CHECKs refuse is what the table refuses: one value just outside each limit
  /// fails the insert, the limit itself (when closed) lands.
  func testTheDatabaseRefusesWhatTheTableRefuses() throws {
    let store = try RegistryStore.inMemory()
    var base = CameraRecord(Camera(id: "X", lon: 121, lat: 30), district: nil)
    let cases: [(WritableKeyPath<CameraRecord, Double?>, CameraField)] = [
      (\.fov, .fov), (\.range, .range), (\.resolution, .resolution), (\.minRange, .minRange),
      (\.height, .height), (\.tilt, .tilt),
    ]
    for (path, f) in cases {
      for bound in [f.spec.limits?.lower, f.spec.limits?.upper].compactMap({ $0 }) {
        for v in [bound.value, bound.value.nextDown, bound.value.nextUp] {
          var rec = base
          rec.id = "X\(f.rawValue)\(v)"
          rec[keyPath: path] = v
          let landed = (try? store.write { db in try rec.insert(db) }) != nil
          XCTAssertEqual(landed, Self.schemaLimits(f.spec)?.contains(v) ?? true, "\(f.rawValue) \(v)")
          if f == .range && v > CameraFields.maxRange { XCTAssertFalse(f.spec.allows(v)) }
        }
      }
    }
    base.cameraClass = 4
    XCTAssertThrowsError(try store.write { db in try base.insert(db) })
    XCTAssertEqual(try store.count(), 17)
  }
}

/// Heading 360 is north (SPEC §1): the readers take it as 0, so the registry stores "0" and
/// the camera read back has heading 0's footprint.
final class RegistryHeadingNorthTests: XCTestCase {
  func testImportAndAddStore360AsNorth() throws {
    let dir = try Scratch.dir()
    let store = try Scratch.store(dir)
    let geojson = try Scratch.write(
      Fixture.collection([Fixture.feature(0, properties: #""id":"G","heading":360,"fov":60,"range":40"#)]),
      dir,
      "north.geojson")
    let csv = try Scratch.write("id,lon,lat,heading,fov,range\nC,121.001,30.69,360,60,40\n", dir, "north.csv")
    var o = ImportOptions()
    o.by = "test"
    XCTAssertEqual(try store.importFile(geojson, options: o).added, 1)
    XCTAssertEqual(try store.importFile(csv, options: o).added, 1)
    try store.add(
      [.id: "A", .lon: "121.002", .lat: "30.69", .heading: "360", .fov: "60", .range: "40"],
      options: EditOptions(by: "test"))
    try store.add(
      [.id: "Z", .lon: "121.002", .lat: "30.69", .heading: "0", .fov: "60", .range: "40"],
      options: EditOptions(by: "test"))
    let records = try store.records()
    XCTAssertEqual(records.map(\.id), ["A", "C", "G", "Z"])
    XCTAssertEqual(records.map(\.heading), ["0", "0", "0", "0"])
    let cameras = try store.cameras()
    func footprint(_ c: Camera) -> [PlanarPolygon] {
      Footprint.polygons(of: Optics.resolve(c, .init()), at: XY(0, 0), convergence: 0)
    }
    XCTAssertEqual(footprint(cameras[0]), footprint(cameras[3]))
    XCTAssertEqual(cameras[0].views, [ViewDirection(heading: 0, extraSweep: 0)])
    // The arc's middle vertex is due north, 40 m out.
    let ring = try XCTUnwrap(footprint(cameras[0]).first?.exterior)
    XCTAssertEqual(ring[7], XY(0, 40))
    // Importing the same 360 again is no change: it is the stored 0.
    let again = try store.importFile(geojson, options: o)
    XCTAssertEqual([again.added, again.updated, again.unchanged], [0, 0, 1])
  }
}

/// The record is typed per column: numbers land as REAL, the class as INTEGER, text as TEXT,
/// and what GRDB reads back is the record written.
final class TypedRecordTests: XCTestCase {
  func testColumnsAreTypedAndRecordsRoundTrip() throws {
    let dir = try Scratch.dir()
    let store = try Scratch.store(dir)
    var o = ImportOptions()
    o.by = "test"
    _ = try store.importFile(try Scratch.write(Fixture.varied, dir, "varied.geojson"), options: o)
    let r = try store.record(id: "33048200001320000001")
    XCTAssertEqual(r.kind, .dome)
    XCTAssertEqual([r.lon, r.lat], [121.0193869521351, 30.694321648649])
    XCTAssertEqual([r.fov, r.range, r.resolution, r.minRange, r.height, r.tilt], [80, 35, 2560, 3, 6, 15])
    XCTAssertEqual(r.cameraClass, 2)
    XCTAssertEqual(r.status, .maintenance)
    XCTAssertEqual([r.heading, r.installed, r.removed], ["45", "2023-01-05", "2026-01-01"])
    XCTAssertEqual(r[.fov], "80")
    XCTAssertEqual(r[.lon], "121.0193869521351")
    let types = try store.read { db in
      try Row.fetchOne(
        db,
        sql: """
          SELECT typeof(lon), typeof(fov), typeof("class"), typeof(heading), typeof(installed), typeof(kind)
          FROM camera WHERE id = ?
          """, arguments: [r.id])
    }
    XCTAssertEqual(
      (0..<6).map { (types?[$0] as String?) ?? "" }, ["real", "real", "integer", "text", "text", "text"])

    // GRDB's record API and the stepped reader of `audit --db` agree with the listing.
    let all = try store.records()
    XCTAssertEqual(try store.read { db in try CameraRecord.order(CameraRecord.Columns.id).fetchAll(db) }, all)
    XCTAssertEqual(try store.cameras(), all.map(\.camera))
    var copy = r
    copy.id = "copy"
    copy.fov = 81.25
    try store.write { db in try copy.insert(db) }
    XCTAssertEqual(try store.record(id: "copy"), copy)
    XCTAssertEqual(r.changes(to: copy).map(\.field), ["id", "fov"])
    XCTAssertEqual(r.changes(to: copy)[1].new, "81.25")
  }
}
