import Cameras
import Foundation
import Geometry

/// One zone's public space and what the active cameras leave of it, in the metric plane.
public struct ZoneGaps: Sendable {
  /// Index of the zone in `AuditInput.zones`.
  public var zone: Int
  /// Area of the zone minus buildings (m²), as the audit measures it.
  public var area: Double
  /// Covered part of that area (m²), as the audit measures it.
  public var covered: Double
  /// The uncovered area, cut along the tile grid: the parts partition the gap, none is
  /// dropped, so `area − covered` is their total up to rounding.
  public var gapParts: [PlanarPolygon]
}

/// The zone gaps of an audit as geometry rather than a report: what a planner placing
/// new cameras subtracts from. Same footprints, occlusion and public space as
/// `AuditEngine.run`, so a later audit with the new cameras reproduces what is predicted
/// from these parts.
public enum GapGeometry {
  /// Zones valid on `options.on`, in input order. `tileSize` sets how finely the gaps are
  /// cut (smaller parts make later overlays with small footprints cheaper); nil takes
  /// `options.tileSize` or the audit's automatic size.
  public static func zones(_ input: AuditInput, options: AuditOptions, tileSize: Double? = nil) throws
    -> [ZoneGaps]
  {
    let threads = max(1, options.threads)
    let ctx = GEOSContext()
    let fps = try FootprintBuilder.build(input, options: options, threads: threads)
    let zoneIndices = input.zones.indices.filter { input.zones[$0].isValid(on: options.on) }
    if zoneIndices.isEmpty { return [] }

    let space = try PublicSpace(input, context: ctx)

    var targets: [Target] = []
    var areas: [Double] = []
    for zi in zoneIndices {
      let (t, a) = try space.target(input.zones[zi].polygons, wantGaps: true, wantClasses: false)
      targets.append(t)
      areas.append(a)
    }
    var extent = BBox.empty
    for t in targets { extent.add(t.bbox) }
    if extent.isEmpty {
      return zoneIndices.enumerated().map {
        ZoneGaps(zone: $0.element, area: areas[$0.offset], covered: 0, gapParts: [])
      }
    }
    let grid = try CoverageEngine.grid(
      extent: extent, footprints: fps.items, size: tileSize ?? options.tileSize)
    var engine = CoverageEngine(
      grid: grid, footprints: fps.items, targets: targets, roads: [], roadDistricts: [], classes: false)
    engine.inside = try CoverageEngine.inside(of: fps, threads: threads)
    let tiles = try engine.run(
      fpByTile: CoverageEngine.footprintsByTile(fps.items, grid: grid), threads: threads,
      progress: options.progress)

    var covered = [Double](repeating: 0, count: targets.count)
    var parts = [[PlanarPolygon]](repeating: [], count: targets.count)
    for t in tiles {
      for (ti, a) in t.covered { covered[ti] += a }
      for (ti, p, _) in t.gapPieces { parts[ti].append(p) }
    }
    return zoneIndices.enumerated().map { k, zi in
      ZoneGaps(zone: zi, area: areas[k], covered: min(covered[k], areas[k]), gapParts: parts[k])
    }
  }
}

/// Line of sight for cameras that are not in the input (a planner's candidates): the
/// audit's own occlusion by buildings, so a footprint computed here is the one a later
/// audit computes for the same camera. Holds a GEOS context: one per thread.
public final class SightLines {
  let worker: OcclusionWorker
  public let hasBuildings: Bool

  public init(buildings: [Building], options: AuditOptions) throws {
    worker = try OcclusionWorker(
      buildings: buildings, levelHeight: options.levelHeight, targetHeight: options.targetHeight)
    hasBuildings = !buildings.isEmpty
  }

  /// The part of `footprint` a camera at `camera` with its eye `eye` metres up sees.
  public func visible(_ footprint: PlanarPolygon, from camera: XY, eye: Double) throws -> [PlanarPolygon] {
    if !hasBuildings { return [footprint] }
    return try worker.visible(footprint, from: camera, eye: eye)
  }
}
