import CGEOS

// Measurement in the units of the coordinates: camgap calls these only on geometries in
// the metric plane, so areas are m² and lengths m.

extension Geom {
  /// Area; 0 for points and lines.
  public func area() throws -> Double {
    var a = 0.0
    try context.checkStatus("GEOSArea_r", GEOSArea_r(h, pointer, &a))
    return a
  }

  /// Length of lines, perimeter of polygons.
  public func length() throws -> Double {
    var l = 0.0
    try context.checkStatus("GEOSLength_r", GEOSLength_r(h, pointer, &l))
    return l
  }

  /// The centroid; for an empty geometry, nil.
  public func centroid() throws -> XY? {
    let c = Geom(
      owning: try context.check("GEOSGetCentroid_r", GEOSGetCentroid_r(h, pointer)), context: context)
    return try c.pointList().first
  }

  /// A point guaranteed to lie inside the polygon (unlike the centroid of a C shape).
  public func pointOnSurface() throws -> XY? {
    let c = Geom(
      owning: try context.check("GEOSPointOnSurface_r", GEOSPointOnSurface_r(h, pointer)), context: context)
    return try c.pointList().first
  }
}
