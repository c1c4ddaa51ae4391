import Geometry

/// Districts and zones minus buildings (SPEC §2: buildings are not public space). The audit
/// and the planner both take their areas from here, so their ratios agree bit for bit.
final class PublicSpace {
  let ctx: GEOSContext
  let buildings: [Geom]
  let boxes: [BBox]

  init(_ input: AuditInput, context: GEOSContext) throws {
    ctx = context
    buildings = try input.buildings.map { try Geom.multiPolygon($0.polygons, context: context) }
    boxes = input.buildings.map { b -> BBox in
      var box = BBox.empty
      for p in b.polygons { box.add(p.bbox) }
      return box
    }
  }

  /// The area as drawn minus the union of the buildings whose boxes touch it.
  func of(_ polys: [PlanarPolygon]) throws -> Geom {
    let g = try Geom.multiPolygon(polys, context: ctx)
    if buildings.isEmpty { return g }
    var box = BBox.empty
    for p in polys { box.add(p.bbox) }
    var near: [Geom] = []
    for (i, b) in boxes.enumerated() where b.intersects(box) { near.append(try buildings[i].clone()) }
    if near.isEmpty { return g }
    return try g.difference(Geom.unionAll(consuming: near, context: ctx)).polygonalPart()
  }

  /// An area as a coverage target: its public space, and that space's area.
  func target(_ polys: [PlanarPolygon], wantGaps: Bool, wantClasses: Bool) throws -> (Target, Double) {
    let g = try of(polys)
    let t = Target(polygons: try g.polygons(), bbox: g.bbox, wantGaps: wantGaps, wantClasses: wantClasses)
    return (t, try g.area())
  }
}
