import CGEOS

// Predicates with DE-9IM semantics. Prepared geometries (below) answer the same questions
// many times faster when one geometry is tested against many.

extension Geom {
  /// Whether the geometries share at least one point, boundary included (GEOSIntersects_r).
  /// Example: square(0,0,1) and square(1,0,1) touch along x = 1 → true.
  public func intersects(_ other: Geom) throws -> Bool {
    try context.checkBool("GEOSIntersects_r", GEOSIntersects_r(h, pointer, other.pointer))
  }

  /// Whether no point of `other` lies outside this geometry (GEOSCovers_r): unlike
  /// `contains`, a geometry on the boundary is covered.
  /// Example: square(0,0,2) covers the point (2, 1) on its edge → true.
  public func covers(_ other: Geom) throws -> Bool {
    try context.checkBool("GEOSCovers_r", GEOSCovers_r(h, pointer, other.pointer))
  }

  /// Whether `other` lies in this geometry and at least one of its points in the interior
  /// (GEOSContains_r): a geometry entirely on the boundary is not contained.
  /// Example: square(0,0,2) contains (1, 1) → true, (2, 1) on its edge → false.
  public func contains(_ other: Geom) throws -> Bool {
    try context.checkBool("GEOSContains_r", GEOSContains_r(h, pointer, other.pointer))
  }
}

/// A prepared geometry: GEOS indexes its edges once so repeated predicates against it are
/// fast (point-in-district counts, building-contains-camera). It keeps its base geometry
/// alive because GEOS's prepared object points into it.
public final class PreparedGeom {
  /// The geometry the index was built on, held because GEOS's prepared object points into it.
  public let base: Geom
  let pointer: OpaquePointer

  /// Indexes `base` once (GEOSPrepare_r); the predicates below answer as the plain ones.
  public init(_ base: Geom) throws {
    self.base = base
    pointer = try base.context.check("GEOSPrepare_r", GEOSPrepare_r(base.context.handle, base.pointer))
  }

  deinit { GEOSPreparedGeom_destroy_r(base.context.handle, pointer) }

  /// `base.intersects(g)`, through the prepared index (GEOSPreparedIntersects_r).
  /// Example: prepared square(0,0,1) and square(1,0,1) → true.
  public func intersects(_ g: Geom) throws -> Bool {
    try base.context.checkBool(
      "GEOSPreparedIntersects_r", GEOSPreparedIntersects_r(base.context.handle, pointer, g.pointer))
  }

  /// `base.covers(g)`, through the prepared index (GEOSPreparedCovers_r).
  /// Example: prepared square(0,0,2) covers the point (2, 1) → true.
  public func covers(_ g: Geom) throws -> Bool {
    try base.context.checkBool(
      "GEOSPreparedCovers_r", GEOSPreparedCovers_r(base.context.handle, pointer, g.pointer))
  }

  /// `base.contains(g)`, through the prepared index (GEOSPreparedContains_r).
  /// Example: prepared square(0,0,2) contains (2, 1) on its edge → false.
  public func contains(_ g: Geom) throws -> Bool {
    try base.context.checkBool(
      "GEOSPreparedContains_r", GEOSPreparedContains_r(base.context.handle, pointer, g.pointer))
  }

  /// Whether `g` lies within `distance` of `base` (GEOSPreparedDistanceWithin_r): 0 when
  /// it touches or is inside, so one call answers "inside or within 1 cm of the boundary".
  /// Example: prepared square(0,0,1) and the point (1.005, 0.5) within 0.01 → true.
  public func isWithin(_ distance: Double, of g: Geom) throws -> Bool {
    try base.context.checkBool(
      "GEOSPreparedDistanceWithin_r",
      GEOSPreparedDistanceWithin_r(base.context.handle, pointer, g.pointer, distance))
  }

  /// Point-in-polygon with the boundary counted as inside, so a camera on a district's edge
  /// belongs to it (GEOSGeom_createPoint_r, then GEOSPreparedCovers_r).
  /// Example: prepared square(0,0,2) covers XY(2, 1) → true, XY(3, 1) → false.
  public func covers(_ p: XY) throws -> Bool {
    let pt = try Geom.point(p, context: base.context)
    return try covers(pt)
  }

  /// Whether `g` lies in the interior of `base`, touching its boundary nowhere
  /// (GEOSPreparedContainsProperly_r): a tile wholly inside a district needs no clipping.
  /// Example: prepared square(0,0,4) and square(1,1,1) → true; square(0,0,1) → false.
  public func containsProperly(_ g: Geom) throws -> Bool {
    try base.context.checkBool(
      "GEOSPreparedContainsProperly_r",
      GEOSPreparedContainsProperly_r(base.context.handle, pointer, g.pointer))
  }
}
