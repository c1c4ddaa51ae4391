import Audit
import Foundation
import Geometry

extension MapData {
  /// The footprints layer's GeoJSON, and which cameras it holds (see the type's comment).
  mutating func selectFootprints(_ r: AuditResult, options: HTMLReport.Options) -> String {
    var chosen: [Int]
    if r.footprints.count <= options.footprintsEverywhere {
      chosen = Array(r.footprints.indices)
      footprints = .all
    } else {
      chosen = MapData.nearZones(r)
      footprints = chosen.isEmpty ? .none : .nearZones
    }
    // Each pass stops at the budget, so a layer that does not fit costs no more than one
    // that does; the last pass keeps what fits, the cameras of the zones furthest below
    // target first.
    var tol = 0.5
    var (text, n) = footprintJSON(r, chosen, tolerance: tol, budget: options.footprintBudget)
    while n < chosen.count && tol < 4 {
      tol *= 2
      (text, n) = footprintJSON(r, chosen, tolerance: tol, budget: options.footprintBudget)
    }
    footprintTolerance = tol
    footprintCount = n
    footprintCandidates = chosen.count
    return text
  }

  /// The collection of `chosen`'s footprints up to the last one that keeps it within
  /// `budget` bytes, and how many that is.
  func footprintJSON(_ r: AuditResult, _ chosen: [Int], tolerance: Double, budget: Int) -> (String, Int) {
    var j = ScriptJSON(capacity: min(budget, chosen.count * 300) + 64)
    let f = frame
    let detail = Detail(tolerance: tolerance, minHole: .infinity)
    j.raw("{\"type\":\"FeatureCollection\",\"features\":[")
    var n = 0
    for (k, ci) in chosen.enumerated() {
      let c = r.footprints[ci]
      let mark = j.text.utf8.count
      j.raw(k > 0 ? ",\n" : "\n")
      j.feature(
        { p in
          p.identity(id: c.cameraID, name: c.name, kind: c.kind.rawValue)
          p.member("range", c.range, decimals: 1)
        }, geometry: { $0.polygons(c.polygons.map { MapData.display($0, f, detail) }) })
      if j.text.utf8.count + 2 > budget {
        j.text = String(j.text.utf8.prefix(mark))!
        break
      }
      n += 1
    }
    j.raw("]}")
    return (j.text, n)
  }

  /// Cameras whose footprint's box meets a zone's box, taking zones by shortfall (the
  /// furthest below target first) and each camera once, so a cut keeps what matters most.
  static func nearZones(_ r: AuditResult) -> [Int] {
    let order = r.zones.indices.sorted { a, b in
      let x = r.zones[a].target - r.zones[a].coverage
      let y = r.zones[b].target - r.zones[b].coverage
      return x != y ? x > y : a < b
    }
    let boxes = r.footprints.map { f -> BBox in
      var b = BBox.empty
      for p in f.polygons { b.add(p.bbox) }
      return b.isEmpty ? BBox(points: [f.position]) : b
    }
    let grid = BoxGrid(boxes, cell: 0.005)
    var taken = [Bool](repeating: false, count: r.footprints.count)
    var out: [Int] = []
    for zi in order where zi < r.zoneShapes.count {
      var zb = BBox.empty
      for p in r.zoneShapes[zi] { zb.add(p.bbox) }
      for i in grid.query(zb) where !taken[i] && boxes[i].intersects(zb) {
        taken[i] = true
        out.append(i)
      }
    }
    return out
  }

  /// Cameras counted on a square grid in the map's local metres, the side a round 1-2-5
  /// length near a sixtieth of the longer side of the map (500 m over a 32 km city): finer
  /// cells would be more objects than a browser draws in a blink, and the footprints take over
  /// when a planner zooms in.
  mutating func densityCells(_ cams: [CameraFootprint]) -> String {
    let f = frame
    let span = max(f.width, f.height) * f.metresPerUnit
    cellMetres = max(SVGMap.roundLength(span / 60), 10)
    let grid = UniformGrid(origin: XY(0, 0), cellSize: cellMetres)
    var counts: [Int64: Int] = [:]
    for cam in cams {
      let (i, j) = grid.cell(of: f.metres(cam.position))
      counts[BoxGrid.key(i, j), default: 0] += 1
    }
    let cells = counts.sorted { $0.key < $1.key }
    var j = ScriptJSON(capacity: cells.count * 80)
    j.collection(cells.count) { j, k in
      let (key, n) = cells[k]
      let x = grid.xCentre(Int(key >> 32))
      let y = grid.yCentre(Int(Int32(truncatingIfNeeded: key)))
      j.feature(
        { p in p.raw("\"n\":\(n),\"k\":\(MapData.densityClass(n))") },
        geometry: { $0.pointGeometry(f.degrees(XY(x, y))) })
    }
    return j.text
  }

  static func densityClass(_ n: Int) -> Int {
    var k = 0
    for (i, b) in densityBins.enumerated() where n >= b { k = i }
    return k
  }
}

/// Boxes filed in the square cells (degrees) they touch; a query returns each box once,
/// in index order, so what is built from it is the same every run.
struct BoxGrid {
  let grid: UniformGrid
  let cells: [Int64: [Int]]

  init(_ boxes: [BBox], cell: Double) {
    let grid = UniformGrid(origin: XY(0, 0), cellSize: cell)
    self.grid = grid
    // Filled in a local: appending through `self` inside the closure would copy the
    // dictionary on every box.
    var cells: [Int64: [Int]] = [:]
    for (i, b) in boxes.enumerated() where !b.isEmpty {
      BoxGrid.forEachCell(b, grid) { cells[$0, default: []].append(i) }
    }
    self.cells = cells
  }

  /// A cell's key in a hash of the cells in use: the column in the high half, the row in
  /// the low, so that keys sort column by column.
  static func key(_ x: Int, _ y: Int) -> Int64 { Int64(x) << 32 | (Int64(y) & 0xFFFF_FFFF) }

  static func forEachCell(_ b: BBox, _ grid: UniformGrid, _ body: (Int64) -> Void) {
    let x0 = grid.column(b.minX)
    let x1 = grid.column(b.maxX)
    let y0 = grid.row(b.minY)
    let y1 = grid.row(b.maxY)
    guard x1 - x0 < 10_000, y1 - y0 < 10_000 else { return }
    for x in x0...x1 { for y in y0...y1 { body(key(x, y)) } }
  }

  func query(_ b: BBox) -> [Int] {
    var found = Set<Int>()
    BoxGrid.forEachCell(b, grid) { key in for i in cells[key] ?? [] { found.insert(i) } }
    return found.sorted()
  }
}
