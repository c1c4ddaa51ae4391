import Foundation
import Geometry
import Support

/// Camera kinds of SPEC §1; each brings its default field of view and range so that a
/// register with only positions still audits.
public enum CameraKind: String, CaseIterable, Sendable, Comparable {
  case fixed, dome, ptz, panoramic

  public var defaultFOV: Double {
    switch self {
    case .fixed, .dome: return 90
    case .ptz, .panoramic: return 360
    }
  }

  public var defaultRange: Double {
    switch self {
    case .fixed: return 40
    case .dome: return 30
    case .ptz: return 80
    case .panoramic: return 15
    }
  }

  public static func < (a: CameraKind, b: CameraKind) -> Bool {
    allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
  }
}

public enum CameraStatus: String, CaseIterable, Sendable {
  case active, offline, maintenance, retired, planned
}

/// A calendar date (ISO 8601 `YYYY-MM-DD`), compared as a whole day: camgap's dates
/// (installation, removal, zone validity) have no time of day.
public struct ISODate: Comparable, Hashable, Sendable, CustomStringConvertible {
  public let year: Int
  public let month: Int
  public let day: Int

  public init?(_ text: String) {
    // The common form, digits exactly where they belong, without Foundation's trimming
    // (which cost more than the rest of a camera record).
    var t = text
    if let d = t.withUTF8({ ISODate(exactly: $0) }) {
      self = d
      return
    }
    let s = text.trimmingCharacters(in: .whitespaces)
    let parts = s.split(separator: "-", omittingEmptySubsequences: false)
    guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
      let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
      (1...12).contains(m), d >= 1, d <= ISODate.daysIn(month: m, year: y)
    else { return nil }
    year = y
    month = m
    day = d
  }

  /// Exactly `YYYY-MM-DD` in ASCII digits, a real day; nil for anything else, even a
  /// date the string initialiser accepts (with spaces around it).
  init?(exactly utf8: UnsafeBufferPointer<UInt8>) {
    guard utf8.count == 10 else { return nil }
    var y = 0
    var m = 0
    var d = 0
    for k in 0..<10 {
      let c = utf8[k]
      if k == 4 || k == 7 {
        guard c == UInt8(ascii: "-") else { return nil }
      } else {
        guard c >= 0x30 && c <= 0x39 else { return nil }
        let digit = Int(c - 0x30)
        if k < 4 { y = y * 10 + digit } else if k < 7 { m = m * 10 + digit } else { d = d * 10 + digit }
      }
    }
    guard (1...12).contains(m), d >= 1, d <= ISODate.daysIn(month: m, year: y) else { return nil }
    year = y
    month = m
    day = d
  }

  static func daysIn(month: Int, year: Int) -> Int {
    switch month {
    case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
  }

  public var description: String {
    let y = String(year)
    let m = month < 10 ? "0\(month)" : "\(month)"
    let d = day < 10 ? "0\(day)" : "\(day)"
    return "\(String(repeating: "0", count: max(0, 4 - y.count)))\(y)-\(m)-\(d)"
  }

  public static func < (a: ISODate, b: ISODate) -> Bool {
    (a.year, a.month, a.day) < (b.year, b.month, b.day)
  }
}

/// The numbers a camera's record may state besides its position: the optics (SPEC §1 `fov`
/// to `tilt`) and the class, each nil when the record does not give it. `Camera` and the
/// registry's `CameraRecord` hold the same fields as this one value, so a camera stored and
/// read back keeps them without a field-by-field copy.
public struct CameraSpecs: Equatable, Sendable {
  public var fov: Double?
  public var range: Double?
  public var resolution: Double?
  public var minRange: Double?
  public var height: Double?
  public var tilt: Double?
  public var cameraClass: Int?

  public init() {}
}

/// One camera as the registry keeps it: what was recorded, not what was derived. Derived
/// optics (range from resolution, blind zone from height and tilt) are computed by
/// `Optics` at audit time, so a change of `--dori` never needs a re-import. The fields of
/// `specs` read and write as the camera's own (`camera.fov`).
@dynamicMemberLookup
public struct Camera: Equatable, Sendable {
  public var id: String
  public var name: String = ""
  /// WGS84 degrees.
  public var lon: Double
  public var lat: Double
  public var kind: CameraKind = .fixed
  /// One entry per view; several for a node carrying several cameras ("305;175;240").
  /// Empty when the heading is unknown.
  public var views: [ViewDirection] = []
  public var specs = CameraSpecs()
  public var status: CameraStatus = .active
  public var installed: ISODate?
  public var removed: ISODate?

  public init(id: String, lon: Double, lat: Double) {
    self.id = id
    self.lon = lon
    self.lat = lat
  }

  @inlinable
  public subscript<T>(dynamicMember field: WritableKeyPath<CameraSpecs, T>) -> T {
    get { specs[keyPath: field] }
    set { specs[keyPath: field] = newValue }
  }

  /// The heading as it is written back to files: a number for one plain view, the OSM
  /// string (`"305;175;240"`, `"243-288"`) otherwise, nil when unknown.
  public var headingText: String? {
    if views.isEmpty { return nil }
    return views.map { v in
      if v.extraSweep == 0 { return JSONWriter.number(v.heading) }
      if v.extraSweep >= 360 { return "0-360" }
      let a = normalizeDegrees(v.heading - v.extraSweep / 2)
      let b = normalizeDegrees(v.heading + v.extraSweep / 2)
      return "\(JSONWriter.number(a))-\(JSONWriter.number(b))"
    }.joined(separator: ";")
  }

  /// Whether the camera counts on a given day (SPEC §2 Dates). Without a date, every
  /// camera with no removal date counts, so the same files always give the same audit.
  public func inService(on date: ISODate?) -> Bool {
    guard let date else { return removed == nil }
    if let installed, date < installed { return false }
    if let removed, date >= removed { return false }
    return true
  }
}

/// Maps degrees into [0, 360).
public func normalizeDegrees(_ d: Double) -> Double {
  var r = d.truncatingRemainder(dividingBy: 360)
  if r < 0 { r += 360 }
  if r >= 360 { r -= 360 }
  return r == 0 ? 0 : r
}
