/// Which parts of a line segment lie in a polygon, as parameter intervals along it.
///
/// Road coverage needs only where each road runs inside some footprint. Cutting the
/// segment at every point where it meets a polygon's boundary leaves pieces that are each
/// wholly inside or wholly outside, so one point of each piece decides it; an extra cut is
/// harmless, which is why cuts are taken generously near vertices rather than risk missing
/// one. The boundary counts as inside, as in a GEOS intersection.
public enum SegmentCover {
  /// Sorted, disjoint intervals of `t` in [0, 1] (point `a + t·(b − a)`) inside `polygon`.
  public static func intervals(_ a: XY, _ b: XY, in polygon: PlanarPolygon) -> [(Double, Double)] {
    let rx = b.x - a.x
    let ry = b.y - a.y
    let len2 = rx * rx + ry * ry
    if len2 == 0 { return PointInRing.covers(polygon, a) ? [(0, 1)] : [] }
    var cuts: [Double] = [0, 1]
    let slack = 1e-9
    for ring in polygon.rings {
      for k in 0..<(ring.count - 1) {
        let c = ring[k]
        let d = ring[k + 1]
        let sx = d.x - c.x
        let sy = d.y - c.y
        let qx = c.x - a.x
        let qy = c.y - a.y
        let denom = rx * sy - ry * sx
        let scale = (rx.magnitude + ry.magnitude) * (sx.magnitude + sy.magnitude)
        if denom.magnitude > 1e-12 * scale {
          let t = (qx * sy - qy * sx) / denom
          let u = (qx * ry - qy * rx) / denom
          if t > -slack && t < 1 + slack && u > -slack && u < 1 + slack {
            cuts.append(Swift.min(1, Swift.max(0, t)))
          }
        } else {
          // Parallel: where the edge's ends fall along the segment, if on its line.
          let off = (qx * ry - qy * rx).magnitude / len2.squareRoot()
          if off <= 1e-9 * Swift.max(1, len2.squareRoot()) {
            for p in [c, d] {
              let t = ((p.x - a.x) * rx + (p.y - a.y) * ry) / len2
              if t > 0 && t < 1 { cuts.append(t) }
            }
          }
        }
      }
    }
    cuts.sort()
    var out: [(Double, Double)] = []
    var lo = cuts[0]
    for t in cuts.dropFirst() where t > lo {
      let m = (lo + t) / 2
      if PointInRing.covers(polygon, XY(a.x + m * rx, a.y + m * ry)) {
        if let last = out.last, last.1 == lo {
          out[out.count - 1].1 = t
        } else {
          out.append((lo, t))
        }
      }
      lo = t
    }
    return out
  }

  /// Sorted, disjoint intervals covered by any of the polygons.
  public static func union(_ parts: [[(Double, Double)]]) -> [(Double, Double)] {
    var all = parts.flatMap { $0 }
    if all.isEmpty { return [] }
    all.sort { $0.0 < $1.0 }
    var out: [(Double, Double)] = [all[0]]
    for iv in all.dropFirst() {
      if iv.0 <= out[out.count - 1].1 {
        out[out.count - 1].1 = Swift.max(out[out.count - 1].1, iv.1)
      } else {
        out.append(iv)
      }
    }
    return out
  }

  /// The parts of [0, 1] not in `covered` (sorted and disjoint).
  public static func complement(_ covered: [(Double, Double)]) -> [(Double, Double)] {
    var out: [(Double, Double)] = []
    var t = 0.0
    for (lo, hi) in covered {
      if lo > t { out.append((t, lo)) }
      t = Swift.max(t, hi)
    }
    if t < 1 { out.append((t, 1)) }
    return out
  }
}
