import Foundation
import Geometry

/// Footprint construction of SPEC §2, in the metric plane. The vertex rule is part of the
/// contract (other programs must reproduce camgap's areas to 1e-9), so it is spelt out
/// here once and used by the audit, the planner and the DORI bands alike:
/// apex at the camera, arc over grid bearings `heading − γ ± fov/2` at `range`, cut into
/// `n = max(1, ceil(fov / 5°))` equal steps with all `n + 1` vertices on the circle, a
/// vertex at grid bearing β lying at `(x + r·sin β, y + r·cos β)`. A 360° view is the
/// regular 72-gon inscribed in the circle, first vertex at grid bearing 0. A blind zone
/// removes the same construction at `minRange`.
public enum Footprint {
  public static func steps(fov: Double) -> Int { max(1, Int((fov / 5).rounded(.up))) }

  @inline(__always) static func vertex(_ c: XY, _ r: Double, _ bearingDeg: Double) -> XY {
    let b = bearingDeg * .pi / 180
    return XY(c.x + r * sin(b), c.y + r * cos(b))
  }

  /// The 72-gon, counter-clockwise and closed.
  public static func disc(center c: XY, radius r: Double) -> [XY] {
    var pts: [XY] = []
    pts.reserveCapacity(73)
    for k in stride(from: 71, through: 0, by: -1) { pts.append(vertex(c, r, Double(k) * 5)) }
    pts.append(pts[0])
    return pts
  }

  /// One view's footprint. `gridHeading` is the true heading minus the meridian
  /// convergence. Returns nil when the view covers nothing (range ≤ blind zone).
  /// Exterior rings are counter-clockwise, holes clockwise. Each ring is written once, in
  /// its final order: a city has 150,000 of them.
  public static func view(center c: XY, gridHeading: Double, fov: Double, range r: Double, minRange m: Double)
    -> PlanarPolygon?
  {
    guard r > 0, r.isFinite, m < r else { return nil }
    let inner = m > 0 && m.isFinite ? m : 0
    if fov >= 360 {
      let outer = disc(center: c, radius: r)
      if inner > 0 {
        return PlanarPolygon(exterior: outer, holes: [disc(center: c, radius: inner).reversed()])
      }
      return PlanarPolygon(exterior: outer)
    }
    let start = gridHeading - fov / 2
    let n = steps(fov: fov)
    let step = fov / Double(n)
    // Increasing bearing runs clockwise; GeoJSON and GEOS conventions want the exterior
    // counter-clockwise, so the arc is walked from its last vertex back.
    var ring: [XY] = []
    if inner > 0 {
      // Outer arc back from its first vertex's twin, then the inner arc forward.
      ring.reserveCapacity(2 * n + 3)
      let first = vertex(c, r, start)
      ring.append(first)
      for k in 0...n { ring.append(vertex(c, inner, start + Double(k) * step)) }
      for k in stride(from: n, to: 0, by: -1) { ring.append(vertex(c, r, start + Double(k) * step)) }
      ring.append(first)
    } else {
      ring.reserveCapacity(n + 3)
      ring.append(c)
      for k in stride(from: n, through: 0, by: -1) { ring.append(vertex(c, r, start + Double(k) * step)) }
      ring.append(c)
    }
    return PlanarPolygon(exterior: ring)
  }

  /// Closed-form area of an n-step (annular) sector, for checks: `0.5·n·sin(fov/n)·(r² − m²)`;
  /// the 72-gon is `36·sin(5°)·(r² − m²)`.
  public static func closedFormArea(fov: Double, range r: Double, minRange m: Double = 0) -> Double {
    if fov >= 360 { return 36 * sin(5 * .pi / 180) * (r * r - m * m) }
    let n = Double(steps(fov: fov))
    return 0.5 * n * sin(fov / n * .pi / 180) * (r * r - m * m)
  }

  /// Every footprint polygon of a camera (one per view) at its projected position.
  public static func polygons(of optics: ResolvedOptics, at c: XY, convergence gamma: Double)
    -> [PlanarPolygon]
  {
    var out: [PlanarPolygon] = []
    for v in optics.views {
      if let p = view(
        center: c, gridHeading: v.heading - gamma, fov: v.fov, range: optics.range, minRange: optics.minRange)
      {
        out.append(p)
      }
    }
    return out
  }
}
