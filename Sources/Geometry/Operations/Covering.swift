import Support

/// Polygons that lie inside another polygon which is not convex, decided exactly by GEOS.
///
/// `Containment.hidden` leaves out of unions and sweeps the footprints inside a convex
/// neighbour, with a test of vertices alone. Buildings notch the footprints they stand in,
/// so with buildings few containers are convex any more, yet about half of the footprints
/// that reach a zone still lie inside one neighbour: a dome's disc seen past the same
/// buildings, or a sector whose buildings all stand in its neighbour's shadow too. On the
/// dense 20,000-camera city (25,658 buildings) that is 1,943 of the 4,106 footprints the
/// zone unions took, and 3,574 of the 18,800 polygons the area sweep took, and leaving them
/// out cut those two steps by a third and by two fifths.
///
/// For a container that is not convex a vertex test is not enough (an edge may leave and
/// come back), so each candidate is screened by its vertices and confirmed by GEOS's covers
/// predicate, which is exact: what is left out adds no area to any union.
public enum Covering {
  /// Per polygon: whether it lies inside another non-convex polygon (`any`), and inside one
  /// of its own layer (`sameClass`: the audit's layers are the camera classes). A polygon
  /// left out always has a container that is kept: a container's box holds the polygon's
  /// box, and where two boxes are equal only the later polygon can be left out, so no chain
  /// of containers comes back on itself.
  /// `cell` is the side of the grid that finds candidates (about a polygon's size).
  public static func hidden(
    _ polygons: [PlanarPolygon], boxes: [BBox], layers: [Int], cell: Double, threads: Int
  ) throws -> (any: [Bool], sameClass: [Bool]) {
    let n = polygons.count
    var any = [Bool](repeating: false, count: n)
    var same = any
    if n < 2 { return (any, same) }
    let containers = polygons.map { p in
      p.rings.count > 1 || p.rings.first.map { !PointInRing.isConvex($0) } ?? false
    }
    let index = Candidates(boxes: boxes, filing: containers, cell: cell)
    let chunk = 2_048
    let jobs = (index.order.count + chunk - 1) / chunk
    let found: [[(Int, Bool, Bool)]] = try Parallel.map(
      count: jobs, threads: threads, state: { Worker(polygons) },
      each: { worker, job in
        var out: [(Int, Bool, Bool)] = []
        worker.clear()
        for k in (job * chunk)..<min(index.order.count, (job + 1) * chunk) {
          let i = index.order[k]
          let r = try worker.containers(of: i, index: index, layers: layers)
          if r.any { out.append((i, r.any, r.same)) }
        }
        return out
      })
    for part in found {
      for (i, a, s) in part {
        any[i] = a
        same[i] = s
      }
    }
    return (any, same)
  }

  /// Non-convex polygons filed by the grid cells their boxes meet, and every polygon in the
  /// order of the cell of its lower-left corner, so one worker meets the same containers
  /// again and again.
  struct Candidates: Sendable {
    let boxes: [BBox]
    let index: BoxIndex
    let order: [Int]

    init(boxes: [BBox], filing: [Bool], cell: Double) {
      self.boxes = boxes
      let index = BoxIndex(boxes, cellSize: cell > 0 ? cell : 1, maxCells: 65_000, filing: filing)
      let corner = boxes.map { index.cell(of: XY($0.minX, $0.minY)) }
      order = boxes.indices.sorted { corner[$0] != corner[$1] ? corner[$0] < corner[$1] : $0 < $1 }
      self.index = index
    }

    /// Polygons whose boxes hold box `i` (and are not an equal box filed later), until
    /// `body` returns false.
    func around(_ i: Int, _ body: (Int) throws -> Bool) rethrows {
      let b = boxes[i]
      for j in index.filed(at: XY(b.minX, b.minY)) {
        let j = Int(j)
        if j == i || !boxes[j].contains(b) || (boxes[j] == b && j > i) { continue }
        if try !body(j) { return }
      }
    }
  }

  /// One thread's GEOS context and the containers it has met in the current job, each
  /// with its strips for the screen and, once a footprint passes it, prepared in GEOS.
  final class Worker {
    let ctx = GEOSContext()
    let polygons: [PlanarPolygon]
    var strips: [Int: PolygonStrips] = [:]
    var prepared: [Int: PreparedGeom] = [:]

    init(_ polygons: [PlanarPolygon]) { self.polygons = polygons }

    func clear() {
      strips.removeAll(keepingCapacity: true)
      prepared.removeAll(keepingCapacity: true)
    }

    func containers(of i: Int, index: Candidates, layers: [Int]) throws -> (any: Bool, same: Bool) {
      var any = false
      var same = false
      var geom: Geom?
      guard let exterior = polygons[i].rings.first else { return (false, false) }
      try index.around(i) { j in
        let sameLayer = layers[j] == layers[i]
        if any && !sameLayer { return true }
        // Screened by the vertices with a loose tolerance (a vertex on the container's
        // boundary must not be refused here); GEOS decides exactly.
        let screen = strips[j] ?? PolygonStrips(polygons[j])
        strips[j] = screen
        guard exterior.allSatisfy({ screen.covers($0, tolerance: 1e-6) }) else { return true }
        if geom == nil { geom = try Geom.polygon(polygons[i], context: ctx) }
        let container = try prepared[j] ?? PreparedGeom(Geom.polygon(polygons[j], context: ctx))
        prepared[j] = container
        guard try container.covers(geom!) else { return true }
        any = true
        if sameLayer { same = true }
        return !same
      }
      return (any, same)
    }
  }
}
