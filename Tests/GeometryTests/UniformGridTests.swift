import XCTest

@testable import Geometry

final class UniformGridTests: XCTestCase {
  let extent = BBox(minX: -10, minY: -5, maxX: 10, maxY: 5)

  func testCoveringCountsAndClamping() {
    let g = UniformGrid(covering: extent, cellSize: 4)
    XCTAssertEqual([g.columns, g.rows, g.count], [6, 3, 18])
    XCTAssertEqual(g.origin, XY(-10, -5))
    // A coordinate on a cell edge belongs to the cell above it; the far edge of the
    // extent has a cell of its own; beyond the grid the clamped lookups stop at its edge.
    XCTAssertEqual(
      [-10, -6.000001, -6, 9.999, 10, 100, -100].map { g.clampedColumn($0) }, [0, 0, 1, 4, 5, 5, 0])
    XCTAssertEqual([-100, -10, -6, 10, 14].map { g.column($0) }, [-23, 0, 1, 5, 6])
    XCTAssertEqual(g.clampedIndex(of: XY(10, 5)), 17)
    XCTAssertEqual(g.clampedIndex(of: XY(-6, -1)), 7)
  }

  func testBoxesOnCellEdges() {
    let g = UniformGrid(covering: extent, cellSize: 4)
    // A box from one cell edge to another reaches the cell past its far edge.
    let b = BBox(minX: -6, minY: -1, maxX: -2, maxY: 3)
    XCTAssertEqual(g.columnRange(of: b), 1...2)
    XCTAssertEqual(g.rowRange(of: b), 1...2)
    XCTAssertEqual(g.indices(meeting: b), [7, 8, 13, 14])
    var visited: [[Int]] = []
    g.forEachCell(meeting: b) { x, y in visited.append([x, y]) }
    XCTAssertEqual(visited, [[1, 1], [2, 1], [1, 2], [2, 2]])
    // A point box on a corner: one cell. A box over everything: all, clamped.
    XCTAssertEqual(g.indices(meeting: BBox(minX: -2, minY: 3, maxX: -2, maxY: 3)), [14])
    XCTAssertEqual(g.indices(meeting: extent.expanded(by: 50)), Array(0..<18))
  }

  func testNegativeCoordinatesUnbounded() {
    let g = UniformGrid(origin: XY(0, 0), cellSize: 4)
    XCTAssertEqual(g.cell(of: XY(-0.5, -4)).x, -1)
    XCTAssertEqual(g.cell(of: XY(-0.5, -4)).y, -1)
    XCTAssertEqual(g.cell(of: XY(-8, 8)).x, -2)
    XCTAssertEqual(g.cell(of: XY(-8.0001, 7.9999)).x, -3)
    XCTAssertEqual(g.cell(of: XY(-8.0001, 7.9999)).y, 1)
    XCTAssertEqual(g.cell(of: XY(-0.0, 0)).x, 0)
  }

  func testPartitionEdgesSharedBitForBit() {
    let e = BBox(minX: 0.1, minY: -0.7, maxX: 3.05, maxY: 0.2)
    let g = UniformGrid(partitioning: e, cellSize: 0.3)
    XCTAssertEqual([g.columns, g.rows], [10, 3])
    var area = 0.0
    for y in 0..<g.rows {
      for x in 0..<g.columns {
        let r = g.rect(x, y, within: e)
        area += r.width * r.height
        if x + 1 < g.columns { XCTAssertEqual(r.maxX, g.rect(x + 1, y, within: e).minX) }
        if y + 1 < g.rows { XCTAssertEqual(r.maxY, g.rect(x, y + 1, within: e).minY) }
      }
    }
    XCTAssertEqual(
      g.rect(9, 2, within: e), BBox(minX: 0.1 + 9 * 0.3, minY: -0.7 + 2 * 0.3, maxX: 3.05, maxY: 0.2))
    XCTAssertEqual(area, e.width * e.height, accuracy: 1e-12)
    XCTAssertEqual(g.yCentre(0), -0.55, accuracy: 1e-15)
    // A flat extent still has one row.
    XCTAssertEqual(UniformGrid(partitioning: BBox(minX: 0, minY: 0, maxX: 5, maxY: 0), cellSize: 2).rows, 1)
  }

  func testCoarsenedAndEmpty() {
    let e = BBox(minX: 0, minY: 0, maxX: 1000, maxY: 1000)
    XCTAssertEqual(UniformGrid.coarsened(1, toCover: e, maxCells: 100), 128)
    XCTAssertEqual(UniformGrid.coarsened(200, toCover: e, maxCells: 100), 200)
    XCTAssertEqual(UniformGrid.coarsened(3, toCover: .empty, maxCells: 100), 3)
    let g = UniformGrid(covering: .empty, cellSize: 3)
    XCTAssertEqual([g.columns, g.rows], [1, 1])
    XCTAssertEqual(g.origin, XY(0, 0))
  }

  func testCornersInBox() {
    let g = UniformGrid(origin: XY(0, 0), cellSize: 10)
    let c = g.corners(in: BBox(minX: -15, minY: -5, maxX: 25, maxY: 5))
    XCTAssertEqual(c?.x, -1...2)
    XCTAssertEqual(c?.y, 0...0)
    XCTAssertEqual(g.corners(in: BBox(minX: -10, minY: 10, maxX: -10, maxY: 10))?.x, -1 ... -1)
    XCTAssertNil(g.corners(in: BBox(minX: 1, minY: 1, maxX: 9, maxY: 9)))
  }
}
