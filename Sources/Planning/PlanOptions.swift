import Audit
import Cameras
import Foundation
import Geometry
import Support

/// The camera a plan proposes, unless a candidate site says otherwise.
public struct NewCameraSpec: Sendable {
  public var kind: CameraKind = .fixed
  /// Degrees; nil takes the kind's default (fixed and dome 90, ptz and panoramic 360).
  public var fov: Double?
  /// Metres; nil derives it from `resolution` at the DORI level, else the kind's default.
  public var range: Double?
  /// Horizontal pixels, for a range at the audit's DORI level.
  public var resolution: Double?
  /// Mount height in metres, the eye of 2.5-D occlusion; nil: 5 m, as the audit takes it.
  public var height: Double?

  public init(kind: CameraKind = .fixed, fov: Double? = nil, range: Double? = nil, resolution: Double? = nil)
  {
    self.kind = kind
    self.fov = fov
    self.range = range
    self.resolution = resolution
  }
}

/// What to plan for and how.
public struct PlanOptions: Sendable {
  /// At most this many new cameras.
  public var budget: Int
  /// Stop as soon as every zone meets its target. The objective then counts each zone
  /// only up to its target (covering a zone beyond it does not bring the stop closer),
  /// unless `beyondTarget`.
  public var untilTargets = false
  /// Zones already at target count with their kind's weight instead of 0.
  public var beyondTarget = false
  /// Weight of newly covered area per zone kind; missing kinds take `defaultWeight`.
  public var weights: [ZoneKind: Double] = [:]
  /// Degrees between the headings tried at a site without a heading.
  public var headingStep = 30.0
  /// Metres between generated sites along roads.
  public var spacing = 25.0
  public var camera = NewCameraSpec()
  /// How the existing network is audited (optics, date, planned cameras, threads); its
  /// DORI level also turns `camera.resolution` into a range.
  public var audit = AuditOptions()
  /// Proposal ids are this prefix and the rank, zero-padded to three digits.
  public var idPrefix = "PLAN-"
  /// Stage messages for a terminal (counts, each proposal as it is chosen).
  public var log: (@Sendable (String) -> Void)?

  public init(budget: Int) { self.budget = budget }

  /// Key sites count double: the bureau's guidance ranks them first.
  public static func defaultWeight(_ kind: ZoneKind) -> Double { kind == .keySite ? 2 : 1 }

  public func weight(_ kind: ZoneKind) -> Double { weights[kind] ?? PlanOptions.defaultWeight(kind) }

  /// Usage errors, before any work is done.
  public func validate() throws {
    func bad(_ m: String) -> PlanError { PlanError.usage(m) }
    guard budget >= 1 else { throw bad("--budget must be ≥ 1") }
    guard headingStep > 0, headingStep <= 360, headingStep.isFinite else {
      throw bad("--heading-step must be in (0, 360]")
    }
    guard spacing > 0, spacing.isFinite else { throw bad("--spacing must be > 0 metres") }
    if let f = camera.fov, !(f > 0 && f <= 360) { throw bad("--fov must be in (0, 360]") }
    if let r = camera.range, !(r > 0 && r.isFinite) { throw bad("--range must be > 0 metres") }
    if let r = camera.resolution, !(r > 0 && r.isFinite) { throw bad("--resolution must be > 0 pixels") }
    for (k, w) in weights where !(w >= 0 && w.isFinite) { throw bad("--weight \(k.rawValue) must be ≥ 0") }
    let eye = camera.height ?? Occlusion.defaultEye
    if eye <= audit.targetHeight {
      throw bad(
        "the new cameras' eye (\(JSONWriter.number(eye)) m) must be above --target-height \(JSONWriter.number(audit.targetHeight)) m"
      )
    }
  }
}

public enum PlanError: Error, CustomStringConvertible, Sendable {
  /// A bad combination of options (exit 1).
  case usage(String)

  public var description: String {
    switch self {
    case .usage(let m): return m
    }
  }
}
