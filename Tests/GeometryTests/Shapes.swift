import Geometry
import TestSupport

/// The shared test square as this target's polygon.
func square(_ x: Double, _ y: Double, _ s: Double) -> PlanarPolygon {
  PlanarPolygon(exterior: Shapes.square(x, y, s).map { XY($0.0, $0.1) })
}
