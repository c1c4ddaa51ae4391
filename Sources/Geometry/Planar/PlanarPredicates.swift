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
    // Only edges whose box, widened well past the tolerance and any rounding of the
    // distance below, holds the point can be that close: most are passed over with four
    // comparisons.
    let m = 2 * tol + 1e-6
    for k in 0..<(ring.count - 1) {
      let a = ring[k]
      let b = ring[k + 1]
      if p.x < Swift.min(a.x, b.x) - m || p.x > Swift.max(a.x, b.x) + m || p.y < Swift.min(a.y, b.y) - m
        || p.y > Swift.max(a.y, b.y) + m
      {
        continue
      }
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
    Ring.crossingsContain(ring, p) || onBoundary(ring, p, tol)
  }
}
