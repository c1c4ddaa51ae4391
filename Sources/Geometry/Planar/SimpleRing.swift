/// A planar answer to "is this polygon valid?" for the common case, so that a city's
/// hundreds of thousands of building footprints need not each become GEOS geometry just to
/// be found valid. It answers only when the answer is certain: a ring that is simple by a
/// margin no rounding can close. Anything doubtful (a vertex on another segment, a
/// collinear turn, a repeated point, holes, many vertices) is left to GEOS, so the
/// repairs and their warnings are those GEOS alone would give.
public enum SimpleRing {
  /// Whether `polygons` is certainly valid as GEOS judges it (`GEOSisValid`): one polygon
  /// without holes whose ring `isCertainlySimple`. False means undecided, not invalid.
  public static func isCertainlyValid(_ polygons: [PlanarPolygon], maxVertices: Int = 64) -> Bool {
    guard polygons.count == 1, polygons[0].rings.count == 1 else { return false }
    return isCertainlySimple(polygons[0].rings[0], maxVertices: maxVertices)
  }

  /// Whether the closed ring is certainly a valid polygon shell: finite, closed, at least
  /// three vertices, none repeated, no turn folding back on itself, and no two
  /// segments that are not neighbours coming near each other. Neighbours share their
  /// vertex, which is not a crossing as long as they do not fold back along each other.
  public static func isCertainlySimple(_ ring: [XY], maxVertices: Int = 64) -> Bool {
    let m = ring.count - 1
    guard m >= 3, m <= maxVertices, ring[0] == ring[m] else { return false }
    for p in ring where !p.x.isFinite || !p.y.isFinite { return false }
    for k in 0..<m {
      let a = ring[k]
      let b = ring[k + 1]
      if a == b { return false }
      let c = ring[k + 2 <= m ? k + 2 : 1]
      if orientation(a, b, c) == 0 && !certainlyForward(a, b, c) { return false }
    }
    for i in 0..<(m - 2) {
      let a = ring[i]
      let b = ring[i + 1]
      // Segment i's neighbours are i − 1 and i + 1 (segment m − 1 for the first).
      for j in (i + 2)..<(i == 0 ? m - 1 : m) where !certainlyApart(a, b, ring[j], ring[j + 1]) {
        return false
      }
    }
    return true
  }

  /// Whether segments a–b and c–d certainly have no point in common: their boxes are
  /// apart, or one segment lies strictly on one side of the other's line.
  static func certainlyApart(_ a: XY, _ b: XY, _ c: XY, _ d: XY) -> Bool {
    if Swift.max(a.x, b.x) < Swift.min(c.x, d.x) || Swift.max(c.x, d.x) < Swift.min(a.x, b.x) { return true }
    if Swift.max(a.y, b.y) < Swift.min(c.y, d.y) || Swift.max(c.y, d.y) < Swift.min(a.y, b.y) { return true }
    let c1 = orientation(a, b, c)
    if c1 != 0 && c1 == orientation(a, b, d) { return true }
    let a1 = orientation(c, d, a)
    return a1 != 0 && a1 == orientation(c, d, b)
  }

  /// Whether b–c leads on ahead of a–b (a positive dot product beyond rounding): then
  /// a–b and b–c meet at b only, even where they are all but collinear.
  static func certainlyForward(_ a: XY, _ b: XY, _ c: XY) -> Bool {
    let ux = b.x - a.x
    let uy = b.y - a.y
    let vx = c.x - b.x
    let vy = c.y - b.y
    return ux * vx + uy * vy > 1e-12 * (abs(ux * vx) + abs(uy * vy))
  }

  /// The side of line a–b that c lies on, +1 left, −1 right, when the sign of the
  /// determinant cannot be a rounding error (Shewchuk's first error bound, doubled for
  /// margin); 0 when it could be, collinear included.
  static func orientation(_ a: XY, _ b: XY, _ c: XY) -> Int {
    let left = (a.x - c.x) * (b.y - c.y)
    let right = (a.y - c.y) * (b.x - c.x)
    let det = left - right
    let bound = 2 * errorBound * (abs(left) + abs(right))
    if det > bound { return 1 }
    if det < -bound { return -1 }
    return 0
  }

  /// (3 + 16ε)ε for ε = 2⁻⁵³.
  static let errorBound = (3.0 + 16.0 * 0x1p-53) * 0x1p-53
}
