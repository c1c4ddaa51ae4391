import CGEOS

/// GEOS geometry type ids (GEOSGeomTypes).
public enum GeomType: Int32, Sendable {
  case point = 0
  case lineString, linearRing, polygon, multiPoint, multiLineString, multiPolygon,
    geometryCollection
}

/// An owned GEOS geometry: the one Swift owner of a `GEOSGeometry*`, freed in `deinit`.
/// It stays with the context (and so the thread) that made it. Geometries stay GEOS
/// handles through the whole pipeline; coordinates are copied out only for output.
public final class Geom {
  public let context: GEOSContext
  public private(set) var pointer: OpaquePointer
  private var owned = true

  /// Takes ownership of a pointer GEOS just returned.
  public init(owning pointer: OpaquePointer, context: GEOSContext) {
    self.pointer = pointer
    self.context = context
  }

  deinit {
    if owned { GEOSGeom_destroy_r(context.handle, pointer) }
  }

  /// Hands the pointer to a GEOS call that takes ownership (collection builders); this
  /// object must not be used afterwards.
  func relinquish() -> OpaquePointer {
    precondition(owned, "geometry already handed over to GEOS")
    owned = false
    return pointer
  }

  var h: GEOSContextHandle_t { context.handle }

  public func clone() throws -> Geom {
    Geom(owning: try context.check("GEOSGeom_clone_r", GEOSGeom_clone_r(h, pointer)), context: context)
  }

  public var type: GeomType {
    GeomType(rawValue: GEOSGeomTypeId_r(h, pointer)) ?? .geometryCollection
  }

  public var isEmpty: Bool { (try? context.checkBool("GEOSisEmpty_r", GEOSisEmpty_r(h, pointer))) ?? true }

  public var numGeometries: Int {
    (try? context.checkCount("GEOSGetNumGeometries_r", GEOSGetNumGeometries_r(h, pointer))) ?? 0
  }

  public var bbox: BBox {
    var minX = 0.0
    var minY = 0.0
    var maxX = 0.0
    var maxY = 0.0
    if isEmpty || GEOSGeom_getExtent_r(h, pointer, &minX, &minY, &maxX, &maxY) == 0 { return .empty }
    return BBox(minX: minX, minY: minY, maxX: maxX, maxY: maxY)
  }

  // MARK: construction from planar coordinates

  static func sequence(_ points: [XY], _ ctx: GEOSContext) throws -> OpaquePointer {
    try points.withUnsafeBufferPointer { buf in
      try buf.baseAddress!.withMemoryRebound(to: Double.self, capacity: points.count * 2) { d in
        try ctx.check(
          "GEOSCoordSeq_copyFromBuffer_r",
          GEOSCoordSeq_copyFromBuffer_r(ctx.handle, d, UInt32(points.count), 0, 0))
      }
    }
  }

  public static func point(_ p: XY, context ctx: GEOSContext) throws -> Geom {
    Geom(
      owning: try ctx.check(
        "GEOSGeom_createPointFromXY_r", GEOSGeom_createPointFromXY_r(ctx.handle, p.x, p.y)), context: ctx)
  }

  public static func lineString(_ points: [XY], context ctx: GEOSContext) throws -> Geom {
    guard points.count >= 2 else { throw GeometryError.invalidInput("a line needs at least 2 points") }
    let seq = try sequence(points, ctx)
    return Geom(
      owning: try ctx.check("GEOSGeom_createLineString_r", GEOSGeom_createLineString_r(ctx.handle, seq)),
      context: ctx)
  }

  static func ring(_ points: [XY], _ ctx: GEOSContext) throws -> OpaquePointer {
    guard points.count >= 4, points.first == points.last else {
      throw GeometryError.invalidInput("a ring needs at least 4 points and must be closed")
    }
    let seq = try sequence(points, ctx)
    return try ctx.check("GEOSGeom_createLinearRing_r", GEOSGeom_createLinearRing_r(ctx.handle, seq))
  }

  static func rawPolygon(_ polygon: PlanarPolygon, _ ctx: GEOSContext) throws -> OpaquePointer {
    guard let ext = polygon.rings.first else {
      return try ctx.check("GEOSGeom_createEmptyPolygon_r", GEOSGeom_createEmptyPolygon_r(ctx.handle))
    }
    let shell = try ring(ext, ctx)
    var holes: [OpaquePointer?] = []
    do {
      for r in polygon.rings.dropFirst() { holes.append(try ring(r, ctx)) }
    } catch {
      GEOSGeom_destroy_r(ctx.handle, shell)
      for hole in holes { GEOSGeom_destroy_r(ctx.handle, hole) }
      throw error
    }
    return try holes.withUnsafeMutableBufferPointer { hb in
      try ctx.check(
        "GEOSGeom_createPolygon_r",
        GEOSGeom_createPolygon_r(ctx.handle, shell, hb.baseAddress, UInt32(hb.count)))
    }
  }

  public static func polygon(_ polygon: PlanarPolygon, context ctx: GEOSContext) throws -> Geom {
    Geom(owning: try rawPolygon(polygon, ctx), context: ctx)
  }

  public static func multiPolygon(_ polygons: [PlanarPolygon], context ctx: GEOSContext) throws -> Geom {
    var parts: [OpaquePointer?] = []
    parts.reserveCapacity(polygons.count)
    do {
      for p in polygons { parts.append(try rawPolygon(p, ctx)) }
    } catch {
      for p in parts { GEOSGeom_destroy_r(ctx.handle, p) }
      throw error
    }
    return try collection(raw: &parts, type: .multiPolygon, ctx)
  }

  public static func multiLineString(_ lines: [[XY]], context ctx: GEOSContext) throws -> Geom {
    var parts: [OpaquePointer?] = []
    do {
      for l in lines { parts.append(try lineString(l, context: ctx).relinquish()) }
    } catch {
      for p in parts { GEOSGeom_destroy_r(ctx.handle, p) }
      throw error
    }
    return try collection(raw: &parts, type: .multiLineString, ctx)
  }

  static func collection(raw parts: inout [OpaquePointer?], type: GeomType, _ ctx: GEOSContext) throws -> Geom
  {
    let made = parts.withUnsafeMutableBufferPointer { pb in
      GEOSGeom_createCollection_r(ctx.handle, type.rawValue, pb.baseAddress, UInt32(pb.count))
    }
    guard let made else {
      for p in parts { GEOSGeom_destroy_r(ctx.handle, p) }
      throw ctx.error("GEOSGeom_createCollection_r")
    }
    return Geom(owning: made, context: ctx)
  }

  /// Builds a collection that takes over the given geometries: they are consumed.
  public static func collection(
    consuming geoms: [Geom], type: GeomType = .geometryCollection, context ctx: GEOSContext
  ) throws -> Geom {
    var parts: [OpaquePointer?] = geoms.map { $0.relinquish() }
    return try collection(raw: &parts, type: type, ctx)
  }

  public static func empty(context ctx: GEOSContext) throws -> Geom {
    Geom(
      owning: try ctx.check("GEOSGeom_createEmptyPolygon_r", GEOSGeom_createEmptyPolygon_r(ctx.handle)),
      context: ctx)
  }

  /// One geometry per polygon, for callers that overlay or measure each part on its own.
  public static func polygons(_ polygons: [PlanarPolygon], context ctx: GEOSContext) throws -> [Geom] {
    try polygons.map { try polygon($0, context: ctx) }
  }

  /// The union of polygons given as coordinates: a cascaded union of one collection.
  public static func union(of polygons: [PlanarPolygon], context ctx: GEOSContext) throws -> Geom {
    try unionAll(consuming: try self.polygons(polygons, context: ctx), context: ctx)
  }

  /// A rectangle polygon, counter-clockwise.
  public static func rectangle(_ b: BBox, context ctx: GEOSContext) throws -> Geom {
    try polygon(
      PlanarPolygon(exterior: [
        XY(b.minX, b.minY), XY(b.maxX, b.minY), XY(b.maxX, b.maxY), XY(b.minX, b.maxY), XY(b.minX, b.minY),
      ]), context: ctx)
  }

  // MARK: extraction

  static func points(of seq: OpaquePointer, _ ctx: GEOSContext) throws -> [XY] {
    var size: UInt32 = 0
    try ctx.checkStatus("GEOSCoordSeq_getSize_r", GEOSCoordSeq_getSize_r(ctx.handle, seq, &size))
    var out = [XY](repeating: XY(0, 0), count: Int(size))
    if size == 0 { return out }
    try out.withUnsafeMutableBufferPointer { buf in
      try buf.baseAddress!.withMemoryRebound(to: Double.self, capacity: Int(size) * 2) { d in
        try ctx.checkStatus(
          "GEOSCoordSeq_copyToBuffer_r", GEOSCoordSeq_copyToBuffer_r(ctx.handle, seq, d, 0, 0))
      }
    }
    return out
  }

  static func points(ofSimple g: OpaquePointer, _ ctx: GEOSContext) throws -> [XY] {
    let seq = try ctx.check("GEOSGeom_getCoordSeq_r", GEOSGeom_getCoordSeq_r(ctx.handle, g))
    return try points(of: seq, ctx)
  }

  static func polygonRings(_ g: OpaquePointer, _ ctx: GEOSContext) throws -> PlanarPolygon {
    if try ctx.checkBool("GEOSisEmpty_r", GEOSisEmpty_r(ctx.handle, g)) { return PlanarPolygon(rings: []) }
    let ext = try ctx.check("GEOSGetExteriorRing_r", GEOSGetExteriorRing_r(ctx.handle, g))
    var rings = [try points(ofSimple: ext, ctx)]
    let n = try ctx.checkCount("GEOSGetNumInteriorRings_r", GEOSGetNumInteriorRings_r(ctx.handle, g))
    for i in 0..<n {
      let r = try ctx.check("GEOSGetInteriorRingN_r", GEOSGetInteriorRingN_r(ctx.handle, g, Int32(i)))
      rings.append(try points(ofSimple: r, ctx))
    }
    return PlanarPolygon(rings: rings)
  }

  /// Every polygon in this geometry (a polygon, a multipolygon or a collection, nested
  /// collections included); lines and points are ignored.
  public func polygons() throws -> [PlanarPolygon] {
    var out: [PlanarPolygon] = []
    try Geom.collectPolygons(pointer, context, into: &out)
    return out
  }

  /// Every polygon in this geometry as coordinates and as its own GEOS copy, in the order
  /// of `polygons()`: callers that go on measuring a part (centroid, point on surface) use
  /// the copy instead of building the part again from its coordinates.
  public func polygonParts() throws -> [(polygon: PlanarPolygon, geom: Geom)] {
    var out: [(polygon: PlanarPolygon, geom: Geom)] = []
    try Geom.collectParts(pointer, context, into: &out)
    return out
  }

  static func collectParts(
    _ g: OpaquePointer, _ ctx: GEOSContext, into out: inout [(polygon: PlanarPolygon, geom: Geom)]
  ) throws {
    try forEachPart(g, ctx, inside: [.multiPolygon, .geometryCollection]) { part, type in
      guard type == .polygon else { return }
      let p = try polygonRings(part, ctx)
      if p.rings.isEmpty { return }
      let copy = Geom(
        owning: try ctx.check("GEOSGeom_clone_r", GEOSGeom_clone_r(ctx.handle, part)), context: ctx)
      out.append((p, copy))
    }
  }

  static func collectPolygons(_ g: OpaquePointer, _ ctx: GEOSContext, into out: inout [PlanarPolygon]) throws
  {
    try forEachPart(g, ctx, inside: [.multiPolygon, .geometryCollection]) { part, type in
      guard type == .polygon else { return }
      let p = try polygonRings(part, ctx)
      if !p.rings.isEmpty { out.append(p) }
    }
  }

  /// Calls `visit` with every part of `g` that is not one of the `inside` collection types,
  /// depth first in GEOS's order, descending through nested collections of those types. A
  /// part of another collection type (a multipoint inside a collection walked for polygons)
  /// is visited whole, so a visitor that takes one type skips it.
  static func forEachPart(
    _ g: OpaquePointer, _ ctx: GEOSContext, inside collections: [GeomType],
    _ visit: (OpaquePointer, GeomType?) throws -> Void
  ) throws {
    let type = GeomType(rawValue: GEOSGeomTypeId_r(ctx.handle, g))
    guard let type, collections.contains(type) else { return try visit(g, type) }
    let n = try ctx.checkCount("GEOSGetNumGeometries_r", GEOSGetNumGeometries_r(ctx.handle, g))
    for i in 0..<n {
      let part = try ctx.check("GEOSGetGeometryN_r", GEOSGetGeometryN_r(ctx.handle, g, Int32(i)))
      try forEachPart(part, ctx, inside: collections, visit)
    }
  }

  /// Every line in this geometry (rings of polygons excluded).
  public func lines() throws -> [[XY]] {
    var out: [[XY]] = []
    try Geom.collectLines(pointer, context, into: &out)
    return out
  }

  static func collectLines(_ g: OpaquePointer, _ ctx: GEOSContext, into out: inout [[XY]]) throws {
    try forEachPart(g, ctx, inside: [.multiLineString, .geometryCollection]) { part, type in
      guard type == .lineString || type == .linearRing else { return }
      let pts = try points(ofSimple: part, ctx)
      if pts.count >= 2 { out.append(pts) }
    }
  }

  /// Every point in this geometry.
  public func pointList() throws -> [XY] {
    var out: [XY] = []
    try Geom.collectPoints(pointer, context, into: &out)
    return out
  }

  static func collectPoints(_ g: OpaquePointer, _ ctx: GEOSContext, into out: inout [XY]) throws {
    try forEachPart(g, ctx, inside: [.multiPoint, .geometryCollection]) { part, type in
      guard type == .point, try !ctx.checkBool("GEOSisEmpty_r", GEOSisEmpty_r(ctx.handle, part)) else {
        return
      }
      out.append(contentsOf: try points(ofSimple: part, ctx))
    }
  }
}
