import CPROJ

/// The operation PROJ evaluates when `proj_factors` is given a projected CRS: geographic
/// longitude/latitude in radians (same datum) to the CRS's own conversion with plain
/// easting/northing in metres. PROJ 9.1 rebuilds it, with database lookups, on every
/// call (about 10 ms, so 150,000 cameras would spend half an hour on meridian
/// convergence); built once here, each call is a formula. It is the same construction,
/// so the factors are the same numbers. Nil where that construction does not apply (a
/// prime meridian other than Greenwich): callers then pass the CRS itself.
enum FactorsOperation {
  static func make(context ctx: OpaquePointer, crs: OpaquePointer) -> OpaquePointer? {
    guard let geodetic = proj_get_source_crs(ctx, crs) else { return nil }
    defer { proj_destroy(geodetic) }
    guard let pm = proj_get_prime_meridian(ctx, geodetic) else { return nil }
    var pmLongitude = 0.0
    _ = proj_prime_meridian_get_parameters(ctx, pm, &pmLongitude, nil, nil)
    proj_destroy(pm)
    guard pmLongitude == 0 else { return nil }
    guard let cs = proj_create_ellipsoidal_2D_cs(ctx, PJ_ELLPS2D_LONGITUDE_LATITUDE, "Radian", 1.0) else {
      return nil
    }
    defer { proj_destroy(cs) }
    let datum = proj_crs_get_datum(ctx, geodetic)
    let ensemble = proj_crs_get_datum_ensemble(ctx, geodetic)
    defer {
      if let datum { proj_destroy(datum) }
      if let ensemble { proj_destroy(ensemble) }
    }
    guard let geographic = proj_create_geographic_crs_from_datum(ctx, "unnamed crs", datum ?? ensemble, cs)
    else {
      return nil
    }
    defer { proj_destroy(geographic) }
    guard let conversion = proj_crs_get_coordoperation(ctx, crs) else { return nil }
    defer { proj_destroy(conversion) }
    guard let projCS = proj_create_cartesian_2D_cs(ctx, PJ_CART2D_EASTING_NORTHING, "metre", 1.0) else {
      return nil
    }
    defer { proj_destroy(projCS) }
    guard let projected = proj_create_projected_crs(ctx, nil, geodetic, conversion, projCS) else {
      return nil
    }
    defer { proj_destroy(projected) }
    return proj_create_crs_to_crs_from_pj(ctx, geographic, projected, nil, nil)
  }
}
