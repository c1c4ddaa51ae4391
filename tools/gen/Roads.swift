import Foundation

struct Road {
  var name: String
  var highway: String
  var points: [P]
  var arterial: Bool
}

/// Where roads meet: the directions one can leave in, which is where intersection cameras
/// look.
struct Junction {
  var point: P
  var roads: [Int]
  var bearings: [Double]
}

/// Parameters of a jittered arterial grid with local streets inside its blocks.
struct RoadPlan {
  var width: Double
  var height: Double
  /// Base positions of the north–south arterials (x) and east–west ones (y).
  var northSouth: [Double]
  var eastWest: [Double]
  var northSouthNames: [String]
  var eastWestNames: [String]
  var northSouthHighway: [String]
  var eastWestHighway: [String]
  /// How far arterials run past the region, so they leave it as real roads do.
  var overhang: Double
  var nodeJitter: Double
  /// Typical spacing of local streets at a point; infinity for none.
  var localSpacing: (P, inout Rng) -> Double
  var localNames: [String]
}

func buildRoads(_ plan: RoadPlan, rng: inout Rng) -> [Road] {
  let gx = [-plan.overhang] + plan.northSouth + [plan.width + plan.overhang]
  let gy = [-plan.overhang] + plan.eastWest + [plan.height + plan.overhang]
  let nx = gx.count
  let ny = gy.count

  // Node (i, j) is where east–west line i meets north–south line j. The outermost lines are
  // not roads, only where arterials and edge-block streets end.
  var node = [[P]](repeating: [], count: ny)
  for i in 0..<ny {
    for j in 0..<nx {
      let edgeX = j == 0 || j == nx - 1
      let edgeY = i == 0 || i == ny - 1
      let x = gx[j] + (edgeX ? 0 : rng.jitter(plan.nodeJitter))
      let y = gy[i] + (edgeY ? 0 : rng.jitter(plan.nodeJitter))
      node[i].append(P(x, y))
    }
  }
  func bend(_ a: P, _ b: P, _ straight: Bool) -> P {
    let mid = lerp(a, b, 0.5)
    if straight { return mid }
    return mid + (b - a).normalized.left * rng.jitter(0.4 * plan.nodeJitter)
  }
  // midEast[i][j]: bend between node(i, j) and node(i, j + 1); midNorth[i][j]: between
  // node(i, j) and node(i + 1, j).
  var midEast = [[P]](repeating: [], count: ny)
  var midNorth = [[P]](repeating: [], count: ny)
  for i in 0..<ny {
    for j in 0..<nx {
      if j < nx - 1 {
        midEast[i].append(bend(node[i][j], node[i][j + 1], i == 0 || i == ny - 1))
      }
      if i < ny - 1 {
        midNorth[i].append(bend(node[i][j], node[i + 1][j], j == 0 || j == nx - 1))
      }
    }
  }

  // North–south arterials first, so junction names read 中山路与人民路口 as people say them.
  var roads: [Road] = []
  for j in 1..<(nx - 1) {
    var pts: [P] = []
    for i in 0..<ny {
      pts.append(node[i][j])
      if i < ny - 1 { pts.append(midNorth[i][j]) }
    }
    roads.append(
      Road(
        name: plan.northSouthNames[j - 1], highway: plan.northSouthHighway[j - 1],
        points: pts, arterial: true))
  }

  for i in 1..<(ny - 1) {
    var pts: [P] = []
    for j in 0..<nx {
      pts.append(node[i][j])
      if j < nx - 1 { pts.append(midEast[i][j]) }
    }
    roads.append(
      Road(
        name: plan.eastWestNames[i - 1], highway: plan.eastWestHighway[i - 1], points: pts,
        arterial: true))
  }
  // Local streets run across each block from one bounding arterial to the opposite one;
  // some stop halfway (service lanes into a compound).
  var nameCursor = rng.below(max(1, plan.localNames.count))
  func nextName() -> String {
    let name = plan.localNames[nameCursor % plan.localNames.count]
    nameCursor += 1
    return name
  }
  for i in 0..<(ny - 1) {
    for j in 0..<(nx - 1) {
      let westSide = Polyline([node[i][j], midNorth[i][j], node[i + 1][j]])
      let eastSide = Polyline([node[i][j + 1], midNorth[i][j + 1], node[i + 1][j + 1]])
      let southSide = Polyline([node[i][j], midEast[i][j], node[i][j + 1]])
      let northSide = Polyline([node[i + 1][j], midEast[i + 1][j], node[i + 1][j + 1]])
      let center = lerp(
        lerp(node[i][j], node[i + 1][j + 1], 0.5), lerp(node[i][j + 1], node[i + 1][j], 0.5), 0.5)
      let spacing = plan.localSpacing(center, &rng)
      guard spacing.isFinite else { continue }
      let blockWidth = (southSide.length + northSide.length) / 2
      let blockHeight = (westSide.length + eastSide.length) / 2
      for (from, to, extent) in [(westSide, eastSide, blockHeight), (southSide, northSide, blockWidth)] {
        let count = max(0, Int((extent / spacing - 1 + rng.jitter(0.5)).rounded()))
        for k in 0..<count {
          let f = (Double(k + 1) + rng.jitter(0.2)) / Double(count + 1)
          let a = from.point(at: f * from.length)
          let b = to.point(at: min(0.95, max(0.05, f + rng.jitter(0.1 / Double(count + 1)))) * to.length)
          if rng.chance(0.12) {
            let stop = rng.uniform(0.35, 0.7)
            let (start, end) = rng.chance(0.5) ? (a, lerp(a, b, stop)) : (b, lerp(b, a, stop))
            roads.append(Road(name: nextName(), highway: "service", points: [start, end], arterial: false))
          } else {
            let highway = rng.chance(0.3) ? "tertiary" : "residential"
            roads.append(Road(name: nextName(), highway: highway, points: [a, b], arterial: false))
          }
        }
      }
    }
  }
  return roads
}

/// A straight-ish road across the grid, bent a little every `step` metres.
func diagonalRoad(from a: P, to b: P, step: Double, wobble: Double, rng: inout Rng) -> [P] {
  let pieces = max(1, Int((a.distance(to: b) / step).rounded()))
  let normal = (b - a).normalized.left
  var pts = [a]
  for k in 1..<pieces {
    pts.append(lerp(a, b, Double(k) / Double(pieces)) + normal * rng.jitter(wobble))
  }
  pts.append(b)
  return pts
}

/// Every road segment, filed in a grid for clearance and nearest-road queries.
struct RoadSegments {
  var a: [P] = []
  var b: [P] = []
  var road: [Int32] = []
  var index: [Int32] = []
  let grid: GridIndex

  init(_ roads: [Road], origin: P, width: Double, height: Double, cell: Double) {
    grid = GridIndex(origin: origin, width: width, height: height, cell: cell)
    for (r, line) in roads.enumerated() {
      for s in 0..<(line.points.count - 1) {
        let p = line.points[s]
        let q = line.points[s + 1]
        grid.insert(
          a.count, minX: min(p.x, q.x), minY: min(p.y, q.y), maxX: max(p.x, q.x), maxY: max(p.y, q.y))
        a.append(p)
        b.append(q)
        road.append(Int32(r))
        index.append(Int32(s))
      }
    }
  }

  /// True when no road centre line comes within `clearance` of the polygon or runs inside it.
  func clear(of ring: [P], by clearance: Double) -> Bool {
    let box = Box(ring)
    var ok = true
    grid.query(
      minX: box.minX - clearance, minY: box.minY - clearance, maxX: box.maxX + clearance,
      maxY: box.maxY + clearance
    ) { s in
      guard ok else { return }
      if contains(ring: ring, a[s]) {
        ok = false
        return
      }
      var j = ring.count - 1
      for i in 0..<ring.count {
        if distance(segment: ring[j], ring[i], segment: a[s], b[s]) < clearance {
          ok = false
          return
        }
        j = i
      }
    }
    return ok
  }

  /// Nearest segment within `radius`, if any.
  func nearest(to p: P, within radius: Double) -> (segment: Int, distance: Double)? {
    var best: (Int, Double)?
    grid.query(around: p, radius: radius) { s in
      let d = distance(point: p, segment: a[s], b[s])
      if d <= radius && (best == nil || d < best!.1 || (d == best!.1 && s < best!.0)) {
        best = (s, d)
      }
    }
    return best.map { (segment: $0.0, distance: $0.1) }
  }
}

/// All points where two different roads touch or cross, merged within half a metre.
func findJunctions(_ roads: [Road], _ segments: RoadSegments) -> [Junction] {
  var junctions: [Junction] = []
  var byCell: [Int64: [Int]] = [:]
  let quantum = 0.5

  func key(_ cx: Int64, _ cy: Int64) -> Int64 { (cx << 32) ^ (cy & 0xFFFF_FFFF) }

  func record(_ p: P, _ roadIndex: Int, _ dirs: [Double]) {
    let cx = Int64((p.x / quantum).rounded(.down))
    let cy = Int64((p.y / quantum).rounded(.down))
    var found: Int?
    search: for dx in -1...1 {
      for dy in -1...1 {
        for j in byCell[key(cx + Int64(dx), cy + Int64(dy))] ?? []
        where junctions[j].point.distance(to: p) < quantum {
          found = j
          break search
        }
      }
    }
    let j: Int
    if let found {
      j = found
    } else {
      j = junctions.count
      junctions.append(Junction(point: p, roads: [], bearings: []))
      byCell[key(cx, cy), default: []].append(j)
    }
    if !junctions[j].roads.contains(roadIndex) { junctions[j].roads.append(roadIndex) }
    for d in dirs where !junctions[j].bearings.contains(where: { angleBetween($0, d) < 5 }) {
      junctions[j].bearings.append(d)
    }
  }

  // Directions leaving the point at parameter t of segment s of a road.
  func leaving(_ r: Int, _ s: Int, _ t: Double, _ eps: Double) -> [Double] {
    let pts = roads[r].points
    if t <= eps {
      var out = [bearing(pts[s + 1] - pts[s])]
      if s > 0 { out.append(bearing(pts[s - 1] - pts[s])) }
      return out
    }
    if t >= 1 - eps {
      var out = [bearing(pts[s] - pts[s + 1])]
      if s + 2 < pts.count { out.append(bearing(pts[s + 2] - pts[s + 1])) }
      return out
    }
    let d = pts[s + 1] - pts[s]
    return [bearing(d), bearing(d * -1)]
  }

  let tolerance = 0.01
  for s in 0..<segments.a.count {
    let a = segments.a[s]
    let b = segments.b[s]
    let r = Int(segments.road[s])
    segments.grid.query(
      minX: min(a.x, b.x) - tolerance, minY: min(a.y, b.y) - tolerance,
      maxX: max(a.x, b.x) + tolerance, maxY: max(a.y, b.y) + tolerance
    ) { o in
      guard o > s, Int(segments.road[o]) != r else { return }
      let c = segments.a[o]
      let d = segments.b[o]
      let ab = b - a
      let cd = d - c
      let denom = ab.cross(cd)
      if abs(denom) < 1e-9 * ab.length * cd.length { return }
      let t = (c - a).cross(cd) / denom
      let u = (c - a).cross(ab) / denom
      let et = tolerance / ab.length
      let eu = tolerance / cd.length
      guard t >= -et, t <= 1 + et, u >= -eu, u <= 1 + eu else { return }
      let p = a + ab * min(1, max(0, t))
      let ro = Int(segments.road[o])
      record(p, r, leaving(r, Int(segments.index[s]), t, et))
      record(p, ro, leaving(ro, Int(segments.index[o]), u, eu))
    }
  }
  return junctions
}
