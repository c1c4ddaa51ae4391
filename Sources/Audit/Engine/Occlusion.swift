import Foundation
import Geometry

/// Line-of-sight occlusion by buildings (SPEC §2), exact: a camera sees a point of its
/// footprint only if the segment to it crosses no building interior. For each building
/// near the camera we build its shadow as a polygon from the building's edges — the
/// region behind every edge that faces the camera, out beyond the range — and subtract
/// the union of shadows from the footprint. No rays are sampled, so the result is exact
/// up to floating point and independent of any resolution.
public enum Occlusion {
  /// The shadow of one building polygon (rings closed) seen from `c`, reaching beyond
  /// `range`. Includes the building itself. Empty when `c` is inside or on the building,
  /// because a camera on a wall or roof edge is not blocked by its own building.
  public static func shadow(of building: PlanarPolygon, from c: XY, range: Double) -> [PlanarPolygon] {
    var maxDist = 0.0
    for p in building.exterior { maxDist = max(maxDist, hypot(p.x - c.x, p.y - c.y)) }
    let far = max(2 * range, 2 * maxDist)
    if building.rings.count == 1, let s = convexShadow(building.exterior, c, far) { return [s] }
    var out: [PlanarPolygon] = [building]
    for (ri, raw) in building.rings.enumerated() {
      // Orient so the polygon interior is on the left of every edge.
      let ring = Ring.oriented(raw, counterClockwise: ri == 0)
      for k in 0..<(ring.count - 1) {
        let a = ring[k]
        let b = ring[k + 1]
        if cross(b.x - a.x, b.y - a.y, c.x - a.x, c.y - a.y) >= 0 { continue }  // faces away or edge-on
        out.append(contentsOf: edgeShadow(a, b, c, far))
      }
    }
    return out
  }

  /// The convex hull of a footprint's outer ring and the camera: it holds every segment
  /// from the camera to the footprint (the footprint is star-shaped about its camera), so a
  /// building outside it hides nothing of the footprint. A blind zone leaves the camera out
  /// of the footprint itself.
  public static func reach(of footprint: PlanarPolygon, from c: XY) -> PlanarPolygon {
    PlanarPolygon(exterior: hull(footprint.exterior + [c]))
  }

  /// The convex hull of `points` as a closed counter-clockwise ring (monotone chain).
  static func hull(_ points: [XY]) -> [XY] {
    let pts = points.sorted { ($0.x, $0.y) < ($1.x, $1.y) }
    func half(_ points: [XY]) -> [XY] {
      var h: [XY] = []
      for p in points {
        while h.count >= 2,
          cross(
            h[h.count - 1].x - h[h.count - 2].x, h[h.count - 1].y - h[h.count - 2].y,
            p.x - h[h.count - 2].x, p.y - h[h.count - 2].y) <= 0
        {
          h.removeLast()
        }
        h.append(p)
      }
      return h
    }
    let lower = half(pts)
    let upper = half(pts.reversed())
    var ring = Array(lower.dropLast()) + Array(upper.dropLast())
    ring.append(ring[0])
    return ring
  }

  @inline(__always) static func cross(_ ax: Double, _ ay: Double, _ bx: Double, _ by: Double) -> Double {
    ax * by - ay * bx
  }

  @inline(__always) static func extend(_ p: XY, _ c: XY, _ far: Double) -> XY {
    let dx = p.x - c.x
    let dy = p.y - c.y
    let d = hypot(dx, dy)
    return XY(c.x + dx / d * far, c.y + dy / d * far)
  }

  /// Splits the angle an edge subtends into pieces of at most 45°, so that the far side of
  /// each piece's shadow (at distance ≥ 2·range) stays outside the range circle:
  /// a chord between two points at distance D spanning 45° is ≥ D·cos 22.5° ≈ 0.92·D away.
  static func anglePieces(_ a: XY, _ b: XY, _ c: XY) -> [XY] {
    let va = XY(a.x - c.x, a.y - c.y)
    let vb = XY(b.x - c.x, b.y - c.y)
    let theta = atan2(cross(va.x, va.y, vb.x, vb.y), va.x * vb.x + va.y * vb.y)
    let k = max(1, Int((abs(theta) / (.pi / 4)).rounded(.up)))
    if k == 1 { return [a, b] }
    var pts = [a]
    let phiA = atan2(va.y, va.x)
    let w = XY(b.x - a.x, b.y - a.y)
    for j in 1..<k {
      let phi = phiA + theta * Double(j) / Double(k)
      let d = XY(cos(phi), sin(phi))
      let den = cross(d.x, d.y, w.x, w.y)
      if den == 0 { continue }
      let t = -cross(d.x, d.y, va.x, va.y) / den
      pts.append(XY(a.x + t * w.x, a.y + t * w.y))
    }
    pts.append(b)
    return pts
  }

  static func edgeShadow(_ a: XY, _ b: XY, _ c: XY, _ far: Double) -> [PlanarPolygon] {
    let pts = anglePieces(a, b, c)
    var out: [PlanarPolygon] = []
    for j in 0..<(pts.count - 1) {
      let p = pts[j]
      let q = pts[j + 1]
      let area2 = cross(p.x - c.x, p.y - c.y, q.x - c.x, q.y - c.y)
      if abs(area2) <= 1e-12 * max(1, (p.x - c.x) * (p.x - c.x) + (p.y - c.y) * (p.y - c.y)) { continue }
      let fp = extend(p, c, far)
      let fq = extend(q, c, far)
      out.append(PlanarPolygon(exterior: [p, q, fq, fp, p]))
    }
    return out
  }

  /// For a convex ring (the common rectangular building): one polygon made of the chain of
  /// edges facing the camera and the far side beyond the range. Nil when not convex or
  /// when the camera is not strictly outside.
  static func convexShadow(_ raw: [XY], _ c: XY, _ far: Double) -> PlanarPolygon? {
    guard let v = convexVertices(raw) else { return nil }
    let n = v.count
    var front = [Bool](repeating: false, count: n)
    var anyFront = false
    for i in 0..<n {
      let a = v[i]
      let b = v[(i + 1) % n]
      let s = cross(b.x - a.x, b.y - a.y, c.x - a.x, c.y - a.y)
      if s > 0 { continue }  // camera on the interior side of this edge
      if s == 0 { return nil }  // camera on an edge's line: let the general path decide
      front[i] = true
      anyFront = true
    }
    guard anyFront else { return nil }  // inside
    // Start of the front chain: a front edge whose predecessor is not.
    guard let start = (0..<n).first(where: { front[$0] && !front[($0 + n - 1) % n] }) else { return nil }
    var chain: [XY] = [v[start]]
    var i = start
    while front[i] {
      i = (i + 1) % n
      chain.append(v[i])
      if chain.count > n + 1 { return nil }
    }
    guard let l = chain.first, let r = chain.last else { return nil }
    // Far side from r back to l in pieces of ≤ 45°.
    let farPts = anglePieces(r, l, c).map { extend($0, c, far) }
    var ringOut = chain
    ringOut.append(contentsOf: farPts)
    ringOut.append(chain[0])
    return PlanarPolygon(exterior: ringOut)
  }

  /// The distinct vertices of a ring, counter-clockwise and open, when it is convex; nil
  /// when it turns back anywhere or has fewer than three.
  static func convexVertices(_ raw: [XY]) -> [XY]? {
    var ring = Ring.oriented(raw, counterClockwise: true)
    ring.removeLast()
    // Drop repeated vertices.
    var v: [XY] = []
    for p in ring where v.last != p { v.append(p) }
    if v.count > 1 && v.first == v.last { v.removeLast() }
    let n = v.count
    guard n >= 3 else { return nil }
    for i in 0..<n {
      let a = v[i]
      let b = v[(i + 1) % n]
      let d = v[(i + 2) % n]
      if cross(b.x - a.x, b.y - a.y, d.x - b.x, d.y - b.y) < 0 { return nil }  // reflex turn
    }
    return v
  }
}
