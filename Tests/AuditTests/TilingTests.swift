import XCTest

@testable import Audit
@testable import Geometry

final class TilingTests: XCTestCase {
  /// An extent without area (no districts, or districts collapsed to a line) is refused
  /// with an error; it used to become an infinite cell count and a trap converting it to Int.
  func testDegenerateExtentIsRefused() throws {
    let line = BBox(minX: 0, minY: 5, maxX: 100, maxY: 5)
    for (extent, size) in [
      (BBox.empty, 100.0), (line, 100), (BBox(minX: 0, minY: 0, maxX: 10, maxY: 10), .nan),
    ] {
      XCTAssertThrowsError(try TileGrid(extent: extent, size: size)) { e in
        XCTAssertTrue("\(e)".hasPrefix("tile grid: the audited area has no extent"), "\(e)")
      }
    }
    let grid = try TileGrid(extent: BBox(minX: 0, minY: 0, maxX: 250, maxY: 100), size: 100)
    XCTAssertEqual(grid.nx, 3)
    XCTAssertEqual(grid.ny, 1)
  }
}
