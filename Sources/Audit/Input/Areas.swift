import Cameras
import Geometry

/// Zone kinds of SPEC §1, the fast-changing areas a bureau must re-check every year.
public enum ZoneKind: String, CaseIterable, Sendable {
  case townRenovation = "town-renovation"
  case demolition
  case roadConstruction = "road-construction"
  case keySite = "key-site"
  case residential
  case other

  /// Key sites (logistics parks, car parks, public toilets…) must reach 0.9, others 0.8.
  public var defaultTarget: Double { self == .keySite ? 0.9 : 0.8 }
}

/// An administrative area audited: county, township or street.
public struct District: Sendable {
  public var code: String
  public var name: String
  public var parent: String?
  public var featureIndex: Int
  /// Metric plane, repaired if it was invalid.
  public var polygons: [PlanarPolygon]
}

/// An area with a coverage target.
public struct Zone: Sendable {
  public var id: String
  public var name: String
  public var kind: ZoneKind
  public var target: Double
  public var validFrom: ISODate?
  public var validTo: ISODate?
  public var featureIndex: Int
  public var polygons: [PlanarPolygon]

  /// Zones outside their validity are left out of an audit `--on` that date; without a
  /// date every zone counts.
  public func isValid(on date: ISODate?) -> Bool {
    guard let date else { return true }
    if let validFrom, date < validFrom { return false }
    if let validTo, date > validTo { return false }
    return true
  }
}

/// A road centre line.
public struct Road: Sendable {
  public var id: String
  public var name: String
  public var lines: [[XY]]
}

/// An obstacle: blocks sight lines and is not public space.
public struct Building: Sendable {
  public var featureIndex: Int
  public var polygons: [PlanarPolygon]
  /// Metres, from `height`; nil when absent or not a height (then `levels` is not used).
  public var height: Double?
  /// From `building:levels`, used only without a `height`.
  public var levels: Double?

  public init(featureIndex: Int, polygons: [PlanarPolygon], height: Double? = nil, levels: Double? = nil) {
    self.featureIndex = featureIndex
    self.polygons = polygons
    self.height = height
    self.levels = levels
  }

  /// The flat roof's height h_b of SPEC §2 (2.5-D occlusion); nil: unbounded, the 2-D rule.
  public func roofHeight(levelHeight: Double) -> Double? {
    height ?? levels.map { $0 * levelHeight }
  }
}

/// A camera placed in the metric plane.
public struct PlacedCamera: Sendable {
  public var camera: Camera
  public var position: XY
  /// Meridian convergence γ at the camera (degrees).
  public var convergence: Double
}
