import CGDAL
import Foundation
import Geometry
import Support

/// Writes layers through an OGR driver (GPKG, ESRI Shapefile, FlatGeobuf) into a
/// temporary file beside the target, renamed into place only once GDAL has closed it
/// without error: a reader never sees half a file, and a failed write leaves the old file
/// as it was.
public enum OGRVectorWriter {
  /// - Parameter driver: GDAL's short name: `GPKG`, `ESRI Shapefile`, `FlatGeobuf`.
  /// - Returns: GDAL's warnings (a Shapefile's field names cut to 10 characters, say).
  /// - Throws: `OutputError` (exit 1) with the path and GDAL's reason.
  @discardableResult
  public static func write(_ layers: [VectorLayer], to path: String, driver: String) throws -> [String] {
    let target = URL(fileURLWithPath: path)
    let ext = target.pathExtension
    let tmpStem =
      ".\(target.deletingPathExtension().lastPathComponent).tmp-\(getpid())-\(UUID().uuidString.prefix(8))"
    let tmp = target.deletingLastPathComponent().appendingPathComponent(tmpStem).appendingPathExtension(ext)
    let dir = target.deletingLastPathComponent()
    var isDir: ObjCBool = false
    guard FileManager.default.fileExists(atPath: dir.path, isDirectory: &isDir), isDir.boolValue else {
      throw OutputError(path: path, reason: "no such directory \(dir.path)")
    }
    guard FileManager.default.isWritableFile(atPath: dir.path) else {
      throw OutputError(path: path, reason: "cannot create files in \(dir.path)")
    }
    let written: () -> [URL] = {
      let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
      return names.filter { $0.hasPrefix(tmpStem + ".") }.map { dir.appendingPathComponent($0) }
    }
    do {
      let warnings = try GDALRuntime.capturing { log in
        try create(layers, at: tmp.path, driver: driver, reportingAs: path, log: log)
        return log.warnings
      }
      for file in written() {
        let suffix = String(file.lastPathComponent.dropFirst(tmpStem.count))
        let final = target.deletingPathExtension().path + suffix
        guard rename(file.path, final) == 0 else {
          throw OutputError(path: path, reason: String(cString: strerror(errno)))
        }
      }
      return warnings
    } catch {
      for file in written() { try? FileManager.default.removeItem(at: file) }
      throw error
    }
  }

  static func create(
    _ layers: [VectorLayer], at tmp: String, driver: String, reportingAs path: String, log: ErrorLog
  ) throws {
    guard let drv = GDALGetDriverByName(driver) else {
      throw OutputError(path: path, reason: "GDAL has no \(driver) driver")
    }
    guard let raw = GDALCreate(drv, tmp, 0, 0, 0, GDT_Unknown, nil) else {
      throw OutputError(path: path, reason: log.failure("GDAL cannot create the file"))
    }
    var ds: GDALDatasetHandle? = GDALDatasetHandle(raw)
    let wgs84 = OSRHandle.wgs84()
    for layer in layers {
      try write(layer, into: ds!, srs: wgs84, path: path, log: log)
    }
    ds = nil  // GDALClose: the GeoPackage's indexes and metadata are written now.
    if let failure = log.failures.last { throw OutputError(path: path, reason: failure) }
  }

  static func write(
    _ layer: VectorLayer, into ds: GDALDatasetHandle, srs: OSRHandle, path: String, log: ErrorLog
  )
    throws
  {
    let fail = { (what: String) in
      OutputError(path: path, reason: "layer \(layer.name): \(log.failure(what))")
    }
    let type = ogrType(layer.geometryType)
    if ds.driverName == "ESRI Shapefile", layer.geometryType == .any {
      throw OutputError(
        path: path,
        reason: "layer \(layer.name) mixes geometry types, and a Shapefile holds only one; write a .gpkg")
    }
    // Shapefiles are written in UTF-8 with a `.cpg` saying so; OGR's default is ISO-8859-1,
    // in which Chinese names do not exist.
    let options = ds.driverName == "ESRI Shapefile" ? ["ENCODING=UTF-8"] : []
    let created = withCStringArray(options) { opts in
      GDALDatasetCreateLayer(ds.raw, layer.name, type == wkbNone ? nil : srs.raw, type, cslConstList(opts))
    }
    guard let l = created else { throw fail("cannot create the layer") }
    for field in layer.fields {
      guard let defn = OGR_Fld_Create(field.name, ogrFieldType(field.type)) else {
        throw fail("cannot add a field")
      }
      defer { OGR_Fld_Destroy(defn) }
      if field.type == .boolean { OGR_Fld_SetSubType(defn, OFSTBoolean) }
      guard OGR_L_CreateField(l, defn, 1) == OGRERR_NONE else { throw fail("cannot add field \(field.name)") }
    }
    let inTransaction = GDALDatasetStartTransaction(ds.raw, 0) == OGRERR_NONE
    guard let defn = OGR_L_GetLayerDefn(l) else { throw fail("no layer definition") }
    for (i, row) in layer.rows.enumerated() {
      guard let raw = OGR_F_Create(defn) else { throw fail("cannot make a feature") }
      let f = OGRFeatureHandle(raw)
      for (k, value) in row.values.enumerated() { set(value, field: Int32(k), of: f.raw) }
      if let g = row.geometry {
        guard let geometry = OGRGeometryBuilder.make(layer.conformed(g)) else {
          throw fail("cannot make a geometry")
        }
        OGR_F_SetGeometryDirectly(f.raw, geometry)
      }
      guard OGR_L_CreateFeature(l, f.raw) == OGRERR_NONE else { throw fail("cannot write feature \(i)") }
    }
    if inTransaction, GDALDatasetCommitTransaction(ds.raw) != OGRERR_NONE { throw fail("cannot commit") }
  }

  static func set(_ value: VectorLayer.Value, field i: Int32, of f: OGRFeatureH) {
    switch value {
    case .null: OGR_F_SetFieldNull(f, i)
    case .string(let s): OGR_F_SetFieldString(f, i, s)
    case .integer(let n): OGR_F_SetFieldInteger64(f, i, Int64(n))
    case .real(let d): OGR_F_SetFieldDouble(f, i, d)
    case .boolean(let b): OGR_F_SetFieldInteger(f, i, b ? 1 : 0)
    }
  }

  static func ogrType(_ t: VectorLayer.GeometryType) -> OGRwkbGeometryType {
    switch t {
    case .none: return wkbNone
    case .point: return wkbPoint
    case .multiPoint: return wkbMultiPoint
    case .lineString: return wkbLineString
    case .multiLineString: return wkbMultiLineString
    case .polygon: return wkbPolygon
    case .multiPolygon: return wkbMultiPolygon
    case .any: return wkbUnknown
    }
  }

  static func ogrFieldType(_ t: VectorLayer.FieldType) -> OGRFieldType {
    switch t {
    case .string: return OFTString
    case .integer: return OFTInteger64
    case .real: return OFTReal
    case .boolean: return OFTInteger
    }
  }
}

/// `LonLatGeometry` → a new OGR geometry the caller owns (or hands to a feature).
enum OGRGeometryBuilder {
  static func make(_ g: LonLatGeometry) -> OGRGeometryH? {
    switch g {
    case .point(let p):
      let out = OGR_G_CreateGeometry(wkbPoint)
      OGR_G_SetPoint_2D(out, 0, p.x, p.y)
      return out
    case .lineString(let l): return curve(l, wkbLineString)
    case .polygon(let rings): return polygon(rings)
    case .multiPoint(let ps): return collection(wkbMultiPoint, ps.map { make(.point($0)) })
    case .multiLineString(let ls): return collection(wkbMultiLineString, ls.map { curve($0, wkbLineString) })
    case .multiPolygon(let m): return collection(wkbMultiPolygon, m.map(polygon))
    }
  }

  static func curve(_ points: [XY], _ type: OGRwkbGeometryType) -> OGRGeometryH? {
    guard let g = OGR_G_CreateGeometry(type) else { return nil }
    var pts = points
    let stride = Int32(MemoryLayout<XY>.stride)
    pts.withUnsafeMutableBytes { raw in
      guard let base = raw.baseAddress else { return }
      OGR_G_SetPoints(g, Int32(points.count), base, stride, base + MemoryLayout<Double>.size, stride, nil, 0)
    }
    return g
  }

  static func polygon(_ rings: [[XY]]) -> OGRGeometryH? {
    collection(wkbPolygon, rings.map { curve($0, wkbLinearRing) })
  }

  static func collection(_ type: OGRwkbGeometryType, _ parts: [OGRGeometryH?]) -> OGRGeometryH? {
    guard let g = OGR_G_CreateGeometry(type) else {
      for case let p? in parts { OGR_G_DestroyGeometry(p) }
      return nil
    }
    for case let p? in parts { OGR_G_AddGeometryDirectly(g, p) }
    return g
  }
}
