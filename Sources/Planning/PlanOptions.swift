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

/// Where a candidate site comes from, in the planner's order of preference: at equal
/// gain per cost the earlier kind is placed first (a pole already standing beats a new
/// mast dug in the open).
public enum SiteSource: String, CaseIterable, Sendable {
  /// `--sites` or `--candidates`: poles and lamp posts the bureau already has.
  case pole
  /// Along roads within reach of an open gap.
  case road
  /// Along the boundary (fences and gates) of a zone below target.
  case boundary
  /// On building walls that face an open gap.
  case wall
  /// A square grid inside the open gap itself.
  case grid

  /// Prefix of generated site ids (`R12`, `B3`, …).
  var idPrefix: String {
    switch self {
    case .pole: return "P"
    case .road: return "R"
    case .boundary: return "B"
    case .wall: return "W"
    case .grid: return "G"
    }
  }
}

/// What a camera costs at a site of each source, in the budget's units. `new` is every
/// generated site (a new mast or bracket) unless its own source is priced.
public struct SiteCosts: Sendable, Equatable {
  public var pole = 1.0
  public var new = 1.0
  public var bySource: [SiteSource: Double] = [:]

  public init() {}

  public func cost(_ source: SiteSource) -> Double {
    if let c = bySource[source] { return c }
    return source == .pole ? pole : new
  }

  /// Every source costs the same: a camera budget alone decides, as without costs.
  var uniform: Bool { Set(SiteSource.allCases.map(cost)).count == 1 }
}

/// What to plan for and how.
public struct PlanOptions: Sendable {
  /// A camera budget that never binds, when only `budgetCost` limits the plan.
  public static let unlimited = Int.max

  /// At most this many new cameras (`unlimited` when only the cost budget counts).
  public var budget: Int
  /// At most this much total cost (nil: only the camera budget counts).
  public var budgetCost: Double?
  /// Cost of a camera per site source; a site's own `cost` overrides it.
  public var costs = SiteCosts()
  /// At most this many cameras on one site (two back to back on a pole).
  public var maxPerSite = 2
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
    if let b = budgetCost, !(b > 0 && b.isFinite) { throw bad("--budget-cost must be > 0") }
    guard maxPerSite >= 1 else { throw bad("--max-per-site must be ≥ 1") }
    for s in SiteSource.allCases where !(costs.cost(s) > 0 && costs.cost(s).isFinite) {
      throw bad("--cost \(s.rawValue) must be > 0")
    }
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
