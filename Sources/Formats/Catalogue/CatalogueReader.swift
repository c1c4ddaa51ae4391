import Foundation
import Geometry
import Support

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// A GB/T 28181 catalogue read as camera features.
public struct CatalogueFile: Sendable {
  /// Camera features with SPEC §1 property names, one per camera item, `index` the item's
  /// 0-based position among all items of the file.
  public var collection: FeatureCollection
  /// Items that are not cameras (NVRs, platforms, organisations, regions).
  public var skippedNonCameras: Int
}

/// Reads a video platform's answer to a GB/T 28181 `Catalog` query (SPEC §5): one or more
/// `<Response>` documents (a platform answers in pages) whose `<DeviceList>` items become
/// one list of cameras. Mapped as GB/T 28181-2022 Annex A defines the items: DeviceID,
/// Name, Status, Longitude/Latitude and, in `<Info>`, PTZType, DirectionType,
/// HorizontalFieldAngle, MaxViewDistance, PointType and InstallTime.
public enum CatalogueReader {
  /// Whether a cameras file is read as a catalogue.
  public static func handles(path: String) -> Bool { path.lowercased().hasSuffix(".xml") }

  public static func read(path: String) throws -> CatalogueFile {
    let file = (path as NSString).lastPathComponent
    guard let data = FileManager.default.contents(atPath: path) else {
      throw InputError(file: file, message: "cannot read file \(path)")
    }
    return try parse(bytes: [UInt8](data), file: file)
  }

  public static func parse(bytes: [UInt8], file: String) throws -> CatalogueFile {
    let text = try decode(bytes, file: file)
    let items = try CatalogueItems.parse(text, file: file)
    var features: [Feature] = []
    var warnings: [String] = []
    var skipped = 0
    for (index, item) in items.items.enumerated() {
      guard isCamera(item.values["DeviceID"] ?? "") else {
        skipped += 1
        continue
      }
      features.append(feature(item, index: index, file: file, warnings: &warnings))
    }
    if let sum = items.sumNum, sum != items.items.count {
      warnings.append(
        "\(file): the platform's SumNum is \(sum) but the file holds \(items.items.count) items; a page of the answer may be missing"
      )
    }
    return CatalogueFile(
      collection: FeatureCollection(file: file, features: features, warnings: warnings),
      skippedNonCameras: skipped)
  }

  /// GB/T 28181 codes: a 20-digit code is a camera when its device type (digits 11–13) is
  /// 131 or 132; a code of at most 8 digits is an administrative region of the tree. Any
  /// other id is the platform's own and is left to the camera reader to judge.
  static func isCamera(_ id: String) -> Bool {
    let digits = id.trimmingCharacters(in: .whitespaces)
    guard !digits.isEmpty, digits.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return true }
    if digits.utf8.count <= 8 { return false }
    guard digits.utf8.count == 20 else { return true }
    let type = digits.dropFirst(10).prefix(3)
    return type == "131" || type == "132"
  }

  /// The file's text in the encoding its declaration names (GB2312, GBK, GB18030 or UTF-8).
  static func decode(_ bytes: [UInt8], file: String) throws -> String {
    var body = bytes
    if body.starts(with: [0xEF, 0xBB, 0xBF]) { body.removeFirst(3) }
    let head = String(decoding: body.prefix(200), as: UTF8.self)
    var declared = "UTF-8"
    if let r = head.range(of: #"encoding\s*=\s*["']([A-Za-z0-9_\-]+)["']"#, options: .regularExpression) {
      declared =
        String(head[r]).split(whereSeparator: { $0 == "\"" || $0 == "'" }).dropFirst().first.map(String.init)
        ?? declared
    }
    switch declared.uppercased() {
    case "GB2312", "GBK", "GB18030", "CP936":
      guard let s = LegacyEncoding.gb18030(body) else {
        throw InputError(
          file: file,
          message: "not valid \(declared) text, as its XML declaration says it is; check the encoding")
      }
      return s
    case "UTF-8", "UTF8":
      guard let s = String(validating: body, as: UTF8.self) else {
        throw InputError(
          file: file, message: "not valid UTF-8, as its XML declaration says it is; check the encoding")
      }
      return s
    default:
      throw InputError(
        file: file,
        message: "encoding \"\(declared)\" is not read; save the catalogue as UTF-8, GB2312, GBK or GB18030")
    }
  }

  static let ptzKinds = [
    "1": "ptz", "2": "dome", "3": "fixed", "4": "fixed", "5": "dome", "6": "panoramic", "7": "fixed",
  ]
  static let directions: [String: Double] = [
    "1": 90, "2": 270, "3": 180, "4": 0, "5": 135, "6": 45, "7": 225, "8": 315,
  ]

  /// One camera item as SPEC §1 properties; codes outside the standard's lists are left
  /// out with a warning naming the line, so the camera keeps its defaults.
  static func feature(_ item: CatalogueItems.Item, index: Int, file: String, warnings: inout [String])
    -> Feature
  {
    let v = item.values
    var props: [(String, JSON)] = []
    func unknown(_ name: String, _ value: String, _ outcome: String) {
      warnings.append("\(file): line \(item.line): \(name) \"\(value)\" is not in GB/T 28181; \(outcome)")
    }
    if let id = v["DeviceID"] { props.append(("id", .string(id))) }
    if let name = v["Name"] { props.append(("name", .string(name))) }
    switch v["Status"]?.uppercased() {
    case "ON"?: props.append(("status", .string("active")))
    case "OFF"?: props.append(("status", .string("offline")))
    case let s?: unknown("Status", s, "status left as active")
    case nil: break
    }
    if let t = v["PTZType"] {
      if let k = ptzKinds[t] {
        props.append(("kind", .string(k)))
      } else {
        unknown("PTZType", t, "kind left as fixed")
      }
    }
    if let t = v["DirectionType"] {
      if let h = directions[t] {
        props.append(("heading", .number(h)))
      } else {
        unknown("DirectionType", t, "no heading")
      }
    }
    if let f = v["HorizontalFieldAngle"] { props.append(("fov", .string(f))) }
    if let r = v["MaxViewDistance"] { props.append(("range", .string(r))) }
    if let p = v["PointType"] {
      if ["1", "2", "3"].contains(p) {
        props.append(("class", .string(p)))
      } else if p != "9" {
        unknown("PointType", p, "no class")
      }
    }
    if let t = v["InstallTime"] {
      props.append(("installed", .string(String(t.prefix { $0 != "T" && $0 != " " }))))
    }
    var geometry: LonLatGeometry?
    if let lon = v["Longitude"].flatMap(Double.init), let lat = v["Latitude"].flatMap(Double.init),
      lon.isFinite, lat.isFinite, lon != 0 || lat != 0
    {
      geometry = .point(XY(lon, lat))
    }
    return Feature(index: index, geometry: geometry, properties: props)
  }
}
