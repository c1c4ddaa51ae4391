import Support

/// The camera fields of SPEC §1, in the order every export, listing and history entry uses.
/// The raw value is the SPEC name: the GeoJSON property and the CSV column.
public enum CameraField: String, CaseIterable, Sendable {
  case id, name, lon, lat, kind, heading, fov, range, resolution
  case minRange = "min_range"
  case height, tilt
  case cameraClass = "class"
  case status, installed, removed

  /// Fields an `update` may change; the id is the record's identity.
  public static let editable: [CameraField] = allCases.filter { $0 != .id }

  /// Position in `allCases`, without a search: records are indexed by it for every field of
  /// every one of 150,000 cameras.
  public var index: Int {
    switch self {
    case .id: return 0
    case .name: return 1
    case .lon: return 2
    case .lat: return 3
    case .kind: return 4
    case .heading: return 5
    case .fov: return 6
    case .range: return 7
    case .resolution: return 8
    case .minRange: return 9
    case .height: return 10
    case .tilt: return 11
    case .cameraClass: return 12
    case .status: return 13
    case .installed: return 14
    case .removed: return 15
    }
  }

  /// Everything SPEC §1 says of this field.
  public var spec: FieldSpec { CameraFields.table[index] }

  /// The position is the Point of a GeoJSON feature, and a pair of columns only in CSV.
  public var isPosition: Bool { self == .lon || self == .lat }

  /// Stored and written as a number (`class` included).
  public var isNumber: Bool {
    switch spec.type {
    case .number, .integer: return true
    default: return false
    }
  }
}

/// What a field's values are.
public enum FieldType: Equatable, Sendable {
  case text
  case number
  /// A whole number, one of the values listed.
  case integer([Int])
  /// One of the names listed, as SPEC §1 spells them.
  case choice([String])
  /// ISO 8601 `YYYY-MM-DD`.
  case date
  /// Degrees clockwise from true north, or an OSM direction string.
  case heading
}

/// One end of a range of numbers.
public struct Bound: Equatable, Sendable {
  public var value: Double
  /// Whether `value` itself is allowed.
  public var closed: Bool

  public init(_ value: Double, closed: Bool) {
    self.value = value
    self.closed = closed
  }
}

/// The numbers a field allows, open or closed at each end exactly as SPEC §1 writes them.
public struct Limits: Equatable, Sendable {
  public var lower: Bound?
  public var upper: Bound?

  public init(lower: Bound?, upper: Bound?) {
    self.lower = lower
    self.upper = upper
  }

  public func contains(_ v: Double) -> Bool {
    if let l = lower, l.closed ? !(v >= l.value) : !(v > l.value) { return false }
    if let u = upper, u.closed ? !(v <= u.value) : !(v < u.value) { return false }
    return true
  }

  /// Both ends in interval notation, `[0, 360]` or `(0, 360]`; nil when one is open-ended.
  public var interval: String? {
    guard let l = lower, let u = upper else { return nil }
    return
      "\(l.closed ? "[" : "(")\(JSONWriter.number(l.value)), \(JSONWriter.number(u.value))\(u.closed ? "]" : ")")"
  }

  /// As messages write it: `in [0, 360]`, `in (0, 360]`, `> 0`, `≥ 0`.
  public var text: String {
    if let interval { return "in " + interval }
    switch (lower, upper) {
    case (let l?, nil): return "\(l.closed ? "≥" : ">") \(JSONWriter.number(l.value))"
    case (nil, let u?): return "\(u.closed ? "≤" : "<") \(JSONWriter.number(u.value))"
    default: return "any number"
    }
  }
}

/// What a reader does when a field is absent.
public enum FieldDefault: Equatable, Sendable {
  /// A record without it is bad.
  case required
  /// The reader fills this value in (and the registry column defaults to it).
  case value(String)
  /// The field stays absent; the audit derives a value (described here) when it needs one.
  case derived(String)
  /// Absent is absent.
  case none
}

/// One camera field of SPEC §1: the one place its name, aliases, type, limits, default and
/// registry column are written. Readers, the byte decoder, the registry's checks and its
/// tests take them from here, so a limit changed here changes everywhere at once. A class,
/// so the byte decoder's look-up of a field's rules on every value copies one reference.
public final class FieldSpec: Sendable {
  public let field: CameraField
  public let type: FieldType
  public let limits: Limits?
  /// Words that follow the limits in a message (`metres`, `pixels`).
  public let unit: String?
  public let defaultValue: FieldDefault
  /// The column of the registry's `camera` table.
  public let column: String
  /// Names other systems use for the field (SPEC §5), for readers of planners' own files.
  public let aliases: [String]

  /// The values an integer field allows, as numbers; nil for other fields.
  let allowedNumbers: [Double]?
  /// The names a choice field allows. Held here as well as in `type`: an array inside a
  /// multi-payload enum is pointed to through a tagged pointer, which leak checkers
  /// (valgrind) cannot follow, so the table would show as lost memory.
  let choiceNames: [String]?

  init(
    field: CameraField, type: FieldType, limits: Limits?, unit: String?, defaultValue: FieldDefault,
    column: String, aliases: [String]
  ) {
    self.field = field
    self.type = type
    self.limits = limits
    self.unit = unit
    self.defaultValue = defaultValue
    self.column = column
    self.aliases = aliases
    if case .integer(let allowed) = type {
      allowedNumbers = allowed.map(Double.init)
    } else {
      allowedNumbers = nil
    }
    if case .choice(let names) = type { choiceNames = names } else { choiceNames = nil }
  }

  /// The SPEC §1 name.
  public var name: String { field.rawValue }

  /// What a value must be, as messages say it: `in (0, 360]`, `> 0 metres`, `1, 2 or 3`.
  public var rule: String {
    if case .integer(let allowed) = type { return Self.list(allowed.map(String.init)) }
    if let choiceNames { return Self.list(choiceNames) }
    return [limits?.text, unit].compactMap { $0 }.joined(separator: " ")
  }

  /// Whether a number is allowed: within the limits, and one of the listed values for an
  /// integer field.
  public func allows(_ v: Double) -> Bool {
    if let allowedNumbers, !allowedNumbers.contains(v) { return false }
    return limits?.contains(v) ?? true
  }

  /// `a, b or c`, as SPEC §1 and the messages list allowed values.
  static func list(_ items: [String]) -> String {
    guard let last = items.last else { return "" }
    return items.count == 1 ? last : items.dropLast().joined(separator: ", ") + " or " + last
  }
}

/// The table of SPEC §1 camera fields, in `CameraField` order.
public enum CameraFields {
  public static let table: [FieldSpec] = CameraField.allCases.map(spec)

  /// The largest range, given or derived from a resolution (SPEC §1 and the README).
  public static let maxRange = 5000.0

  static func range(_ lo: Double, _ loClosed: Bool, _ hi: Double, _ hiClosed: Bool) -> Limits {
    Limits(lower: Bound(lo, closed: loClosed), upper: Bound(hi, closed: hiClosed))
  }

  static func above(_ lo: Double, closed: Bool) -> Limits {
    Limits(lower: Bound(lo, closed: closed), upper: nil)
  }

  static func spec(_ f: CameraField) -> FieldSpec {
    func make(
      _ type: FieldType, _ limits: Limits? = nil, unit: String? = nil, absent d: FieldDefault = .none,
      aliases: [String] = []
    ) -> FieldSpec {
      FieldSpec(
        field: f, type: type, limits: limits, unit: unit, defaultValue: d, column: f.rawValue,
        aliases: aliases)
    }
    switch f {
    case .id:
      return make(
        .text, absent: .required,
        aliases: ["DeviceID", "deviceId", "gbIndexCode", "cameraIndexCode", "设备编码", "国标编码", "点位编号"])
    case .name:
      return make(
        .text, absent: .value(""), aliases: ["cameraName", "positionName", "title", "点位名称", "设备名称", "名称"])
    case .lon:
      return make(
        .number, range(-180, true, 180, true), absent: .required, aliases: ["longitude", "lng", "x", "经度"])
    case .lat:
      return make(.number, range(-90, true, 90, true), absent: .required, aliases: ["latitude", "y", "纬度"])
    case .kind:
      return make(
        .choice(CameraKind.allCases.map(\.rawValue)), absent: .value(CameraKind.fixed.rawValue),
        aliases: ["camera:type", "摄像机类型"])
    case .heading:
      return make(
        .heading, range(0, true, 360, true),
        absent: .derived("unknown: covers nothing, or a disc with --unknown-heading disc"),
        aliases: ["direction", "camera:direction", "azimuth", "方向角", "朝向"])
    case .fov:
      return make(
        .number, range(0, false, 360, true), absent: .derived("fixed 90, dome 90, ptz 360, panoramic 360"),
        aliases: ["HorizontalFieldAngle"])
    case .range:
      // A camera sees a few kilometres at most; a larger range is a unit error (millimetres,
      // or a resolution typed into the range) whose footprint would leave PROJ's domain.
      return make(
        .number, range(0, false, maxRange, true), unit: "metres",
        absent: .derived("from resolution, else the kind's"),
        aliases: ["MaxViewDistance"])
    case .resolution: return make(.number, above(0, closed: false), unit: "pixels")
    case .minRange: return make(.number, above(0, closed: true), unit: "metres", absent: .derived("0"))
    case .height: return make(.number, range(0, true, 1000, false), unit: "metres")
    case .tilt: return make(.number, range(-90, true, 90, true), unit: "degrees below horizontal")
    case .cameraClass: return make(.integer([1, 2, 3]), aliases: ["PointType", "点位类型"])
    case .status:
      return make(
        .choice(CameraStatus.allCases.map(\.rawValue)), absent: .value(CameraStatus.active.rawValue))
    case .installed: return make(.date, aliases: ["InstallTime"])
    case .removed: return make(.date)
    }
  }
}

/// Datum of input coordinates (`--input-crs`): WGS84, or the offset coordinates of a Chinese
/// web map, converted to WGS84 before anything is measured or stored.
public enum InputCRS: String, CaseIterable, Sendable {
  case wgs84, gcj02, bd09

  public func toWGS84(lon: Double, lat: Double) -> (lon: Double, lat: Double) {
    switch self {
    case .wgs84: return (lon, lat)
    case .gcj02: return ChineseCoordinates.gcj02ToWGS84(lon: lon, lat: lat)
    case .bd09: return ChineseCoordinates.bd09ToWGS84(lon: lon, lat: lat)
    }
  }
}

extension ViewDirection {
  /// A plain numeric heading inside the heading's limits; 360 is north, stored as 0 so
  /// that its footprint is the very footprint of heading 0.
  public static func plain(_ degrees: Double) -> ViewDirection {
    ViewDirection(heading: degrees == 360 ? 0 : degrees, extraSweep: 0)
  }
}

extension Camera {
  /// Sets the number field `f` (not the position); the one place a field name meets a
  /// `Camera` property, for every reader.
  mutating func setNumber(_ f: CameraField, _ v: Double) {
    switch f {
    case .fov: specs.fov = v
    case .range: specs.range = v
    case .resolution: specs.resolution = v
    case .minRange: specs.minRange = v
    case .height: specs.height = v
    case .tilt: specs.tilt = v
    case .cameraClass: specs.cameraClass = Int(v)
    case .heading: views = [.plain(v)]
    case .lon: lon = v
    case .lat: lat = v
    default: break
    }
  }
}
