import Formats
import Foundation
import Geometry
import Support

/// One audit as `camgap audit --format json` wrote it (SPEC §4), read back for `camgap
/// diff`. Only what the diff compares is kept. Gap geometry is not in that JSON; it comes
/// from the gaps GeoJSON the same audit wrote (`--format geojson` or `--gaps FILE`).
public struct AuditSnapshot: Sendable {
  public struct District: Sendable {
    public var code: String
    public var name: String
    public var area: Double
    public var coverage: Double
  }

  public struct Zone: Sendable {
    public var id: String
    public var name: String
    public var kind: String
    public var coverage: Double
    public var target: Double
    public var meetsTarget: Bool
    public var gapCount: Int
  }

  public struct Gap: Sendable {
    public var id: String
    public var zone: String
    public var kind: String
    public var district: String
    public var area: Double
    public var centroid: XY
    /// WGS84; empty until a gaps GeoJSON is attached.
    public var polygons: [PlanarPolygon] = []
  }

  public var file: String
  public var crs: String
  /// The `summary` members, in the file's order.
  public var summary: [(String, Double)]
  public var districts: [District]
  public var zones: [Zone]
  public var gaps: [Gap]
  public var hasGapGeometry = false

  public static func read(path: String) throws -> AuditSnapshot {
    if path.lowercased().hasSuffix(".gpkg") { return try readGeoPackage(path: path) }
    let name = (path as NSString).lastPathComponent
    guard let data = FileManager.default.contents(atPath: path) else {
      throw InputError(file: name, message: "cannot read file \(path)")
    }
    let doc: JSON
    do {
      doc = try JSONParser.parse([UInt8](data))
    } catch let e as JSONParseError {
      throw InputError(file: name, location: .byte(line: e.line, column: e.column), message: e.message)
    }
    return try parse(doc, file: name)
  }

  public static func parse(_ doc: JSON, file: String) throws -> AuditSnapshot {
    func bad(_ field: String, _ message: String) -> InputError {
      InputError(file: file, field: field, message: message)
    }
    guard doc.members != nil else {
      throw bad("", "not a camgap audit: expected the JSON object of `camgap audit --format json`")
    }
    guard let crs = doc["crs"]?.string else {
      throw bad("crs", "missing; is this `camgap audit --format json` output?")
    }
    guard let summaryMembers = doc["summary"]?.members else {
      throw bad("summary", "missing or not an object")
    }
    var summary: [(String, Double)] = []
    for (k, v) in summaryMembers {
      guard let n = v.number else { throw bad("summary.\(k)", "must be a number, got \(v.typeName)") }
      summary.append((k, n))
    }

    func array(_ key: String) throws -> [JSON] {
      guard let a = doc[key]?.array else { throw bad(key, "missing or not an array") }
      return a
    }
    func str(_ o: JSON, _ key: String, _ path: String) throws -> String {
      guard let s = o[key]?.string else { throw bad("\(path).\(key)", "missing or not a string") }
      return s
    }
    func num(_ o: JSON, _ key: String, _ path: String) throws -> Double {
      guard let n = o[key]?.number else { throw bad("\(path).\(key)", "missing or not a number") }
      return n
    }

    var districts: [District] = []
    for (i, d) in try array("districts").enumerated() {
      let p = "districts[\(i)]"
      districts.append(
        District(
          code: try str(d, "code", p), name: try str(d, "name", p), area: try num(d, "area_m2", p),
          coverage: try num(d, "coverage", p)))
    }
    var zones: [Zone] = []
    for (i, z) in try array("zones").enumerated() {
      let p = "zones[\(i)]"
      guard case .bool(let meets)? = z["meets_target"] else {
        throw bad("\(p).meets_target", "missing or not a boolean")
      }
      zones.append(
        Zone(
          id: try str(z, "id", p), name: try str(z, "name", p), kind: try str(z, "kind", p),
          coverage: try num(z, "coverage", p), target: try num(z, "target", p), meetsTarget: meets,
          gapCount: Int(try num(z, "gap_count", p))))
    }
    var gaps: [Gap] = []
    for (i, g) in try array("gaps").enumerated() {
      let p = "gaps[\(i)]"
      gaps.append(try gap(g, path: p, file: file))
    }
    return AuditSnapshot(
      file: file, crs: crs, summary: summary, districts: districts, zones: zones, gaps: gaps)
  }

  /// A `gaps` entry of SPEC §4 (also the properties of a gaps GeoJSON feature).
  static func gap(_ g: JSON, path: String, file: String) throws -> Gap {
    func bad(_ field: String, _ message: String) -> InputError {
      InputError(file: file, field: "\(path).\(field)", message: message)
    }
    guard let id = g["id"]?.string else { throw bad("id", "missing or not a string") }
    guard let area = g["area_m2"]?.number else { throw bad("area_m2", "missing or not a number") }
    guard let c = g["centroid"]?.array, c.count == 2, let x = c[0].number, let y = c[1].number else {
      throw bad("centroid", "missing or not [longitude, latitude]")
    }
    return Gap(
      id: id, zone: g["zone"]?.string ?? "", kind: g["kind"]?.string ?? "",
      district: g["district"]?.string ?? "",
      area: area, centroid: XY(x, y))
  }

  /// Attaches the polygons of a gaps GeoJSON written by the same audit. The gap ids must be
  /// the same set: geometry from another audit would match the wrong gaps.
  public mutating func attachGaps(path: String) throws {
    let fc = try GeoJSONReader.read(path: path)
    var byID: [String: [PlanarPolygon]] = [:]
    for f in fc.features {
      guard let id = f.property("id")?.string else {
        throw InputError(
          file: fc.file, location: .feature(f.index), field: "id",
          message: "missing; expected the gaps GeoJSON of `camgap audit`")
      }
      guard let polys = f.geometry?.polygons else {
        throw InputError(
          file: fc.file, location: .feature(f.index), field: "geometry",
          message: "must be a Polygon or MultiPolygon, got \(f.geometry?.typeName ?? "null")")
      }
      if byID[id] != nil {
        throw InputError(
          file: fc.file, location: .feature(f.index), field: "id", message: "duplicate gap id \"\(id)\"")
      }
      byID[id] = polys.map { PlanarPolygon(rings: $0) }
    }
    let mine = Set(gaps.map(\.id))
    let theirs = Set(byID.keys)
    if mine != theirs {
      let missing = mine.subtracting(theirs).sorted().prefix(3)
      let extra = theirs.subtracting(mine).sorted().prefix(3)
      var detail: [String] = []
      if !missing.isEmpty { detail.append("lacks \(missing.map { "\"\($0)\"" }.joined(separator: ", "))") }
      if !extra.isEmpty {
        detail.append("has \(extra.map { "\"\($0)\"" }.joined(separator: ", ")) not in \(file)")
      }
      throw InputError(
        file: fc.file,
        message:
          "its \(theirs.count) gaps are not the \(mine.count) gaps of \(file) (\(detail.joined(separator: "; "))); pass the gaps file written by the same audit"
      )
    }
    for i in gaps.indices { gaps[i].polygons = byID[gaps[i].id] ?? [] }
    hasGapGeometry = true
  }
}
