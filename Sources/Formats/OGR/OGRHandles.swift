import CGDAL
import Foundation

/// An open GDAL dataset, closed (and for a writable one, flushed) when the last reference
/// goes. Layers handed out by GDAL belong to the dataset, so a reader keeps the dataset
/// alive for as long as it walks a layer.
final class GDALDatasetHandle {
  let raw: GDALDatasetH

  init(_ raw: GDALDatasetH) { self.raw = raw }

  deinit { GDALClose(raw) }

  /// Opens a vector dataset read-only; nil with GDAL's message when it cannot.
  static func open(path: String, options: [String]) -> GDALDatasetHandle? {
    let raw = withCStringArray(options) { opts in
      GDALOpenEx(path, UInt32(GDAL_OF_VECTOR | GDAL_OF_READONLY), nil, opts, nil)
    }
    return raw.map(GDALDatasetHandle.init)
  }

  var layerCount: Int { Int(GDALDatasetGetLayerCount(raw)) }

  func layer(at i: Int) -> OGRLayerH? { GDALDatasetGetLayer(raw, Int32(i)) }

  func layer(named name: String) -> OGRLayerH? { GDALDatasetGetLayerByName(raw, name) }

  var layerNames: [String] {
    (0..<layerCount).compactMap { layer(at: $0).flatMap { OGR_L_GetName($0) }.map { String(cString: $0) } }
  }

  var driverName: String {
    guard let d = GDALGetDatasetDriver(raw), let n = GDALGetDriverShortName(d) else { return "" }
    return String(cString: n)
  }
}

/// A feature read from or made for a layer; destroyed with `OGR_F_Destroy`.
final class OGRFeatureHandle {
  let raw: OGRFeatureH

  init(_ raw: OGRFeatureH) { self.raw = raw }

  deinit { OGR_F_Destroy(raw) }
}

/// An owned spatial reference (a clone when it came from a layer, which keeps its own).
/// Axis order is always the traditional GIS one — longitude/easting first — so that
/// EPSG:4326 and the northing-first CGCS2000 Gauss-Krüger CRSs (EPSG:4549) are read the
/// way Shapefiles and GeoPackages store them.
final class OSRHandle {
  let raw: OGRSpatialReferenceH

  private init(_ raw: OGRSpatialReferenceH) {
    self.raw = raw
    OSRSetAxisMappingStrategy(raw, OAMS_TRADITIONAL_GIS_ORDER)
  }

  deinit { OSRRelease(raw) }

  /// A CRS from user text: `EPSG:n`, WKT, a PROJ string (anything `gdalsrsinfo` takes).
  static func fromUserInput(_ text: String) -> OSRHandle? {
    guard let raw = OSRNewSpatialReference(nil) else { return nil }
    let handle = OSRHandle(raw)
    guard OSRSetFromUserInput(raw, text) == OGRERR_NONE else { return nil }
    OSRSetAxisMappingStrategy(raw, OAMS_TRADITIONAL_GIS_ORDER)
    return handle
  }

  static func wgs84() -> OSRHandle {
    guard let raw = OSRNewSpatialReference(nil) else {
      fatalError("GDAL cannot allocate a spatial reference")
    }
    let handle = OSRHandle(raw)
    OSRImportFromEPSG(raw, 4326)
    OSRSetAxisMappingStrategy(raw, OAMS_TRADITIONAL_GIS_ORDER)
    return handle
  }

  /// An owned copy of a layer's CRS.
  static func clone(_ borrowed: OGRSpatialReferenceH) -> OSRHandle? {
    OSRClone(borrowed).map(OSRHandle.init)
  }

  var isGeographic: Bool { OSRIsGeographic(raw) != 0 }

  /// `EPSG:n` when the CRS carries an authority code, else its name.
  var label: String {
    if let auth = OSRGetAuthorityName(raw, nil), let code = OSRGetAuthorityCode(raw, nil) {
      return "\(String(cString: auth)):\(String(cString: code))"
    }
    if let name = OSRGetName(raw) { return String(cString: name) }
    return "unnamed CRS"
  }

  /// Same datum and axes as WGS84 longitude/latitude, so no transformation is needed.
  var isWGS84: Bool {
    let w = OSRHandle.wgs84()
    return OSRIsSame(raw, w.raw) != 0
  }
}

/// A PROJ transformation between two CRSs, destroyed with
/// `OCTDestroyCoordinateTransformation`.
final class CoordinateTransformHandle {
  let raw: OGRCoordinateTransformationH

  init?(from source: OSRHandle, to target: OSRHandle) {
    guard let raw = OCTNewCoordinateTransformation(source.raw, target.raw) else { return nil }
    self.raw = raw
  }

  deinit { OCTDestroyCoordinateTransformation(raw) }
}

/// Runs `body` with a NULL-terminated `char **` list, as GDAL's option arguments take.
func withCStringArray<T>(_ strings: [String], _ body: (UnsafePointer<UnsafePointer<CChar>?>?) -> T) -> T {
  if strings.isEmpty { return body(nil) }
  var pointers: [UnsafePointer<CChar>?] = strings.map { UnsafePointer(strdup($0)) }
  pointers.append(nil)
  defer { for p in pointers { free(UnsafeMutablePointer(mutating: p)) } }
  return pointers.withUnsafeBufferPointer { body($0.baseAddress) }
}

/// The same list as GDAL's `CSLConstList`, which Swift imports without its `const`s.
func cslConstList(_ p: UnsafePointer<UnsafePointer<CChar>?>?) -> CSLConstList? {
  p.map { CSLConstList(OpaquePointer($0)) }
}
