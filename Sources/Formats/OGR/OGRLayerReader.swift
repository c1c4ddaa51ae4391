import CGDAL
import Foundation
import Geometry
import Support

/// What the reader found besides the features: which driver and layer it read, the CRS it
/// took the coordinates to be in, and, for a table without geometry, which columns gave
/// the positions.
public struct OGRSourceInfo: Sendable {
  /// GDAL's short driver name: `ESRI Shapefile`, `GPKG`, `XLSX`, `CSV`, …
  public var driver: String
  public var layer: String
  public var crs: CRSInfo
  /// The x/longitude and y/latitude columns of a table without geometry, when positions
  /// were taken from them (those two columns are then left out of the properties).
  public var positionColumns: (x: String, y: String)?
}

/// Reads one layer of any vector file OGR reads — GeoJSON, Shapefile, GeoPackage,
/// FlatGeobuf, KML, GML, CSV, XLSX, ODS — into the same `FeatureCollection` the GeoJSON
/// reader gives, with WGS84 longitude/latitude positions (SPEC §5).
///
/// Feature indices in messages and in `Feature.index` are OGR's FIDs, which is what
/// `ogrinfo -fid N` and QGIS show: the 0-based record number of a Shapefile and of a
/// GeoJSON file (unless its features carry integer `id`s), the `fid` column of a
/// GeoPackage, the data row number of a CSV file (1 for the row after the header, so the
/// file's line is FID + 1, which messages name as `line N`) and the sheet row of an XLSX/ODS file (2 for the row after the
/// header). A driver without FIDs gets the 0-based position.
public enum OGRLayerReader {
  /// Aliases (SPEC §5) of the position columns of a table without geometry, compared
  /// case-insensitively.
  public static let longitudeColumns = ["lon", "lng", "longitude", "x", "经度"]
  public static let latitudeColumns = ["lat", "latitude", "y", "纬度"]

  /// - Parameters:
  ///   - path: the file; `FILE.gpkg:LAYER` names a layer inside it as `layer` does.
  ///   - layer: the layer inside the file; nil takes its only layer (a spreadsheet's first
  ///     sheet); a file with several layers is then an error listing them.
  ///   - sourceCRS: `EPSG:n`, WKT or a PROJ string, overriding the file's own CRS;
  ///     `gcj02`/`bd09` leave the positions as they are and set `CRSInfo.chineseDatum`.
  ///   - role: the bundle layer (`districts`, `cameras`, …) the file is read as, named in
  ///     messages that tell how to declare a CRS.
  ///   - positionColumns: the columns holding x/longitude and y/latitude of a table without
  ///     geometry; nil looks for one of `longitudeColumns` and one of `latitudeColumns`.
  /// - Throws: `InputError` (exit 2) for anything wrong with the file, naming the file
  ///   (`FILE:LAYER` when a layer was named), the feature's FID and the field.
  public static func read(
    path: String, layer: String? = nil, sourceCRS: String? = nil, role: String? = nil,
    positionColumns: (x: String, y: String)? = nil
  ) throws -> (FeatureCollection, OGRSourceInfo) {
    let (file, layerName) = splitLayer(path: path, layer: layer)
    let name = (file as NSString).lastPathComponent
    let label = layerName.map { "\(name):\($0)" } ?? name
    guard FileManager.default.isReadableFile(atPath: file) else {
      throw InputError(file: label, message: "cannot read file \(file)")
    }
    return try GDALRuntime.capturing { log in
      let (options, decoding) = openOptions(file)
      guard let ds = GDALDatasetHandle.open(path: file, options: options) else {
        throw InputError(
          file: label, message: "OGR cannot read it: \(log.failure("not a vector format GDAL knows"))")
      }
      Timing.mark("\(label): open")
      let ogrLayer = try pick(ds, name: layerName, label: label)
      let crs = try SourceCRS.resolve(
        argument: sourceCRS, layerSRS: OGR_L_GetSpatialRef(ogrLayer), file: label, log: log)
      var walk = LayerWalk(
        label: label, layer: ogrLayer, crs: crs, role: role ?? "LAYER", decoding: decoding,
        csv: ds.driverName == "CSV")
      try walk.findPositionColumns(positionColumns)
      let failuresBefore = log.failures.count
      let features = try walk.features()
      // A driver that meets a broken record reports a failure and goes on with a null
      // geometry, or ends the layer early: either way the file is damaged, and auditing
      // what is left would report gaps that are not there.
      if log.failures.count > failuresBefore {
        let n = log.failures.count - failuresBefore
        throw InputError(
          file: label,
          message:
            "the file is damaged: OGR reported \(n) read error\(n == 1 ? "" : "s"), the first: \(log.failures[failuresBefore])"
        )
      }
      Timing.mark("\(label): features")
      let info = OGRSourceInfo(
        driver: ds.driverName, layer: String(cString: OGR_L_GetName(ogrLayer)), crs: crs.info,
        positionColumns: walk.positionColumnNames)
      let warnings = walk.geometry.warnings + log.warnings.map { "\(label): \($0)" }
      return (FeatureCollection(file: label, features: features, warnings: warnings), info)
    }
  }

  /// `FILE:LAYER` when FILE exists and the whole string does not (Windows drive letters
  /// and other colons in existing paths stay paths).
  static func splitLayer(path: String, layer: String?) -> (String, String?) {
    if layer != nil || FileManager.default.fileExists(atPath: path) { return (path, layer) }
    guard let colon = path.lastIndex(of: ":") else { return (path, nil) }
    let file = String(path[..<colon])
    let name = String(path[path.index(after: colon)...])
    guard !name.isEmpty, !name.contains("/"), FileManager.default.fileExists(atPath: file) else {
      return (path, nil)
    }
    return (file, name)
  }

  /// Open options by extension: a Shapefile without `.cpg` is read as raw bytes and decoded
  /// here (OGR would take it as ISO-8859-1, garbling GBK names); CSV empty cells are null
  /// like the empty cells of every other format; spreadsheets always have a header row.
  static func openOptions(_ file: String) -> ([String], TextDecoding) {
    let url = URL(fileURLWithPath: file)
    switch url.pathExtension.lowercased() {
    case "shp", "dbf":
      let base = url.deletingPathExtension()
      let dir = base.deletingLastPathComponent().path
      let stem = base.lastPathComponent.lowercased()
      let entries = (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
      if entries.contains(where: { $0.lowercased() == stem + ".cpg" }) { return ([], .utf8) }
      return (["ENCODING="], .utf8OrGBK)
    case "csv": return (["EMPTY_STRING_AS_NULL=YES"], .utf8)
    case "xlsx", "ods": return (["HEADERS=FORCE"], .utf8)
    default: return ([], .utf8)
    }
  }

  static func pick(_ ds: GDALDatasetHandle, name: String?, label: String) throws -> OGRLayerH {
    let names = ds.layerNames
    if let name {
      guard let l = ds.layer(named: name) else {
        throw InputError(
          file: label, message: "no layer \"\(name)\"; the file holds \(names.joined(separator: ", "))")
      }
      return l
    }
    guard let first = ds.layer(at: 0) else {
      throw InputError(file: label, message: "the file holds no layer")
    }
    if names.count == 1 || ["XLSX", "ODS"].contains(ds.driverName) { return first }
    throw InputError(
      file: label,
      message:
        "the file holds \(names.count) layers (\(names.joined(separator: ", "))); name one as \(label):LAYER")
  }
}

/// One pass over a layer's features.
struct LayerWalk {
  let label: String
  let layer: OGRLayerH
  var fields: FieldReader
  var geometry: OGRGeometryReader
  var position: (x: Int, y: Int)?

  init(label: String, layer: OGRLayerH, crs: SourceCRS, role: String, decoding: TextDecoding, csv: Bool) {
    self.label = label
    self.layer = layer
    fields = FieldReader(
      columns: FieldColumn.columns(of: layer, decoding: decoding), decoding: decoding, typeCSVLiterals: csv)
    geometry = OGRGeometryReader(file: label, role: role, crs: crs, csv: csv)
  }

  var positionColumnNames: (x: String, y: String)? {
    position.map { (fields.columns[$0.x].name, fields.columns[$0.y].name) }
  }

  /// For a layer without geometry: the named columns, else the one present alias of each;
  /// two aliases of one kind are an error naming both (SPEC §5).
  mutating func findPositionColumns(_ named: (x: String, y: String)?) throws {
    guard OGR_L_GetGeomType(layer) == wkbNone else { return }
    let names = fields.columns.map(\.name)
    func find(_ wanted: String) throws -> Int {
      guard let i = names.firstIndex(of: wanted) else {
        throw InputError(
          file: label, field: wanted,
          message: "no such column; the columns are \(names.joined(separator: ", "))")
      }
      return i
    }
    func alias(_ options: [String]) throws -> Int? {
      let hits = names.indices.filter { options.contains(names[$0].lowercased()) }
      if hits.count > 1 {
        throw InputError(
          file: label,
          message:
            "columns \(hits.map { "\"\(names[$0])\"" }.joined(separator: " and ")) could both be the position; name one in the manifest's [LAYER.fields]"
        )
      }
      return hits.first
    }
    if let named {
      position = (try find(named.x), try find(named.y))
    } else if let x = try alias(OGRLayerReader.longitudeColumns),
      let y = try alias(OGRLayerReader.latitudeColumns)
    {
      position = (x, y)
    }
    if let position {
      fields.skipped = [position.x, position.y]
      geometry.field = "\(names[position.x]), \(names[position.y])"
    }
  }

  mutating func features() throws -> [Feature] {
    var out: [Feature] = []
    let count = OGR_L_GetFeatureCount(layer, 0)
    if count > 0 { out.reserveCapacity(Int(count)) }
    OGR_L_ResetReading(layer)
    var ordinal = 0
    while let raw = OGR_L_GetNextFeature(layer) {
      let f = OGRFeatureHandle(raw)
      let fid = OGR_F_GetFID(raw)
      let index = fid == Int64(OGRNullFID) ? ordinal : Int(fid)
      ordinal += 1
      let properties = fields.properties(raw)
      var shape: LonLatGeometry?
      if let position {
        shape = try point(raw, index: index, columns: position)
      } else if let g = OGR_F_GetGeometryRef(raw) {
        shape = try geometry.read(g, index: index)
      }
      out.append(Feature(index: index, geometry: shape, properties: properties))
      // The geometry read above belongs to the feature: it must live until here.
      withExtendedLifetime(f) {}
    }
    return out
  }

  /// A position from two columns, through the same CRS handling as geometries; an empty
  /// cell gives no geometry (the layer's decoder reports the missing position).
  mutating func point(_ f: OGRFeatureH, index: Int, columns: (x: Int, y: Int)) throws -> LonLatGeometry? {
    guard let xs = fields.text(f, columns.x), let ys = fields.text(f, columns.y) else { return nil }
    let names = positionColumnNames!
    guard let x = Double(xs.trimmingCharacters(in: .whitespaces)) else {
      throw InputError(
        file: label, location: geometry.location(index), field: names.x, message: "not a number: \"\(xs)\"")
    }
    guard let y = Double(ys.trimmingCharacters(in: .whitespaces)) else {
      throw InputError(
        file: label, location: geometry.location(index), field: names.y, message: "not a number: \"\(ys)\"")
    }
    guard let g = OGR_G_CreateGeometry(wkbPoint) else { return .point(XY(x, y)) }
    defer { OGR_G_DestroyGeometry(g) }
    OGR_G_SetPoint_2D(g, 0, x, y)
    return try geometry.read(g, index: index)
  }
}
