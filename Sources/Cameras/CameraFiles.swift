import Formats
import Foundation
import Geometry
import Support

extension InputCRS {
  /// The shift from a Chinese web map's datum to WGS84 as a function on positions.
  public var converter: ((XY) -> XY)? {
    if self == .wgs84 { return nil }
    return { p in
      let w = self.toWGS84(lon: p.x, lat: p.y)
      return XY(w.lon, w.lat)
    }
  }
}

extension CameraReader {
  /// Camera files camgap reads with its own readers: GeoJSON (through the byte decoder) and
  /// CSV with lon/lat columns. Any other file, or any file whose CRS is declared, goes
  /// through GDAL/OGR (SPEC §5): Shapefile, GeoPackage (`FILE.gpkg:LAYER`), XLSX/ODS, a CSV
  /// of projected x/y, KML, …
  static func readsItself(_ path: String, options: CameraReadOptions) -> Bool {
    guard options.sourceCRS == nil else { return false }
    let ext = (path as NSString).pathExtension.lowercased()
    return ext == "geojson" || ext == "json" || ext == "csv"
  }

  /// A camera file read through OGR into features, positions shifted to WGS84 when the
  /// declared CRS is GCJ-02 or BD-09, then checked as every camera file is.
  static func readThroughOGR(path: String, options: CameraReadOptions) throws -> CameraFile {
    var (fc, info) = try OGRLayerReader.read(path: path, sourceCRS: options.sourceCRS, role: "cameras")
    if let datum = info.crs.chineseDatum, let shift = InputCRS(rawValue: datum.rawValue)?.converter {
      fc = fc.mapped(shift)
    }
    Timing.mark("cameras: OGR")
    return try fromFeatures(fc, options: options)
  }
}
