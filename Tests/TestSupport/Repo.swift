import Foundation

/// Paths in the repository: the geodata/ bundles sit beside Tests/.
public enum Repo {
  public static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  /// A bundle or file under geodata/, e.g. `geodata("tiny")` or `geodata("tiny/cameras.geojson")`.
  public static func geodata(_ name: String) -> String {
    root.appendingPathComponent("geodata").appendingPathComponent(name).path
  }
}
