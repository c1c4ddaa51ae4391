/// Point in ring and point in polygon on plain coordinates, the one implementation every
/// module uses: footprints, gap parts, buildings and districts are tested here without
/// GEOS, whose per-call cost is far above a crossing count over a few dozen edges.
///
/// The boundary rule is part of each name. `crossings` and `evenOdd` are the bare
/// crossing-number test, where a point on the boundary lands on whichever side the
/// arithmetic puts it (but always the same side for the same input, which is what the
/// district lookup's "same code on a shared boundary" rests on). `covers` counts a point
/// within `tolerance` of the boundary as inside (SPEC: "covered when the coverage covers
/// the point"); `contains` counts it as outside (a camera on a wall stands outside the
/// building). `convexCovers` is a measured fast path for convex rings, see there.
public enum PointInRing {
  /// Even-odd crossing number of a horizontal ray to +x. The ring may be closed or not:
  /// the edge from the last position back to the first is counted too, and is a zero-length
  /// edge that crosses nothing when the ring is closed.
  @inlinable
  public static func crossings(_ ring: [XY], _ p: XY) -> Bool {
    var inside = false
    var j = ring.count - 1
    for i in 0..<ring.count {
      let a = ring[i]
      let b = ring[j]
      if (a.y > p.y) != (b.y > p.y) {
        let x = (b.x - a.x) * (p.y - a.y) / (b.y - a.y) + a.x
        if p.x < x { inside.toggle() }
      }
      j = i
    }
    return inside
  }

  /// Even-odd over all rings at once (exterior and holes, in any order): inside an odd
  /// number of them. The same as exterior-minus-holes for any valid polygon; boundary
  /// either way, as `crossings`.
  @inlinable
  public static func evenOdd(_ rings: [[XY]], _ p: XY) -> Bool {
    var inside = false
    for ring in rings where crossings(ring, p) { inside.toggle() }
    return inside
  }

  /// Within `tolerance` of some edge of the ring (closed: first == last).
  public static func onBoundary(_ ring: [XY], _ p: XY, tolerance tol: Double) -> Bool {
    guard ring.count >= 2 else { return false }
    // Only edges whose box, widened well past the tolerance and any rounding of the
    // distance below, holds the point can be that close: most are passed over with four
    // comparisons.
    let m = 2 * tol + 1e-6
    for k in 0..<(ring.count - 1) where near(p, ring[k], ring[k + 1], tolerance: tol, margin: m) {
      return true
    }
    return false
  }

  /// Within `tol` of the segment `a`–`b`; `margin` (well past `tol`, `onBoundary`'s
  /// 2·tol + 1e-6) passes most segments over by their boxes alone.
  @inline(__always)
  static func near(_ p: XY, _ a: XY, _ b: XY, tolerance tol: Double, margin m: Double) -> Bool {
    if p.x < Swift.min(a.x, b.x) - m || p.x > Swift.max(a.x, b.x) + m || p.y < Swift.min(a.y, b.y) - m
      || p.y > Swift.max(a.y, b.y) + m
    {
      return false
    }
    let q = p.offset(toSegment: a, b)
    return q.x * q.x + q.y * q.y <= tol * tol
  }

  /// Inside the ring or within `tolerance` of its boundary.
  public static func covers(_ ring: [XY], _ p: XY, tolerance: Double = 1e-9) -> Bool {
    crossings(ring, p) || onBoundary(ring, p, tolerance: tolerance)
  }

  /// Inside the ring and farther than `tolerance` from its boundary.
  public static func contains(_ ring: [XY], _ p: XY, tolerance: Double = 1e-9) -> Bool {
    crossings(ring, p) && !onBoundary(ring, p, tolerance: tolerance)
  }

  /// Covered by the polygon: the exterior covers the point and no hole contains it, so
  /// the boundary of a hole belongs to the polygon.
  public static func covers(_ polygon: PlanarPolygon, _ p: XY, tolerance: Double = 1e-9) -> Bool {
    guard let ext = polygon.rings.first, covers(ext, p, tolerance: tolerance) else { return false }
    for hole in polygon.rings.dropFirst() where contains(hole, p, tolerance: tolerance) { return false }
    return true
  }

  /// Strictly inside the polygon: the exterior contains the point and no hole covers it.
  public static func contains(_ polygon: PlanarPolygon, _ p: XY, tolerance: Double = 1e-9) -> Bool {
    guard let ext = polygon.rings.first, contains(ext, p, tolerance: tolerance) else { return false }
    for hole in polygon.rings.dropFirst() where covers(hole, p, tolerance: tolerance) { return false }
    return true
  }

  /// A closed counter-clockwise ring that never turns the other way (collinear vertices
  /// allowed): the rings `convexCovers` accepts.
  public static func isConvex(_ r: [XY]) -> Bool {
    guard r.count >= 4 else { return false }
    var turn = 0.0
    for k in 0..<(r.count - 1) {
      let a = r[k]
      let b = r[k + 1]
      let c = r[k + 2 < r.count ? k + 2 : 1]
      let cross = (b.x - a.x) * (c.y - b.y) - (b.y - a.y) * (c.x - b.x)
      if cross == 0 { continue }
      if turn == 0 {
        turn = cross
      } else if (cross > 0) != (turn > 0) {
        return false
      }
    }
    return turn > 0
  }

  /// Point in or on a counter-clockwise convex ring (`isConvex`), with no tolerance: on
  /// the left of or on every side. The hand-written fast path of this file, kept because
  /// it was measured: `Containment.hidden` tests every vertex of a sector against the
  /// sectors and dome discs around it, and bisecting the fan took the 20,000-camera city
  /// audit from 4.62 G to 4.32 G instructions (callgrind) against a test of every side.
  ///
  /// A dome's disc has 72 sides and most candidates are inside, where a test of every side
  /// costs the most; so the side that faces the point is found by bisecting the fan of
  /// rays from the first vertex, and only it, its neighbours and the two sides at the first
  /// vertex are tested. Every side tested is the exact test of the linear scan, so nothing
  /// inside is ever refused; a point outside passes only if it is within rounding of a
  /// ray, and then the neighbours still judge it.
  public static func convexCovers(_ r: [XY], _ p: XY) -> Bool {
    let k = r.count - 1
    @inline(__always) func left(_ e: Int) -> Bool {
      let a = r[e]
      let b = r[e + 1]
      return (b.x - a.x) * (p.y - a.y) - (b.y - a.y) * (p.x - a.x) >= 0
    }
    if k < 12 {
      for e in 0..<k where !left(e) { return false }
      return true
    }
    guard left(0), left(k - 1) else { return false }
    let o = r[0]
    var lo = 1
    var hi = k - 1
    while hi - lo > 1 {
      let mid = (lo + hi) / 2
      let v = r[mid]
      if (v.x - o.x) * (p.y - o.y) - (v.y - o.y) * (p.x - o.x) >= 0 { lo = mid } else { hi = mid }
    }
    for e in (lo - 1)...(lo + 1) where e >= 0 && e < k && !left(e) { return false }
    return true
  }
}
