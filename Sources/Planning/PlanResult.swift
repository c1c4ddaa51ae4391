import Audit
import Cameras
import Foundation
import Geometry

/// A zone's coverage before and after the proposals.
public struct PlannedZone: Sendable {
  public var id: String
  public var name: String
  public var kind: ZoneKind
  public var target: Double
  /// Weight its newly covered area had in the objective (0 for a zone already at target
  /// unless `--beyond-target`).
  public var weight: Double
  /// Public space (zone minus buildings), m².
  public var area: Double
  public var coveredBefore: Double
  public var coveredAfter: Double
  /// Sites (of any source) within the new camera's range of the zone's open gaps, and
  /// their site × heading candidates.
  public var candidateSites = 0
  public var candidates = 0
  /// Proposals that add to the zone's coverage.
  public var cameras = 0
  /// Why a zone below target has no candidate (nil when it has some, or is at target).
  public var noCandidates: String?

  public var coverageBefore: Double { PlannedZone.ratio(coveredBefore, area) }
  public var coverageAfter: Double { PlannedZone.ratio(coveredAfter, area) }
  public var meetsBefore: Bool { coverageBefore >= target }
  public var meetsAfter: Bool { coverageAfter >= target }

  /// The audit's ratio: covered area capped at the zone's, 0 for an empty zone.
  static func ratio(_ covered: Double, _ area: Double) -> Double { area > 0 ? min(covered, area) / area : 0 }
}

/// One proposed camera, in the order chosen.
public struct Proposal: Sendable {
  public var rank: Int
  /// The camera as it is written out: status `planned`, position in WGS84, optics given
  /// explicitly so an audit reads back exactly what was planned.
  public var camera: Camera
  /// The candidate site it stands on.
  public var site: String
  /// Metric plane.
  public var position: XY
  /// True bearing; nil for a 360° camera.
  public var heading: Double?
  public var fov: Double
  public var range: Double
  /// The objective's gain: newly covered zone area times the zone's weight.
  public var gain: Double
  /// Newly covered zone area, m² (zones with weight 0 included).
  public var newArea: Double
  /// Newly covered area per zone (indices into `PlanResult.zones`), ascending.
  public var zoneGains: [ZoneGain]
  /// Coverage of all zones together once this and every earlier proposal are built.
  public var zoneCoverage: Double
  public var zonesBelowTarget: Int
  /// What the camera sees after occlusion, WGS84, exteriors counter-clockwise.
  public var footprint: [PlanarPolygon]
  /// What it costs, and where its site came from.
  public var cost = 1.0
  public var source = SiteSource.pole
  /// Coverage of each zone of `zoneGains` once this proposal is built.
  public var zoneCoverageAfter: [Double] = []
  /// The audit's ids of the gaps it covers part of (`ZONE#rank`, the existing network's gaps).
  public var gaps: [String] = []
  /// Open gap parts it covers part of (indices into the planner's parts).
  var touchedParts: [Int] = []
}

public enum StopReason: String, Sendable {
  /// `--budget` proposals made.
  case budget
  /// `--until-targets`: every zone meets its target.
  case targetsMet = "targets-met"
  /// No candidate adds anything the objective counts.
  case noGain = "no-gain"
  /// `--budget-cost` spent: no camera left costs what remains.
  case budgetCost = "budget-cost"
}

public struct PlanResult: Sendable {
  public var crs: String
  public var budget: Int
  public var candidateSites: Int
  /// Site × heading combinations considered.
  public var candidates: Int
  public var proposals: [Proposal] = []
  public var zones: [PlannedZone] = []
  public var stop: StopReason = .budget
  public var warnings: [String] = []
  /// `--budget-cost`, if any.
  public var budgetCost: Double?
  /// Candidate sites by source.
  public var sitesBySource: [SiteSource: Int] = [:]
  /// No plan within the budget gains more than this (weighted, as `totalGain`).
  public var upperBound = 0.0
  /// The plan is the best single affordable camera, which gained more than the greedy.
  public var bestSingle = false

  public var zoneArea: Double { zones.reduce(0) { $0 + $1.area } }
  public var zoneCoveredBefore: Double { zones.reduce(0) { $0 + min($1.coveredBefore, $1.area) } }
  public var zoneCoveredAfter: Double { zones.reduce(0) { $0 + min($1.coveredAfter, $1.area) } }
  public var zoneCoverageBefore: Double { zoneArea > 0 ? zoneCoveredBefore / zoneArea : 0 }
  public var zoneCoverageAfter: Double { zoneArea > 0 ? zoneCoveredAfter / zoneArea : 0 }
  public var zonesBelowTargetBefore: Int { zones.filter { !$0.meetsBefore }.count }
  public var zonesBelowTargetAfter: Int { zones.filter { !$0.meetsAfter }.count }
  /// Sum of the proposals' objective gains.
  public var totalGain: Double { proposals.reduce(0) { $0 + $1.gain } }
  public var totalCost: Double { proposals.reduce(0) { $0 + $1.cost } }
}
