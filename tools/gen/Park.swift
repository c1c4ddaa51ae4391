import Foundation

// A Suzhou-Industrial-Park-like town for planning at scale: about 278 km² cut into 176
// residential communities (社区) that tile it, as the park's own community map does, four
// subdistricts, 4,000 cameras bunched at community gates and squares, and no road file —
// the case where every candidate site has to come from the zones and their gaps.

private let parkWidth = 17_200.0
private let parkHeight = 16_200.0
private let parkCommunities = 176
private let parkCameras = 4_000
private let subdistricts = [
  ("320571001000", "娄葑街道"), ("320571002000", "斜塘街道"), ("320571003000", "唯亭街道"), ("320571004000", "胜浦街道"),
]

func makePark(seed: UInt64) -> AuditBundle {
  var districtRng = Rng(seed: seed, stream: 21)
  var zoneRng = Rng(seed: seed, stream: 22)
  var cameraRng = Rng(seed: seed, stream: 23)

  let plan = TilingPlan.even(
    count: subdistricts.count, width: parkWidth, height: parkHeight, rng: &districtRng)
  let cells = tile(width: parkWidth, height: parkHeight, plan: plan, spacing: 250, rng: &districtRng)
  let districts = zip(cells, subdistricts).map {
    District(code: $1.0, name: $1.1, parent: "320571", ring: $0, box: Box($0))
  }

  let zonePlan = TilingPlan.even(count: parkCommunities, width: parkWidth, height: parkHeight, rng: &zoneRng)
  let rings = tile(width: parkWidth, height: parkHeight, plan: zonePlan, spacing: 150, rng: &zoneRng)
  var zones: [Zone] = []
  for (k, ring) in rings.enumerated() {
    let name = zoneRng.pick(estateStems) + zoneRng.pick(estateEndings) + "社区"
    zones.append(
      Zone(
        id: "RS-\(zeroPadded(k + 1, 3))", name: name, kind: .residential,
        target: zoneRng.chance(0.3) ? 0.85 : nil, validFrom: nil, validTo: nil, ring: ring, site: nil))
  }

  // Cameras in a few clusters per community (gates, squares, car parks), each camera
  // within 60 m of its cluster's centre.
  var cameras: [Camera] = []
  let perZone = apportion(parkCameras, zones.map { $0.area })
  for (z, n) in zip(zones, perZone) {
    let box = Box(z.ring)
    var spots: [P] = []
    while spots.count < max(1, n / 6) {
      let p = P(cameraRng.uniform(box.minX, box.maxX), cameraRng.uniform(box.minY, box.maxY))
      if contains(ring: z.ring, p) { spots.append(p) }
    }
    for k in 0..<n {
      let c = spots[k % spots.count]
      let p = P(c.x + cameraRng.jitter(60), c.y + cameraRng.jitter(60))
      var cam = Camera(at: p, label: z.name, importance: 2)
      dress(&cam, aim: nil, rng: &cameraRng)
      cameras.append(cam)
    }
  }
  let segments = RoadSegments(
    [], origin: P(-300, -300), width: parkWidth + 600, height: parkHeight + 600, cell: 500)
  let ground = Ground(
    width: parkWidth, height: parkHeight, districts: districts, roads: [], segments: segments, junctions: [],
    zones: zones, emphasis: { _ in 1 })
  let ids = finishCameras(
    &cameras, ground: ground, division: { $0 >= 0 ? districts[$0].parent + "00" : "32057100" },
    outsideName: "苏州工业园区")
  return AuditBundle(
    title: "Planning town: Suzhou Industrial Park, Jiangsu (synthetic)",
    about: """
      \(parkCameras) cameras over 17.2 km × 16.2 km centred on 120.72°E 31.32°N: \(districts.count) \
      subdistricts, \(zones.count) residential communities that tile the park, no roads.
      """,
    frame: Frame(centerLon: 120.72, centerLat: 31.32, width: parkWidth, height: parkHeight),
    districts: districts, zones: zones, roads: [], cameras: cameras, cameraIds: ids, buildings: nil)
}
