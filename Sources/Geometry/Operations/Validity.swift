import CGEOS

// Validity. camgap repairs invalid input polygons (GEOS make-valid) and says so; it never
// drops them.

extension Geom {
  /// Whether the geometry is valid in the OGC sense (GEOSisValid_r): rings closed and
  /// simple, holes inside their shell, parts not overlapping.
  /// Example: square(0,0,2) → true; the bow-tie (0,0),(2,2),(2,0),(0,2),(0,0) → false.
  public func isValid() throws -> Bool {
    try context.checkBool("GEOSisValid_r", GEOSisValid_r(h, pointer))
  }

  /// Why the geometry is invalid, with the location GEOS found (GEOSisValidReason_r);
  /// "Valid Geometry" for a valid one.
  /// Example: the bow-tie (0,0),(2,2),(2,0),(0,2),(0,0) → "Self-intersection[1 1]".
  public func validityReason() throws -> String {
    let cstr = try context.check("GEOSisValidReason_r", GEOSisValidReason_r(h, pointer))
    defer { GEOSFree_r(h, cstr) }
    return String(cString: cstr)
  }

  /// Why the geometry is invalid and where, the place apart from the words
  /// (GEOSisValidDetail_r), so a warning can give it in lon/lat rather than in the plane's
  /// metres; nil for a valid geometry.
  /// Example: the bow-tie (0,0),(2,2),(2,0),(0,2),(0,0) → ("Self-intersection", (1, 1)).
  public func invalidity() throws -> (reason: String, location: XY?)? {
    var reason: UnsafeMutablePointer<CChar>?
    var location: OpaquePointer?
    let r = GEOSisValidDetail_r(h, pointer, 0, &reason, &location)
    defer {
      if let reason { GEOSFree_r(h, reason) }
      if let location { GEOSGeom_destroy_r(h, location) }
    }
    if r == 2 { throw context.error("GEOSisValidDetail_r") }
    if r == 1 { return nil }
    var at: XY?
    if let location {
      var x = 0.0
      var y = 0.0
      if GEOSGeomGetX_r(h, location, &x) == 1, GEOSGeomGetY_r(h, location, &y) == 1 { at = XY(x, y) }
    }
    return (reason.map { String(cString: $0) } ?? "invalid", at)
  }

  /// A valid geometry covering the same area (GEOSMakeValidWithParams_r with the
  /// "structure" method and collapsed parts dropped): rings are treated as area
  /// boundaries, which keeps the area a planner drew and never returns stray lines for
  /// polygon input. Lower-dimension leftovers are dropped by the caller.
  /// Example: the bow-tie (0,0),(2,2),(2,0),(0,2),(0,0) → two triangles meeting at (1,1),
  /// area 2.
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

  /// The geometry with every vertex rounded to a multiple of `gridSize` (metres) and
  /// re-noded so the result stays valid (GEOSGeom_setPrecision_r, flags 0): parts that
  /// collapse below the grid disappear. The fallback when an overlay raises a
  /// TopologyException on nearly coincident edges.
  /// Example: square(0.004,0,2).snappedToGrid(0.01) = square(0,0,2).
  public func snappedToGrid(_ gridSize: Double) throws -> Geom {
    Geom(
      owning: try context.check("GEOSGeom_setPrecision_r", GEOSGeom_setPrecision_r(h, pointer, gridSize, 0)),
      context: context)
  }

  /// Only the polygonal parts, as one (multi)polygon: a Polygon or MultiPolygon is
  /// returned as it is, and from a collection the polygons are copied into a new
  /// MultiPolygon (GEOSGetGeometryN_r, GEOSGeom_createCollection_r). Used after make-valid
  /// and overlays that may return collections with stray lines or points.
  /// Example: GeometryCollection(square(0,0,1), LineString((5,5),(6,6))) → MultiPolygon(square(0,0,1)).
  public func polygonalPart() throws -> Geom {
    switch type {
    case .polygon, .multiPolygon: return self
    default:
      let polys = try polygons()
      return try Geom.multiPolygon(polys, context: context)
    }
  }
}
