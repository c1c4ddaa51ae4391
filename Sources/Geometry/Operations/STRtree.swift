import CGEOS

/// GEOS's sort-tile-recursive tree over item envelopes. Items are identified by their
/// index in insertion order; the tree keeps the inserted geometries alive since GEOS
/// refers to their envelopes. Build once, then query (GEOS builds lazily on the first
/// query; inserting after that is an error).
public final class STRtree {
  let context: GEOSContext
  let pointer: OpaquePointer
  private var items: [Geom] = []

  /// An empty tree whose nodes hold up to `nodeCapacity` children (GEOSSTRtree_create_r).
  public init(context: GEOSContext, nodeCapacity: Int = 10) throws {
    self.context = context
    pointer = try context.check("GEOSSTRtree_create_r", GEOSSTRtree_create_r(context.handle, nodeCapacity))
  }

  deinit { GEOSSTRtree_destroy_r(context.handle, pointer) }

  /// How many items were inserted.
  public var count: Int { items.count }

  /// Adds `g` by its envelope (GEOSSTRtree_insert_r) and returns its index, the insertion
  /// order. Example: inserting square(0,0,1) then square(5,5,1) returns 0, then 1.
  @discardableResult
  public func insert(_ g: Geom) -> Int {
    let index = items.count
    items.append(g)
    GEOSSTRtree_insert_r(context.handle, pointer, g.pointer, UnsafeMutableRawPointer(bitPattern: index + 1))
    return index
  }

  /// Adds the rectangle `box` as an item (`Geom.rectangle`, then GEOSSTRtree_insert_r)
  /// and returns its index.
  public func insert(box: BBox) throws -> Int {
    insert(try Geom.rectangle(box, context: context))
  }

  /// Indices, ascending, of the items whose envelope intersects the envelope of `g`
  /// (GEOSSTRtree_query_r): candidates only, to be confirmed with an exact predicate.
  /// Example: with square(0,0,1) and square(5,5,1) inserted, query(square(0.5,0.5,1)) = [0].
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

  /// `query` with the rectangle `box` (`Geom.rectangle`, then GEOSSTRtree_query_r).
  /// Example: with square(0,0,1) and square(5,5,1) inserted, query(box:) of (0,0)–(6,6) = [0, 1].
  public func query(box: BBox) throws -> [Int] {
    query(try Geom.rectangle(box, context: context))
  }
}
