import Foundation
import Support

/// Finds a bundle layer's file by its stem (SPEC §1: `districts.geojson`, `districts.shp`,
/// `districts.gpkg`, `cameras.xlsx`, …). Two files for one layer are an error naming both:
/// picking one silently would audit data the planner did not mean.
public enum BundleFiles {
  /// Extensions of files that hold a layer. A Shapefile's sidecars (`.dbf`, `.shx`, `.prj`,
  /// `.cpg`, `.sbn`, …) are not among them, so `districts.shp` with its sidecars is one
  /// file; `.xml` is a GB/T 28181 catalogue (cameras) or GML.
  public static let layerExtensions: Set<String> = [
    "geojson", "json", "csv", "shp", "gpkg", "fgb", "kml", "kmz", "gml", "xlsx", "ods", "xml", "tab", "mif",
    "sqlite",
  ]

  /// The path of the one file in `directory` whose name is `stem` plus a layer extension
  /// (compared case-insensitively; hidden files are ignored), or nil when there is none.
  /// - Throws: `InputError` naming every file when there are two or more, or when the
  ///   directory cannot be listed.
  public static func locate(directory: String, stem: String) throws -> String? {
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else {
      throw InputError(file: directory, message: "cannot list the bundle directory")
    }
    let wanted = stem.lowercased()
    let hits = names.filter { name in
      guard !name.hasPrefix("."), let dot = name.lastIndex(of: ".") else { return false }
      let ext = name[name.index(after: dot)...].lowercased()
      return name[..<dot].lowercased() == wanted && layerExtensions.contains(ext)
    }.sorted()
    guard let first = hits.first else { return nil }
    if hits.count > 1 {
      let list = hits.dropLast().joined(separator: ", ") + " and " + hits.last!
      throw InputError(
        file: (directory as NSString).lastPathComponent,
        message:
          "\(list) are \(hits.count == 2 ? "both" : "all") the \(stem) layer; keep one, or name it in camgap.toml ([\(stem)] file = \"\(first)\")"
      )
    }
    return (directory as NSString).appendingPathComponent(first)
  }
}
