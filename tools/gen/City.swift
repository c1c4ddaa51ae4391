import Foundation

// The benchmark city: a Jiaxing-like prefecture network whose area grows with the camera
// count so that density stays near a real city's (≈170 cameras/km², so 150,000 cameras
// cover about 30 km × 30 km).

/// Townships of 南湖区 (330402) and 秀洲区 (330411); reused with a suffix when more are asked.
private let nanhu = [
  "建设街道", "解放街道", "新嘉街道", "南湖街道", "新兴街道", "城南街道", "东栅街道", "长水街道", "七星街道", "大桥镇", "余新镇", "凤桥镇",
]
private let xiuzhou = ["新城街道", "嘉北街道", "塘汇街道", "高照街道", "王江泾镇", "油车港镇", "新塍镇", "王店镇", "洪合镇"]

struct CityOptions {
  var cameras: Int
  var districts: Int
  var buildings: Bool
  var seed: UInt64
  /// Footprints to place; nil for one per 8 cameras.
  var buildingCount: Int? = nil
  /// Zones to place; nil for one per 500 cameras, at least 10.
  var zones: Int? = nil
}

/// Width and height in metres for `cameras` at about 170 per km², a little wider than tall.
func cityExtent(cameras: Int) -> (Double, Double) {
  let area = Double(cameras) / 170 * 1_000_000
  let width = max(1500, (area * 1.15).squareRoot())
  return (width, max(1500, area / width))
}

/// Districts under half a square kilometre leave no room for zones that keep to one district.
func maxCityDistricts(cameras: Int) -> Int {
  let (width, height) = cityExtent(cameras: cameras)
  return max(1, min(400, Int(width * height / 500_000)))
}

func makeCity(_ options: CityOptions) -> AuditBundle {
  var districtRng = Rng(seed: options.seed, stream: 11)
  var roadRng = Rng(seed: options.seed, stream: 12)
  var zoneRng = Rng(seed: options.seed, stream: 13)
  var cameraRng = Rng(seed: options.seed, stream: 14)
  var buildingRng = Rng(seed: options.seed, stream: 15)

  let (width, height) = cityExtent(cameras: options.cameras)

  // Districts: the first half from 南湖区, the rest from 秀洲区.
  let plan = TilingPlan.even(count: options.districts, width: width, height: height, rng: &districtRng)
  let cells = tile(width: width, height: height, plan: plan, spacing: 250, rng: &districtRng)
  let southern = (cells.count + 1) / 2
  var districts: [District] = []
  for (i, cell) in cells.enumerated() {
    let (county, names, k) = i < southern ? ("330402", nanhu, i) : ("330411", xiuzhou, i - southern)
    let round = k / names.count
    let name = names[k % names.count] + (round == 0 ? "" : "\(round + 1)区")
    districts.append(
      District(
        code: county + zeroPadded(100 + k, 3) + "000", name: name, parent: county, ring: cell, box: Box(cell))
    )
  }

  // Arterials about every 500 m, every fourth a primary road, plus one expressway.
  let columns = max(1, Int((width / 500).rounded()))
  let rows = max(1, Int((height / 500).rounded()))
  let xs = (0..<columns).map { (Double($0) + 0.5) * width / Double(columns) + roadRng.jitter(40) }
  let ys = (0..<rows).map { (Double($0) + 0.5) * height / Double(rows) + roadRng.jitter(40) }
  let roadPlan = RoadPlan(
    width: width, height: height, northSouth: xs, eastWest: ys,
    northSouthNames: (0..<columns).map { arterialName(2 * $0) },
    eastWestNames: (0..<rows).map { arterialName(2 * $0 + 1) },
    northSouthHighway: (0..<columns).map { $0 % 4 == 2 ? "primary" : "secondary" },
    eastWestHighway: (0..<rows).map { $0 % 4 == 2 ? "primary" : "secondary" },
    overhang: 200, nodeJitter: 30,
    localSpacing: { _, rng in rng.chance(0.08) ? .infinity : rng.uniform(170, 320) },
    localNames: localStreetNames)
  var roads = buildRoads(roadPlan, rng: &roadRng)
  roads.insert(
    Road(
      name: "嘉兴大道", highway: "trunk",
      points: diagonalRoad(
        from: P(-200, height * 0.15), to: P(width + 200, height * 0.8), step: 300, wobble: 15, rng: &roadRng),
      arterial: true), at: columns + rows)
  let segments = RoadSegments(
    roads, origin: P(-300, -300), width: width + 600, height: height + 600, cell: 100)
  let junctions = findJunctions(roads, segments)

  // A few old town centres draw more cameras than the grid between them.
  let centres = (0..<max(1, options.districts / 2)).map { _ in
    P(zoneRng.uniform(0.1, 0.9) * width, zoneRng.uniform(0.1, 0.9) * height)
  }
  let emphasis = { (p: P) -> Double in
    var e = 1.0
    for c in centres {
      let d2 = (p - c).dot(p - c)
      e += 1.5 * exp(-d2 / (2 * 1500 * 1500))
    }
    return e
  }

  let zones = cityZones(
    count: options.zones ?? max(10, options.cameras / 500), width: width, height: height,
    districts: districts, roads: roads,
    segments: segments, rng: &zoneRng)

  let ground = Ground(
    width: width, height: height, districts: districts, roads: roads, segments: segments,
    junctions: junctions, zones: zones, emphasis: emphasis)
  let mix = CameraMix(junctions: 0.36, roads: 0.40, sites: 0.10, residential: 0.08, areas: 0.06)
  var cameras: [Camera]
  var buildings: [Building]? = nil
  if options.buildings {
    var placed = placeBuildings(
      count: options.buildingCount ?? options.cameras / 8, ground: ground, rng: &buildingRng)
    let index = BuildingIndex(placed, width: width, height: height)
    let onWalls = min(Int((Double(options.cameras) * 0.03).rounded()), placed.count)
    cameras = placeCameras(
      total: options.cameras - onWalls, mix: mix, ground: ground, blocked: index.blocks, rng: &cameraRng)
    cameras += wallCameras(count: onWalls, buildings: &placed, rng: &buildingRng)
    precondition(cameras.count == options.cameras, "not enough walls for the wall cameras")
    buildings = placed
  } else {
    cameras = placeCameras(
      total: options.cameras, mix: mix, ground: ground, blocked: { _ in false }, rng: &cameraRng)
  }
  let ids = finishCameras(
    &cameras, ground: ground, division: { $0 >= 0 ? districts[$0].parent + "00" : "33040200" },
    outsideName: "嘉兴市")

  let km = { (v: Double) -> String in String(format: "%.1f", v / 1000) }
  return AuditBundle(
    title: "Benchmark city: Jiaxing, Zhejiang (synthetic)",
    about: """
      \(options.cameras) cameras over \(km(width)) km × \(km(height)) km centred on 120.75°E 30.75°N \
      (Jiaxing): \(districts.count) township districts of 南湖区 and 秀洲区, an arterial grid every \
      ~500 m with local streets and an expressway, \(zones.count) zones\
      \(buildings.map { ", \($0.count) building footprints" } ?? "").
      """,
    frame: Frame(centerLon: 120.75, centerLat: 30.75, width: width, height: height),
    districts: districts, zones: zones, roads: roads, cameras: cameras, cameraIds: ids, buildings: buildings)
}

private func cityZones(
  count: Int, width: Double, height: Double, districts: [District], roads: [Road], segments: RoadSegments,
  rng: inout Rng
) -> [Zone] {
  // One of every kind, the rest in typical proportions.
  let kinds: [ZoneKind] = [.roadConstruction, .keySite, .residential, .other, .demolition, .townRenovation]
  let weights = [0.15, 0.40, 0.20, 0.05, 0.12, 0.08]
  let counts = apportion(count - kinds.count, weights).map { $0 + 1 }
  var placer = ZonePlacer(width: width, height: height, segments: segments, districts: districts)
  var zones: [Zone] = []

  func anywhere() -> P { P(rng.uniform(0.05, 0.95) * width, rng.uniform(0.05, 0.95) * height) }
  func districtName(_ p: P) -> String {
    let d = districtIndex(districts, p)
    return d >= 0 ? districts[d].name : "嘉兴"
  }
  func nearestRoad(_ p: P) -> String {
    segments.nearest(to: p, within: 2000).map { roads[Int(segments.road[$0.segment])].name } ?? "环城路"
  }
  func window() -> (String, String) {
    let from = dayNumber(2024, 1, 1) + rng.below(dayNumber(2025, 6, 1) - dayNumber(2024, 1, 1))
    return (isoDate(from), isoDate(from + 120 + rng.below(580)))
  }

  let arterials = roads.indices.filter { roads[$0].arterial }
  let streets = roads.indices.filter { roads[$0].highway == "tertiary" }
  for (kind, n) in zip(kinds, counts) {
    var made = 0
    var attempts = 0
    while made < n {
      attempts += 1
      precondition(attempts < 50 * n + 100, "no room for \(kind.rawValue) zones")
      var ring: [P]?
      var name = ""
      var target: Double?
      var validity: (String, String)?
      var site: SiteType?
      switch kind {
      case .roadConstruction:
        let r = rng.chance(0.7) || streets.isEmpty ? rng.pick(arterials) : rng.pick(streets)
        let line = Polyline(roads[r].points)
        let length = min(line.length * 0.8, rng.uniform(300, 1500))
        let start = rng.uniform(0, line.length - length)
        let mid = line.point(at: start + length / 2)
        guard mid.x > 0, mid.y > 0, mid.x < width, mid.y < height else { continue }
        ring = worksite(along: roads[r], start: start, length: length, halfWidth: rng.uniform(8, 16))
        name = roads[r].name + rng.pick(worksEndings)
        if rng.chance(0.3) { target = 0.6 }
        validity = window()
      case .keySite:
        let type = rng.pick(SiteType.allCases)
        let (low, high) = type.size
        let w = rng.uniform(low, high)
        let p = anywhere()
        ring = placer.blockSite(
          near: p, search: 800, width: w, depth: w * rng.uniform(0.6, 0.9), clearance: 6,
          chamfer: rng.chance(0.3),
          rng: &rng)
        let prefix = rng.chance(0.5) ? placeStem(districtName(p)) : nearestRoad(p)
        name = prefix + rng.pick(type.suffixes)
        if (type == .hospital || type == .school) && rng.chance(0.5) { target = 0.95 }
        site = type
      case .residential:
        let w = rng.uniform(120, 260)
        let p = anywhere()
        ring = placer.blockSite(
          near: p, search: 800, width: w, depth: w * rng.uniform(0.6, 0.9), clearance: 6, chamfer: true,
          rng: &rng)
        name = rng.pick(estateStems) + rng.pick(estateEndings) + "智安小区"
        if rng.chance(0.3) { target = 0.85 }
      case .other:
        let w = rng.uniform(100, 300)
        let p = anywhere()
        ring = placer.blockSite(
          near: p, search: 800, width: w, depth: w * rng.uniform(0.5, 0.9), clearance: 6, chamfer: true,
          rng: &rng)
        name = placeStem(districtName(p)) + rng.pick(parkEndings)
        if rng.chance(0.2) { target = 0.5 }
      case .demolition:
        let p = anywhere()
        ring = placer.area(
          near: p, search: 800, radius: rng.uniform(80, 220), vertices: 9, overlapAllowed: false, rng: &rng)
        name = nearestRoad(p) + rng.pick(demolitionEndings)
        if rng.chance(0.4) { target = 0.7 }
        validity = window()
      case .townRenovation:
        let p = anywhere()
        ring = placer.area(
          near: p, search: 800, radius: rng.uniform(300, 700), vertices: 12, overlapAllowed: true, rng: &rng)
        name = placeStem(districtName(p)) + rng.pick(renovationEndings)
      }
      guard let ring else { continue }
      made += 1
      zones.append(
        Zone(
          id: "\(kind.idPrefix)-\(zeroPadded(made, max(3, String(n).count)))", name: name, kind: kind,
          target: target, validFrom: validity?.0, validTo: validity?.1, ring: counterClockwise(ring),
          site: site))
    }
  }
  return zones
}
