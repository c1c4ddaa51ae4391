/// Shapes the geometry tests build on, as plain coordinate pairs so that this target needs
/// no camgap module; each test target turns them into its own polygon type.
public enum Shapes {
  /// The closed ring of the axis-aligned square with lower-left corner (x, y) and side s,
  /// counter-clockwise: five points, the first repeated last.
  public static func square(_ x: Double, _ y: Double, _ s: Double) -> [(Double, Double)] {
    [(x, y), (x + s, y), (x + s, y + s), (x, y + s), (x, y)]
  }
}
