/// Point-in-polygon with the boundary counted as inside (SPEC: "covered when the coverage
/// covers the point").
public enum PlanarPredicates {
  public static func covers(_ poly: PlanarPolygon, _ p: XY, tolerance: Double = 1e-9) -> Bool {
    guard let ext = poly.rings.first, ringCovers(ext, p, tolerance) else { return false }
    for hole in poly.rings.dropFirst() {
      if ringCovers(hole, p, tolerance) && !onBoundary(hole, p, tolerance) { return false }
    }
    return true
  }

  static func onBoundary(_ ring: [XY], _ p: XY, _ tol: Double) -> Bool {
    for k in 0..<(ring.count - 1) {
      let a = ring[k]
      let b = ring[k + 1]
      let dx = b.x - a.x
      let dy = b.y - a.y
      let len2 = dx * dx + dy * dy
      var t = len2 > 0 ? ((p.x - a.x) * dx + (p.y - a.y) * dy) / len2 : 0
      t = min(1, max(0, t))
      let qx = a.x + t * dx - p.x
      let qy = a.y + t * dy - p.y
      if qx * qx + qy * qy <= tol * tol { return true }
    }
    return false
  }

  static func ringCovers(_ ring: [XY], _ p: XY, _ tol: Double) -> Bool {
    onBoundary(ring, p, tol) || Ring.crossingsContain(ring, p)
  }
}
