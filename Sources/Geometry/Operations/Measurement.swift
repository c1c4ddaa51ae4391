import CGEOS

// Measurement in the units of the coordinates: camgap calls these only on geometries in
// the metric plane, so areas are m² and lengths m.

extension Geom {
  /// Planar area of the polygonal parts, holes subtracted (GEOSArea_r); 0 for points and
  /// lines. Example: square(0,0,2).area() = 4.
  public func area() throws -> Double {
    var a = 0.0
    try context.checkStatus("GEOSArea_r", GEOSArea_r(h, pointer, &a))
    return a
  }

  /// Total length of the lines, or the perimeter of the polygons, holes' rings included
  /// (GEOSLength_r); 0 for points. Example: square(0,0,2).length() = 8.
  public func length() throws -> Double {
    var l = 0.0
    try context.checkStatus("GEOSLength_r", GEOSLength_r(h, pointer, &l))
    return l
  }

  /// The centre of mass of the highest-dimension parts (GEOSGetCentroid_r): it can lie
  /// outside a concave polygon; nil for an empty geometry.
  /// Example: square(0,0,2).centroid() = (1, 1).
  public func centroid() throws -> XY? {
    let c = Geom(
      owning: try context.check("GEOSGetCentroid_r", GEOSGetCentroid_r(h, pointer)), context: context)
    return try c.pointList().first
  }

  /// A point guaranteed to lie in the interior of the polygon (GEOSPointOnSurface_r),
  /// where a label or a gap's marker can go even for a C shape whose centroid lies
  /// outside; nil for an empty geometry. Example: for square(0,0,2) a point strictly
  /// inside, such as (1, 1).
  public func pointOnSurface() throws -> XY? {
    let c = Geom(
      owning: try context.check("GEOSPointOnSurface_r", GEOSPointOnSurface_r(h, pointer)), context: context)
    return try c.pointList().first
  }
}
