import Foundation

// The benchmark province: ten benchmark cities side by side in one bundle, in two rows of
// five, so that the middle column stands on 120°E, the boundary of UTM zones 50 and 51.
// An audit of it measures each zone's districts in their own plane (SPEC §2, Scale).

struct ProvinceOptions {
  var camerasPerCity: Int
  var buildings: Bool
  var seed: UInt64
  /// Footprints in each city; nil for one per 8 cameras.
  var buildingCount: Int? = nil
}

let provinceColumns = 5
let provinceRows = 2

/// Each city is made by `makeCity` in its own plane and moved to its place in the
/// province's; codes, ids and zone ids take a per-city prefix so none repeats.
func makeProvince(_ options: ProvinceOptions) -> AuditBundle {
  let (cityWidth, cityHeight) = cityExtent(cameras: options.camerasPerCity)
  // Cities a seventh of their size apart, so that no district or road of one reaches the next.
  let stepX = cityWidth * 8 / 7
  let stepY = cityHeight * 8 / 7
  let width = stepX * Double(provinceColumns)
  let height = stepY * Double(provinceRows)
  let districts = max(1, min(40, maxCityDistricts(cameras: options.camerasPerCity)))
  var province = AuditBundle(
    title: "Benchmark province: ten cities across 120°E (synthetic)",
    about: "",
    frame: Frame(centerLon: 120.0, centerLat: 30.6, width: width, height: height),
    districts: [], zones: [], roads: [], cameras: [], cameraIds: [], buildings: options.buildings ? [] : nil)
  for k in 0..<(provinceColumns * provinceRows) {
    let city = makeCity(
      CityOptions(
        cameras: options.camerasPerCity, districts: districts, buildings: options.buildings,
        seed: options.seed &* 1_000 &+ UInt64(k), buildingCount: options.buildingCount))
    let offset = P(
      Double(k % provinceColumns) * stepX + (stepX - cityWidth) / 2,
      Double(k / provinceColumns) * stepY + (stepY - cityHeight) / 2)
    province.append(
      city, prefix: "33" + zeroPadded(k + 1, 2), zonePrefix: "C\(zeroPadded(k + 1, 2))-", offset: offset)
  }
  let km = { (v: Double) -> String in String(format: "%.1f", v / 1000) }
  province.about = """
    \(provinceColumns * provinceRows) cities of \(options.camerasPerCity) cameras each over \
    \(km(width)) km × \(km(height)) km centred on 120.0°E 30.6°N, the middle column on the \
    boundary of UTM zones 50 and 51: \(province.districts.count) districts, \(province.zones.count) zones\
    \(province.buildings.map { ", \($0.count) building footprints" } ?? "").
    """
  return province
}

extension AuditBundle {
  /// Adds a city made in its own plane, moved by `offset`; its codes and camera ids, which
  /// all begin with Jiaxing's 3304, begin with `prefix` instead.
  mutating func append(_ city: AuditBundle, prefix: String, zonePrefix: String, offset: P) {
    let recode = { (s: String) -> String in prefix + s.dropFirst(4) }
    let move = { (ring: [P]) -> [P] in ring.map { $0 + offset } }
    for var d in city.districts {
      d.code = recode(d.code)
      d.parent = recode(d.parent)
      d.ring = move(d.ring)
      d.box = Box(d.ring)
      districts.append(d)
    }
    for var z in city.zones {
      z.id = zonePrefix + z.id
      z.ring = move(z.ring)
      zones.append(z)
    }
    for var r in city.roads {
      r.points = move(r.points)
      roads.append(r)
    }
    for var c in city.cameras {
      c.position = c.position + offset
      cameras.append(c)
    }
    cameraIds += city.cameraIds.map(recode)
    for var b in city.buildings ?? [] {
      b.ring = move(b.ring)
      b.center = b.center + offset
      b.wallPoints = b.wallPoints.map { ($0.edge, $0.point + offset) }
      buildings?.append(b)
    }
  }
}
