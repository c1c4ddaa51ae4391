import Foundation
import Geometry

/// The stretches of road that no footprint covers, found segment by segment against the
/// footprints themselves: a road needs only where it runs inside some sector, never the
/// union of the sectors, so no polygon overlay is built for roads.
enum RoadCover {
  /// The footprints of a tile by the squares of a grid their boxes reach, so that each
  /// road segment meets only the footprints near it rather than every one in the tile.
  final class Index {
    let items: [FootprintSet.Item]
    let grid: UniformGrid
    var cells: [[Int32]]
    /// The segment each footprint was last offered to, so one reaching several squares
    /// is tested once.
    var seen: [Int]
    var segment = 0

    init(_ items: [FootprintSet.Item], cell: Double = 64) {
      self.items = items
      var extent = BBox.empty
      for f in items { extent.add(f.bbox) }
      // At most ~65,000 squares however far the footprints spread.
      grid = UniformGrid(
        covering: extent, cellSize: UniformGrid.coarsened(cell, toCover: extent, maxCells: 65_000))
      cells = [[Int32]](repeating: [], count: grid.count)
      seen = [Int](repeating: -1, count: items.count)
      for (i, f) in items.enumerated() {
        grid.forEachCell(meeting: f.bbox) { x, y in cells[grid.index(x, y)].append(Int32(i)) }
      }
    }

    /// Calls `body` once for each footprint whose box meets `box`; `body` returns false
    /// to stop early.
    func forEach(meeting box: BBox, _ body: (FootprintSet.Item) -> Bool) {
      segment += 1
      if items.isEmpty { return }
      let xs = grid.columnRange(of: box)
      for y in grid.rowRange(of: box) {
        for x in xs {
          for i in cells[grid.index(x, y)] where seen[Int(i)] != segment {
            seen[Int(i)] = segment
            let f = items[Int(i)]
            if f.bbox.intersects(box) && !body(f) { return }
          }
        }
      }
    }
  }

  /// The uncovered parts of `lines`, as polylines. A stretch that runs on across a vertex
  /// of the road stays one line.
  static func uncovered(_ lines: [[XY]], by items: [FootprintSet.Item]) -> [[XY]] {
    uncovered(lines, by: Index(items))
  }

  static func uncovered(_ lines: [[XY]], by index: Index) -> [[XY]] {
    var out: [[XY]] = []
    var current: [XY] = []
    func flush() {
      if current.count >= 2 { out.append(current) }
      current = []
    }
    for line in lines {
      for k in 0..<max(0, line.count - 1) {
        let a = line[k]
        let b = line[k + 1]
        let length = hypot(b.x - a.x, b.y - a.y)
        if length == 0 { continue }
        let box = BBox(
          minX: Swift.min(a.x, b.x), minY: Swift.min(a.y, b.y), maxX: Swift.max(a.x, b.x),
          maxY: Swift.max(a.y, b.y))
        var parts: [[(Double, Double)]] = []
        index.forEach(meeting: box) { f in
          let iv = SegmentCover.intervals(a, b, in: f.polygon)
          if iv.isEmpty { return true }
          // One footprint over the whole segment settles it.
          if iv.count == 1 && iv[0].0 == 0 && iv[0].1 == 1 {
            parts = [iv]
            return false
          }
          parts.append(iv)
          return true
        }
        func at(_ t: Double) -> XY {
          t == 0 ? a : (t == 1 ? b : XY(a.x + t * (b.x - a.x), a.y + t * (b.y - a.y)))
        }
        let open = SegmentCover.complement(SegmentCover.union(parts))
        var continued = false
        for (lo, hi) in open where (hi - lo) * length > 1e-9 {
          if lo == 0 && !current.isEmpty {
            current.append(at(hi))
          } else {
            flush()
            current = [at(lo), at(hi)]
          }
          continued = hi == 1
          if !continued { flush() }
        }
        if !continued { flush() }
      }
      flush()
    }
    return out
  }

  static func length(_ line: [XY]) -> Double {
    zip(line, line.dropFirst()).reduce(0.0) { $0 + hypot($1.1.x - $1.0.x, $1.1.y - $1.0.y) }
  }
}
