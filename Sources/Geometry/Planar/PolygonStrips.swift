/// A polygon's edges filed by horizontal strips, for many point-in-polygon tests against
/// the same polygon: a point meets only the edges of its own strip, not every edge.
///
/// Kept because it was measured: `Covering` screens every vertex of a footprint against
/// each neighbour that may hold it, and those neighbours are domes' discs notched by
/// buildings, with a hundred edges or more. With `PointInRing.covers` the screen cost
/// 479 M instructions on the dense 20,000-camera city (callgrind, 310,597 vertices tested,
/// about 1,500 instructions each). `PolygonStripsTests` holds it to `PointInRing.covers`.
public struct PolygonStrips: Sendable {
  let from: [XY]
  let to: [XY]
  let minY: Double
  let height: Double
  let box: BBox
  /// Edges of strip `s`: `edges[start[s]..<start[s + 1]]`.
  let start: [Int32]
  let edges: [Int32]

  /// Files every edge of every ring (exterior and holes) in the strips its y-range meets,
  /// about four edges to a strip.
  public init(_ polygon: PlanarPolygon) {
    var from: [XY] = []
    var to: [XY] = []
    // Each edge with its ends as `PointInRing` takes them, so both round alike.
    for ring in polygon.rings where ring.count >= 2 {
      for k in 0..<(ring.count - 1) {
        from.append(ring[k + 1])
        to.append(ring[k])
      }
      if ring[0] != ring[ring.count - 1] {
        from.append(ring[0])
        to.append(ring[ring.count - 1])
      }
    }
    box = BBox(points: polygon.rings.joined())
    minY = box.minY
    let count = max(1, from.count / 4)
    height = box.maxY > box.minY ? (box.maxY - box.minY) / Double(count) : 1
    var start = [Int32](repeating: 0, count: count + 1)
    var spans: [(Int, Int)] = []
    spans.reserveCapacity(from.count)
    for e in from.indices {
      let s0 = Self.strip(Swift.min(from[e].y, to[e].y), minY, height, count)
      let s1 = Self.strip(Swift.max(from[e].y, to[e].y), minY, height, count)
      spans.append((s0, s1))
      for s in s0...s1 { start[s + 1] += 1 }
    }
    for s in 0..<count { start[s + 1] += start[s] }
    var fill = start
    var edges = [Int32](repeating: 0, count: Int(start[count]))
    for (e, span) in spans.enumerated() {
      for s in span.0...span.1 {
        edges[Int(fill[s])] = Int32(e)
        fill[s] += 1
      }
    }
    self.from = from
    self.to = to
    self.start = start
    self.edges = edges
  }

  @inline(__always) static func strip(_ y: Double, _ minY: Double, _ height: Double, _ count: Int) -> Int {
    let s = ((y - minY) / height).rounded(.down)
    return s <= 0 ? 0 : (s >= Double(count - 1) ? count - 1 : Int(s))
  }

  /// `PointInRing.covers(polygon, p, tolerance:)`: inside an odd number of rings, or within
  /// `tolerance` of an edge. An edge that a point's horizontal line crosses spans the
  /// point's y, so it is filed in the point's strip; so is every edge that close to it,
  /// in the strips of y ± tolerance.
  public func covers(_ p: XY, tolerance tol: Double) -> Bool {
    if p.x < box.minX - tol || p.x > box.maxX + tol || p.y < box.minY - tol || p.y > box.maxY + tol {
      return false
    }
    let count = start.count - 1
    let s = Self.strip(p.y, minY, height, count)
    var inside = false
    for k in Int(start[s])..<Int(start[s + 1]) {
      let e = Int(edges[k])
      let a = from[e]
      let b = to[e]
      if (a.y > p.y) != (b.y > p.y) {
        let x = (b.x - a.x) * (p.y - a.y) / (b.y - a.y) + a.x
        if p.x < x { inside.toggle() }
      }
    }
    if inside { return true }
    let m = 2 * tol + 1e-6
    for s in Self.strip(p.y - m, minY, height, count)...Self.strip(p.y + m, minY, height, count) {
      for k in Int(start[s])..<Int(start[s + 1]) {
        let e = Int(edges[k])
        if PointInRing.near(p, to[e], from[e], tolerance: tol, margin: m) { return true }
      }
    }
    return false
  }
}
