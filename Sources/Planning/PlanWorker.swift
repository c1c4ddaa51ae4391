import Audit
import Geometry
import Support

/// One thread's GEOS state for the planner: its own copy of the open gaps and of the
/// buildings. GEOS objects never leave the context that made them, so every worker
/// keeps its copy in step with the placements.
final class PlanWorker {
  let index: GapIndex
  let sight: SightLines

  init(parts: [PlanarPolygon], zoneOf: [Int32], buildings: [Building], options: AuditOptions) throws {
    index = try GapIndex(parts: parts, zoneOf: zoneOf)
    sight = try SightLines(buildings: buildings, options: options)
  }
}

extension WorkerPool where Worker == PlanWorker {
  /// One planner worker per thread, each with its own copy of the gaps and buildings.
  convenience init(
    threads: Int, parts: [PlanarPolygon], zoneOf: [Int32], buildings: [Building], options: AuditOptions
  ) throws {
    try self.init(threads: threads) {
      try PlanWorker(parts: parts, zoneOf: zoneOf, buildings: buildings, options: options)
    }
  }

  /// A camera was placed: every worker's gaps lose its footprint. Returns the parts it
  /// took area from (the same in every worker).
  func subtract(_ footprint: [PlanarPolygon], box: BBox) throws -> [Int] {
    try map(count: workers.count) { _, w in try self.workers[w].index.subtract(footprint, box: box) }[0]
  }
}
