import CPROJ
import Foundation

/// The metric plane: WGS84 longitude/latitude to a projected CRS and back, through PROJ.
/// camgap projects every input once, computes in metres, and projects results back once.
/// A PROJ context is not thread-safe, so a projector belongs to one thread.
public final class Projector {
  public let crs: String
  let ctx: OpaquePointer
  let transform: OpaquePointer
  let target: OpaquePointer
  /// What `proj_factors` evaluates for `target`, built once (see FactorsOperation).
  let factors: OpaquePointer?

  /// `crs` is any CRS PROJ knows ("EPSG:32651", "EPSG:4549"); axis order is normalised to
  /// x = easting, y = northing whatever the CRS's official order.
  public init(crs: String) throws {
    guard let c = proj_context_create() else {
      throw GeometryError.proj(function: "proj_context_create", message: "out of memory")
    }
    ctx = c
    proj_log_level(c, PJ_LOG_NONE)
    func fail(_ fn: String) -> GeometryError {
      let code = proj_context_errno(c)
      let msg = proj_context_errno_string(c, code).map { String(cString: $0) } ?? "error \(code)"
      return .proj(function: fn, message: "\(crs): \(msg)")
    }
    guard let tgt = proj_create(c, crs) else {
      let e = fail("proj_create")
      proj_context_destroy(c)
      throw e
    }
    let type = proj_get_type(tgt)
    guard type == PJ_TYPE_PROJECTED_CRS else {
      proj_destroy(tgt)
      proj_context_destroy(c)
      throw GeometryError.proj(
        function: "proj_create",
        message: "\(crs) is not a projected CRS; the metric plane needs one (e.g. a UTM zone)")
    }
    guard let raw = proj_create_crs_to_crs(c, "EPSG:4326", crs, nil) else {
      let e = fail("proj_create_crs_to_crs")
      proj_destroy(tgt)
      proj_context_destroy(c)
      throw e
    }
    guard let norm = proj_normalize_for_visualization(c, raw) else {
      let e = fail("proj_normalize_for_visualization")
      proj_destroy(raw)
      proj_destroy(tgt)
      proj_context_destroy(c)
      throw e
    }
    proj_destroy(raw)
    self.crs = crs
    self.transform = norm
    self.target = tgt
    factors = FactorsOperation.make(context: c, crs: tgt)
  }

  deinit {
    if let factors { proj_destroy(factors) }
    proj_destroy(transform)
    proj_destroy(target)
    proj_context_destroy(ctx)
  }

  /// WGS84 / UTM zone holding `lon, lat`: EPSG:326zz north of the equator, 327zz south.
  public static func utmCRS(lon: Double, lat: Double) -> String {
    var zone = Int(((lon + 180) / 6).rounded(.down)) + 1
    zone = min(max(zone, 1), 60)
    return lat >= 0 ? "EPSG:\(32600 + zone)" : "EPSG:\(32700 + zone)"
  }

  /// Projects points in place (lon/lat degrees to metres).
  public func forward(_ pts: inout [XY]) throws { try trans(&pts, PJ_FWD) }

  /// Inverse: metres back to lon/lat degrees.
  public func inverse(_ pts: inout [XY]) throws { try trans(&pts, PJ_INV) }

  public func forward(_ p: XY) throws -> XY {
    var a = [p]
    try forward(&a)
    return a[0]
  }

  public func inverse(_ p: XY) throws -> XY {
    var a = [p]
    try inverse(&a)
    return a[0]
  }

  /// `pts` projected, for the many callers that keep the input (a ring of a polygon, say).
  public func forward(points pts: [XY]) throws -> [XY] {
    var q = pts
    try forward(&q)
    return q
  }

  /// `pts` back to lon/lat, keeping the input.
  public func inverse(points pts: [XY]) throws -> [XY] {
    var q = pts
    try inverse(&q)
    return q
  }

  /// A polygon back to lon/lat, each ring re-oriented (exterior counter-clockwise, holes
  /// clockwise): GeoJSON's right-hand rule must hold in degrees whatever the handedness of
  /// the projected CRS.
  public func inverse(polygon: PlanarPolygon) throws -> PlanarPolygon {
    var rings: [[XY]] = []
    rings.reserveCapacity(polygon.rings.count)
    for (k, r) in polygon.rings.enumerated() {
      var q = r
      try inverse(&q)
      rings.append(Ring.oriented(q, counterClockwise: k == 0))
    }
    return PlanarPolygon(rings: rings)
  }

  func trans(_ pts: inout [XY], _ dir: PJ_DIRECTION) throws {
    if pts.isEmpty { return }
    let n = pts.count
    let stride = MemoryLayout<XY>.stride
    try pts.withUnsafeMutableBytes { raw in
      let x = raw.baseAddress!.assumingMemoryBound(to: Double.self)
      let y = (raw.baseAddress! + MemoryLayout<Double>.size).assumingMemoryBound(to: Double.self)
      proj_errno_reset(transform)
      _ = proj_trans_generic(transform, dir, x, stride, n, y, stride, n, nil, 0, 0, nil, 0, 0)
      let code = proj_errno(transform)
      if code != 0 {
        let msg = proj_context_errno_string(ctx, code).map { String(cString: $0) } ?? "error \(code)"
        throw GeometryError.proj(function: "proj_trans_generic", message: msg)
      }
    }
    for p in pts where !p.x.isFinite || !p.y.isFinite {
      throw GeometryError.proj(
        function: "proj_trans_generic", message: "a point could not be transformed to \(crs)")
    }
  }

  /// PROJ's factors at a WGS84 point, through the factors operation when there is one:
  /// scale error and convergence are read from the same call.
  func scaleFactors(lon: Double, lat: Double) throws -> PJ_FACTORS {
    var c = PJ_COORD()
    c.lp.lam = lon * .pi / 180
    c.lp.phi = lat * .pi / 180
    let op = factors ?? target
    proj_errno_reset(op)
    let f = proj_factors(op, c)
    let code = proj_errno(op)
    if code != 0 {
      let msg = proj_context_errno_string(ctx, code).map { String(cString: $0) } ?? "error \(code)"
      throw GeometryError.proj(function: "proj_factors", message: msg)
    }
    return f
  }

  /// The linear scale error of the plane at a point, |k − 1| (proj_factors; the larger of
  /// the meridional and parallel scales' errors): SPEC §2 keeps it below 0.001 over every
  /// district. About 0.0004 on a UTM central meridian.
  public func scaleError(lon: Double, lat: Double) throws -> Double {
    let f = try scaleFactors(lon: lon, lat: lat)
    return max(abs(f.meridional_scale - 1), abs(f.parallel_scale - 1))
  }

  /// PROJ's meridian convergence at a point, in degrees: the γ of SPEC §2, so that a true
  /// bearing b is the grid bearing b − γ. About −1° at Pinghu in UTM 51N.
  public func convergence(lon: Double, lat: Double) throws -> Double {
    try scaleFactors(lon: lon, lat: lat).meridian_convergence * 180 / .pi
  }
}
