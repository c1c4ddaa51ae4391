import Cameras
import Geometry
import Support

public struct AuditOptions: Sendable {
  public var optics = OpticsOptions()
  /// Gap parts smaller than this (m²) are dropped and counted.
  public var minGapArea = 10.0
  /// Audit the network as it stood on this day.
  public var on: ISODate?
  /// Let `planned` cameras cover, to preview a plan.
  public var includePlanned = false
  public var threads = Parallel.defaultThreads
  /// Tile side in metres; nil picks one from the camera density. Results do not depend on
  /// it (beyond floating-point rounding), which the tests check.
  public var tileSize: Double?
  /// Keep every active camera's footprint in the result (maps, `camgap coverage`).
  public var keepFootprints = false
  /// Keep the covered area of each district as polygons (`camgap coverage --dissolve`).
  public var keepCoverage = false
  /// Metres a storey adds to a building that gives `building:levels` and no `height`.
  public var levelHeight = 3.0
  /// Height of the targets over the ground (metres; 1.6 for faces): sight lines end there.
  public var targetHeight = 0.0
  /// Called with (done, total) tiles.
  public var progress: (@Sendable (Int, Int) -> Void)?

  public init() {}
}
