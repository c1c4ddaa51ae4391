import CGEOS

// Overlay (set operations). Semantics are GEOS's: results are valid geometries whose
// dimension is the highest of the inputs' common part; an empty result is an empty
// geometry, never nil. Both operands must belong to the same context.

extension Geom {
  public func intersection(_ other: Geom) throws -> Geom {
    Geom(owning: try context.check("GEOSIntersection_r", GEOSIntersection_r(h, pointer, other.pointer)), context: context)
  }

  public func difference(_ other: Geom) throws -> Geom {
    Geom(owning: try context.check("GEOSDifference_r", GEOSDifference_r(h, pointer, other.pointer)), context: context)
  }

  public func union(_ other: Geom) throws -> Geom {
    Geom(owning: try context.check("GEOSUnion_r", GEOSUnion_r(h, pointer, other.pointer)), context: context)
  }

  /// Dissolves every part of this geometry (a collection) into one: cascaded, far faster
  /// than a pairwise fold.
  public func unaryUnion() throws -> Geom {
    Geom(owning: try context.check("GEOSUnaryUnion_r", GEOSUnaryUnion_r(h, pointer)), context: context)
  }

  /// Union of many geometries, consuming them (they are moved into one collection).
  /// `union_all` of Shapely: `[]` gives an empty polygon.
  public static func unionAll(consuming geoms: [Geom], context ctx: GEOSContext) throws -> Geom {
    if geoms.isEmpty { return try Geom.empty(context: ctx) }
    let coll = try Geom.collection(consuming: geoms, context: ctx)
    return try coll.unaryUnion()
  }
}
