// A uniform grid over the local plane. The city has tens of thousands of road segments and
// buildings, so clearance tests must look only at what is nearby. Queries must not nest on
// one index: they share its visit stamps.

final class GridIndex {
  let cell: Double
  let origin: P
  let columns: Int
  let rows: Int
  private var buckets: [[Int32]]
  private var stamp: [UInt32] = []
  private var generation: UInt32 = 0

  init(origin: P, width: Double, height: Double, cell: Double) {
    self.cell = cell
    self.origin = origin
    columns = max(1, Int((width / cell).rounded(.up)) + 1)
    rows = max(1, Int((height / cell).rounded(.up)) + 1)
    buckets = Array(repeating: [], count: columns * rows)
  }

  private func column(_ x: Double) -> Int {
    min(columns - 1, max(0, Int(((x - origin.x) / cell).rounded(.down))))
  }

  private func row(_ y: Double) -> Int {
    min(rows - 1, max(0, Int(((y - origin.y) / cell).rounded(.down))))
  }

  /// Files `item` under every cell its box touches.
  func insert(_ item: Int, minX: Double, minY: Double, maxX: Double, maxY: Double) {
    for r in row(minY)...row(maxY) {
      for c in column(minX)...column(maxX) {
        buckets[r * columns + c].append(Int32(item))
      }
    }
    if item >= stamp.count {
      stamp.append(contentsOf: repeatElement(0, count: item + 1 - stamp.count))
    }
  }

  /// Every item whose cells meet the box, each once, in a stable order.
  func query(minX: Double, minY: Double, maxX: Double, maxY: Double, _ body: (Int) -> Void) {
    generation &+= 1
    if generation == 0 {
      for i in stamp.indices { stamp[i] = 0 }
      generation = 1
    }
    for r in row(minY)...row(maxY) {
      for c in column(minX)...column(maxX) {
        for item in buckets[r * columns + c] {
          let i = Int(item)
          if stamp[i] != generation {
            stamp[i] = generation
            body(i)
          }
        }
      }
    }
  }

  func query(around p: P, radius: Double, _ body: (Int) -> Void) {
    query(minX: p.x - radius, minY: p.y - radius, maxX: p.x + radius, maxY: p.y + radius, body)
  }
}
