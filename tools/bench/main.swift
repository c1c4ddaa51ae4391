// camgap-bench: city-scale timings of `camgap audit`, side by side with the straightforward
// pipeline (one global union of every footprint, then per-district and per-zone overlays,
// as a Shapely `union_all` or PostGIS `ST_Union` script does). Each measurement runs in its
// own process so that wall time and peak memory (wait4's ru_maxrss) belong to it alone.
//
//   camgap-bench [--sizes 1000,20000,150000] [--work DIR] [--naive-max N] [--buildings]
//                [--runs N] [--registry]
//   camgap-bench --province [--work DIR] [--runs N] [--cameras-per-city N] [--building-count B]
// Each camgap audit runs N times (default 3) and the median wall time is reported with the
// range, since a shared machine's speed drifts between runs; --registry adds the same
// audit from a registry (`audit --db`) holding the city's cameras.
// --province prints instead the town, the 150,000-camera city (with the generator's buildings
// and with ten times as many, as dense as a real city's) and the province of ten such
// cities each audited without buildings, with 2-D buildings and with buildings that carry
// heights (2.5-D), the same cameras in all three.
//   camgap-bench naive DIR        (the straightforward pipeline, used by the driver)
import Audit
import Cameras
import Foundation
import Geometry

let args = Array(CommandLine.arguments.dropFirst())
let binDir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()

func fail(_ s: String) -> Never {
  FileHandle.standardError.write((s + "\n").data(using: .utf8)!)
  exit(1)
}

/// The straightforward pipeline; prints "covered_m2 zone_covered_m2 gap_count".
func naive(_ dir: String) throws {
  let input = try BundleLoader.load(directory: dir)
  let fps = try FootprintBuilder.build(input, options: AuditOptions(), threads: 1)
  let ctx = GEOSContext()
  let union = try Geom.unionAll(
    consuming: fps.items.map { try Geom.polygon($0.polygon, context: ctx) }, context: ctx)
  var covered = 0.0
  for d in input.districts {
    covered += try Geom.multiPolygon(d.polygons, context: ctx).intersection(union).area()
  }
  var zoneCovered = 0.0
  var gaps = 0
  for z in input.zones {
    let zg = try Geom.multiPolygon(z.polygons, context: ctx)
    let gap = try zg.difference(union)
    zoneCovered += try zg.area() - gap.area()
    gaps += try gap.polygons().filter { $0.area >= 10 }.count
  }
  var roadCovered = 0.0
  if !input.roads.isEmpty {
    let roads = try Geom.multiLineString(input.roads.flatMap(\.lines), context: ctx)
    for d in input.districts {
      let inside = try roads.intersection(Geom.multiPolygon(d.polygons, context: ctx))
      roadCovered += try inside.intersection(union).length()
    }
  }
  print(covered, zoneCovered, gaps, roadCovered)
}

struct Run {
  var wall: Double
  var maxRSSKB: Int
  var stdout: String
}

/// Runs a command with posix_spawn and reaps it with wait4 ourselves, so its rusage (peak
/// memory) is not lost to another waiter; stdout goes through a temporary file.
func measure(_ exe: URL, _ arguments: [String]) throws -> Run {
  let outPath = FileManager.default.temporaryDirectory.appendingPathComponent("camgap-bench-\(getpid()).out")
    .path
  var actions: posix_spawn_file_actions_t = posix_spawn_file_actions_t()
  posix_spawn_file_actions_init(&actions)
  defer { posix_spawn_file_actions_destroy(&actions) }
  posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
  let argv = ([exe.path] + arguments).map { strdup($0) } + [nil]
  defer { for a in argv { free(a) } }
  var pid: pid_t = 0
  let start = Date()
  let rc = posix_spawn(&pid, exe.path, &actions, nil, argv, environ)
  if rc != 0 { fail("cannot start \(exe.path): \(rc)") }
  var status: Int32 = 0
  var usage = rusage()
  _ = wait4(pid, &status, 0, &usage)
  let wall = Date().timeIntervalSince(start)
  if status != 0 {
    fail("\(exe.lastPathComponent) \(arguments.joined(separator: " ")) failed (status \(status))")
  }
  let data = FileManager.default.contents(atPath: outPath) ?? Data()
  try? FileManager.default.removeItem(atPath: outPath)
  return Run(wall: wall, maxRSSKB: usage.ru_maxrss, stdout: String(decoding: data, as: UTF8.self))
}

if args.first == "naive" {
  guard args.count == 2 else { fail("usage: camgap-bench naive DIR") }
  do { try naive(args[1]) } catch { fail("\(error)") }
  exit(0)
}

var sizes = [1000, 20000, 150000]
var work = FileManager.default.temporaryDirectory.appendingPathComponent("camgap-bench").path
var naiveMax = 150000
var buildings = false
var runs = 3
var registry = false
var province = false
var perCity = 150_000
var buildingCount: [String] = []
var i = 0
while i < args.count {
  switch args[i] {
  case "--sizes":
    i += 1
    sizes = args[i].split(separator: ",").compactMap { Int($0) }
  case "--work":
    i += 1
    work = args[i]
  case "--naive-max":
    i += 1
    naiveMax = Int(args[i]) ?? 0
  case "--buildings": buildings = true
  case "--runs":
    i += 1
    runs = max(1, Int(args[i]) ?? 1)
  case "--registry": registry = true
  case "--province": province = true
  case "--cameras-per-city":
    i += 1
    perCity = max(1000, Int(args[i]) ?? 150_000)
  case "--building-count":
    i += 1
    buildingCount = ["--building-count", args[i]]
  default:
    fail(
      "usage: camgap-bench [--sizes 1000,20000,150000] [--work DIR] [--naive-max N] [--buildings] [--runs N] [--registry] | --province [--cameras-per-city N] [--building-count B]"
    )
  }
  i += 1
}

let camgap = binDir.appendingPathComponent("camgap")
let gen = binDir.appendingPathComponent("camgap-gen")
/// The audit `runs` times: median wall, the range, the largest peak memory, the last output.
@MainActor func audits(_ arguments: [String]) throws -> (
  median: Double, low: Double, high: Double, rssKB: Int, last: Run
) {
  var all: [Run] = []
  for _ in 0..<runs { all.append(try measure(camgap, arguments)) }
  let walls = all.map(\.wall).sorted()
  return (walls[walls.count / 2], walls[0], walls[walls.count - 1], all.map(\.maxRSSKB).max()!, all.last!)
}

@MainActor func wallText(_ a: (median: Double, low: Double, high: Double, rssKB: Int, last: Run)) -> String {
  runs == 1
    ? String(format: "%.2f s", a.median) : String(format: "%.2f s (%.2f–%.2f)", a.median, a.low, a.high)
}

/// A bundle made once by camgap-gen into `dir`.
func generated(_ dir: String, _ arguments: [String]) throws {
  if FileManager.default.fileExists(atPath: dir + "/districts.geojson") { return }
  _ = try measure(gen, arguments + ["--out", dir])
}

/// `from` without its buildings: every other file linked, so the cameras are the same.
func withoutBuildings(_ from: String, _ dir: String) throws {
  let fm = FileManager.default
  if fm.fileExists(atPath: dir + "/districts.geojson") { return }
  try fm.createDirectory(atPath: dir, withIntermediateDirectories: true)
  for f in try fm.contentsOfDirectory(atPath: from) where f != "buildings.geojson" {
    try fm.createSymbolicLink(atPath: dir + "/" + f, withDestinationPath: from + "/" + f)
  }
}

/// The buildings table: each bundle without buildings, with footprints (2-D) and with
/// heights (2.5-D).
@MainActor func buildingsTable() throws {
  // The dense city has as many buildings as a real one of its size (the issue's city:
  // 192,435 footprints for 150,000 cameras), ten times the generator's default.
  let dense = ["--building-count", "192435"]
  let bundles: [(name: String, gen: [String], count: [String])] = [
    ("town", ["town"], []),
    ("city", ["city", "--cameras", "150000", "--districts", "40"], buildingCount),
    ("dense city", ["city", "--cameras", "150000", "--districts", "40"], dense),
    ("province", ["province", "--cameras-per-city", String(perCity)], buildingCount),
  ]
  print(
    "| bundle | cameras | buildings | no buildings: wall (median of \(runs)) | peak RSS | 2-D: wall | peak RSS | 2.5-D: wall | peak RSS |"
  )
  print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
  for b in bundles {
    let base =
      "\(work)/\(b.name.replacingOccurrences(of: " ", with: "-"))" + (b.count.last.map { "-b\($0)" } ?? "")
    var dirs: [String?]
    if b.name == "town" {
      try generated(base, b.gen)
      dirs = [base, nil, nil]
    } else {
      try generated(base + "-2d", b.gen + ["--buildings"] + b.count)
      try generated(base + "-25d", b.gen + ["--buildings", "--heights"] + b.count)
      try withoutBuildings(base + "-2d", base + "-0")
      dirs = [base + "-0", base + "-2d", base + "-25d"]
    }
    var cameras = 0
    var buildings = 0
    var cells: [String] = []
    for dir in dirs {
      guard let dir else {
        cells += ["–", "–"]
        continue
      }
      let a = try audits(["audit", dir, "--format", "json"])
      let doc = try JSONSerialization.jsonObject(with: Data(a.last.stdout.utf8)) as! [String: Any]
      cameras = (doc["summary"] as! [String: Any])["cameras"] as! Int
      cells += [wallText(a), "\(a.rssKB / 1024) MiB"]
    }
    if let dir = dirs[1], let data = FileManager.default.contents(atPath: dir + "/buildings.geojson") {
      buildings =
        data.split(separator: UInt8(ascii: "\n")).filter {
          $0.starts(with: Array(#"{"type":"Feature""#.utf8))
        }.count
    }
    print("| \(b.name) | \(cameras) | \(buildings) | " + cells.joined(separator: " | ") + " |")
  }
}

if province {
  try buildingsTable()
  exit(0)
}

print(
  "| cameras | input | camgap audit wall (median of \(runs)) | peak RSS | global-union pipeline wall | peak RSS | ratio | covered m² (camgap / global) |"
)
print("|---:|---|---:|---:|---:|---:|---:|---|")
for n in sizes {
  let dir = "\(work)/city-\(n)\(buildings ? "-b" : "")"
  if !FileManager.default.fileExists(atPath: dir + "/districts.geojson") {
    let districts = max(1, min(12, n / 100))
    _ = try measure(
      gen,
      ["city", "--cameras", String(n), "--districts", String(districts), "--out", dir]
        + (buildings ? ["--buildings"] : []))
  }
  let a = try audits(["audit", dir, "--format", "json"])
  let doc = try JSONSerialization.jsonObject(with: Data(a.last.stdout.utf8)) as! [String: Any]
  let covered = (doc["summary"] as! [String: Any])["covered_m2"] as! Double
  let input = buildings ? "files, buildings" : "files"
  var row = "| \(n) | \(input) | \(wallText(a)) | \(a.rssKB / 1024) MiB |"
  if n <= naiveMax {
    let b = try measure(binDir.appendingPathComponent("camgap-bench"), ["naive", dir])
    let naiveCovered = Double(b.stdout.split(separator: " ").first ?? "") ?? .nan
    row +=
      " \(String(format: "%.2f s", b.wall)) | \(b.maxRSSKB / 1024) MiB | \(String(format: "%.1f×", b.wall / a.median)) | \(String(format: "%.1f / %.1f", covered, naiveCovered)) |"
  } else {
    row += " – | – | – | \(String(format: "%.1f", covered)) |"
  }
  print(row)
  if registry {
    let db = "\(dir)/registry.sqlite"
    try? FileManager.default.removeItem(atPath: db)
    let imp = try measure(camgap, ["registry", "import", dir + "/cameras.geojson", "--db", db])
    let r = try audits(["audit", dir, "--db", db, "--format", "json"])
    let rdoc = try JSONSerialization.jsonObject(with: Data(r.last.stdout.utf8)) as! [String: Any]
    let rcovered = (rdoc["summary"] as! [String: Any])["covered_m2"] as! Double
    print(
      "| \(n) | registry (`--db`; import \(String(format: "%.2f s", imp.wall))) | \(wallText(r)) | \(r.rssKB / 1024) MiB | – | – | – | \(String(format: "%.1f", rcovered)) |"
    )
  }
}
