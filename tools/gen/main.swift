import Foundation

// camgap-gen: writes synthetic audit bundles (districts, zones, roads, cameras and, for the
// city, buildings) for camgap's README, golden tests and benchmarks.

let usage = """
  usage: camgap-gen town --out DIR [--seed N]
         camgap-gen park --out DIR [--seed N]
         camgap-gen city --out DIR --cameras N [--buildings [--heights] [--building-count B]] [--csv]
                         [--seed N] [--districts K] [--zones Z]
         camgap-gen province --out DIR [--buildings [--heights] [--building-count B]] [--seed N]
                         [--cameras-per-city N]

    town   the sample town: five townships of Pinghu, about 1,000 cameras
    park   a Suzhou-Industrial-Park-like town: 176 communities as zones, 4,000 cameras, no roads
    city   a benchmark city around Jiaxing whose area grows with N (about 170 cameras/km²)
    province  ten benchmark cities of 150,000 cameras (40 districts each) across 120°E, the
           boundary of UTM zones 50 and 51

    --out DIR        bundle directory (created)
    --seed N         generator seed, default 1; the same arguments give byte-identical files
    --cameras N      number of cameras, 1 to 999999
    --districts K    number of districts, default 12; at most 400 and one per 0.5 km²
    --zones Z        number of zones, default one per 500 cameras (at least 10)
    --buildings      also write buildings.geojson (about one footprint per 8 cameras)
    --building-count B  footprints (in each city of the province) instead of one per 8 cameras
    --heights        give buildings a height (m), one in five `building:levels` instead
    --cameras-per-city N  cameras in each city of the province, 1000 to 999999
    --csv            write cameras.csv instead of cameras.geojson

  """

func fail(_ message: String) -> Never {
  FileHandle.standardError.write(Data("camgap-gen: \(message)\n\n\(usage)".utf8))
  exit(1)
}

func integer(_ text: String, _ flag: String, in range: ClosedRange<Int>) -> Int {
  guard let v = Int(text), range.contains(v) else {
    fail("\(flag) wants an integer in \(range.lowerBound)...\(range.upperBound), got '\(text)'")
  }
  return v
}

let arguments = Array(CommandLine.arguments.dropFirst())
guard let mode = arguments.first, ["town", "city", "province", "park"].contains(mode) else {
  fail(arguments.isEmpty ? "missing command" : "unknown command '\(arguments[0])'")
}
var out: String?
var seed: UInt64 = 1
var cameras: Int?
var districts = 12
var buildings = false
var heights = false
var buildingCount: Int?
var zoneCount: Int?
var perCity = 150_000
var csv = false
var i = 1
while i < arguments.count {
  let flag = arguments[i]
  func value() -> String {
    guard i + 1 < arguments.count else { fail("\(flag) needs a value") }
    i += 1
    return arguments[i]
  }
  switch (mode, flag) {
  case (_, "--out"): out = value()
  case (_, "--seed"):
    let text = value()
    guard let v = UInt64(text) else { fail("--seed wants a non-negative integer, got '\(text)'") }
    seed = v
  case ("city", "--cameras"): cameras = integer(value(), flag, in: 1...999_999)
  case ("city", "--districts"): districts = integer(value(), flag, in: 1...400)
  case ("city", "--zones"): zoneCount = integer(value(), flag, in: 1...9_999)
  case ("city", "--buildings"), ("province", "--buildings"): buildings = true
  case ("city", "--heights"), ("province", "--heights"): heights = true
  case ("city", "--building-count"), ("province", "--building-count"):
    buildingCount = integer(value(), flag, in: 1...9_999_999)
  case ("province", "--cameras-per-city"): perCity = integer(value(), flag, in: 1000...999_999)
  case ("city", "--csv"): csv = true
  case (_, "-h"), (_, "--help"):
    print(usage, terminator: "")
    exit(0)
  default: fail("unknown option '\(flag)' for \(mode)")
  }
  i += 1
}
guard let out else { fail("--out DIR is required") }

let command = (["camgap-gen"] + arguments).map { arg in
  arg.allSatisfy { $0.isLetter || $0.isNumber || "-_./=:".contains($0) } ? arg : "'\(arg)'"
}.joined(separator: " ")

var bundle: AuditBundle
if mode == "town" {
  bundle = makeTown(seed: seed)
} else if mode == "province" {
  bundle = makeProvince(
    ProvinceOptions(
      camerasPerCity: perCity, buildings: buildings, seed: seed, buildingCount: buildingCount))
} else if mode == "park" {
  bundle = makePark(seed: seed)
} else {
  guard let cameras else { fail("city needs --cameras N") }
  let most = maxCityDistricts(cameras: cameras)
  guard districts <= most else {
    fail("\(cameras) cameras cover too small an area for \(districts) districts (at most \(most))")
  }
  bundle = makeCity(
    CityOptions(
      cameras: cameras, districts: districts, buildings: buildings, seed: seed, buildingCount: buildingCount,
      zones: zoneCount))
}
bundle.heights = heights
do {
  try write(bundle, to: out, csv: csv, command: command)
} catch {
  FileHandle.standardError.write(
    Data("camgap-gen: cannot write \(out): \(error.localizedDescription)\n".utf8))
  exit(1)
}
