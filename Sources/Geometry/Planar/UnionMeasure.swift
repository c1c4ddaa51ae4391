/// The area of a union of polygons inside a rectangle, and inside each of a few target
/// regions, measured without building the union.
///
/// A district's covered area needs only the measure of `coverage ∩ district`, not its
/// shape, and building the union of a city's 150,000 sectors with an overlay engine costs
/// far more than measuring it. The rectangle is cut into vertical slabs at every vertex and
/// at every crossing of two edges; inside a slab no two edges cross, so the edges keep one
/// bottom-to-top order, every covered stretch between two neighbouring edges is a
/// trapezoid, and the slab's covered area is its width times the covered length on its
/// centre line — exact, not sampled. Which stretches are covered follows from the order
/// alone (each polygon's inside flips at each of its edges), so duplicate, collinear and
/// touching edges need no special case: they meet in zero-length stretches.
///
/// The rectangle is swept in square cells, each with only the polygons that reach it: a
/// slab then holds the few edges near it rather than every edge across the rectangle.
///
/// Polygons may be non-convex and have holes; they must be valid (rings that do not cross
/// themselves), as GEOS would also require. Layers (the camera classes 一类/二类/三类) are
/// measured in the same sweep: the area covered by the layer's polygons alone.
public struct UnionMeasure {
  /// Measured areas, in the units² of the coordinates.
  public struct Result: Equatable, Sendable {
    /// Area of the union inside the rectangle.
    public var union: Double
    /// Area of the union inside each target, in the order targets were added.
    public var covered: [Double]
    /// `layers[t][l]`: area of the union of layer `l`'s polygons inside target `t`.
    public var layers: [[Double]]
  }

  struct Shape {
    var rings: [[XY]]
    var bbox: BBox
    /// ≥ 0: a polygon's index; < 0: target `-(owner + 1)`.
    var owner: Int32
    var layer: UInt8
  }

  public let rect: BBox
  public let layerCount: Int
  /// Side of the square cells the rectangle is swept in.
  public let cellSize: Double
  var polygons: [Shape] = []
  var targetShapes: [Shape] = []
  var targetWhole: [Bool] = []

  /// - Parameters:
  ///   - rect: the part of the plane measured; everything outside it is ignored.
  ///   - layers: how many layers polygons may be filed in (layer 0 is measured too).
  ///   - cellSize: side of the cells swept one at a time (about twice a footprint's size
  ///     balances edges per slab against polygons counted in two cells).
  public init(rect: BBox, layers: Int = 1, cellSize: Double = 150) {
    precondition(layers <= 4, "at most 4 layers")
    self.rect = rect
    layerCount = max(1, layers)
    self.cellSize = cellSize > 0 ? cellSize : .infinity
  }

  /// Adds a polygon whose area counts towards the union (a camera footprint).
  public mutating func addPolygon(_ polygon: PlanarPolygon, layer: Int = 0) {
    precondition(layer >= 0 && layer < layerCount, "layer \(layer) outside 0..<\(layerCount)")
    let box = BBox(points: polygon.rings.joined())
    guard box.intersects(rect) else { return }
    polygons.append(
      Shape(rings: polygon.rings, bbox: box, owner: Int32(polygons.count), layer: UInt8(layer)))
  }

  /// Adds a region whose covered area is wanted, as polygons (already cut to the
  /// rectangle or not); returns its index in the result.
  @discardableResult
  public mutating func addTarget(_ polygons: [PlanarPolygon]) -> Int {
    let t = targetWhole.count
    targetWhole.append(false)
    let rings = polygons.flatMap(\.rings)
    targetShapes.append(
      Shape(rings: rings, bbox: BBox(points: rings.joined()), owner: -Int32(t) - 1, layer: 0))
    return t
  }

  /// Adds a region that holds the whole rectangle (a district around an inner tile):
  /// measured with no edges of its own.
  @discardableResult
  public mutating func addWholeTarget() -> Int {
    targetWhole.append(true)
    return targetWhole.count - 1
  }

  /// Runs the sweep, cell by cell: the polygons filed by cell, then where each target has
  /// edges or holds a cell whole, then each cell swept on its own.
  public func measure() -> Result {
    let grid = UniformGrid(partitioning: rect, cellSize: cellSize)
    let filing = file(grid)
    let targets = targetCells(grid, filing.cells)
    var sweep = Sweep(self)
    for (c, cell) in filing.cells.enumerated() {
      let ix = cell.cell % grid.columns
      let iy = cell.cell / grid.columns
      // Cell edges from integer multiples, the last one on the rectangle's own edge, so
      // cells partition the rectangle exactly.
      sweep.begin(grid.rect(ix, iy, within: rect))
      for f in cell.polygons { sweep.add(polygons[Int(filing.filed[f].polygon)]) }
      var whole: [Int] = []
      for (k, t) in targetShapes.enumerated() {
        if targets.edges[k][c] {
          sweep.add(t)
        } else if targets.holds[k][c] {
          whole.append(Int(-(t.owner + 1)))
        }
      }
      let before = (sweep.union, sweep.layerUnion)
      sweep.run()
      for t in whole {
        sweep.covered[t] += sweep.union - before.0
        let u = sweep.layerUnion
        let d = [u.0 - before.1.0, u.1 - before.1.1, u.2 - before.1.2, u.3 - before.1.3]
        for l in 0..<layerCount { sweep.layerCovered[t * layerCount + l] += d[l] }
      }
    }
    return result(&sweep)
  }

  /// The polygons that reach each cell, sorted by cell and then by polygon, and the cells
  /// that hold some, each with its range of that list: a rectangle may be far larger than
  /// the area its polygons reach. Polygons inside another convex one of their layer are
  /// left out.
  func file(_ grid: UniformGrid) -> (
    filed: [(cell: Int, polygon: Int32)], cells: [(cell: Int, polygons: Range<Int>)]
  ) {
    var filed: [(cell: Int, polygon: Int32)] = []
    filed.reserveCapacity(polygons.count * 4)
    let hidden = Containment.hidden(
      polygons.map { $0.rings }, boxes: polygons.map(\.bbox), layers: polygons.map { Int($0.layer) },
      cell: cellSize)
    for (i, p) in polygons.enumerated() where !hidden[i] {
      grid.forEachCell(meeting: p.bbox) { ix, iy in filed.append((grid.index(ix, iy), Int32(i))) }
    }
    filed.sort { $0.cell != $1.cell ? $0.cell < $1.cell : $0.polygon < $1.polygon }
    var cells: [(cell: Int, polygons: Range<Int>)] = []
    var k = 0
    while k < filed.count {
      var j = k
      while j < filed.count && filed[j].cell == filed[k].cell { j += 1 }
      cells.append((filed[k].cell, k..<j))
      k = j
    }
    return (filed, cells)
  }

  /// For each target and each cell in `cells`: whether the target has edges there, and
  /// else whether it holds the cell whole, which the parity of its rings along the row's
  /// centre line tells.
  func targetCells(_ grid: UniformGrid, _ cells: [(cell: Int, polygons: Range<Int>)]) -> (
    edges: [[Bool]], holds: [[Bool]]
  ) {
    let nx = grid.columns
    let slot = Dictionary(uniqueKeysWithValues: cells.enumerated().map { ($1.cell, $0) })
    let rows = Set(cells.map { $0.cell / nx })
    var edgeCells = [[Bool]](repeating: [], count: targetShapes.count)
    var holds = [[Bool]](repeating: [], count: targetShapes.count)
    for (t, shape) in targetShapes.enumerated() {
      var edges = [Bool](repeating: false, count: cells.count)
      var crossings: [Int: [Double]] = [:]
      for ring in shape.rings where ring.count >= 2 {
        for k in 0..<(ring.count - 1) {
          let a = ring[k]
          let b = ring[k + 1]
          for iy in grid.rowRange(Swift.min(a.y, b.y), Swift.max(a.y, b.y)) where rows.contains(iy) {
            for ix in grid.columnRange(Swift.min(a.x, b.x), Swift.max(a.x, b.x)) {
              if let c = slot[grid.index(ix, iy)] { edges[c] = true }
            }
            let yc = grid.yCentre(iy)
            if (a.y > yc) != (b.y > yc) {
              crossings[iy, default: []].append(a.x + (yc - a.y) / (b.y - a.y) * (b.x - a.x))
            }
          }
        }
      }
      var inside = [Bool](repeating: false, count: cells.count)
      for (iy, xs) in crossings {
        let sorted = xs.sorted()
        for (c, cell) in cells.enumerated() where cell.cell / nx == iy {
          let xc = grid.xCentre(cell.cell % nx)
          var n = 0
          while n < sorted.count && sorted[n] < xc { n += 1 }
          inside[c] = n % 2 == 1
        }
      }
      edgeCells[t] = edges
      holds[t] = inside
    }
    return (edgeCells, holds)
  }

  /// The sums of all cells as areas, with the targets that hold the whole rectangle given
  /// the whole union.
  func result(_ sweep: inout Sweep) -> Result {
    let half = 0.5
    for t in targetWhole.indices where targetWhole[t] {
      sweep.covered[t] = sweep.union
      let u = sweep.layerUnion
      for (l, a) in [u.0, u.1, u.2, u.3].prefix(layerCount).enumerated() {
        sweep.layerCovered[t * layerCount + l] = a
      }
    }
    return Result(
      union: sweep.union * half, covered: sweep.covered.map { $0 * half },
      layers: (0..<targetWhole.count).map { t in
        layerCount == 1
          ? [sweep.covered[t] * half]
          : (0..<layerCount).map { l in sweep.layerCovered[t * layerCount + l] * half }
      })
  }

  /// An edge over one or more slabs, with where it is at the current slab's two ends.
  struct Entry {
    var x0: Double
    var y0: Double
    var x1: Double
    var slope: Double
    var lo: Double
    var hi: Double
    var owner: Int32
    var layer: Int32
    var ya = 0.0
    var yb = 0.0

    init(x0: Double, y0: Double, x1: Double, y1: Double, owner: Int32, layer: UInt8) {
      self.x0 = x0
      self.y0 = y0
      self.x1 = x1
      slope = y1 == y0 ? 0 : (y1 - y0) / (x1 - x0)
      lo = Swift.min(y0, y1)
      hi = Swift.max(y0, y1)
      self.owner = owner
      self.layer = Int32(layer)
    }

    @inline(__always) func y(at x: Double) -> Double {
      Swift.min(hi, Swift.max(lo, y0 + (x - x0) * slope))
    }
  }

  /// The working state: one cell's edges, the active ones in bottom-to-top order, and the
  /// inside flags of every polygon and target. Sums run over all cells.
  struct Sweep {
    let layerCount: Int
    let targetWhole: [Bool]
    var union = 0.0
    var covered: [Double]
    var layerCovered: [Double]
    var inside: [UInt8]
    var layerDepth: [Int]
    var targetInside: [Bool]
    /// Edges of the cell, sorted by start before the run.
    var pieces: [Entry] = []
    var work: [Entry] = []
    /// Where each edge is at a slab's two ends, while crossings are looked for.
    var scratch: [SIMD2<Double>] = []
    var crossings: [Double] = []
    var cuts: [Double] = []
    var order: [Int32] = []
    var bucketOf: [Int32] = []
    var bucketStart: [Int32] = []
    var sorted: [Entry] = []
    var below: [Double] = []
    var above: [Double] = []
    var width = 0.0
    var height = 0.0
    var originX = 0.0
    var originY = 0.0
    var tolerance = 0.0
    /// Targets with edges in the current cell: stretches are checked against them.
    var hasPartialTargets = false
    /// Area of each layer's union (what a target holding the whole rectangle gets).
    var layerUnion = (0.0, 0.0, 0.0, 0.0)

    init(_ m: UnionMeasure) {
      layerCount = m.layerCount
      targetWhole = m.targetWhole
      covered = [Double](repeating: 0, count: m.targetWhole.count)
      layerCovered = [Double](repeating: 0, count: m.targetWhole.count * m.layerCount)
      inside = [UInt8](repeating: 0, count: m.polygons.count)
      layerDepth = [Int](repeating: 0, count: m.layerCount)
      targetInside = m.targetWhole
    }

    mutating func begin(_ cell: BBox) {
      pieces.removeAll(keepingCapacity: true)
      work.removeAll(keepingCapacity: true)
      hasPartialTargets = false
      originX = cell.minX
      originY = cell.minY
      width = cell.maxX - cell.minX
      height = cell.maxY - cell.minY
      // Two edges closer than this at a slab's end count as not crossing there; a pair
      // misjudged so adds at most the slab's width times this to an area.
      tolerance = 1e-9 * Swift.max(1, width, height)
    }

    mutating func add(_ s: Shape) {
      if s.owner < 0 { hasPartialTargets = true }
      below.removeAll(keepingCapacity: true)
      above.removeAll(keepingCapacity: true)
      for ring in s.rings where ring.count >= 2 {
        var prev = ring[0]
        for k in 1..<ring.count {
          let cur = ring[k]
          addEdge(prev.x - originX, prev.y - originY, cur.x - originX, cur.y - originY, s.owner, s.layer)
          prev = cur
        }
        if ring[0] != ring[ring.count - 1] {
          let first = ring[0]
          addEdge(
            prev.x - originX, prev.y - originY, first.x - originX, first.y - originY, s.owner, s.layer)
        }
      }
      var b: [Double] = []
      swap(&b, &below)
      spans(&b, at: 0, s)
      swap(&b, &below)
      swap(&b, &above)
      spans(&b, at: height, s)
      swap(&b, &above)
    }

    /// Edges that pass wholly below (or above) the cell only flip their polygon's inside
    /// there; what counts is how many of them a vertical line meets, odd or even. So they
    /// are replaced by the x-intervals where that count is odd, each one edge along the
    /// cell's bottom (top): a polygon that reaches far below the cell adds a piece or two
    /// to each slab instead of every edge it has down there.
    mutating func spans(_ list: inout [Double], at y: Double, _ s: Shape) {
      if list.isEmpty { return }
      list.sort()
      var k = 0
      while k + 1 < list.count {
        let u = list[k]
        let v = list[k + 1]
        if u < v {
          pieces.append(Entry(x0: u, y0: y, x1: v, y1: y, owner: s.owner, layer: s.layer))
        }
        k += 2
      }
    }

    /// Files the part of an edge over the cell's x-range, split where it leaves the
    /// y-range; outside that range it runs along the cell's bottom or top, where it still
    /// turns its polygon's inside on or off but bounds no area.
    mutating func addEdge(
      _ px: Double, _ py: Double, _ qx: Double, _ qy: Double, _ owner: Int32, _ layer: UInt8
    ) {
      if px == qx { return }  // vertical: spans no slab
      var ax = px
      var ay = py
      var bx = qx
      var by = qy
      if ax > bx {
        swap(&ax, &bx)
        swap(&ay, &by)
      }
      if bx <= 0 || ax >= width { return }
      let slope = (by - ay) / (bx - ax)
      let lo = Swift.min(ay, by)
      let hi = Swift.max(ay, by)
      let x0 = Swift.max(ax, 0)
      let x1 = Swift.min(bx, width)
      @inline(__always) func yAt(_ x: Double) -> Double {
        let y = x == ax ? ay : (x == bx ? by : ay + (x - ax) * slope)
        return Swift.min(height, Swift.max(0, y))
      }
      @inline(__always) func piece(_ u: Double, _ v: Double) {
        if !(u < v) { return }
        let mid = ay + ((u + v) / 2 - ax) * slope
        if mid < 0 || mid > height {
          if mid < 0 {
            below.append(u)
            below.append(v)
          } else {
            above.append(u)
            above.append(v)
          }
          return
        }
        let yu = yAt(u)
        let yv = yAt(v)
        pieces.append(
          Entry(x0: u, y0: yu, x1: v, y1: yv, owner: owner, layer: layer))
      }
      if lo >= 0 && hi <= height {
        piece(x0, x1)
        return
      }
      // Breakpoints where the edge crosses y = 0 or y = height.
      var c0 = Double.nan
      var c1 = Double.nan
      if lo < 0 && 0 < hi {
        let x = ax + (0 - ay) / slope
        if x > x0 && x < x1 { c0 = x }
      }
      if lo < height && height < hi {
        let x = ax + (height - ay) / slope
        if x > x0 && x < x1 { c1 = x }
      }
      if c0.isNaN && c1.isNaN {
        piece(x0, x1)
      } else if c0.isNaN || c1.isNaN {
        let c = c0.isNaN ? c1 : c0
        piece(x0, c)
        piece(c, x1)
      } else {
        let (a, b) = c0 < c1 ? (c0, c1) : (c1, c0)
        piece(x0, a)
        piece(a, b)
        piece(b, x1)
      }
    }

    /// Sweeps the cell's pieces left to right, one slab between each two consecutive
    /// piece ends. The next end is the nearer of the next piece to start and the first
    /// active piece to finish, found while finished pieces are dropped, so the ends need
    /// no sorting of their own.
    mutating func run() {
      if pieces.isEmpty { return }
      sortPieces()
      var next = 0
      var xa = sorted[0].x0
      // The first end among the active pieces.
      var firstEnd = Double.infinity
      while true {
        while next < sorted.count && sorted[next].x0 <= xa {
          firstEnd = Swift.min(firstEnd, sorted[next].x1)
          work.append(sorted[next])
          next += 1
        }
        let xb = Swift.min(firstEnd, next < sorted.count ? sorted[next].x0 : Double.infinity)
        slab(xa, xb, depth: 0)
        xa = xb
        var kept = 0
        firstEnd = Double.infinity
        work.withUnsafeMutableBufferPointer { buf in
          for k in 0..<buf.count where buf[k].x1 > xa {
            firstEnd = Swift.min(firstEnd, buf[k].x1)
            buf[kept] = buf[k]
            kept += 1
          }
        }
        work.removeLast(work.count - kept)
        if work.isEmpty {
          guard next < sorted.count else { return }
          xa = sorted[next].x0
        }
      }
    }

    /// `sorted`: the pieces by start, ties in the order they were added. Starts lie in
    /// [0, width], so they are dealt into as many buckets as there are pieces and each
    /// bucket is put in order by insertion: linear time for the evenly spread starts of a
    /// cell, where a comparison sort cost a tenth of the sweep.
    mutating func sortPieces() {
      let n = pieces.count
      bucketStart.removeAll(keepingCapacity: true)
      bucketStart.append(contentsOf: repeatElement(0, count: n + 1))
      let scale = width > 0 ? Double(n) / width : 0
      @inline(__always) func bucket(_ x: Double) -> Int {
        let b = Int(Swift.max(0, Swift.min(Double(n - 1), (x * scale).rounded(.down))))
        return b
      }
      bucketOf.removeAll(keepingCapacity: true)
      for p in pieces {
        let b = bucket(p.x0)
        bucketOf.append(Int32(b))
        bucketStart[b + 1] += 1
      }
      for b in 0..<n { bucketStart[b + 1] += bucketStart[b] }
      order.removeAll(keepingCapacity: true)
      order.append(contentsOf: repeatElement(0, count: n))
      var fill = bucketStart
      for k in 0..<n {
        let b = Int(bucketOf[k])
        order[Int(fill[b])] = Int32(k)
        fill[b] += 1
      }
      pieces.withUnsafeBufferPointer { pieces in
        order.withUnsafeMutableBufferPointer { order in
          for b in 0..<n {
            let lo = Int(bucketStart[b])
            let hi = Int(bucketStart[b + 1])
            if hi - lo < 2 { continue }
            if hi - lo > 64 {
              // Starts bunched closer than a bucket: a comparison sort, by start and then
              // by the order added.
              var part = UnsafeMutableBufferPointer(rebasing: order[lo..<hi])
              part.sort { a, b in
                let xa = pieces[Int(a)].x0
                let xb = pieces[Int(b)].x0
                return xa != xb ? xa < xb : a < b
              }
              continue
            }
            // Within a bucket the indices are ascending, so insertion by start alone
            // keeps ties in the order they were added.
            for i in (lo + 1)..<hi {
              let v = order[i]
              let x = pieces[Int(v)].x0
              var j = i
              while j > lo && pieces[Int(order[j - 1])].x0 > x {
                order[j] = order[j - 1]
                j -= 1
              }
              order[j] = v
            }
          }
        }
      }
      sorted.removeAll(keepingCapacity: true)
      for k in order { sorted.append(pieces[Int(k)]) }
    }

    /// Measures one slab, cutting it first at every crossing found inside it. Edges are
    /// ordered by where they are at the slab's centre line: two edges that cross at one of
    /// its ends (as they do after a cut) are then still in their order inside it.
    mutating func slab(_ xa: Double, _ xb: Double, depth: Int) {
      let count = work.count
      let eps = tolerance
      let crossed = work.withUnsafeMutableBufferPointer { buf -> Bool in
        for k in 0..<count {
          buf[k].ya = buf[k].y(at: xa)
          buf[k].yb = buf[k].y(at: xb)
        }
        // Insertion sort: the order left by the previous slab is nearly right.
        var i = 1
        while i < count {
          let key = buf[i].ya + buf[i].yb
          // Most edges are already in place: compare before moving anything.
          if key < buf[i - 1].ya + buf[i - 1].yb {
            let e = buf[i]
            var j = i
            repeat {
              buf[j] = buf[j - 1]
              j -= 1
            } while j > 0 && key < buf[j - 1].ya + buf[j - 1].yb
            buf[j] = e
          }
          i += 1
        }
        var k = 1
        while k < count {
          if buf[k - 1].ya > buf[k].ya + eps || buf[k - 1].yb > buf[k].yb + eps { return true }
          k += 1
        }
        return false
      }
      if crossed && depth < 6 && xb - xa > eps {
        // A pair out of order at an end crosses between that end and the centre: find
        // each such pair while sorting by either end.
        crossings.removeAll(keepingCapacity: true)
        for pass in 0..<2 {
          let left = pass == 0
          scratch.removeAll(keepingCapacity: true)
          for e in work { scratch.append(SIMD2(e.ya, e.yb)) }
          scratch.withUnsafeMutableBufferPointer { sc in
            for i in 1..<count {
              let e = sc[i]
              var j = i
              while j > 0 && (left ? sc[j - 1].x > e.x + eps : sc[j - 1].y > e.y + eps) {
                let p = sc[j - 1]
                // p is above e at one end and below it at the centre.
                let d0 = p.x - e.x
                let d1 = p.y - e.y
                if d0 != d1 {
                  let x = xa + d0 / (d0 - d1) * (xb - xa)
                  if x > xa && x < xb { crossings.append(x) }
                }
                sc[j] = p
                j -= 1
              }
              sc[j] = e
            }
          }
        }
        if !crossings.isEmpty {
          crossings.sort()
          // The cuts go on a stack shared with the slabs they make.
          let base = cuts.count
          cuts.append(xa)
          for x in crossings where x > cuts[cuts.count - 1] { cuts.append(x) }
          if cuts[cuts.count - 1] < xb { cuts.append(xb) }
          let end = cuts.count
          for k in base..<(end - 1) { slab(cuts[k], cuts[k + 1], depth: depth + 1) }
          cuts.removeLast(end - base)
          return
        }
      }
      if hasPartialTargets {
        accumulate(xb - xa)
      } else {
        accumulateUnion(xb - xa)
      }
    }

    /// The common case, a cell with no target edges: the union and each layer's union,
    /// without a branch on the data.
    mutating func accumulateUnion(_ w: Double) {
      let count = work.count
      var total = 0.0
      var t0 = 0.0
      var t1 = 0.0
      var t2 = 0.0
      var t3 = 0.0
      var d0 = 0
      var d1 = 0
      var d2 = 0
      var d3 = 0
      var depth = 0
      var prev = 0.0
      work.withUnsafeBufferPointer { work in
        inside.withUnsafeMutableBufferPointer { inside in
          for k in 0..<count {
            let sum = work[k].ya + work[k].yb
            let len = sum - prev
            prev = sum
            total += depth > 0 ? len : 0
            t0 += d0 > 0 ? len : 0
            t1 += d1 > 0 ? len : 0
            t2 += d2 > 0 ? len : 0
            t3 += d3 > 0 ? len : 0
            let o = Int(work[k].owner)
            let v = inside[o] ^ 1
            inside[o] = v
            let delta = Int(v) &* 2 &- 1
            depth &+= delta
            let l = work[k].layer
            d0 &+= l == 0 ? delta : 0
            d1 &+= l == 1 ? delta : 0
            d2 &+= l == 2 ? delta : 0
            d3 &+= l == 3 ? delta : 0
          }
          // Every ring crosses a slab an even number of times, so all flags are back off;
          // a polygon that is not closed must not leak its inside into the next slab.
          if depth != 0 {
            for k in 0..<count { inside[Int(work[k].owner)] = 0 }
          }
        }
      }
      union += total * w
      layerUnion.0 += t0 * w
      layerUnion.1 += t1 * w
      layerUnion.2 += t2 * w
      layerUnion.3 += t3 * w
    }

    /// Adds the covered trapezoids of the slab in `work` (sorted bottom to top). Targets
    /// that hold the whole cell share one running sum; only targets with edges in the cell
    /// are looked at stretch by stretch.
    mutating func accumulate(_ w: Double) {
      let layers = layerCount
      let targets = targetInside.count
      let partial = hasPartialTargets
      var depth = 0
      var prevSum = 0.0
      var total = 0.0
      var layerTotal = (0.0, 0.0, 0.0, 0.0)
      work.withUnsafeBufferPointer { work in
        inside.withUnsafeMutableBufferPointer { inside in
          layerDepth.withUnsafeMutableBufferPointer { layerDepth in
            targetInside.withUnsafeMutableBufferPointer { targetInside in
              for e in work {
                let sum = e.ya + e.yb
                if depth > 0 {
                  let len = sum - prevSum
                  total += len
                  if layers > 1 {
                    if layerDepth[0] > 0 { layerTotal.0 += len }
                    if layerDepth[1] > 0 { layerTotal.1 += len }
                    if layers > 2 && layerDepth[2] > 0 { layerTotal.2 += len }
                    if layers > 3 && layerDepth[3] > 0 { layerTotal.3 += len }
                  }
                  if partial {
                    for t in 0..<targets where targetInside[t] && !targetWhole[t] {
                      covered[t] += len * w
                      for l in 0..<layers where layerDepth[l] > 0 { layerCovered[t * layers + l] += len * w }
                    }
                  }
                }
                prevSum = sum
                if e.owner >= 0 {
                  let o = Int(e.owner)
                  let l = Int(e.layer)
                  if inside[o] == 0 {
                    inside[o] = 1
                    depth += 1
                    layerDepth[l] += 1
                  } else {
                    inside[o] = 0
                    depth -= 1
                    layerDepth[l] -= 1
                  }
                } else {
                  targetInside[Int(-(e.owner + 1))].toggle()
                }
              }
              // Every ring crosses a slab an even number of times, so all flags are back
              // off; a polygon that is not closed must not leak its inside into the next
              // slab.
              if depth != 0 {
                for e in work where e.owner >= 0 { inside[Int(e.owner)] = 0 }
                for l in 0..<layers { layerDepth[l] = 0 }
              }
              if partial {
                for t in 0..<targets { targetInside[t] = targetWhole[t] }
              }
            }
          }
        }
      }
      union += total * w
      layerUnion.0 += layerTotal.0 * w
      layerUnion.1 += layerTotal.1 * w
      layerUnion.2 += layerTotal.2 * w
      layerUnion.3 += layerTotal.3 * w
    }
  }
}
