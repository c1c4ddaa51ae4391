import Foundation
import Geometry
import Support

/// A geometry as read, in longitude/latitude degrees (RFC 7946 order).
public enum LonLatGeometry: Equatable, Sendable {
  case point(XY)
  case multiPoint([XY])
  case lineString([XY])
  case multiLineString([[XY]])
  case polygon([[XY]])
  case multiPolygon([[[XY]]])

  public var typeName: String {
    switch self {
    case .point: return "Point"
    case .multiPoint: return "MultiPoint"
    case .lineString: return "LineString"
    case .multiLineString: return "MultiLineString"
    case .polygon: return "Polygon"
    case .multiPolygon: return "MultiPolygon"
    }
  }

  /// Polygons as rings, for Polygon and MultiPolygon; nil otherwise.
  public var polygons: [[[XY]]]? {
    switch self {
    case .polygon(let p): return [p]
    case .multiPolygon(let m): return m
    default: return nil
    }
  }

  public var lines: [[XY]]? {
    switch self {
    case .lineString(let l): return [l]
    case .multiLineString(let m): return m
    default: return nil
    }
  }
}

/// One feature of a FeatureCollection. `index` is its 0-based position in the file's
/// `features` array (what `jq '.features[i]'` and GDAL's FID show), used in every message.
public struct Feature: Sendable {
  public var index: Int
  public var id: JSON?
  public var geometry: LonLatGeometry?
  public var properties: [(String, JSON)]

  public init(index: Int, id: JSON? = nil, geometry: LonLatGeometry?, properties: [(String, JSON)]) {
    self.index = index
    self.id = id
    self.geometry = geometry
    self.properties = properties
  }

  public func property(_ key: String) -> JSON? {
    for (k, v) in properties where k == key { return v.isNull ? nil : v }
    return nil
  }
}

/// What a GeoJSON file held, plus the repairs made while reading it.
public struct FeatureCollection: Sendable {
  public var file: String
  public var features: [Feature]
  public var warnings: [String]
}

/// Reads RFC 7946 FeatureCollections strictly: every problem is an `InputError` naming
/// the file, feature index and member. Positions must be finite and within ±180/±90.
/// Unclosed rings are closed with a warning (exports from some tools drop the last
/// point); everything else that is wrong is an error.
public enum GeoJSONReader {
  /// `threads`: how many cores may parse a large file.
  public static func read(path: String, threads: Int = ProcessInfo.processInfo.activeProcessorCount) throws
    -> FeatureCollection
  {
    let name = (path as NSString).lastPathComponent
    guard let data = FileManager.default.contents(atPath: path) else {
      throw InputError(file: name, message: "cannot read file \(path)")
    }
    Timing.mark("\(name): read")
    let bytes = [UInt8](data)
    return try parse(bytes: bytes, file: name, threads: threads)
  }

  public static func parse(
    bytes: [UInt8], file: String, threads: Int = ProcessInfo.processInfo.activeProcessorCount
  ) throws -> FeatureCollection {
    if let problem = TextEncoding.problem(bytes) { throw InputError(file: file, message: problem) }
    if bytes.count >= 1 << 20,
      let fc = bytes.withUnsafeBufferPointer({
        PolygonFeatureDecoder.read(bytes: $0, file: file, threads: threads)
      })
    {
      Timing.mark("\(file): JSON")
      return fc
    }
    return try parseTree(bytes: bytes, file: file, threads: threads)
  }

  /// The full reader: the whole document as a JSON tree, then feature by feature, each
  /// problem reported with its place.
  static func parseTree(bytes: [UInt8], file: String, threads: Int) throws -> FeatureCollection {
    let root: JSON
    do {
      root = try JSONParser.parseParallel(bytes, threads: threads)
    } catch let e as JSONParseError {
      throw InputError(
        file: file, location: .byte(line: e.line, column: e.column), message: "not valid JSON: \(e.message)")
    }
    Timing.mark("\(file): JSON")
    let items = try featureItems(of: root, file: file)
    // Features are checked and converted on all cores for a city's buildings; each part
    // keeps its features' order, and the first feature in the file that is wrong is the
    // one reported, as when read in one pass.
    let parts = try Parallel.chunks(count: items.count, threads: items.count < 20_000 ? 1 : threads) {
      range in
      Result { try Self.features(items, range, file: file) }
    }
    var warnings: [String] = []
    var features: [Feature] = []
    features.reserveCapacity(items.count)
    for part in parts {
      let (f, w) = try part.get()
      features += f
      warnings += w
    }
    // A city's JSON tree is millions of small allocations: freed on another core.
    Parallel.releaseInBackground((consume root, consume items))
    return FeatureCollection(file: file, features: features, warnings: warnings)
  }

  /// The features of `items[range]` with the warnings their reading gave, in order.
  static func features(_ items: [JSON], _ range: Range<Int>, file: String) throws -> ([Feature], [String]) {
    var warnings: [String] = []
    var features: [Feature] = []
    features.reserveCapacity(range.count)
    for index in range {
      features.append(try feature(items[index], index: index, file: file, warnings: &warnings))
    }
    return (features, warnings)
  }

  /// Feature `index` of the file, checked.
  static func feature(_ item: JSON, index: Int, file: String, warnings: inout [String]) throws -> Feature {
    guard case .object(let members) = item else {
      throw InputError(
        file: file, location: .feature(index), message: "must be a Feature object, got \(item.typeName)")
    }
    if let twice = repeatedKey(members) {
      throw InputError(
        file: file, location: .feature(index), field: twice,
        message: "the feature has two \"\(twice)\" members; keep one")
    }
    var type: String?
    var geometry: JSON?
    var properties: JSON?
    var id: JSON?
    for (k, v) in members {
      switch k {
      case "type": if type == nil { type = v.string ?? "" }
      case "geometry": if geometry == nil { geometry = v }
      case "properties": if properties == nil { properties = v }
      case "id": if id == nil { id = v }
      default: break
      }
    }
    guard type == "Feature" else {
      throw InputError(
        file: file, location: .feature(index), field: "type",
        message: "expected \"Feature\", got \(type.map { "\"\($0)\"" } ?? "nothing")")
    }
    var props: [(String, JSON)] = []
    if let properties {
      switch properties {
      case .object(let m):
        if let twice = repeatedKey(m) {
          throw InputError(
            file: file, location: .feature(index), field: twice,
            message:
              "appears twice in the feature's properties; keep one (readers differ on which they take)")
        }
        props = m
      case .null: break
      default:
        throw InputError(
          file: file, location: .feature(index), field: "properties",
          message: "must be an object or null, got \(properties.typeName)")
      }
    }
    var geom: LonLatGeometry?
    if let geometry, !geometry.isNull {
      var ctx = GeometryParse(file: file, index: index)
      geom = try ctx.geometry(geometry)
      warnings.append(contentsOf: ctx.warnings)
    }
    return Feature(index: index, id: id, geometry: geom, properties: props)
  }

  /// The first key an object holds twice. JSON leaves repeated names undefined and GIS
  /// readers differ (some keep the first, some the last), so camgap refuses to guess.
  static func repeatedKey(_ members: [(String, JSON)]) -> String? {
    if members.count < 2 { return nil }
    if members.count <= 16 {
      for i in 1..<members.count {
        for j in 0..<i where members[j].0 == members[i].0 { return members[i].0 }
      }
      return nil
    }
    var seen = Set<String>()
    for (k, _) in members where !seen.insert(k).inserted { return k }
    return nil
  }

  /// The FeatureCollection's checks short of its features: the top level, `type`, `crs`
  /// and that `features` is an array.
  static func featureItems(of root: JSON, file: String) throws -> [JSON] {
    guard case .object = root else {
      throw InputError(
        file: file,
        message: "not GeoJSON: the top level is a \(root.typeName), not a FeatureCollection object")
    }
    guard let type = root["type"]?.string else {
      throw InputError(file: file, field: "type", message: "not GeoJSON: no \"type\" member")
    }
    guard type == "FeatureCollection" else {
      throw InputError(file: file, field: "type", message: "expected a FeatureCollection, got \"\(type)\"")
    }
    if let crs = root["crs"], let name = crs["properties"]?["name"]?.string {
      let ok = ["EPSG:4326", "urn:ogc:def:crs:OGC:1.3:CRS84", "urn:ogc:def:crs:EPSG::4326", "OGC:CRS84"]
      if !ok.contains(where: { name.uppercased().hasSuffix($0.uppercased()) || name == $0 }) {
        throw InputError(
          file: file, field: "crs",
          message:
            "coordinates are in \(name); camgap reads WGS84 longitude/latitude (reproject with ogr2ogr -t_srs EPSG:4326)"
        )
      }
    }
    guard let featuresJSON = root["features"] else {
      throw InputError(file: file, field: "features", message: "FeatureCollection has no \"features\" member")
    }
    guard case .array(let items) = featuresJSON else {
      throw InputError(
        file: file, field: "features", message: "must be an array, got \(featuresJSON.typeName)")
    }
    return items
  }

  /// Where each feature of a FeatureCollection lies in `bytes`, with every check of the
  /// document outside the features made (valid JSON, FeatureCollection, WGS84); nil when
  /// anything there is wrong, or the features are not a plain array. For readers that
  /// decode features of one known shape straight from the bytes, in parallel, and read
  /// the whole file with `parse` when they meet anything else. Features lie at nesting
  /// depth 2 (`JSONCursor`).
  public static func featureSpans(bytes: UnsafeBufferPointer<UInt8>, file: String) -> [Range<Int>]? {
    guard let (root, spans) = try? JSONParser.parseSkippingFeatures(bytes: bytes), let ranges = spans,
      let items = try? featureItems(of: root, file: file), items.isEmpty
    else { return nil }
    return ranges
  }
}

struct GeometryParse {
  let file: String
  let index: Int
  var warnings: [String] = []

  func err(_ field: String, _ message: String) -> InputError {
    InputError(file: file, location: .feature(index), field: field, message: message)
  }

  mutating func geometry(_ g: JSON) throws -> LonLatGeometry {
    guard case .object = g else { throw err("geometry", "must be an object, got \(g.typeName)") }
    guard let type = g["type"]?.string else { throw err("geometry.type", "missing") }
    if type == "GeometryCollection" {
      throw err("geometry.type", "GeometryCollection is not supported; split it into features")
    }
    guard let coords = g["coordinates"] else { throw err("geometry.coordinates", "missing") }
    switch type {
    case "Point": return .point(try position(coords))
    case "MultiPoint": return .multiPoint(try positions(coords, min: 1, what: "MultiPoint"))
    case "LineString": return .lineString(try positions(coords, min: 2, what: "LineString"))
    case "MultiLineString":
      guard case .array(let parts) = coords else { throw err("geometry.coordinates", "must be an array") }
      guard !parts.isEmpty else { throw err("geometry.coordinates", "an empty MultiLineString has no line") }
      return .multiLineString(try parts.map { try positions($0, min: 2, what: "LineString") })
    case "Polygon": return .polygon(try polygon(coords))
    case "MultiPolygon":
      guard case .array(let parts) = coords else { throw err("geometry.coordinates", "must be an array") }
      guard !parts.isEmpty else { throw err("geometry.coordinates", "an empty MultiPolygon has no area") }
      return .multiPolygon(try parts.map { try polygon($0) })
    default:
      throw err("geometry.type", "unknown geometry type \"\(type)\"")
    }
  }

  func position(_ p: JSON) throws -> XY {
    guard case .array(let a) = p, a.count >= 2 else {
      throw err("geometry.coordinates", "a position must be an array of 2 numbers")
    }
    guard let lon = a[0].number, let lat = a[1].number else {
      throw err(
        "geometry.coordinates", "a position must hold numbers, got \(a[0].typeName), \(a[1].typeName)")
    }
    guard lon.isFinite, lat.isFinite else { throw err("geometry.coordinates", "coordinate is not finite") }
    guard abs(lon) <= 180 else { throw err("geometry.coordinates", "longitude \(lon) outside [-180, 180]") }
    guard abs(lat) <= 90 else {
      if abs(lon) <= 90 && abs(lat) <= 180 {
        throw err(
          "geometry.coordinates",
          "latitude \(lat) outside [-90, 90]; latitude and longitude look swapped ([lat, lon] instead of [lon, lat])"
        )
      }
      throw err("geometry.coordinates", "latitude \(lat) outside [-90, 90]")
    }
    return XY(lon, lat)
  }

  func positions(_ p: JSON, min: Int, what: String) throws -> [XY] {
    guard case .array(let a) = p else { throw err("geometry.coordinates", "must be an array of positions") }
    guard a.count >= min else {
      throw err("geometry.coordinates", "a \(what) needs at least \(min) positions, got \(a.count)")
    }
    return try a.map(position)
  }

  mutating func polygon(_ p: JSON) throws -> [[XY]] {
    guard case .array(let rings) = p, !rings.isEmpty else {
      throw err("geometry.coordinates", "a Polygon must be an array of rings")
    }
    var out: [[XY]] = []
    for (r, ringJSON) in rings.enumerated() {
      var ring = try positions(ringJSON, min: 3, what: "ring")
      if ring.first != ring.last {
        ring.append(ring[0])
        warnings.append("\(file): feature \(index): ring \(r) was not closed; closed it")
      }
      guard ring.count >= 4 else {
        throw err(
          "geometry.coordinates", "ring \(r) has \(ring.count) positions; a closed ring needs at least 4")
      }
      out.append(ring)
    }
    return out
  }
}
