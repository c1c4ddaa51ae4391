import Cameras
import Foundation
import Geometry

/// 2.5-D occlusion (SPEC §2): buildings are flat-roofed prisms on flat ground, the eye is at
/// height H over the camera C and targets at h_t. A sight line to a point p runs at height
/// H − t(H − h_t) over C + t(p − C), so it is below a roof at h_b once t > 1/k with
/// k = (H − h_t)/(H − h_b): p is hidden iff C + t(p − C) lies in the building for some
/// t ∈ [1/k, 1], i.e. iff p lies in a copy of the building scaled about C by some
/// λ ∈ [1, k]. That union is the shadow, built exactly from the building's edges.
extension Occlusion {
  /// The eye of a camera without a `height` (SPEC §2).
  public static let defaultEye = 5.0

  /// A camera's eye height: its `height`, else 5 m.
  public static func eye(of camera: Camera) -> Double { camera.height ?? defaultEye }

  /// Heights of one camera's sight lines: its eye and the targets', in metres.
  public struct SightHeights: Sendable {
    public var eye: Double
    public var target: Double

    public init(eye: Double = Occlusion.defaultEye, target: Double = 0) {
      self.eye = eye
      self.target = target
    }
  }

  /// The shadow of a building whose roof is at `roof` (nil: unbounded), as far as `range`
  /// from `c`, for sight lines at `heights`. Includes the building itself.
  public static func shadow(
    of building: PlanarPolygon, from c: XY, range: Double, roof: Double?, heights: SightHeights
  ) -> [PlanarPolygon] {
    if castsUnboundedShadow(building, from: c, range: range, roof: roof, heights: heights) {
      return shadow(of: building, from: c, range: range)
    }
    guard let roof, roof > heights.target else { return [building] }
    return boundedShadow(of: building, from: c, scale: scale(roof: roof, heights: heights))
  }

  /// Whether the building hides, within `range`, everything behind it as a wall would: no
  /// roof, a roof at or above the eye, or a bounded shadow reaching past the range. Every
  /// hidden point lies within k times the building's distance; when that is past the range,
  /// the unbounded shadow is the same region inside the footprint, and it keeps its corners
  /// near instead of k times away for a roof just under the eye. The planar visibility
  /// sweep takes exactly these buildings, and the overlay the others.
  static func castsUnboundedShadow(
    _ building: PlanarPolygon, from c: XY, range: Double, roof: Double?, heights: SightHeights
  ) -> Bool {
    guard let roof, roof < heights.eye else { return true }
    if roof <= heights.target { return false }
    return scale(roof: roof, heights: heights) * distance(from: c, to: building) >= range
  }

  /// k = (H − h_t)/(H − h_b): the largest scale about the camera of a hidden copy.
  static func scale(roof: Double, heights: SightHeights) -> Double {
    (heights.eye - heights.target) / (heights.eye - roof)
  }

  /// The union of the copies of `building` scaled about `c` by every λ ∈ [1, k].
  ///
  /// Convex: it is the hull of the building and its copy at k, since a point between a point
  /// of one and a point of the other is a point of the copy at some λ in between. Otherwise:
  /// the building and, for each edge with the camera on its inner side, the quadrilateral
  /// a, b, C + k(b − C), C + k(a − C) the edge sweeps. A hidden point outside the building
  /// walks towards C, as λ grows, into the building, and it enters through such an edge,
  /// so the union of those quadrilaterals and the building is the whole shadow (edges that
  /// face the camera add only points of other copies).
  static func boundedShadow(of building: PlanarPolygon, from c: XY, scale k: Double) -> [PlanarPolygon] {
    func scaled(_ p: XY) -> XY { XY(c.x + k * (p.x - c.x), c.y + k * (p.y - c.y)) }
    if building.rings.count == 1, let v = convexVertices(building.exterior) {
      return [PlanarPolygon(exterior: hull(v + v.map(scaled)))]
    }
    var out = [building]
    for (ri, raw) in building.rings.enumerated() {
      // Oriented so the polygon interior is on the left of every edge.
      let ring = Ring.oriented(raw, counterClockwise: ri == 0)
      for j in 0..<(ring.count - 1) {
        let a = ring[j]
        let b = ring[j + 1]
        if cross(b.x - a.x, b.y - a.y, c.x - a.x, c.y - a.y) <= 0 { continue }
        out.append(PlanarPolygon(exterior: [a, b, scaled(b), scaled(a), a]))
      }
    }
    return out
  }

  /// The distance from `c` to the nearest point of the polygon's rings.
  static func distance(from c: XY, to polygon: PlanarPolygon) -> Double {
    var best = Double.infinity
    for ring in polygon.rings {
      for j in 0..<(ring.count - 1) {
        let a = ring[j]
        let dx = ring[j + 1].x - a.x
        let dy = ring[j + 1].y - a.y
        let len2 = dx * dx + dy * dy
        let t = len2 > 0 ? min(1, max(0, ((c.x - a.x) * dx + (c.y - a.y) * dy) / len2)) : 0
        best = min(best, hypot(a.x + t * dx - c.x, a.y + t * dy - c.y))
      }
    }
    return best
  }
}
