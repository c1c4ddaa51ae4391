import Foundation

enum CameraKind: String, CaseIterable {
  case fixed, dome, ptz, panoramic
}

enum CameraStatus: String, CaseIterable {
  case active, offline, maintenance, retired, planned
}

struct Camera {
  /// A wall camera's position is bit for bit a vertex of its building's ring, so both are
  /// written as the same coordinates and the camera lies exactly on the boundary.
  var position: P
  /// What the name says after the district: a junction, a road, a site.
  var label: String
  /// 1 for arterial crossings and key sites, 3 for lanes: steers the 一类/二类/三类 class.
  var importance: Int
  var kind = CameraKind.fixed
  var heading: Double?
  var fov: Double?
  var range: Double?
  var resolution: Int?
  var minRange: Double?
  var height: Double?
  var tilt: Double?
  var cls: Int?
  var status = CameraStatus.active
  var installed: Int?
  var removed: Int?
  var typeCode = 132
  var district = -1
  var name = ""

  init(at position: P, label: String, importance: Int) {
    self.position = position
    self.label = label
    self.importance = importance
  }
}

/// Shares of the camera budget by where cameras stand.
struct CameraMix {
  var junctions: Double
  var roads: Double
  var sites: Double
  var residential: Double
  var areas: Double
}

/// Splits `total` in proportion to `shares`, exactly (largest remainder).
func apportion(_ total: Int, _ shares: [Double]) -> [Int] {
  let sum = shares.reduce(0, +)
  let raw = shares.map { Double(total) * $0 / sum }
  var counts = raw.map { Int($0.rounded(.down)) }
  let order = raw.indices.sorted { (raw[$0] - Double(counts[$0]), -$0) > (raw[$1] - Double(counts[$1]), -$1) }
  var left = total - counts.reduce(0, +)
  var k = 0
  while left > 0 {
    counts[order[k % order.count]] += 1
    left -= 1
    k += 1
  }
  return counts
}

/// Fills in kind, view and registry fields the way a bureau's export looks: mostly fixed
/// bullets, some records complete, many relying on defaults, a few broken or pending.
func dress(_ cam: inout Camera, aim: Double?, rng: inout Rng) {
  cam.kind = weightedChoice([(.fixed, 0.60), (.dome, 0.20), (.ptz, 0.15), (.panoramic, 0.05)], &rng)
  let look = { (rng: inout Rng) -> Double in
    let raw = normalizeDegrees((aim ?? rng.uniform(0, 360)) + rng.jitter(aim == nil ? 0 : 12))
    // Written with one decimal: 359.96 must become 0, not 360.
    let h = (raw * 10).rounded() / 10
    return h >= 360 ? 0 : h
  }
  switch cam.kind {
  case .fixed:
    // A few records lost their direction: the audit must count them, not guess.
    if !rng.chance(0.015) { cam.heading = look(&rng) }
    if rng.chance(0.55) { cam.fov = rng.pick([100, 87, 70, 55, 42, 30, 24]) }
  case .dome:
    cam.heading = look(&rng)
    if rng.chance(0.4) { cam.fov = rng.pick([110, 100, 90, 80, 60]) }
  case .ptz:
    if rng.chance(0.4) {
      cam.heading = look(&rng)
      // Pan limited to a sector by the installer.
      if rng.chance(0.25) { cam.fov = Double(rng.int(12...30) * 5) }
    }
  case .panoramic:
    if rng.chance(0.15) {
      cam.heading = look(&rng)
      cam.fov = 180
    } else if rng.chance(0.3) {
      cam.fov = 360
    }
  }

  let detail = rng.unit()
  if detail < 0.30 {
    cam.range = explicitRange(cam, &rng)
    if rng.chance(0.05) { cam.resolution = pickResolution(&rng) }
  } else if detail < 0.62 {
    cam.resolution = pickResolution(&rng)
    if cam.fov == nil && (cam.kind == .fixed || cam.kind == .dome) {
      cam.fov = rng.pick([100, 87, 70, 55, 42])
    }
  }
  if rng.chance(0.10) {
    cam.minRange = rng.chance(0.1) ? 0 : (rng.uniform(0.5, 8) * 10).rounded() / 10
  }
  if rng.chance(0.30) {
    cam.height = (rng.uniform(3, 12) * 10).rounded() / 10
    cam.tilt = (rng.uniform(5, 40) * 2).rounded() / 2
  } else if rng.chance(0.03) {
    cam.height = (rng.uniform(3, 8) * 10).rounded() / 10
  }
  if rng.chance(0.85) {
    let weights: [Double] =
      switch cam.importance {
      case 1: [0.6, 0.3, 0.1]
      case 2: [0.2, 0.55, 0.25]
      default: [0.05, 0.3, 0.65]
      }
    cam.cls = weightedChoice([(1, weights[0]), (2, weights[1]), (3, weights[2])], &rng)
  }
  cam.status = weightedChoice(
    [(.active, 0.88), (.offline, 0.05), (.maintenance, 0.03), (.retired, 0.02), (.planned, 0.02)],
    &rng)
  let firstInstall = dayNumber(2014, 1, 1)
  let lastInstall = referenceDay - 1
  switch cam.status {
  case .planned:
    if rng.chance(0.6) {
      cam.installed = referenceDay + 30 + rng.below(365)
    }
  case .retired:
    if rng.chance(0.9) { cam.installed = firstInstall + rng.below(lastInstall - firstInstall - 730) }
    if rng.chance(0.8) {
      let from = (cam.installed ?? dayNumber(2017, 1, 1)) + 365
      cam.removed = from + rng.below(max(1, lastInstall - from))
    }
  default:
    if rng.chance(0.92) { cam.installed = firstInstall + rng.below(lastInstall - firstInstall) }
    // Due to come down with a demolition: counted until that day when audited with --on.
    if let installed = cam.installed, rng.chance(0.005) {
      cam.removed = max(installed + 180, referenceDay + rng.below(200))
    }
  }
  cam.typeCode = rng.chance(0.85) ? 132 : 131
}

private func pickResolution(_ rng: inout Rng) -> Int {
  weightedChoice([(1920, 0.5), (2560, 0.3), (3840, 0.2)], &rng)
}

private func explicitRange(_ cam: Camera, _ rng: inout Rng) -> Double {
  switch cam.kind {
  case .fixed:
    // Narrow lenses reach further.
    let fov = cam.fov ?? 90
    return max(10, min(200, (2800 / fov * rng.uniform(0.7, 1.3)).rounded()))
  case .dome: return rng.uniform(15, 45).rounded()
  case .ptz: return rng.uniform(60, 200).rounded()
  case .panoramic: return rng.uniform(8, 25).rounded()
  }
}

/// Everything placement needs to know about the ground.
struct Ground {
  var width: Double
  var height: Double
  var districts: [District]
  var roads: [Road]
  var segments: RoadSegments
  var junctions: [Junction]
  var zones: [Zone]
  /// Relative camera density at a point (town centres are watched more closely).
  var emphasis: (P) -> Double

  func district(of p: P) -> Int { districtIndex(districts, p) }

  func roadName(near p: P, within radius: Double) -> String? {
    segments.nearest(to: p, within: radius).map { roads[Int(segments.road[$0.segment])].name }
  }
}

func junctionLabel(_ j: Junction, _ roads: [Road]) -> String {
  let ordered = j.roads.sorted { (roads[$0].arterial ? 0 : 1, $0) < (roads[$1].arterial ? 0 : 1, $1) }
  var names: [String] = []
  for r in ordered where !names.contains(roads[r].name) { names.append(roads[r].name) }
  return names.count >= 2 ? "\(names[0])与\(names[1])口" : "\(names[0])口"
}

/// Places `total` cameras: on junction corners looking down the roads, along roads looking
/// along them (bunched around a few spots per road, as installations are), and in clusters at
/// key sites and residential compounds. `blocked` rejects spots inside buildings.
func placeCameras(
  total: Int, mix: CameraMix, ground: Ground, blocked: (P) -> Bool, rng: inout Rng
) -> [Camera] {
  let counts = apportion(total, [mix.junctions, mix.roads, mix.sites, mix.residential, mix.areas])
  var cameras: [Camera] = []
  cameras.reserveCapacity(total)
  let roads = ground.roads

  // Draws candidates until `count` are accepted; a generous cap turns a layout that cannot
  // take its cameras into a clear failure instead of a hang.
  func fill(_ count: Int, _ candidate: (inout Rng) -> (Camera, Double?)?) {
    var placed = 0
    var attempts = 0
    while placed < count {
      attempts += 1
      precondition(attempts <= 100 * count + 1000, "no room left for cameras")
      guard let (found, aim) = candidate(&rng), !blocked(found.position) else { continue }
      var cam = found
      dress(&cam, aim: aim, rng: &rng)
      cameras.append(cam)
      placed += 1
    }
  }

  // Junctions: a crossing of two arterials carries several cameras, a lane corner maybe one.
  let junctions = ground.junctions.filter {
    $0.point.x > 0 && $0.point.x < ground.width && $0.point.y > 0 && $0.point.y < ground.height
  }
  let junctionLabels = junctions.map { junctionLabel($0, roads) }
  let junctionArterials = junctions.map { j in j.roads.filter { roads[$0].arterial }.count }
  let junctionTable = WeightedTable(
    junctions.indices.map { j in
      let base = junctionArterials[j] >= 2 ? 10.0 : junctionArterials[j] == 1 ? 2.5 : 1.0
      return base * ground.emphasis(junctions[j].point)
    })
  if !junctionTable.isEmpty {
    fill(counts[0]) { rng in
      let j = junctionTable.sample(&rng)
      let dir = rng.pick(junctions[j].bearings)
      let u = direction(dir)
      let side = rng.chance(0.5) ? 1.0 : -1.0
      let importance = 3 - min(2, junctionArterials[j])
      if rng.chance(0.75) {
        // On a corner pole, looking out along one arm.
        let p = junctions[j].point + u * rng.uniform(-4, 12) + u.left * (side * rng.uniform(4, 9))
        return (Camera(at: p, label: junctionLabels[j], importance: importance), dir)
      }
      // Down one arm, looking back at the crossing.
      let p = junctions[j].point + u * rng.uniform(20, 45) + u.left * (side * rng.uniform(3, 7))
      return (Camera(at: p, label: junctionLabels[j], importance: importance), normalizeDegrees(dir + 180))
    }
  }

  // Along roads.
  let lines = roads.map { Polyline($0.points) }
  let roadTable = WeightedTable(
    roads.indices.map { r in
      let factor: Double =
        switch roads[r].highway {
        case "trunk": 2.5
        case "primary": 3
        case "secondary": 2.2
        case "tertiary": 1.3
        case "service": 0.6
        default: 1
        }
      return lines[r].length * factor * ground.emphasis(lines[r].point(at: lines[r].length / 2))
    })
  let hotspots = lines.map { line in
    (0...Int(line.length / 800)).map { _ in rng.uniform(0, line.length) }
  }
  if !roadTable.isEmpty {
    fill(counts[1]) { rng in
      let r = roadTable.sample(&rng)
      let line = lines[r]
      let s = rng.chance(0.6) ? rng.uniform(0, line.length) : rng.pick(hotspots[r]) + rng.normal() * 40
      guard s >= 0, s <= line.length else { return nil }
      let p = line.point(at: s)
      // The overhang outside the region belongs to the neighbours' networks.
      guard p.x > -30, p.y > -30, p.x < ground.width + 30, p.y < ground.height + 30 else { return nil }
      let t = line.tangent(at: s)
      let side = rng.chance(0.5) ? 1.0 : -1.0
      let cam = Camera(
        at: p + t.left * (side * rng.uniform(3, 9)), label: roads[r].name,
        importance: roads[r].arterial ? 2 : 3)
      return (cam, normalizeDegrees(bearing(t) + (rng.chance(0.5) ? 0 : 180)))
    }
  }

  // Clusters inside zones.
  func cluster(_ kinds: Set<ZoneKind>, _ count: Int, perimeterShare: Double, importance: Int) {
    let chosen = ground.zones.filter { kinds.contains($0.kind) }
    guard !chosen.isEmpty else { return }
    let table = WeightedTable(chosen.map { $0.area.squareRoot() * ($0.site?.cameraWeight ?? 1) })
    fill(count) { rng in
      let zone = chosen[table.sample(&rng)]
      let ring = zone.ring
      var p: P
      var aim: Double?
      if rng.chance(perimeterShare) {
        // On the fence or a wall, looking in.
        let i = rng.below(ring.count)
        let a = ring[i]
        let b = ring[(i + 1) % ring.count]
        let inward = (b - a).normalized.left
        p = lerp(a, b, rng.uniform(0.05, 0.95)) + inward * 1.5
        aim = normalizeDegrees(bearing(inward) + rng.jitter(50))
      } else {
        let box = Box(ring)
        p = P(rng.uniform(box.minX, box.maxX), rng.uniform(box.minY, box.maxY))
        guard contains(ring: ring, p) else { return nil }
      }
      let label =
        zone.kind == .keySite || zone.kind == .residential
        ? zone.name : ground.roadName(near: p, within: 400) ?? zone.name
      return (Camera(at: p, label: label, importance: importance), aim)
    }
  }
  cluster([.keySite], counts[2], perimeterShare: 0.45, importance: 1)
  cluster([.residential], counts[3], perimeterShare: 0.6, importance: 2)
  cluster([.townRenovation, .demolition, .other], counts[4], perimeterShare: 0.2, importance: 2)
  return cameras
}

/// Numbers and names cameras as a registry export would list them: by district, then by
/// installation date, serials counting up; names repeat the place and count within it.
func finishCameras(
  _ cameras: inout [Camera], ground: Ground, division: (Int) -> String, outsideName: String
) -> [String] {
  for i in cameras.indices {
    cameras[i].district = ground.district(of: cameras[i].position)
  }
  let order = cameras.indices.sorted {
    let a = cameras[$0]
    let b = cameras[$1]
    let da = a.district < 0 ? Int.max : a.district
    let db = b.district < 0 ? Int.max : b.district
    return (da, a.installed ?? Int.max, $0) < (db, b.installed ?? Int.max, $1)
  }
  cameras = order.map { cameras[$0] }
  var perName: [String: Int] = [:]
  var ids: [String] = []
  ids.reserveCapacity(cameras.count)
  for i in cameras.indices {
    let d = cameras[i].district
    let place = d >= 0 ? ground.districts[d].name : outsideName
    let stem = "\(place)-\(cameras[i].label)"
    let n = (perName[stem] ?? 0) + 1
    perName[stem] = n
    cameras[i].name = "\(stem)-\(n)"
    let serial = String(i + 1)
    let padded = String(repeating: "0", count: max(0, 6 - serial.count)) + serial
    ids.append("\(division(d))00\(cameras[i].typeCode)5\(padded)")
  }
  return ids
}
