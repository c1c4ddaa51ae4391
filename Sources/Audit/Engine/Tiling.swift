import Foundation
import Geometry

/// A regular grid of tiles over the audited area. Tiles partition the plane (they meet
/// only along their edges), so per-tile areas add up to the whole exactly, and a
/// footprint that crosses a tile edge is clipped into each tile it touches.
public struct TileGrid: Sendable {
  public var extent: BBox
  public var size: Double
  public var nx: Int
  public var ny: Int

  public init(extent: BBox, size: Double) {
    self.extent = extent
    let s = max(size, 1)
    self.size = s
    nx = max(1, Int((extent.width / s).rounded(.up)))
    ny = max(1, Int((extent.height / s).rounded(.up)))
  }

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

  public var count: Int { nx * ny }

  public func rect(_ i: Int) -> BBox {
    let ix = i % nx
    let iy = i / nx
    // Edges are computed from integer multiples so neighbours share them bit for bit.
    let x0 = extent.minX + Double(ix) * size
    let y0 = extent.minY + Double(iy) * size
    let x1 = ix == nx - 1 ? max(extent.maxX, x0 + size) : extent.minX + Double(ix + 1) * size
    let y1 = iy == ny - 1 ? max(extent.maxY, y0 + size) : extent.minY + Double(iy + 1) * size
    return BBox(minX: x0, minY: y0, maxX: x1, maxY: y1)
  }

  /// Tile indices a box touches (clamped to the grid); empty if it misses the extent.
  public func tiles(for b: BBox) -> [Int] {
    guard b.intersects(extent) else { return [] }
    let ix0 = max(0, min(nx - 1, Int(((b.minX - extent.minX) / size).rounded(.down))))
    let ix1 = max(0, min(nx - 1, Int(((b.maxX - extent.minX) / size).rounded(.down))))
    let iy0 = max(0, min(ny - 1, Int(((b.minY - extent.minY) / size).rounded(.down))))
    let iy1 = max(0, min(ny - 1, Int(((b.maxY - extent.minY) / size).rounded(.down))))
    var out: [Int] = []
    out.reserveCapacity((ix1 - ix0 + 1) * (iy1 - iy0 + 1))
    for iy in iy0...iy1 {
      for ix in ix0...ix1 { out.append(iy * nx + ix) }
    }
    return out
  }

  public func tile(of p: XY) -> Int? {
    guard extent.contains(p) else { return nil }
    let ix = max(0, min(nx - 1, Int(((p.x - extent.minX) / size).rounded(.down))))
    let iy = max(0, min(ny - 1, Int(((p.y - extent.minY) / size).rounded(.down))))
    return iy * nx + ix
  }
}
