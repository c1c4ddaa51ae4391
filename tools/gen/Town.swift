import Foundation

// The sample town of the README and the golden tests: five townships of Pinghu around an
// urban core, about 6 km × 5 km, a thousand cameras and one zone of every situation the
// audit distinguishes. Positions are chosen by hand (in metres from the south-west corner)
// and left to the seed only in their detail.

private let townWidth = 6000.0
private let townHeight = 5000.0
private let townCenter = P(3000, 2500)

func makeTown(seed: UInt64) -> AuditBundle {
  var districtRng = Rng(seed: seed, stream: 1)
  var roadRng = Rng(seed: seed, stream: 2)
  var zoneRng = Rng(seed: seed, stream: 3)
  var cameraRng = Rng(seed: seed, stream: 4)

  // Columns south to north: 曹桥 | 当湖 (the core) | 钟埭 on the west, 新仓 | 新埭 on the east.
  let plan = TilingPlan(columnSplits: [0.64], rowSplits: [[0.34, 0.68], [0.42]])
  let cells = tile(width: townWidth, height: townHeight, plan: plan, spacing: 150, rng: &districtRng)
  let townships = [
    ("330482102000", "曹桥街道"), ("330482100000", "当湖街道"), ("330482101000", "钟埭街道"),
    ("330482104000", "新仓镇"), ("330482103000", "新埭镇"),
  ]
  let districts = zip(cells, townships).map {
    District(code: $1.0, name: $1.1, parent: "330482", ring: $0, box: Box($0))
  }

  let core = { (p: P) -> Double in
    let d = p.distance(to: townCenter)
    return 1 + 2.5 * exp(-d * d / (2 * 1200 * 1200))
  }
  let roadPlan = RoadPlan(
    width: townWidth, height: townHeight,
    northSouth: [1000, 2900, 4250, 5300], eastWest: [1200, 2600, 3900],
    northSouthNames: ["建设路", "中山路", "当湖路", "解放路"], eastWestNames: ["胜利路", "人民路", "新华路"],
    northSouthHighway: ["secondary", "primary", "secondary", "secondary"],
    eastWestHighway: ["secondary", "primary", "secondary"],
    overhang: 200, nodeJitter: 25,
    localSpacing: { p, rng in
      if rng.chance(0.1) { return .infinity }
      let d = p.distance(to: townCenter)
      return d < 1300 ? 260 : d < 2500 ? 480 : 800
    },
    localNames: localStreetNames)
  var roads = buildRoads(roadPlan, rng: &roadRng)
  // The expressway cuts across the grid and three townships.
  let expressway = Road(
    name: "平湖大道", highway: "trunk",
    points: diagonalRoad(from: P(2300, -200), to: P(6200, 3300), step: 250, wobble: 12, rng: &roadRng),
    arterial: true)
  roads.insert(expressway, at: 7)

  let segments = RoadSegments(
    roads, origin: P(-300, -300), width: townWidth + 600, height: townHeight + 600, cell: 100)
  let junctions = findJunctions(roads, segments)

  var zones: [Zone] = []
  var placer = ZonePlacer(width: townWidth, height: townHeight, segments: segments, districts: districts)
  func road(_ name: String) -> Road { roads.first { $0.name == name }! }
  func add(
    _ kind: ZoneKind, _ name: String, _ ring: [P]?, target: Double? = nil, from: String? = nil,
    to: String? = nil, site: SiteType? = nil
  ) {
    guard let ring else { preconditionFailure("no room for zone \(name)") }
    let n = zones.filter { $0.kind == kind }.count + 1
    zones.append(
      Zone(
        id: "\(kind.idPrefix)-\(zeroPadded(n, 3))", name: name, kind: kind, target: target, validFrom: from,
        validTo: to, ring: counterClockwise(ring), site: site))
  }

  // Road works: the carriageway itself, so they ignore the other zones.
  let renmin = road("人民路")
  let renminStart = Polyline(renmin.points).locate(P(2950, 2600))
  add(
    .roadConstruction, "人民路（中山路—当湖路）道路施工",
    worksite(along: renmin, start: renminStart, length: 1200, halfWidth: 12), target: 0.6,
    from: "2025-03-01", to: "2025-10-31")
  add(
    .roadConstruction, "平湖大道拓宽工程", worksite(along: expressway, start: 1400, length: 1500, halfWidth: 15),
    from: "2024-11-01", to: "2026-01-31")
  let shengli = road("胜利路")
  add(
    .roadConstruction, "胜利路管网改造施工",
    worksite(
      along: shengli, start: Polyline(shengli.points).locate(P(1200, 1200)), length: 600, halfWidth: 9),
    from: "2025-04-10", to: "2025-08-31")

  func site(_ type: SiteType, _ name: String, near p: P, _ w: Double, _ d: Double, target: Double? = nil) {
    add(
      .keySite, name,
      placer.blockSite(near: p, search: 700, width: w, depth: d, clearance: 6, chamfer: false, rng: &zoneRng),
      target: target, site: type)
  }
  site(.hospital, "平湖市第一人民医院", near: P(3300, 2250), 200, 160, target: 0.95)
  site(.school, "当湖实验小学", near: P(2500, 2950), 180, 130, target: 0.95)
  site(.market, "城南农贸市场", near: P(3100, 1900), 110, 80)
  site(.logisticsPark, "独山港物流园", near: P(5300, 700), 300, 200)
  site(.carPark, "东湖停车场", near: P(3600, 2700), 80, 55)
  site(.publicToilet, "中山路公共厕所", near: P(2950, 3200), 32, 22)
  site(.busStation, "平湖汽车客运站", near: P(2000, 2300), 150, 100)

  func estate(_ name: String, near p: P, _ w: Double, _ d: Double, target: Double? = nil) {
    add(
      .residential, name,
      placer.blockSite(near: p, search: 700, width: w, depth: d, clearance: 6, chamfer: true, rng: &zoneRng),
      target: target)
  }
  estate("东湖花园智安小区", near: P(3700, 3150), 200, 160)
  estate("阳光家园智安小区", near: P(2300, 2600), 220, 150, target: 0.85)
  estate("金色港湾智安小区", near: P(1700, 1200), 180, 140)

  add(
    .other, "东湖公园",
    placer.blockSite(
      near: P(3400, 3500), search: 700, width: 260, depth: 180, clearance: 6, chamfer: true, rng: &zoneRng))
  add(
    .other, "市民广场",
    placer.blockSite(
      near: P(2650, 2300), search: 700, width: 120, depth: 90, clearance: 6, chamfer: false, rng: &zoneRng),
    target: 0.9)

  func plot(_ name: String, near p: P, _ r: Double, from: String, to: String, target: Double? = nil) {
    add(
      .demolition, name,
      placer.area(near: p, search: 500, radius: r, vertices: 9, overlapAllowed: false, rng: &zoneRng),
      target: target, from: from, to: to)
  }
  plot("东湖片区旧城改造拆迁区", near: P(3500, 2950), 150, from: "2024-03-01", to: "2025-12-31", target: 0.7)
  plot("南市街拆迁地块", near: P(2500, 2100), 110, from: "2024-09-01", to: "2026-03-31")
  plot("新仓老街拆迁区", near: P(4920, 1250), 130, from: "2025-01-15", to: "2026-06-30")

  // Old town centres; 钟埭's sits on its boundary with 当湖, so one zone spans two districts.
  add(
    .townRenovation, "新埭镇小城镇环境综合整治区",
    placer.area(
      near: P(4920, 3750), search: 300, radius: 420, vertices: 12, overlapAllowed: true, rng: &zoneRng))
  let seam = boundaryCrossing(districts, x: 1500, from: 2500, inside: 1, to: 4500, inside: 2)
  add(
    .townRenovation, "钟埭集镇环境综合整治区",
    placer.area(near: seam, search: 0, radius: 320, vertices: 12, overlapAllowed: true, rng: &zoneRng),
    target: 0.85)
  precondition(Set(zones.last!.ring.map { districtIndex(districts, $0) }).isSuperset(of: [1, 2]))

  let ground = Ground(
    width: townWidth, height: townHeight, districts: districts, roads: roads, segments: segments,
    junctions: junctions, zones: zones, emphasis: core)
  var cameras = placeCameras(
    total: 1000, mix: CameraMix(junctions: 0.33, roads: 0.35, sites: 0.17, residential: 0.08, areas: 0.07),
    ground: ground, blocked: { _ in false }, rng: &cameraRng)
  let ids = finishCameras(&cameras, ground: ground, division: { _ in "33048200" }, outsideName: "平湖市")

  return AuditBundle(
    title: "Sample town: Pinghu, Zhejiang (synthetic)",
    about: """
      Five townships of Pinghu (平湖市, division 330482) around 121.02°E 30.70°N, about \
      6 km × 5 km: arterial grid and an expressway, local streets denser in the 当湖 core, \
      \(zones.count) zones of every kind (钟埭集镇环境综合整治区 spans 当湖街道 and 钟埭街道) and \
      \(cameras.count) cameras with GB/T 28181 ids.
      """,
    frame: Frame(centerLon: 121.02, centerLat: 30.70, width: townWidth, height: townHeight),
    districts: districts, zones: zones, roads: roads, cameras: cameras, cameraIds: ids, buildings: nil)
}

/// The point on the vertical line `x` where district `a` (at y = `from`) gives way to
/// district `b` (at y = `to`).
func boundaryCrossing(
  _ districts: [District], x: Double, from: Double, inside a: Int, to: Double, inside b: Int
) -> P {
  precondition(districtIndex(districts, P(x, from)) == a && districtIndex(districts, P(x, to)) == b)
  var low = from
  var high = to
  for _ in 0..<60 {
    let mid = (low + high) / 2
    if districtIndex(districts, P(x, mid)) == a { low = mid } else { high = mid }
  }
  return P(x, (low + high) / 2)
}
