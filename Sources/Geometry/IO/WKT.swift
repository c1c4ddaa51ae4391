import CGEOS

// WKT, for tests and messages. Output is trimmed (no trailing zeros) so expected strings
// in tests read like the numbers computed by hand.

extension Geom {
  public static func fromWKT(_ wkt: String, context ctx: GEOSContext) throws -> Geom {
    guard let reader = GEOSWKTReader_create_r(ctx.handle) else { throw ctx.error("GEOSWKTReader_create_r") }
    defer { GEOSWKTReader_destroy_r(ctx.handle, reader) }
    return Geom(
      owning: try ctx.check("GEOSWKTReader_read_r", GEOSWKTReader_read_r(ctx.handle, reader, wkt)),
      context: ctx)
  }

  public func wkt(precision: Int = 6) throws -> String {
    guard let writer = GEOSWKTWriter_create_r(h) else { throw context.error("GEOSWKTWriter_create_r") }
    defer { GEOSWKTWriter_destroy_r(h, writer) }
    GEOSWKTWriter_setTrim_r(h, writer, 1)
    GEOSWKTWriter_setRoundingPrecision_r(h, writer, Int32(precision))
    let cstr = try context.check("GEOSWKTWriter_write_r", GEOSWKTWriter_write_r(h, writer, pointer))
    defer { GEOSFree_r(h, cstr) }
    return String(cString: cstr)
  }
}
