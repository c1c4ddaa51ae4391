import CGEOS

// Overlay (set operations). Semantics are GEOS's: results are valid geometries whose
// dimension is the highest of the inputs' common part; an empty result is an empty
// geometry, never nil. Both operands must belong to the same context.

extension Geom {
  public func intersection(_ other: Geom) throws -> Geom {
    Geom(
      owning: try context.check("GEOSIntersection_r", GEOSIntersection_r(h, pointer, other.pointer)),
      context: context)
  }

  public func difference(_ other: Geom) throws -> Geom {
    Geom(
      owning: try context.check("GEOSDifference_r", GEOSDifference_r(h, pointer, other.pointer)),
      context: context)
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

extension Geom {
  /// One MultiPolygon holding the polygons of geometries known not to overlap or touch
  /// (the caller's guarantee): a copy, no overlay. The inputs stay as they are.
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
