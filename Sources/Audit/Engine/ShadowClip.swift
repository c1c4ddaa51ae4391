import Foundation
import Geometry

/// Shadows reach twice the range beyond the camera, so most of each lies far outside the
/// footprint it is subtracted from. Cutting them to a box around the footprint before GEOS
/// sees them leaves the difference the same region while the union nodes a fraction of
/// the edges.
extension Occlusion {
  /// The box shadows are cut to: the footprint's, widened so that no cut edge runs along
  /// or touches the footprint's boundary (coincident edges are where overlay rounds).
  static func clipBox(around footprint: BBox) -> BBox {
    let margin = max(1, 0.01 * max(footprint.width, footprint.height))
    return BBox(
      minX: footprint.minX - margin, minY: footprint.minY - margin,
      maxX: footprint.maxX + margin, maxY: footprint.maxY + margin)
  }

  /// The part of `shadow` inside `box`; nil when none is. Convex single-ring shadows
  /// (every convex building's and every edge's) are cut exactly, Sutherland–Hodgman style,
  /// which keeps them convex; others, a concave building itself, are kept whole when they
  /// meet the box, as cutting a concave ring could leave it touching itself.
  static func clip(_ shadow: PlanarPolygon, to box: BBox) -> PlanarPolygon? {
    let sb = shadow.bbox
    if sb.maxX < box.minX || sb.minX > box.maxX || sb.maxY < box.minY || sb.minY > box.maxY { return nil }
    if sb.minX >= box.minX && sb.maxX <= box.maxX && sb.minY >= box.minY && sb.maxY <= box.maxY {
      return shadow
    }
    guard shadow.rings.count == 1, var v = convexVertices(shadow.exterior) else { return shadow }
    v = cut(v, box.minX, axis: 0, keepAbove: true)
    v = cut(v, box.maxX, axis: 0, keepAbove: false)
    v = cut(v, box.minY, axis: 1, keepAbove: true)
    v = cut(v, box.maxY, axis: 1, keepAbove: false)
    var ring: [XY] = []
    for p in v where ring.last != p { ring.append(p) }
    if ring.count > 1 && ring.first == ring.last { ring.removeLast() }
    guard ring.count >= 3 else { return nil }
    ring.append(ring[0])
    // A cut that leaves a sliver of no area subtracts nothing.
    guard Ring.signedArea(ring) > 0 else { return nil }
    return PlanarPolygon(exterior: ring)
  }

  /// The shadows less those inside another convex one: a building behind another's
  /// shadow adds nothing to the union, only edges for it to node. Larger shadows are kept
  /// first, so of two equal shadows one stays.
  static func droppingCovered(_ shadows: [PlanarPolygon]) -> [PlanarPolygon] {
    if shadows.count < 2 { return shadows }
    let order = shadows.indices.sorted { shadows[$0].area > shadows[$1].area }
    var hulls: [(box: BBox, vertices: [XY])] = []
    var kept: [PlanarPolygon] = []
    for i in order {
      let s = shadows[i]
      let box = s.bbox
      let convex = s.rings.count == 1 ? convexVertices(s.exterior) : nil
      if let v = convex, hulls.contains(where: { contains($0.box, $0.vertices, box, v) }) { continue }
      kept.append(s)
      if let v = convex { hulls.append((box, v)) }
    }
    return kept
  }

  /// Whether the convex ring `inner` (open, counter-clockwise) lies in the convex ring
  /// `outer`, boundaries included: then so does its hull, all of it.
  private static func contains(_ outerBox: BBox, _ outer: [XY], _ innerBox: BBox, _ inner: [XY]) -> Bool {
    guard innerBox.minX >= outerBox.minX, innerBox.maxX <= outerBox.maxX,
      innerBox.minY >= outerBox.minY, innerBox.maxY <= outerBox.maxY
    else { return false }
    let n = outer.count
    for k in 0..<n {
      let a = outer[k]
      let b = outer[(k + 1) % n]
      for p in inner where cross(b.x - a.x, b.y - a.y, p.x - a.x, p.y - a.y) < 0 { return false }
    }
    return true
  }

  /// One Sutherland–Hodgman pass of an open convex ring against the line `coord = at`
  /// (axis 0: x, 1: y). Points made on the line take `at` exactly, so the sides that
  /// several shadows leave on one box edge are collinear to the bit.
  private static func cut(_ v: [XY], _ at: Double, axis: Int, keepAbove: Bool) -> [XY] {
    if v.isEmpty { return v }
    func coord(_ p: XY) -> Double { axis == 0 ? p.x : p.y }
    func inside(_ p: XY) -> Bool { keepAbove ? coord(p) >= at : coord(p) <= at }
    func crossing(_ p: XY, _ q: XY) -> XY {
      let t = (at - coord(p)) / (coord(q) - coord(p))
      return axis == 0 ? XY(at, p.y + t * (q.y - p.y)) : XY(p.x + t * (q.x - p.x), at)
    }
    var out: [XY] = []
    out.reserveCapacity(v.count + 2)
    var prev = v[v.count - 1]
    var prevIn = inside(prev)
    for p in v {
      let pIn = inside(p)
      if pIn != prevIn { out.append(crossing(prev, p)) }
      if pIn { out.append(p) }
      prev = p
      prevIn = pIn
    }
    return out
  }
}
