import Foundation

/// Shapes the geometry tests build on, as plain coordinate pairs so that this target needs
/// no camgap module; each test target turns them into its own polygon type.
public enum Shapes {
  /// The closed ring of the axis-aligned square with lower-left corner (x, y) and side s,
  /// counter-clockwise: five points, the first repeated last.
  public static func square(_ x: Double, _ y: Double, _ s: Double) -> [(Double, Double)] {
    [(x, y), (x + s, y), (x + s, y + s), (x, y + s), (x, y)]
  }

  /// The ring through `pts` scaled by `s`, turned by `angle` (radians, counter-clockwise)
  /// and moved to `centre`, closed: a random building in the occlusion tests.
  public static func placed(
    _ pts: [(Double, Double)], centre: (Double, Double), angle: Double, scale s: Double
  ) -> [(Double, Double)] {
    let r = pts.map { p in
      (
        centre.0 + s * (p.0 * cos(angle) - p.1 * sin(angle)),
        centre.1 + s * (p.0 * sin(angle) + p.1 * cos(angle))
      )
    }
    return r + [r[0]]
  }
}
