/// Planar value types. They carry coordinates between threads and modules without
/// touching GEOS, whose handles must stay on the thread that made them.

public struct XY: Hashable, Sendable {
  public var x: Double
  public var y: Double
  @inlinable public init(_ x: Double, _ y: Double) {
    self.x = x
    self.y = y
  }

  /// From this point to the nearest point of the segment `a`–`b` (a itself when the
  /// segment has no length). Callers take its length or its squared length as they need,
  /// so that the distance tests of the ring predicates, the planner's site filter and the
  /// map's simplifier round the same way.
  @inlinable public func offset(toSegment a: XY, _ b: XY) -> XY {
    let dx = b.x - a.x
    let dy = b.y - a.y
    let len2 = dx * dx + dy * dy
    var t = len2 > 0 ? ((x - a.x) * dx + (y - a.y) * dy) / len2 : 0
    t = Swift.min(1, Swift.max(0, t))
    return XY(a.x + t * dx - x, a.y + t * dy - y)
  }
}

/// An axis-aligned box; `empty` has min > max so that any union with it is the other box.
public struct BBox: Equatable, Sendable {
  public var minX: Double
  public var minY: Double
  public var maxX: Double
  public var maxY: Double

  public init(minX: Double, minY: Double, maxX: Double, maxY: Double) {
    self.minX = minX
    self.minY = minY
    self.maxX = maxX
    self.maxY = maxY
  }

  public static let empty = BBox(minX: .infinity, minY: .infinity, maxX: -.infinity, maxY: -.infinity)

  public var isEmpty: Bool { minX > maxX || minY > maxY }
  public var width: Double { maxX - minX }
  public var height: Double { maxY - minY }
  public var center: XY { XY((minX + maxX) / 2, (minY + maxY) / 2) }

  public mutating func add(_ p: XY) {
    if p.x < minX { minX = p.x }
    if p.x > maxX { maxX = p.x }
    if p.y < minY { minY = p.y }
    if p.y > maxY { maxY = p.y }
  }

  public mutating func add(_ b: BBox) {
    if b.isEmpty { return }
    minX = Swift.min(minX, b.minX)
    minY = Swift.min(minY, b.minY)
    maxX = Swift.max(maxX, b.maxX)
    maxY = Swift.max(maxY, b.maxY)
  }

  public init<S: Sequence>(points: S) where S.Element == XY {
    self = .empty
    for p in points { add(p) }
  }

  public func intersects(_ o: BBox) -> Bool {
    !(o.minX > maxX || o.maxX < minX || o.minY > maxY || o.maxY < minY)
  }

  public func contains(_ o: BBox) -> Bool {
    o.minX >= minX && o.maxX <= maxX && o.minY >= minY && o.maxY <= maxY
  }

  public func contains(_ p: XY) -> Bool {
    p.x >= minX && p.x <= maxX && p.y >= minY && p.y <= maxY
  }

  public func expanded(by d: Double) -> BBox {
    BBox(minX: minX - d, minY: minY - d, maxX: maxX + d, maxY: maxY + d)
  }
}

/// A polygon as rings of coordinates, exterior first. Rings are closed (first == last).
public struct PlanarPolygon: Equatable, Sendable {
  public var rings: [[XY]]
  public init(rings: [[XY]]) { self.rings = rings }
  public init(exterior: [XY], holes: [[XY]] = []) { self.rings = [exterior] + holes }

  public var exterior: [XY] { rings.first ?? [] }

  /// The polygon with every ring passed through `f` (a projection, a simplification), ring
  /// order kept and orientation left to `f`.
  public func mapRings(_ f: ([XY]) throws -> [XY]) rethrows -> PlanarPolygon {
    PlanarPolygon(rings: try rings.map(f))
  }
  public var bbox: BBox { BBox(points: exterior) }

  /// Shoelace area: exact for the polygon as given, used to check footprints against
  /// their closed forms without GEOS.
  public var area: Double {
    guard let ext = rings.first else { return 0 }
    var a = abs(Ring.signedArea(ext))
    for h in rings.dropFirst() { a -= abs(Ring.signedArea(h)) }
    return a
  }
}

public enum Ring {
  /// Positive for counter-clockwise rings (x east, y north).
  public static func signedArea(_ ring: [XY]) -> Double {
    guard ring.count >= 3 else { return 0 }
    // Relative to the first vertex: projected coordinates are ~10⁶ m, and raw products
    // would lose a few 1e-4 m² to rounding.
    let o = ring[0]
    var s = 0.0
    var prev = XY(ring[ring.count - 1].x - o.x, ring[ring.count - 1].y - o.y)
    for q in ring {
      let p = XY(q.x - o.x, q.y - o.y)
      s += prev.x * p.y - p.x * prev.y
      prev = p
    }
    return s / 2
  }

  public static func isClosed(_ ring: [XY]) -> Bool {
    guard let f = ring.first, let l = ring.last else { return false }
    return f == l
  }

  /// Returns the ring with the requested winding; RFC 7946 wants exteriors
  /// counter-clockwise and holes clockwise.
  public static func oriented(_ ring: [XY], counterClockwise: Bool) -> [XY] {
    let ccw = signedArea(ring) > 0
    return ccw == counterClockwise ? ring : ring.reversed()
  }
}
