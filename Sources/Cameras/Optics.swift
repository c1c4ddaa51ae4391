import Foundation
import Geometry
import Support

/// IEC 62676-4 pixel densities. A planner asks "where can we *recognise* a face?", not
/// "how far does the lens reach?", so the range follows the level asked.
public enum DORI: String, CaseIterable, Sendable {
  case detect, observe, recognise, identify

  /// Pixels per metre at the target.
  public var density: Double {
    switch self {
    case .detect: return 25
    case .observe: return 62.5
    case .recognise: return 125
    case .identify: return 250
    }
  }
}

/// What to do with a directional camera whose heading nobody recorded.
public enum UnknownHeadingPolicy: String, Sendable {
  /// Covers nothing: gaps must not hide behind unknowns.
  case none
  /// Treated as 360°.
  case disc
}

public struct OpticsOptions: Sendable {
  public var dori: DORI = .observe
  public var defaultRanges: [CameraKind: Double] = [:]
  public var unknownHeading: UnknownHeadingPolicy = .none

  public init(
    dori: DORI = .observe, defaultRanges: [CameraKind: Double] = [:],
    unknownHeading: UnknownHeadingPolicy = .none
  ) {
    self.dori = dori
    self.defaultRanges = defaultRanges
    self.unknownHeading = unknownHeading
  }

  public func defaultRange(_ kind: CameraKind) -> Double { defaultRanges[kind] ?? kind.defaultRange }
}

public enum RangeSource: String, Sendable {
  case given, resolution, kindDefault
}

/// A camera's derived optics for one audit: the views it covers, its range and blind zone.
public struct ResolvedOptics: Equatable, Sendable {
  /// (true bearing of the view's centre, field of view in degrees); a 360° view ignores the bearing.
  public var views: [(heading: Double, fov: Double)]
  public var range: Double
  public var rangeSource: RangeSource
  public var minRange: Double
  /// A directional camera with no recorded heading.
  public var unknownHeading: Bool

  public static func == (a: ResolvedOptics, b: ResolvedOptics) -> Bool {
    a.range == b.range && a.rangeSource == b.rangeSource && a.minRange == b.minRange
      && a.unknownHeading == b.unknownHeading
      && a.views.count == b.views.count
      && zip(a.views, b.views).allSatisfy { $0.heading == $1.heading && $0.fov == $1.fov }
  }
}

public enum Optics {
  /// `range = resolution / (density × 2 × tan(fov / 2))`, defined for fov < 180.
  public static func doriRange(resolution: Double, fov: Double, dori: DORI) -> Double? {
    guard fov > 0, fov < 180 else { return nil }
    return resolution / (dori.density * 2 * tan(fov / 2 * .pi / 180))
  }

  /// Cameras whose range, as given or as derived from `resolution` at the DORI level asked,
  /// is over the range limit of the field table, each named with the derived value. The
  /// reader refuses a given range over it; this also catches a range the reader cannot know
  /// (it depends on `--dori`) and a registry written before the limit, both of which would
  /// otherwise fail later in PROJ naming no camera.
  public static func rangeProblems(_ cameras: [Camera], dori: DORI, file: String) -> [InputError] {
    let spec = CameraField.range.spec
    var out: [InputError] = []
    for c in cameras {
      if let r = c.range {
        if !spec.allows(r) {
          out.append(
            InputError(
              file: file, field: "range",
              message: "camera \"\(c.id)\": must be \(spec.rule), got \(JSONWriter.number(r))"))
        }
      } else if let res = c.resolution,
        let r = doriRange(resolution: res, fov: c.fov ?? c.kind.defaultFOV, dori: dori),
        !spec.allows(r)
      {
        out.append(
          InputError(
            file: file, field: "resolution",
            message:
              "camera \"\(c.id)\": resolution \(JSONWriter.number(res)) px gives a range of \(JSONWriter.number(r.rounded())) m at DORI \(dori.rawValue), over the limit of \(JSONWriter.number(CameraFields.maxRange)) m; check resolution and fov"
          ))
      }
    }
    return out
  }

  /// Vertical field of view of a 16:9 sensor with the given horizontal one.
  public static func verticalFOV(horizontal: Double) -> Double {
    2 * atan(tan(horizontal / 2 * .pi / 180) * 9 / 16) * 180 / .pi
  }

  /// The ground hidden under the lower edge of the image: `height / tan(tilt + vfov/2)`.
  /// Zero when the lower edge looks straight down or beyond; infinite when it looks at or
  /// above the horizon (the camera then sees no ground). Undefined for fov ≥ 180, where
  /// camgap takes no blind zone (fisheye lenses see their own foot).
  public static func blindZone(height: Double, tilt: Double, horizontalFOV: Double) -> Double {
    guard horizontalFOV < 180 else { return 0 }
    let lower = tilt + 0.5 * verticalFOV(horizontal: horizontalFOV)
    if lower >= 90 { return 0 }
    if lower <= 0 { return .infinity }
    return height / tan(lower * .pi / 180)
  }

  public static func resolve(_ c: Camera, _ o: OpticsOptions) -> ResolvedOptics {
    let baseFOV = c.fov ?? c.kind.defaultFOV
    var range: Double
    var source: RangeSource
    if let r = c.range {
      range = r
      source = .given
    } else if let res = c.resolution, let r = doriRange(resolution: res, fov: baseFOV, dori: o.dori) {
      range = r
      source = .resolution
    } else {
      range = o.defaultRange(c.kind)
      source = .kindDefault
    }
    var minRange = 0.0
    if let m = c.minRange {
      minRange = m
    } else if let h = c.height, let t = c.tilt {
      minRange = blindZone(height: h, tilt: t, horizontalFOV: baseFOV)
    }
    var views: [(Double, Double)] = []
    var unknown = false
    if baseFOV >= 360 {
      views = [(0, 360)]
    } else if c.views.isEmpty {
      unknown = true
      if o.unknownHeading == .disc { views = [(0, 360)] }
    } else {
      for v in c.views {
        let fov = min(360, baseFOV + v.extraSweep)
        views.append(fov >= 360 ? (0, 360) : (v.heading, fov))
      }
    }
    if !range.isFinite { range = 0 }
    return ResolvedOptics(
      views: views, range: range, rangeSource: source, minRange: minRange, unknownHeading: unknown)
  }
}
