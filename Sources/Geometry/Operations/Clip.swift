import CGEOS

extension Geom {
  /// Fast clip to an axis-aligned rectangle (GEOSClipByRect). Faster than an
  /// intersection because it never builds a topology graph; camgap's tiled engine uses it
  /// to cut footprints and districts into tiles. The result can share boundary segments
  /// with the rectangle. In GEOS 3.11 the result can be invalid for polygons with holes
  /// (rings touching along the cut); callers that overlay the result use `intersection`
  /// with the rectangle for those.
  public func clip(to b: BBox) throws -> Geom {
    Geom(
      owning: try context.check(
        "GEOSClipByRect_r", GEOSClipByRect_r(h, pointer, b.minX, b.minY, b.maxX, b.maxY)),
      context: context)
  }
}
