import CGDAL
import Foundation
import Geometry
import Support

/// Turns OGR geometries into WGS84 `LonLatGeometry`: transformed by PROJ when the source
/// CRS is not WGS84, curves (GeoPackage, GML) approximated by line segments as OGR does,
/// and every position checked to lie in longitude/latitude range, since a position out of
/// range is almost always a projected file read as lon/lat.
struct OGRGeometryReader {
  let file: String
  let role: String
  let crs: SourceCRS
  /// CSV features are named by line (FID + 1, the header being line 1), as camgap's own
  /// CSV reader names them.
  var csv = false
  /// The field named in messages: `geometry`, or the two columns a position came from.
  var field = "geometry"
  var warnings: [String] = []

  func location(_ index: Int) -> InputLocation { csv ? .line(index + 1) : .feature(index) }

  func err(_ index: Int, _ message: String) -> InputError {
    InputError(file: file, location: location(index), field: field, message: message)
  }

  mutating func read(_ g: OGRGeometryH, index: Int) throws -> LonLatGeometry? {
    if OGR_G_IsEmpty(g) != 0 { return nil }
    if let ct = crs.transform, OGR_G_Transform(g, ct.raw) != OGRERR_NONE {
      throw err(
        index, "PROJ cannot transform it from \(crs.info.name) to WGS84: \(GDALRuntime.lastError("failed"))")
    }
    let type = OGR_GT_Flatten(OGR_G_GetGeometryType(g))
    if OGR_GT_IsNonLinear(type) != 0 {
      guard let linear = OGR_G_GetLinearGeometry(g, 0, nil) else {
        throw err(index, "cannot approximate the curve: \(GDALRuntime.lastError("failed"))")
      }
      defer { OGR_G_DestroyGeometry(linear) }
      return try shape(linear, index: index)
    }
    return try shape(g, index: index)
  }

  private mutating func shape(_ g: OGRGeometryH, index: Int) throws -> LonLatGeometry {
    let type = OGR_GT_Flatten(OGR_G_GetGeometryType(g))
    let geometry: LonLatGeometry
    switch type {
    case wkbPoint: geometry = .point(XY(OGR_G_GetX(g, 0), OGR_G_GetY(g, 0)))
    case wkbLineString: geometry = .lineString(try line(g, index: index))
    case wkbPolygon: geometry = .polygon(try polygon(g, index: index))
    case wkbMultiPoint:
      geometry = .multiPoint(parts(g).map { XY(OGR_G_GetX($0, 0), OGR_G_GetY($0, 0)) })
    case wkbMultiLineString: geometry = .multiLineString(try parts(g).map { try line($0, index: index) })
    case wkbMultiPolygon: geometry = .multiPolygon(try parts(g).map { try polygon($0, index: index) })
    case wkbGeometryCollection:
      throw err(index, "GeometryCollection is not supported; split it into features")
    default:
      let name = OGRGeometryTypeToName(type).map { String(cString: $0) } ?? "\(type.rawValue)"
      throw err(index, "unsupported geometry type \(name)")
    }
    try check(geometry, index: index)
    return geometry
  }

  private func parts(_ g: OGRGeometryH) -> [OGRGeometryH] {
    (0..<OGR_G_GetGeometryCount(g)).compactMap { OGR_G_GetGeometryRef(g, $0) }
  }

  /// All positions of a curve at once (`OGR_G_GetPoints` writes x and y straight into the
  /// `XY` pairs), which keeps large layers fast.
  private func points(_ g: OGRGeometryH) -> [XY] {
    let n = Int(OGR_G_GetPointCount(g))
    guard n > 0 else { return [] }
    var out = [XY](repeating: XY(0, 0), count: n)
    let stride = Int32(MemoryLayout<XY>.stride)
    out.withUnsafeMutableBytes { raw in
      guard let base = raw.baseAddress else { return }
      _ = OGR_G_GetPoints(g, base, stride, base + MemoryLayout<Double>.size, stride, nil, 0)
    }
    return out
  }

  private func line(_ g: OGRGeometryH, index: Int) throws -> [XY] {
    let p = points(g)
    guard p.count >= 2 else { throw err(index, "a LineString needs at least 2 positions, got \(p.count)") }
    return p
  }

  private mutating func polygon(_ g: OGRGeometryH, index: Int) throws -> [[XY]] {
    var rings: [[XY]] = []
    for (r, ringGeometry) in parts(g).enumerated() {
      var ring = points(ringGeometry)
      if let first = ring.first, first != ring.last {
        ring.append(first)
        warnings.append("\(file): \(location(index).text): ring \(r) was not closed; closed it")
      }
      guard ring.count >= 4 else {
        throw err(index, "ring \(r) has \(ring.count) positions; a closed ring needs at least 4")
      }
      rings.append(ring)
    }
    guard !rings.isEmpty else { throw err(index, "a Polygon must have at least one ring") }
    return rings
  }

  private func check(_ g: LonLatGeometry, index: Int) throws {
    func ok(_ p: XY) -> Bool { p.x.isFinite && p.y.isFinite && abs(p.x) <= 180 && abs(p.y) <= 90 }
    let bad: XY?
    switch g {
    case .point(let p): bad = ok(p) ? nil : p
    case .multiPoint(let ps), .lineString(let ps): bad = ps.first { !ok($0) }
    case .multiLineString(let ls), .polygon(let ls): bad = ls.lazy.compactMap { $0.first { !ok($0) } }.first
    case .multiPolygon(let m):
      bad = m.lazy.flatMap { $0 }.compactMap { $0.first { !ok($0) } }.first
    }
    if let bad { throw outOfRange(bad, index: index) }
  }

  /// The message for a position outside longitude/latitude range: names the position and
  /// the two ways to declare the CRS.
  func outOfRange(_ p: XY, index: Int) -> InputError {
    let at = "(\(JSONWriter.number(p.x)), \(JSONWriter.number(p.y)))"
    let how =
      "declare its CRS with --source-crs \(role)=EPSG:n (EPSG:4549 for CGCS2000 3-degree Gauss-Krüger CM 120E, say) or crs = \"EPSG:n\" under [\(role)] in camgap.toml"
    if crs.info.reprojected {
      return err(
        index,
        "position \(at) is outside longitude/latitude range after transforming from \(crs.info.name); the CRS is not the file's: \(how)"
      )
    }
    switch crs.info.origin {
    case .assumed:
      return err(
        index,
        "position \(at) is outside longitude/latitude range: the file looks projected but declares no CRS; \(how)"
      )
    case .file, .argument:
      let by = crs.info.origin == .file ? "the file declares" : "the CRS given is"
      return err(
        index,
        "position \(at) is outside longitude/latitude range: the file looks projected, but \(by) \(crs.info.name); \(how)"
      )
    }
  }
}
