import Foundation
import Geometry

/// A regular grid of tiles over the audited area. Tiles partition the plane (they meet
/// only along their edges), so per-tile areas add up to the whole exactly, and a
/// footprint that crosses a tile edge is clipped into each tile it touches.
public struct TileGrid: Sendable {
  public let extent: BBox
  /// The tiles as cells from the extent's corner; the last column and row may reach past
  /// the extent.
  public let cells: UniformGrid

  /// Refuses an extent without area: the loader rejects zero-area districts and zones
  /// before any grid is made, so reaching here with one is a fault to report, and a grid of
  /// no width would otherwise turn an infinite cell count into a crash.
  public init(extent: BBox, size: Double) throws {
    let finite = [extent.minX, extent.minY, extent.maxX, extent.maxY, size].allSatisfy(\.isFinite)
    guard finite, extent.width > 0, extent.height > 0, size > 0 else {
      throw GeometryError.invalidInput(
        "tile grid: the audited area has no extent (\(extent.minX)…\(extent.maxX) × \(extent.minY)…\(extent.maxY), tile \(size) m)"
      )
    }
    self.extent = extent
    cells = UniformGrid(partitioning: extent, cellSize: max(size, 1))
  }

  public var size: Double { cells.cellSize }
  public var nx: Int { cells.columns }
  public var ny: Int { cells.rows }

  /// Picks a tile side so that a tile holds about `perTile` footprints: big enough that
  /// most footprints fall inside one tile, small enough that each union stays cheap and
  /// the tiles spread over the cores.
  public static func automaticSize(extent: BBox, footprints: Int, perTile: Double = 250) -> Double {
    let area = max(extent.width * extent.height, 1)
    if footprints == 0 { return max(extent.width, extent.height, 1) }
    let s = (area * perTile / Double(footprints)).squareRoot()
    // Never more than ~4,096 tiles; never smaller than 200 m.
    let minForCount = (area / 4096).squareRoot()
    return max(s, 200, minForCount)
  }

  public var count: Int { cells.count }

  public func rect(_ i: Int) -> BBox {
    let ix = i % nx
    let iy = i / nx
    // Edges are integer multiples of the size from the corner, so neighbours share them
    // bit for bit; the last tiles are full-sized even where the extent ends sooner.
    let x0 = cells.xEdge(ix)
    let y0 = cells.yEdge(iy)
    let x1 = ix == nx - 1 ? max(extent.maxX, x0 + size) : cells.xEdge(ix + 1)
    let y1 = iy == ny - 1 ? max(extent.maxY, y0 + size) : cells.yEdge(iy + 1)
    return BBox(minX: x0, minY: y0, maxX: x1, maxY: y1)
  }

  /// Tile indices a box touches (clamped to the grid); empty if it misses the extent.
  public func tiles(for b: BBox) -> [Int] {
    guard b.intersects(extent) else { return [] }
    return cells.indices(meeting: b)
  }

  public func tile(of p: XY) -> Int? {
    guard extent.contains(p) else { return nil }
    return cells.clampedIndex(of: p)
  }
}
