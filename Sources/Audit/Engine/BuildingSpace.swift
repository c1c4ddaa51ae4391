import Foundation
import Geometry

/// Which footprints can see into a building.
///
/// Occlusion takes every building that meets a footprint out of it with its shadow (SPEC §2),
/// so a visible footprint meets a building's inside in no area at all, except the building
/// a camera stands on or in: that one does not block it (`OcclusionWorker.onWall`). A
/// district's covered public space is therefore its covered area as drawn less the area the
/// few footprints of such cameras cover inside buildings, and the tiles' sweep measures the
/// district without a hole for each building, which would give it a slab at every building
/// corner.
enum BuildingSpace {
  /// How far outside a building's box a camera still counts as standing on it: twice the
  /// occlusion's wall distance, so no footprint that keeps a building's inside is missed;
  /// one flagged without need costs only time.
  static let margin = 2 * OcclusionWorker.onWall

  /// Where a camera stands on the building: its box widened by `margin`.
  static func standingBox(_ b: BuildingItem) -> BBox { b.bbox.expanded(by: margin) }

  /// Per footprint: its camera's position when the camera stands in a building's box
  /// widened by `margin`, else nil.
  static func entering(
    _ items: [FootprintSet.Item], cameras: [PlacedCamera], buildings: [BuildingItem]
  ) -> [XY?] {
    if buildings.isEmpty { return [XY?](repeating: nil, count: items.count) }
    let index = BoxIndex(buildings.map(standingBox), cellSize: 100, maxCells: 1_048_576)
    var onBuilding: [Int: Bool] = [:]
    return items.map { item -> XY? in
      let p = cameras[item.camera].position
      if let known = onBuilding[item.camera] { return known ? p : nil }
      let found = index.holds(p)
      onBuilding[item.camera] = found
      return found ? p : nil
    }
  }
}
