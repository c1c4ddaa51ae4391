/// Polygons that lie wholly inside another convex polygon, which a union can leave out
/// without changing. In the camera clusters at junctions about a third of the sectors lie
/// inside a neighbour's sector or a dome's disc, and each one left out is edges that no sweep
/// or overlay has to cross.
public enum Containment {
  /// Which polygons (rings, exterior first) lie inside another convex one of the same layer
  /// (`layers` nil: all one layer). Identical polygons keep the first; a polygon left out
  /// always has a container that is kept, since containment is transitive. `cell` is the
  /// side of the grid that finds candidates (about a footprint's size).
  public static func hidden(_ polygons: [[[XY]]], boxes: [BBox], layers: [Int]?, cell: Double) -> [Bool] {
    let n = polygons.count
    var hidden = [Bool](repeating: false, count: n)
    if n < 2 { return hidden }
    var extent = BBox.empty
    for b in boxes { extent.add(b) }
    var size = cell > 0 && cell.isFinite ? cell : max(extent.width, extent.height, 1)
    // At most ~65,000 cells: a sparse far-flung set of polygons gets bigger cells.
    while (extent.width / size + 1) * (extent.height / size + 1) > 65_000 { size *= 2 }
    let nx = Int((extent.width / size).rounded(.down)) + 1
    let ny = Int((extent.height / size).rounded(.down)) + 1
    @inline(__always) func ix(_ x: Double) -> Int {
      min(nx - 1, max(0, Int(((x - extent.minX) / size).rounded(.down))))
    }
    @inline(__always) func iy(_ y: Double) -> Int {
      min(ny - 1, max(0, Int(((y - extent.minY) / size).rounded(.down))))
    }
    let convex = polygons.map { $0.count == 1 && isConvex($0[0]) }
    // Candidates by the cell of each polygon's lower-left corner: a container's box holds
    // the polygon's box, so it reaches that cell too. Cells as one flat list (counts, then
    // offsets, then entries).
    var start = [Int32](repeating: 0, count: nx * ny + 1)
    for i in 0..<n where convex[i] {
      let b = boxes[i]
      for y in iy(b.minY)...iy(b.maxY) {
        for x in ix(b.minX)...ix(b.maxX) { start[y * nx + x + 1] += 1 }
      }
    }
    for k in 0..<(nx * ny) { start[k + 1] += start[k] }
    var fill = start
    var entries = [Int32](repeating: 0, count: Int(start[nx * ny]))
    for i in 0..<n where convex[i] {
      let b = boxes[i]
      for y in iy(b.minY)...iy(b.maxY) {
        for x in ix(b.minX)...ix(b.maxX) {
          entries[Int(fill[y * nx + x])] = Int32(i)
          fill[y * nx + x] += 1
        }
      }
    }
    for i in 0..<n {
      let b = boxes[i]
      guard let exterior = polygons[i].first else { continue }
      let c = iy(b.minY) * nx + ix(b.minX)
      for e in Int(start[c])..<Int(start[c + 1]) {
        let j = Int(entries[e])
        if j == i || !boxes[j].contains(b) { continue }
        if let layers, layers[j] != layers[i] { continue }
        if boxes[j] == b && j > i { continue }
        let ring = polygons[j][0]
        if exterior.allSatisfy({ convexCovers(ring, $0) }) {
          hidden[i] = true
          break
        }
      }
    }
    return hidden
  }

  /// A closed counter-clockwise ring that never turns the other way (collinear vertices
  /// allowed).
  static func isConvex(_ r: [XY]) -> Bool {
    guard r.count >= 4 else { return false }
    var turn = 0.0
    for k in 0..<(r.count - 1) {
      let a = r[k]
      let b = r[k + 1]
      let c = r[k + 2 < r.count ? k + 2 : 1]
      let cross = (b.x - a.x) * (c.y - b.y) - (b.y - a.y) * (c.x - b.x)
      if cross == 0 { continue }
      if turn == 0 {
        turn = cross
      } else if (cross > 0) != (turn > 0) {
        return false
      }
    }
    return turn > 0
  }

  /// Point in or on a counter-clockwise convex ring. A dome's disc has 72 sides and most
  /// candidates are inside, where a test of every side costs the most; so the side that
  /// faces the point is found by bisecting the fan of rays from the first vertex, and only
  /// it, its neighbours and the two sides at the first vertex are tested. Every side
  /// tested is the exact test of the linear scan, so nothing inside is ever refused; a
  /// point outside passes only if it is within rounding of a ray, and then the neighbours
  /// still judge it.
  static func convexCovers(_ r: [XY], _ p: XY) -> Bool {
    let k = r.count - 1
    @inline(__always) func left(_ e: Int) -> Bool {
      let a = r[e]
      let b = r[e + 1]
      return (b.x - a.x) * (p.y - a.y) - (b.y - a.y) * (p.x - a.x) >= 0
    }
    if k < 12 {
      for e in 0..<k where !left(e) { return false }
      return true
    }
    guard left(0), left(k - 1) else { return false }
    let o = r[0]
    var lo = 1
    var hi = k - 1
    while hi - lo > 1 {
      let mid = (lo + hi) / 2
      let v = r[mid]
      if (v.x - o.x) * (p.y - o.y) - (v.y - o.y) * (p.x - o.x) >= 0 { lo = mid } else { hi = mid }
    }
    for e in (lo - 1)...(lo + 1) where e >= 0 && e < k && !left(e) { return false }
    return true
  }
}
