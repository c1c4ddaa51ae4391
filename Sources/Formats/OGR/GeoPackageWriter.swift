import Foundation
import Support

/// OGC GeoPackages (12-128) in EPSG:4326 through GDAL's GPKG driver, the form QGIS and
/// ArcGIS open as is: one file, every layer a typed table, non-spatial tables included.
public enum GeoPackageWriter {
  /// Writes every layer into one new GeoPackage at `path` (replacing a previous file only
  /// once the new one is complete).
  /// - Returns: GDAL's warnings, which a well-formed set of layers never produces.
  /// - Throws: `OutputError` with the path and GDAL's reason.
  @discardableResult
  public static func write(_ layers: [VectorLayer], to path: String) throws -> [String] {
    try OGRVectorWriter.write(layers, to: path, driver: "GPKG")
  }
}
