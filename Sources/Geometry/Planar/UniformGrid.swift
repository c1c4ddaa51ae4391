/// Square cells of one side laid from an origin: the one cell arithmetic behind the audit's
/// tiles, the sweep cells of `UnionMeasure`, the candidate grids of `Containment` and road
/// cover, the bucketed boxes of candidate sites and the density cells of the HTML map.
///
/// A cell's index along an axis is ⌊(v − origin) / cellSize⌋, and a cell's edges are the
/// origin plus integer multiples of the size, so neighbouring cells share their edges bit
/// for bit and every caller files a coordinate in the same cell. A grid has `columns` ×
/// `rows` cells for the callers that keep them in a flat array (row by row, index
/// `y * columns + x`); the clamped lookups put anything beyond the last cell into it, so a
/// box that reaches past the grid still finds the cells at its edge. Hashed grids use the
/// unclamped `cell(of:)`, which has no bounds.
public struct UniformGrid: Equatable, Sendable {
  public let origin: XY
  public let cellSize: Double
  public let columns: Int
  public let rows: Int

  public init(origin: XY, cellSize: Double, columns: Int = 1, rows: Int = 1) {
    self.origin = origin
    self.cellSize = cellSize
    self.columns = columns
    self.rows = rows
  }

  /// Cells from the extent's lower-left corner, ⌊width / size⌋ + 1 of them across, so that
  /// even its far edge lies inside a cell of full size. An empty extent gets one cell at
  /// (0, 0).
  public init(covering extent: BBox, cellSize: Double) {
    if extent.isEmpty {
      self.init(origin: XY(0, 0), cellSize: cellSize)
    } else {
      self.init(
        origin: XY(extent.minX, extent.minY), cellSize: cellSize,
        columns: Int((extent.width / cellSize).rounded(.down)) + 1,
        rows: Int((extent.height / cellSize).rounded(.down)) + 1)
    }
  }

  /// Cells from the extent's lower-left corner, ⌈width / size⌉ of them across (at least
  /// one), so that the last column ends at or past the far edge; `rect(_:_:within:)` cuts
  /// it back so that the cells partition the extent.
  public init(partitioning extent: BBox, cellSize: Double) {
    self.init(
      origin: XY(extent.minX, extent.minY), cellSize: cellSize,
      columns: Swift.max(1, Int((extent.width / cellSize).rounded(.up))),
      rows: Swift.max(1, Int((extent.height / cellSize).rounded(.up))))
  }

  /// `cellSize` doubled until a grid covering `extent` has at most about `maxCells`
  /// cells: a sparse, far-flung set of boxes gets bigger cells rather than a huge array.
  public static func coarsened(_ cellSize: Double, toCover extent: BBox, maxCells: Double) -> Double {
    var size = cellSize
    if extent.isEmpty { return size }
    while (extent.width / size + 1) * (extent.height / size + 1) > maxCells { size *= 2 }
    return size
  }

  public var count: Int { columns * rows }

  /// The column of `x`, unbounded.
  @inlinable public func column(_ x: Double) -> Int { Int(((x - origin.x) / cellSize).rounded(.down)) }

  /// The row of `y`, unbounded.
  @inlinable public func row(_ y: Double) -> Int { Int(((y - origin.y) / cellSize).rounded(.down)) }

  /// The cell of a point, unbounded: for grids kept as a hash of the cells in use.
  @inlinable public func cell(of p: XY) -> (x: Int, y: Int) { (column(p.x), row(p.y)) }

  @inlinable public func clampedColumn(_ x: Double) -> Int { Swift.max(0, Swift.min(columns - 1, column(x))) }

  @inlinable public func clampedRow(_ y: Double) -> Int { Swift.max(0, Swift.min(rows - 1, row(y))) }

  /// Flat index of a cell, row by row.
  @inlinable public func index(_ x: Int, _ y: Int) -> Int { y * columns + x }

  /// Flat index of the cell that holds a point, clamped into the grid.
  @inlinable public func clampedIndex(of p: XY) -> Int { index(clampedColumn(p.x), clampedRow(p.y)) }

  /// Columns that the span `lo...hi` of x meets, clamped into the grid.
  @inlinable public func columnRange(_ lo: Double, _ hi: Double) -> ClosedRange<Int> {
    clampedColumn(lo)...clampedColumn(hi)
  }

  /// Rows that the span `lo...hi` of y meets, clamped into the grid.
  @inlinable public func rowRange(_ lo: Double, _ hi: Double) -> ClosedRange<Int> {
    clampedRow(lo)...clampedRow(hi)
  }

  @inlinable public func columnRange(of b: BBox) -> ClosedRange<Int> { columnRange(b.minX, b.maxX) }

  @inlinable public func rowRange(of b: BBox) -> ClosedRange<Int> { rowRange(b.minY, b.maxY) }

  /// Calls `body` with each cell a box meets (clamped into the grid), row by row.
  @inlinable public func forEachCell(meeting b: BBox, _ body: (_ x: Int, _ y: Int) -> Void) {
    let xs = columnRange(of: b)
    for y in rowRange(of: b) {
      for x in xs { body(x, y) }
    }
  }

  /// Flat indices of the cells a box meets (clamped into the grid), ascending.
  public func indices(meeting b: BBox) -> [Int] {
    let xs = columnRange(of: b)
    let ys = rowRange(of: b)
    var out: [Int] = []
    out.reserveCapacity(xs.count * ys.count)
    for y in ys {
      for x in xs { out.append(index(x, y)) }
    }
    return out
  }

  /// The left edge of column `i` (the right edge of column `i - 1`).
  @inlinable public func xEdge(_ i: Int) -> Double { origin.x + Double(i) * cellSize }

  /// The bottom edge of row `j`.
  @inlinable public func yEdge(_ j: Int) -> Double { origin.y + Double(j) * cellSize }

  /// The vertical centre line of column `i`.
  @inlinable public func xCentre(_ i: Int) -> Double { origin.x + (Double(i) + 0.5) * cellSize }

  /// The horizontal centre line of row `j`.
  @inlinable public func yCentre(_ j: Int) -> Double { origin.y + (Double(j) + 0.5) * cellSize }

  /// A cell's rectangle, the last column and row ending on `bounds`' far edges: with a grid
  /// made by `init(partitioning:)` the cells then partition `bounds` exactly.
  public func rect(_ x: Int, _ y: Int, within bounds: BBox) -> BBox {
    BBox(
      minX: xEdge(x), minY: yEdge(y), maxX: x == columns - 1 ? bounds.maxX : xEdge(x + 1),
      maxY: y == rows - 1 ? bounds.maxY : yEdge(y + 1))
  }

  /// The grid's corners (points `xEdge(i)`, `yEdge(j)`) inside a box, as column and row
  /// ranges; nil when none is.
  public func corners(in b: BBox) -> (x: ClosedRange<Int>, y: ClosedRange<Int>)? {
    let x0 = Int(((b.minX - origin.x) / cellSize).rounded(.up))
    let x1 = column(b.maxX)
    let y0 = Int(((b.minY - origin.y) / cellSize).rounded(.up))
    let y1 = row(b.maxY)
    guard x1 >= x0 && y1 >= y0 else { return nil }
    return (x0...x1, y0...y1)
  }
}

/// Boxes filed by the cells of a uniform grid they meet: the few boxes near a point or a
/// box are found without a tree, and nothing is built in GEOS for the others.
public struct BoxIndex: Sendable {
  public let boxes: [BBox]
  public let extent: BBox
  let grid: UniformGrid
  let byCell: [[Int32]]

  /// - Parameters:
  ///   - cellSize: the side wanted, coarsened so the grid has at most `maxCells`.
  ///   - filing: which boxes to file (all when nil); the grid covers every box.
  public init(_ boxes: [BBox], cellSize: Double, maxCells: Double, filing: [Bool]? = nil) {
    self.boxes = boxes
    let extent = boxes.reduce(into: BBox.empty) { $0.add($1) }
    let grid = UniformGrid(
      covering: extent, cellSize: UniformGrid.coarsened(cellSize, toCover: extent, maxCells: maxCells))
    var byCell = [[Int32]](repeating: [], count: grid.count)
    for (i, b) in boxes.enumerated() where filing?[i] ?? true {
      grid.forEachCell(meeting: b) { x, y in byCell[grid.index(x, y)].append(Int32(i)) }
    }
    self.extent = extent
    self.grid = grid
    self.byCell = byCell
  }

  /// Indices of the boxes that touch `box`, ascending.
  public func near(_ box: BBox) -> [Int] {
    var found = Set<Int32>()
    grid.forEachCell(meeting: box) { x, y in
      for i in byCell[grid.index(x, y)] where boxes[Int(i)].intersects(box) { found.insert(i) }
    }
    return found.map { Int($0) }.sorted()
  }

  /// The boxes filed in the cell of `p` (the nearest cell when `p` is outside the grid),
  /// in the order filed: every box that holds `p` is among them.
  public func filed(at p: XY) -> [Int32] { byCell[grid.clampedIndex(of: p)] }

  /// The cell of `p` (the nearest one when outside), to visit points cell by cell.
  public func cell(of p: XY) -> Int { grid.clampedIndex(of: p) }

  /// Whether some box holds `p`, edges included.
  public func holds(_ p: XY) -> Bool {
    guard extent.contains(p) else { return false }
    return byCell[grid.clampedIndex(of: p)].contains { boxes[Int($0)].contains(p) }
  }
}
