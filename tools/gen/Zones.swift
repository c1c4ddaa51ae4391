import Foundation

enum ZoneKind: String, CaseIterable {
  case townRenovation = "town-renovation"
  case demolition = "demolition"
  case roadConstruction = "road-construction"
  case keySite = "key-site"
  case residential = "residential"
  case other = "other"

  var idPrefix: String {
    switch self {
    case .townRenovation: "TR"
    case .demolition: "DM"
    case .roadConstruction: "RC"
    case .keySite: "KS"
    case .residential: "RS"
    case .other: "OT"
    }
  }
}

/// The kinds of key site the bureaus list, with their usual size and how heavily each is
/// watched (a hospital or logistics park carries far more cameras than a public toilet).
enum SiteType: CaseIterable {
  case logisticsPark, carPark, publicToilet, market, school, hospital, busStation

  var suffixes: [String] {
    switch self {
    case .logisticsPark: ["物流园", "物流园区", "快递分拨中心"]
    case .carPark: ["停车场", "公共停车场"]
    case .publicToilet: ["公共厕所", "公厕"]
    case .market: ["农贸市场", "菜市场"]
    case .school: ["小学", "中学", "实验学校"]
    case .hospital: ["人民医院", "中医院", "社区卫生服务中心"]
    case .busStation: ["汽车客运站", "公交首末站"]
    }
  }

  /// Width and depth range in metres (30–300 m across).
  var size: (Double, Double) {
    switch self {
    case .logisticsPark: (180, 300)
    case .carPark: (45, 120)
    case .publicToilet: (30, 36)
    case .market: (60, 150)
    case .school: (110, 240)
    case .hospital: (110, 230)
    case .busStation: (80, 170)
    }
  }

  var cameraWeight: Double {
    switch self {
    case .logisticsPark: 2.0
    case .carPark: 1.0
    case .publicToilet: 0.6
    case .market: 1.4
    case .school: 1.6
    case .hospital: 1.8
    case .busStation: 1.5
    }
  }
}

struct Zone {
  var id: String
  var name: String
  var kind: ZoneKind
  var target: Double?
  var validFrom: String?
  var validTo: String?
  var ring: [P]
  var site: SiteType?

  var center: P { centroidOfVertices(ring) }
  var area: Double { abs(signedArea(ring)) }
}

/// Finds room for zones: inside the region, clear of road centre lines where a real site
/// would be (a school sits inside a block), inside one district (a site answers to one
/// township; the straddling cases are made on purpose) and apart from the zones already placed.
struct ZonePlacer {
  let width: Double
  let height: Double
  let segments: RoadSegments
  let districts: [District]
  var taken: [(center: P, radius: Double)] = []

  init(width: Double, height: Double, segments: RoadSegments, districts: [District]) {
    self.width = width
    self.height = height
    self.segments = segments
    self.districts = districts
  }

  /// Samples the outline every 10 m: a district boundary could cut a corner between vertices.
  func inOneDistrict(_ ring: [P]) -> Bool {
    let home = districtIndex(districts, ring[0])
    guard home >= 0 else { return false }
    for i in 0..<ring.count {
      let a = ring[i]
      let b = ring[(i + 1) % ring.count]
      let steps = max(1, Int((a.distance(to: b) / 10).rounded(.up)))
      for k in 0..<steps where districtIndex(districts, lerp(a, b, Double(k) / Double(steps))) != home {
        return false
      }
    }
    return true
  }

  func free(_ ring: [P], margin: Double) -> Bool {
    let c = centroidOfVertices(ring)
    let r = ring.map { $0.distance(to: c) }.max() ?? 0
    return !taken.contains { $0.center.distance(to: c) < $0.radius + r + margin }
  }

  mutating func claim(_ ring: [P]) {
    let c = centroidOfVertices(ring)
    taken.append((c, ring.map { $0.distance(to: c) }.max() ?? 0))
  }

  /// A block-interior polygon near `target`, searching outwards and, when blocks are tight,
  /// settling for a somewhat smaller site; nil when none fits.
  mutating func blockSite(
    near target: P, search: Double, width: Double, depth: Double, clearance: Double,
    chamfer: Bool, rng: inout Rng
  ) -> [P]? {
    for attempt in 0..<600 {
      let reach = search * Double(attempt % 200) / 200
      let shrink = 1 - 0.15 * Double(attempt / 200)
      let w = width * shrink
      let d = depth * shrink
      let c = target + P(rng.jitter(reach), rng.jitter(reach))
      // Sites line up with the street they face.
      let axis =
        segments.nearest(to: c, within: 600).map {
          segments.b[$0.segment] - segments.a[$0.segment]
        } ?? P(1, 0)
      var ring = rectangle(center: c, axis: axis, width: w, depth: d)
      if chamfer { ring = chamfered(ring, rng: &rng) }
      guard Box(ring).inside(width: self.width, height: self.height, margin: 20),
        free(ring, margin: 10), segments.clear(of: ring, by: clearance), inOneDistrict(ring)
      else { continue }
      claim(ring)
      return ring
    }
    return nil
  }

  /// An irregular area (old town centre, demolition plot) that may contain streets.
  mutating func area(
    near target: P, search: Double, radius: Double, vertices: Int, overlapAllowed: Bool,
    rng: inout Rng
  ) -> [P]? {
    for attempt in 0..<200 {
      let reach = search * Double(attempt) / 200
      let c = target + P(rng.jitter(reach), rng.jitter(reach))
      let ring = starPolygon(
        center: c, radiusX: radius * rng.uniform(0.9, 1.2), radiusY: radius * rng.uniform(0.7, 1.0),
        vertices: vertices, radialJitter: 0.18, rotation: rng.uniform(0, 180), rng: &rng)
      guard Box(ring).inside(width: width, height: height, margin: 20),
        overlapAllowed || (free(ring, margin: 10) && inOneDistrict(ring))
      else { continue }
      if !overlapAllowed { claim(ring) }
      return ring
    }
    return nil
  }
}

/// Cuts some corners of a convex polygon, keeping it convex (so still valid).
func chamfered(_ ring: [P], rng: inout Rng) -> [P] {
  var out: [P] = []
  for i in 0..<ring.count {
    let prev = ring[(i + ring.count - 1) % ring.count]
    let cur = ring[i]
    let next = ring[(i + 1) % ring.count]
    if rng.chance(0.4) {
      let cut = rng.uniform(0.08, 0.2)
      out.append(lerp(cur, prev, cut))
      out.append(lerp(cur, next, cut))
    } else {
      out.append(cur)
    }
  }
  return out
}

/// A road-construction zone: the carriageway of `road` from `start` metres along it for
/// `length` metres, widened by `halfWidth` each side.
func worksite(along road: Road, start: Double, length: Double, halfWidth: Double) -> [P] {
  let line = Polyline(road.points)
  let s0 = max(0, min(start, line.length - length))
  return corridor(line.slice(s0, min(line.length, s0 + length)), halfWidth: halfWidth)
}
