import Cameras
import Formats
import Foundation
import Geometry
import Support

/// How an area layer's file is read. GeoJSON goes through camgap's own reader (its exact
/// messages and fast parse); every other format GDAL/OGR reads (Shapefile with its `.prj`
/// and `.cpg` or GBK attributes, GeoPackage `FILE.gpkg:LAYER`, FlatGeobuf, KML, GML, …) goes
/// through OGR in the CRS declared by `--source-crs`, else the manifest, else the file's own,
/// into the same features. GCJ-02 and BD-09 are shifted to WGS84 here, vertex for vertex.
enum LayerFiles {
  static func read(_ path: String, _ layer: ManifestLayer, _ bundle: BundleLoader.BundleDirectory) throws
    -> FeatureCollection
  {
    let crs = bundle.sourceCRS[layer.rawValue] ?? bundle.manifest[layer]?.crs
    let ext = (file(of: path) as NSString).pathExtension.lowercased()
    if crs == nil && (ext == "geojson" || ext == "json") { return try GeoJSONReader.read(path: path) }
    var (fc, info) = try OGRLayerReader.read(path: path, sourceCRS: crs, role: layer.rawValue)
    if let datum = info.crs.chineseDatum, let shift = InputCRS(rawValue: datum.rawValue)?.converter {
      fc = fc.mapped(shift)
    }
    return fc
  }

  /// The file of `FILE.gpkg:LAYER`.
  static func file(of path: String) -> String {
    guard let colon = path.lastIndex(of: ":"), !path[path.index(after: colon)...].contains("/") else {
      return path
    }
    let file = String(path[..<colon])
    return FileManager.default.fileExists(atPath: file) ? file : path
  }
}
