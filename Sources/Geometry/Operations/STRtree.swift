import CGEOS

/// GEOS's sort-tile-recursive tree over item envelopes. Items are identified by their
/// index in insertion order; the tree keeps the inserted geometries alive since GEOS
/// refers to their envelopes. Build once, then query (GEOS builds lazily on the first
/// query; inserting after that is an error).
public final class STRtree {
  let context: GEOSContext
  let pointer: OpaquePointer
  private var items: [Geom] = []

  public init(context: GEOSContext, nodeCapacity: Int = 10) throws {
    self.context = context
    pointer = try context.check("GEOSSTRtree_create_r", GEOSSTRtree_create_r(context.handle, nodeCapacity))
  }

  deinit { GEOSSTRtree_destroy_r(context.handle, pointer) }

  public var count: Int { items.count }

  /// Inserts a geometry; its index is the insertion order.
  @discardableResult
  public func insert(_ g: Geom) -> Int {
    let index = items.count
    items.append(g)
    GEOSSTRtree_insert_r(context.handle, pointer, g.pointer, UnsafeMutableRawPointer(bitPattern: index + 1))
    return index
  }

  public func insert(box: BBox) throws -> Int {
    insert(try Geom.rectangle(box, context: context))
  }

  /// Indices of the items whose envelope intersects the query's envelope, ascending.
  public func query(_ g: Geom) -> [Int] {
    final class Sink { var found: [Int] = [] }
    let sink = Sink()
    withExtendedLifetime(sink) {
      GEOSSTRtree_query_r(
        context.handle, pointer, g.pointer,
        { item, userdata in
          guard let item, let userdata else { return }
          let s = Unmanaged<Sink>.fromOpaque(userdata).takeUnretainedValue()
          s.found.append(Int(bitPattern: item) - 1)
        }, Unmanaged.passUnretained(sink).toOpaque())
    }
    return sink.found.sorted()
  }

  public func query(box: BBox) throws -> [Int] {
    query(try Geom.rectangle(box, context: context))
  }
}
