import Foundation

struct Building {
  var ring: [P]
  var height: Double
  var center: P
  var radius: Double
  /// The wall that faces the street the building was set back from.
  var frontEdge: Int
  var street: String
  /// Vertices added in walls to carry cameras: edge index and position along it.
  var wallPoints: [(edge: Int, point: P)] = []

  /// The footprint with the camera vertices spliced into their walls.
  var outline: [P] {
    guard !wallPoints.isEmpty else { return ring }
    var out: [P] = []
    for e in 0..<ring.count {
      out.append(ring[e])
      let a = ring[e]
      out += wallPoints.filter { $0.edge == e }.map(\.point).sorted {
        $0.distance(to: a) < $1.distance(to: a)
      }
    }
    return out
  }
}

/// Looks up buildings near a point, so that cameras are not put inside one.
struct BuildingIndex {
  let buildings: [Building]
  let grid: GridIndex

  init(_ buildings: [Building], width: Double, height: Double) {
    self.buildings = buildings
    grid = GridIndex(origin: P(-200, -200), width: width + 400, height: height + 400, cell: 100)
    for (i, b) in buildings.enumerated() {
      let box = Box(b.ring)
      grid.insert(i, minX: box.minX, minY: box.minY, maxX: box.maxX, maxY: box.maxY)
    }
  }

  /// Inside a footprint or within a metre of its walls.
  func blocks(_ p: P) -> Bool {
    var hit = false
    grid.query(around: p, radius: 1) { i in
      let ring = buildings[i].ring
      if contains(ring: ring, p) { hit = true }
      for e in 0..<ring.count where distance(point: p, segment: ring[e], ring[(e + 1) % ring.count]) < 1 {
        hit = true
      }
    }
    return hit
  }
}

/// Footprints lining the streets, set back from every road centre line, apart from each
/// other and off key sites (whose cameras stand in the open).
func placeBuildings(count: Int, ground: Ground, rng: inout Rng) -> [Building] {
  let buildingGrid = GridIndex(
    origin: P(-200, -200), width: ground.width + 400, height: ground.height + 400, cell: 100)
  let sites = ground.zones.filter { $0.kind == .keySite }.map { z in
    (center: z.center, radius: z.ring.map { $0.distance(to: z.center) }.max() ?? 0)
  }
  let segments = ground.segments
  let table = WeightedTable(segments.a.indices.map { segments.a[$0].distance(to: segments.b[$0]) })

  var buildings: [Building] = []
  buildings.reserveCapacity(count)
  var attempts = 0
  while buildings.count < count && attempts < count * 30 && !table.isEmpty {
    attempts += 1
    let s = table.sample(&rng)
    let a = segments.a[s]
    let b = segments.b[s]
    let along = (b - a).normalized
    let side = rng.chance(0.5) ? 1.0 : -1.0
    let outward = along.left * side
    let width = rng.uniform(10, 60)
    let depth = rng.uniform(10, min(40, width + 10))
    let setback = 8 + depth / 2 + (rng.chance(0.5) ? rng.uniform(0, 6) : rng.uniform(6, 60))
    let center = lerp(a, b, rng.unit()) + outward * setback

    // Local frame: u along the street, v away from it; the front wall is at v = -depth/2.
    var local: [(Double, Double)]
    if rng.chance(0.3) {
      let notchU = width * rng.uniform(0.3, 0.6)
      let notchV = depth * rng.uniform(0.3, 0.6)
      let w = width / 2
      let d = depth / 2
      local = [(-w, -d), (w, -d), (w, d - notchV), (w - notchU, d - notchV), (w - notchU, d), (-w, d)]
      if rng.chance(0.5) { local = local.map { (-$0.0, $0.1) } }
    } else {
      local = [
        (-width / 2, -depth / 2), (width / 2, -depth / 2), (width / 2, depth / 2), (-width / 2, depth / 2),
      ]
    }
    let ring = counterClockwise(local.map { center + along * $0.0 + outward * $0.1 })
    let radius = ring.map { $0.distance(to: center) }.max() ?? 0

    guard Box(ring).inside(width: ground.width, height: ground.height, margin: 5) else { continue }
    guard !sites.contains(where: { $0.center.distance(to: center) < $0.radius + radius + 5 }) else {
      continue
    }
    var crowded = false
    buildingGrid.query(around: center, radius: radius + 70) { o in
      if buildings[o].center.distance(to: center) < buildings[o].radius + radius + 2 { crowded = true }
    }
    guard !crowded else { continue }
    guard segments.clear(of: ring, by: 6) else { continue }

    var front = 0
    var best = -Double.infinity
    for e in 0..<ring.count {
      let mid = lerp(ring[e], ring[(e + 1) % ring.count], 0.5)
      let score = (mid - center).normalized.dot(outward * -1)
      if score > best + 1e-9 {
        best = score
        front = e
      }
    }
    let floors = weightedChoice([(1...4, 0.70), (5...11, 0.25), (12...30, 0.05)], &rng)
    let height = ((Double(rng.int(floors)) * 3 + rng.uniform(0, 1.5)) * 10).rounded() / 10
    let box = Box(ring)
    buildingGrid.insert(buildings.count, minX: box.minX, minY: box.minY, maxX: box.maxX, maxY: box.maxY)
    buildings.append(
      Building(
        ring: ring, height: height, center: center, radius: radius, frontEdge: front,
        street: ground.roads[Int(segments.road[s])].name))
  }
  return buildings
}

/// Cameras bolted to building walls, mostly on the street front, looking away from the wall.
func wallCameras(count: Int, buildings: inout [Building], rng: inout Rng) -> [Camera] {
  var cameras: [Camera] = []
  guard !buildings.isEmpty else { return cameras }
  var attempts = 0
  while cameras.count < count && attempts < count * 20 {
    attempts += 1
    let b = rng.below(buildings.count)
    let ring = buildings[b].ring
    let edge = rng.chance(0.7) ? buildings[b].frontEdge : rng.below(ring.count)
    guard !buildings[b].wallPoints.contains(where: { $0.edge == edge }) else { continue }
    let a = ring[edge]
    let c = ring[(edge + 1) % ring.count]
    guard a.distance(to: c) >= 6 else { continue }
    let p = lerp(a, c, rng.uniform(0.25, 0.75))
    buildings[b].wallPoints.append((edge, p))
    // Counter-clockwise ring: the outside is on the right of each edge.
    let outward = (c - a).normalized.left * -1
    var cam = Camera(at: p, label: "\(buildings[b].street)沿街", importance: 3)
    dress(&cam, aim: normalizeDegrees(bearing(outward) + rng.jitter(35)), rng: &rng)
    cameras.append(cam)
  }
  return cameras
}
