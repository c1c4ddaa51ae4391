import Audit
import Foundation
import Geometry

/// The audit's names for the gaps the planner's parts belong to, so a proposal can be
/// read as a work order against the audit's gap list: a zone's parts joined into its
/// connected gaps, those under `--min-gap-area` dropped, the rest ranked by area (ties by
/// the south-west corner) and named `ZONE#rank`, as `AuditEngine.rankGaps` does.
struct GapNames {
  /// Gap id of each open part; "" for a part of a gap too small to be listed.
  var partGap: [String] = []
  /// Zone index and rank of each part's gap, for ordering ids.
  var order: [(Int32, Int)] = []

  init(_ open: Planner.OpenGaps, zones: [Zone], options: PlanOptions) throws {
    let ctx = GEOSContext()
    partGap = Array(repeating: "", count: open.parts.count)
    order = Array(repeating: (0, 0), count: open.parts.count)
    var byZone: [Int32: [Int]] = [:]
    for (i, z) in open.partZone.enumerated() { byZone[z, default: []].append(i) }
    for (z, members) in byZone {
      let joined = try Geom.union(of: members.map { open.parts[$0] }, context: ctx).polygonParts().map(
        \.polygon)
      var ranked = joined.map { ($0, $0.area) }.filter { $0.1 >= options.audit.minGapArea }
      ranked.sort {
        $0.1 != $1.1
          ? $0.1 > $1.1 : ($0.0.bbox.minX, $0.0.bbox.minY) < ($1.0.bbox.minX, $1.0.bbox.minY)
      }
      let owner = zones[open.zoneGaps[Int(z)].zone].id
      for i in members {
        guard let inside = try Geom.polygon(open.parts[i], context: ctx).pointOnSurface() else { continue }
        if let rank = ranked.firstIndex(where: { g in
          g.0.bbox.contains(inside) && PointInRing.evenOdd(g.0.rings, inside)
        }) {
          partGap[i] = "\(owner)#\(rank + 1)"
          order[i] = (z, rank)
        }
      }
    }
  }

  /// Ids of the gaps of `parts`, each once, by zone then rank.
  func ids(of parts: [Int]) -> [String] {
    var seen = Set<String>()
    let named = parts.filter { !partGap[$0].isEmpty && seen.insert(partGap[$0]).inserted }
    return named.sorted { order[$0] < order[$1] }.map { partGap[$0] }
  }
}
