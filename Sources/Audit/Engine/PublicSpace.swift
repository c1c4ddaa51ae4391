import Geometry
import Support

/// Zones minus buildings (SPEC §2: buildings are not public space). The audit and the
/// planner both take zone areas from here, so their ratios agree bit for bit. Districts are
/// cut tile by tile instead (`TileWorker.publicSpace`). Apart from `ctx`, what it holds is
/// read only, so `targets` shares it between workers that each bring their own context.
final class PublicSpace: @unchecked Sendable {
  let ctx: GEOSContext
  let buildings: [Building]
  /// Buildings by the cells their boxes meet: a zone looks only at the few near it, and
  /// only those become GEOS geometry.
  let index: BoxIndex

  init(_ input: AuditInput, context: GEOSContext) throws {
    ctx = context
    buildings = input.buildings
    let boxes = input.buildings.map { b -> BBox in
      var box = BBox.empty
      for p in b.polygons { box.add(p.bbox) }
      return box
    }
    index = BoxIndex(boxes, cellSize: 250, maxCells: 65536)
  }

  /// Indices of the buildings whose boxes touch `box`, ascending.
  func near(_ box: BBox) -> [Int] { index.near(box) }

  /// The area as drawn minus the union of the buildings whose boxes touch it, in `ctx`
  /// (this space's own context by default).
  func of(_ polys: [PlanarPolygon], context: GEOSContext? = nil) throws -> Geom {
    let ctx = context ?? self.ctx
    let g = try Geom.multiPolygon(polys, context: ctx)
    if buildings.isEmpty { return g }
    var box = BBox.empty
    for p in polys { box.add(p.bbox) }
    // Only the buildings that meet the area go into the union (a zone's box reaches many
    // that stand beside it), and buildings seldom touch: only those that do are overlaid.
    let boxed = near(box)
    if boxed.isEmpty { return g }
    let area = try PreparedGeom(g)
    let near = try boxed.map { try Geom.multiPolygon(buildings[$0].polygons, context: ctx) }.filter {
      try area.intersects($0)
    }
    guard let union = try Clusters.union(near, near.map(\.bbox), context: ctx) else { return g }
    return try g.difference(union).polygonalPart()
  }

  /// An area as a coverage target: its public space, and that space's area.
  func target(_ polys: [PlanarPolygon], wantGaps: Bool, wantClasses: Bool, context: GEOSContext? = nil)
    throws -> (Target, Double)
  {
    let g = try of(polys, context: context)
    let t = Target(polygons: try g.polygons(), bbox: g.bbox, wantGaps: wantGaps, wantClasses: wantClasses)
    return (t, try g.area())
  }

  /// `target` of every area, in order. A city's zones each take the union of hundreds of
  /// buildings, so with buildings they are shared out over `threads` workers, each with
  /// its own GEOS context; GEOS gives the same result in any context, so the targets do
  /// not depend on the thread count. The first area's error in order is the one thrown.
  func targets(_ areas: [[PlanarPolygon]], wantGaps: Bool, wantClasses: Bool, threads: Int) throws
    -> [(Target, Double)]
  {
    if buildings.isEmpty || threads <= 1 || areas.count < 2 {
      return try areas.map { try target($0, wantGaps: wantGaps, wantClasses: wantClasses) }
    }
    let results = try Parallel.map(
      count: areas.count, threads: threads, state: { GEOSContext() },
      each: { ctx, i in
        Result { try self.target(areas[i], wantGaps: wantGaps, wantClasses: wantClasses, context: ctx) }
      })
    return try results.map { try $0.get() }
  }
}
