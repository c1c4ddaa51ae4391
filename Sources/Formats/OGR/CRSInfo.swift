import CGDAL
import Foundation
import Support

/// Chinese web-map coordinates (GCJ-02, Baidu BD-09): longitude/latitude shifted by a
/// published obfuscation, not a CRS PROJ knows. The reader leaves such positions as they
/// are and says so; the cameras' decoder undoes the shift (SPEC §1 `--input-crs`).
public enum ChineseDatum: String, Sendable, Equatable {
  case gcj02
  case bd09
}

/// Where a layer's coordinates were taken to be, and what was done to them.
public struct CRSInfo: Sendable, Equatable {
  public enum Origin: String, Sendable, Equatable {
    /// Named by the caller (`--source-crs`, the manifest's `crs`).
    case argument
    /// Declared by the file: a Shapefile's `.prj`, the GeoPackage SRS, a GeoJSON `crs` member.
    /// A GeoJSON file without `crs` comes back as this with EPSG:4326, because OGR gives
    /// every GeoJSON layer the CRS RFC 7946 fixes.
    case file
    /// Nothing declared: WGS84 longitude/latitude (SPEC §5).
    case assumed
  }

  public var origin: Origin
  /// `EPSG:n` where the CRS has an authority code, else its name; `gcj02`/`bd09` for those.
  public var name: String
  /// Set when the caller said the positions are GCJ-02 or BD-09; they come back untouched.
  public var chineseDatum: ChineseDatum?
  /// True when PROJ transformed the positions to WGS84.
  public var reprojected: Bool

  public init(origin: Origin, name: String, chineseDatum: ChineseDatum? = nil, reprojected: Bool) {
    self.origin = origin
    self.name = name
    self.chineseDatum = chineseDatum
    self.reprojected = reprojected
  }
}

/// The source CRS chosen for one layer, with the PROJ transformation to WGS84 when one is
/// needed (nil for WGS84 itself and for the Chinese web-map datums).
struct SourceCRS {
  var info: CRSInfo
  var geographic: Bool
  var transform: CoordinateTransformHandle?
  /// Kept alive as long as the transformation that refers to them.
  var handles: [OSRHandle] = []

  /// Precedence (SPEC §5): the caller's CRS, else the layer's own, else WGS84.
  static func resolve(argument: String?, layerSRS: OGRSpatialReferenceH?, file: String, log: ErrorLog) throws
    -> SourceCRS
  {
    if let argument {
      let text = argument.trimmingCharacters(in: .whitespacesAndNewlines)
      if let datum = ChineseDatum(rawValue: text.lowercased()) {
        return SourceCRS(
          info: CRSInfo(origin: .argument, name: datum.rawValue, chineseDatum: datum, reprojected: false),
          geographic: true, transform: nil)
      }
      guard let srs = OSRHandle.fromUserInput(text) else {
        throw InputError(
          file: file, field: "crs",
          message:
            "cannot read the CRS \"\(argument)\": \(log.failure("not EPSG:n, WKT or a PROJ string")) (give EPSG:n, WKT or a PROJ string)"
        )
      }
      return try from(srs, origin: .argument, file: file, log: log)
    }
    if let layerSRS, let srs = OSRHandle.clone(layerSRS) {
      return try from(srs, origin: .file, file: file, log: log)
    }
    return SourceCRS(
      info: CRSInfo(origin: .assumed, name: "EPSG:4326", reprojected: false), geographic: true, transform: nil
    )
  }

  private static func from(_ srs: OSRHandle, origin: CRSInfo.Origin, file: String, log: ErrorLog) throws
    -> SourceCRS
  {
    if srs.isWGS84 {
      return SourceCRS(
        info: CRSInfo(origin: origin, name: srs.label, reprojected: false), geographic: true, transform: nil)
    }
    let wgs84 = OSRHandle.wgs84()
    guard let ct = CoordinateTransformHandle(from: srs, to: wgs84) else {
      throw InputError(
        file: file, field: "crs",
        message: "PROJ cannot transform \(srs.label) to WGS84: \(log.failure("no transformation found"))")
    }
    return SourceCRS(
      info: CRSInfo(origin: origin, name: srs.label, reprojected: true), geographic: srs.isGeographic,
      transform: ct, handles: [srs, wgs84])
  }
}
