import Foundation

struct District {
  var code: String
  var name: String
  var parent: String
  /// Counter-clockwise, open (first vertex not repeated).
  var ring: [P]
  var box: Box
}

/// Index of the district holding `p`, or -1 outside them all.
func districtIndex(_ districts: [District], _ p: P) -> Int {
  for (i, d) in districts.enumerated()
  where p.x >= d.box.minX && p.x <= d.box.maxX && p.y >= d.box.minY && p.y <= d.box.maxY
    && contains(ring: d.ring, p)
  {
    return i
  }
  return -1
}

/// How a rectangle is cut into districts: vertical cuts at `columnSplits` (fractions of the
/// width), then each column cut across at its `rowSplits` (fractions of the height).
struct TilingPlan {
  var columnSplits: [Double]
  var rowSplits: [[Double]]

  var cellCount: Int { rowSplits.reduce(0) { $0 + $1.count + 1 } }

  /// About as many columns as rows of roughly square cells, split points jittered.
  static func even(count: Int, width: Double, height: Double, rng: inout Rng) -> TilingPlan {
    let columns = max(1, min(count, Int((Double(count) * width / height).squareRoot().rounded())))
    let base = count / columns
    let extra = count % columns
    var columnSplits: [Double] = []
    for c in 1..<max(1, columns) where columns > 1 {
      columnSplits.append((Double(c) + rng.jitter(0.15)) / Double(columns))
    }
    var rowSplits: [[Double]] = []
    for c in 0..<columns {
      let rows = base + (c < extra ? 1 : 0)
      var splits: [Double] = []
      for r in 1..<max(1, rows) where rows > 1 {
        splits.append((Double(r) + rng.jitter(0.15)) / Double(rows))
      }
      rowSplits.append(splits)
    }
    return TilingPlan(columnSplits: columnSplits, rowSplits: rowSplits)
  }
}

/// Cuts the rectangle [0, width] × [0, height] into cells along jittered boundaries.
///
/// Neighbouring districts must share their boundary vertex for vertex, or an audit sees
/// slivers, overlaps or T-junctions. So every boundary is built once, as a polyline whose
/// vertices sit on a common ladder of levels, and each cell's ring is stitched from those
/// shared polylines. Cells come column by column, south to north.
func tile(width: Double, height: Double, plan: TilingPlan, spacing: Double, rng: inout Rng) -> [[P]] {
  let columns = plan.columnSplits.count + 1
  let maxRows = plan.rowSplits.map { $0.count + 1 }.max() ?? 1
  // Rows need room for their cuts (left and right ends may differ by one level, cuts are at
  // least three levels apart), so the ladder gets finer when districts get small.
  let step = min(spacing, height / Double(maxRows * 7))
  let levels = max(7, Int((height / step).rounded()))
  let levelY = (0...levels).map { height * Double($0) / Double(levels) }

  let baseX = [0.0] + plan.columnSplits.map { $0 * width } + [width]
  var minColumn = Double.infinity
  for c in 0..<columns { minColumn = min(minColumn, baseX[c + 1] - baseX[c]) }
  let xAmplitude = min(0.05 * minColumn, 0.3 * step)

  // Vertical boundaries: one vertex per level; the outer two are straight.
  var vertical: [[P]] = []
  for c in 0...columns {
    var line: [P] = []
    var wobble = 0.0
    for k in 0...levels {
      if c > 0 && c < columns {
        wobble = 0.6 * wobble + 0.4 * rng.jitter(xAmplitude)
      }
      line.append(P(baseX[c] + wobble, levelY[k]))
    }
    vertical.append(line)
  }

  var cells: [[P]] = []
  for c in 0..<columns {
    let left = vertical[c]
    let right = vertical[c + 1]
    let colWidth = baseX[c + 1] - baseX[c]
    let pieces = max(2, Int((colWidth / step).rounded()))

    // Each cut: level index at the left boundary, at the right one, and its vertices.
    var cuts: [(left: Int, right: Int, points: [P])] = [(0, 0, [left[0], right[0]])]
    var previous = 0
    for f in plan.rowSplits[c] {
      var l = Int((f * Double(levels)).rounded())
      l = max(previous + 3, min(levels - 2, l))
      precondition(l <= levels - 2, "district rows too thin for the boundary ladder")
      let r = max(1, min(levels - 1, l + rng.int(-1...1)))
      var points = [left[l]]
      var wobble = 0.0
      for m in 1..<pieces {
        let t = Double(m) / Double(pieces)
        wobble = 0.6 * wobble + 0.4 * rng.jitter(0.3 * step)
        points.append(P(lerp(baseX[c], baseX[c + 1], t), lerp(levelY[l], levelY[r], t) + wobble))
      }
      points.append(right[r])
      cuts.append((l, r, points))
      previous = max(l, r)
    }
    cuts.append((levels, levels, [left[levels], right[levels]]))

    for k in 0..<(cuts.count - 1) {
      let lower = cuts[k]
      let upper = cuts[k + 1]
      var ring = lower.points
      if lower.right + 1 <= upper.right - 1 {
        ring += right[(lower.right + 1)...(upper.right - 1)]
      }
      ring += upper.points.reversed()
      if lower.left + 1 <= upper.left - 1 {
        ring += left[(lower.left + 1)...(upper.left - 1)].reversed()
      }
      precondition(signedArea(ring) > 0)
      cells.append(ring)
    }
  }
  return cells
}
