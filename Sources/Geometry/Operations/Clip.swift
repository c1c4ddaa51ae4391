import CGEOS

extension Geom {
  /// The part of this geometry inside the closed rectangle `b` (GEOSClipByRect_r): the
  /// same point set as an intersection with the rectangle, but without building a
  /// topology graph, which is why the tiled engine cuts footprints and districts into
  /// tiles with it. The result can share boundary segments with the rectangle and is empty
  /// when nothing lies inside. In GEOS 3.11 the result can be invalid for polygons with
  /// holes (rings touching along the cut); callers that overlay the result use
  /// `intersection` with the rectangle for those.
  /// Example: square(0,0,4) clipped to the box (2,1)–(6,3) = the 2×2 square from (2,1) to (4,3).
  public func clip(to b: BBox) throws -> Geom {
    Geom(
      owning: try context.check(
        "GEOSClipByRect_r", GEOSClipByRect_r(h, pointer, b.minX, b.minY, b.maxX, b.maxY)),
      context: context)
  }
}
