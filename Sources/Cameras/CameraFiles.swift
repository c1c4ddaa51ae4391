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
  public static func readsItself(_ path: String, options: CameraReadOptions) -> Bool {
    guard options.sourceCRS == nil else { return false }
    let ext = (path as NSString).pathExtension.lowercased()
    return ext == "geojson" || ext == "json" || ext == "csv" || startsAsJSON(path)
  }

  /// Whether the file's first character (after a byte-order mark and white space) opens a
  /// JSON object: GeoJSON whatever the file is called.
  static func startsAsJSON(_ path: String) -> Bool {
    guard let h = FileHandle(forReadingAtPath: path) else { return false }
    defer { try? h.close() }
    let head = [UInt8]((try? h.read(upToCount: 256)) ?? Data())
    var i = head.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    while i < head.count, [0x20, 0x09, 0x0A, 0x0D].contains(head[i]) { i += 1 }
    return i < head.count && head[i] == UInt8(ascii: "{")
  }

  /// A camera file read through OGR into features, positions shifted to WGS84 when the
  /// declared CRS is GCJ-02 or BD-09.
  public static func ogrFeatures(path: String, options: CameraReadOptions) throws -> FeatureCollection {
    var (fc, info) = try OGRLayerReader.read(path: path, sourceCRS: options.sourceCRS, role: "cameras")
    if let datum = info.crs.chineseDatum, let shift = InputCRS(rawValue: datum.rawValue)?.converter {
      fc = fc.mapped(shift)
    }
    Timing.mark("cameras: OGR")
    return fc
  }

  /// An OGR-read camera file checked as every camera file is.
  static func readThroughOGR(path: String, options: CameraReadOptions) throws -> CameraFile {
    try fromFeatures(try ogrFeatures(path: path, options: options), options: options)
  }
}
