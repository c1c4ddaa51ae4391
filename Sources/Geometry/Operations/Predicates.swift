import CGEOS

// Predicates with DE-9IM semantics. Prepared geometries (below) answer the same questions
// many times faster when one geometry is tested against many.

extension Geom {
  public func intersects(_ other: Geom) throws -> Bool {
    try context.checkBool("GEOSIntersects_r", GEOSIntersects_r(h, pointer, other.pointer))
  }

  public func covers(_ other: Geom) throws -> Bool {
    try context.checkBool("GEOSCovers_r", GEOSCovers_r(h, pointer, other.pointer))
  }

  public func contains(_ other: Geom) throws -> Bool {
    try context.checkBool("GEOSContains_r", GEOSContains_r(h, pointer, other.pointer))
  }

  /// Structural equality of vertices, used by round-trip tests.
  public func equalsExact(_ other: Geom, tolerance: Double = 0) throws -> Bool {
    try context.checkBool("GEOSEqualsExact_r", GEOSEqualsExact_r(h, pointer, other.pointer, tolerance))
  }

  public func equalsTopologically(_ other: Geom) throws -> Bool {
    try context.checkBool("GEOSEquals_r", GEOSEquals_r(h, pointer, other.pointer))
  }
}

/// A prepared geometry: GEOS indexes its edges once so repeated predicates against it are
/// fast (point-in-district counts, building-contains-camera). It keeps its base geometry
/// alive because GEOS's prepared object points into it.
public final class PreparedGeom {
  public let base: Geom
  let pointer: OpaquePointer

  public init(_ base: Geom) throws {
    self.base = base
    pointer = try base.context.check("GEOSPrepare_r", GEOSPrepare_r(base.context.handle, base.pointer))
  }

  deinit { GEOSPreparedGeom_destroy_r(base.context.handle, pointer) }

  public func intersects(_ g: Geom) throws -> Bool {
    try base.context.checkBool(
      "GEOSPreparedIntersects_r", GEOSPreparedIntersects_r(base.context.handle, pointer, g.pointer))
  }

  public func covers(_ g: Geom) throws -> Bool {
    try base.context.checkBool(
      "GEOSPreparedCovers_r", GEOSPreparedCovers_r(base.context.handle, pointer, g.pointer))
  }

  public func contains(_ g: Geom) throws -> Bool {
    try base.context.checkBool(
      "GEOSPreparedContains_r", GEOSPreparedContains_r(base.context.handle, pointer, g.pointer))
  }

  /// Point-in-polygon with the boundary counted as inside (cameras on a district edge).
  public func covers(_ p: XY) throws -> Bool {
    let pt = try Geom.point(p, context: base.context)
    return try covers(pt)
  }

  public func containsProperly(_ g: Geom) throws -> Bool {
    try base.context.checkBool(
      "GEOSPreparedContainsProperly_r",
      GEOSPreparedContainsProperly_r(base.context.handle, pointer, g.pointer))
  }
}
