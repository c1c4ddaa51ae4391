import CGEOS

// Validity. camgap repairs invalid input polygons (GEOS make-valid) and says so; it never
// drops them.

extension Geom {
  public func isValid() throws -> Bool {
    try context.checkBool("GEOSisValid_r", GEOSisValid_r(h, pointer))
  }

  /// GEOS's explanation, e.g. "Self-intersection[0.5 0.5]".
  public func validityReason() throws -> String {
    let cstr = try context.check("GEOSisValidReason_r", GEOSisValidReason_r(h, pointer))
    defer { GEOSFree_r(h, cstr) }
    return String(cString: cstr)
  }

  /// The "structure" make-valid method: rings are treated as area boundaries, which keeps
  /// the area a planner drew (a bow-tie becomes two triangles) and never returns stray
  /// lines for polygon input. Lower-dimension leftovers are dropped by the caller.
  public func makeValid() throws -> Geom {
    guard let params = GEOSMakeValidParams_create_r(h) else {
      throw context.error("GEOSMakeValidParams_create_r")
    }
    defer { GEOSMakeValidParams_destroy_r(h, params) }
    _ = GEOSMakeValidParams_setMethod_r(h, params, GEOS_MAKE_VALID_STRUCTURE)
    _ = GEOSMakeValidParams_setKeepCollapsed_r(h, params, 0)
    return Geom(
      owning: try context.check("GEOSMakeValidWithParams_r", GEOSMakeValidWithParams_r(h, pointer, params)),
      context: context)
  }

  /// Snaps every vertex to a grid of the given size (metres). The fallback when an overlay
  /// raises a TopologyException on nearly coincident edges.
  public func snappedToGrid(_ gridSize: Double) throws -> Geom {
    Geom(
      owning: try context.check("GEOSGeom_setPrecision_r", GEOSGeom_setPrecision_r(h, pointer, gridSize, 0)),
      context: context)
  }

  /// Only the polygonal parts, as one (multi)polygon; used after make-valid and overlays
  /// that may return collections with stray lines or points.
  public func polygonalPart() throws -> Geom {
    switch type {
    case .polygon, .multiPolygon: return self
    default:
      let polys = try polygons()
      return try Geom.multiPolygon(polys, context: context)
    }
  }
}
