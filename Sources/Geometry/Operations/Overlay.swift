import CGEOS

// Overlay (set operations). Semantics are GEOS's: results are valid geometries whose
// dimension is the highest of the inputs' common part; an empty result is an empty
// geometry, never nil. Both operands must belong to the same context.

extension Geom {
  /// The points in both geometries (GEOSIntersection_r); empty when they are disjoint.
  /// Example: square(0,0,2) ∩ square(1,0,2) = the 1×2 rectangle from (1,0) to (2,2).
  public func intersection(_ other: Geom) throws -> Geom {
    Geom(
      owning: try context.check("GEOSIntersection_r", GEOSIntersection_r(h, pointer, other.pointer)),
      context: context)
  }

  /// The points of this geometry that are not in `other` (GEOSDifference_r); not
  /// symmetric. Example: square(0,0,2) − square(1,0,2) = the 1×2 left half, (0,0) to (1,2).
  public func difference(_ other: Geom) throws -> Geom {
    Geom(
      owning: try context.check("GEOSDifference_r", GEOSDifference_r(h, pointer, other.pointer)),
      context: context)
  }

  /// The points in either geometry, shared boundaries dissolved (GEOSUnion_r).
  /// Example: square(0,0,2) ∪ square(1,0,2) = the 3×2 rectangle from (0,0) to (3,2), area 6.
  public func union(_ other: Geom) throws -> Geom {
    Geom(owning: try context.check("GEOSUnion_r", GEOSUnion_r(h, pointer, other.pointer)), context: context)
  }

  /// The union of all parts of this geometry (a collection) with each other
  /// (GEOSUnaryUnion_r): cascaded over an STRtree, far faster than a pairwise fold, and
  /// the result is valid even when the parts overlap.
  /// Example: [square(0,0,2), square(1,0,2), square(5,5,1)] → a MultiPolygon of area 6 + 1.
  public func unaryUnion() throws -> Geom {
    Geom(owning: try context.check("GEOSUnaryUnion_r", GEOSUnaryUnion_r(h, pointer)), context: context)
  }

  /// The union of many geometries, as Shapely's `union_all` (GEOSGeom_createCollection_r,
  /// then GEOSUnaryUnion_r). The inputs are consumed: they move into the collection, so
  /// no copy is made. `[]` gives an empty polygon.
  /// Example: unionAll([square(0,0,2), square(1,0,2)]) = the 3×2 rectangle, area 6.
  public static func unionAll(consuming geoms: [Geom], context ctx: GEOSContext) throws -> Geom {
    if geoms.isEmpty { return try Geom.empty(context: ctx) }
    let coll = try Geom.collection(consuming: geoms, context: ctx)
    return try coll.unaryUnion()
  }
}

extension Geom {
  /// One MultiPolygon holding copies (GEOSGeom_clone_r) of the non-empty polygons of
  /// geometries known not to overlap or touch, the caller's guarantee: no overlay is
  /// computed, so overlapping inputs give an invalid MultiPolygon. Lines and points are
  /// left out; the inputs stay as they are.
  /// Example: [square(0,0,1), MultiPolygon(square(5,0,1), square(9,0,1))] → a MultiPolygon
  /// of 3 parts, area 3.
  public static func gatherDisjoint(_ geoms: [Geom], context ctx: GEOSContext) throws -> Geom {
    var parts: [OpaquePointer?] = []
    do {
      for g in geoms {
        switch g.type {
        case .polygon:
          if !g.isEmpty {
            parts.append(try ctx.check("GEOSGeom_clone_r", GEOSGeom_clone_r(ctx.handle, g.pointer)))
          }
        case .multiPolygon, .geometryCollection:
          for i in 0..<g.numGeometries {
            let part = try ctx.check(
              "GEOSGetGeometryN_r", GEOSGetGeometryN_r(ctx.handle, g.pointer, Int32(i)))
            guard GEOSGeomTypeId_r(ctx.handle, part) == GeomType.polygon.rawValue,
              GEOSisEmpty_r(ctx.handle, part) == 0
            else { continue }
            parts.append(try ctx.check("GEOSGeom_clone_r", GEOSGeom_clone_r(ctx.handle, part)))
          }
        default:
          continue
        }
      }
    } catch {
      for p in parts { GEOSGeom_destroy_r(ctx.handle, p) }
      throw error
    }
    return try collection(raw: &parts, type: .multiPolygon, ctx)
  }
}
