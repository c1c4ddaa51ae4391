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
    let size = UniformGrid.coarsened(
      cell > 0 && cell.isFinite ? cell : max(extent.width, extent.height, 1), toCover: extent,
      maxCells: 65_000)
    let grid = UniformGrid(covering: extent, cellSize: size)
    let convex = polygons.map { $0.count == 1 && PointInRing.isConvex($0[0]) }
    // Candidates by the cell of each polygon's lower-left corner: a container's box holds
    // the polygon's box, so it reaches that cell too. Cells as one flat list (counts, then
    // offsets, then entries).
    let cells = grid.count
    var start = [Int32](repeating: 0, count: cells + 1)
    for i in 0..<n where convex[i] {
      grid.forEachCell(meeting: boxes[i]) { x, y in start[grid.index(x, y) + 1] += 1 }
    }
    for k in 0..<cells { start[k + 1] += start[k] }
    var fill = start
    var entries = [Int32](repeating: 0, count: Int(start[cells]))
    for i in 0..<n where convex[i] {
      grid.forEachCell(meeting: boxes[i]) { x, y in
        let c = grid.index(x, y)
        entries[Int(fill[c])] = Int32(i)
        fill[c] += 1
      }
    }
    for i in 0..<n {
      let b = boxes[i]
      guard let exterior = polygons[i].first else { continue }
      let c = grid.clampedIndex(of: XY(b.minX, b.minY))
      for e in Int(start[c])..<Int(start[c + 1]) {
        let j = Int(entries[e])
        if j == i || !boxes[j].contains(b) { continue }
        if let layers, layers[j] != layers[i] { continue }
        if boxes[j] == b && j > i { continue }
        let ring = polygons[j][0]
        if exterior.allSatisfy({ PointInRing.convexCovers(ring, $0) }) {
          hidden[i] = true
          break
        }
      }
    }
    return hidden
  }
}
