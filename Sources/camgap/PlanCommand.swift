import ArgumentParser
import Audit
import Cameras
import Foundation
import Geometry
import Planning
import Reports
import Support

enum PlanFormat: String, ExpressibleByArgument {
  case table, json, geojson
}

struct PlanCommand: ParsableCommand {
  static let configuration = command(
    "plan",
    "Where to put the next N cameras for the most newly covered zone area (lazy greedy over candidate sites)."
  )

  @OptionGroup var source: BundleInput
  @OptionGroup var occlusion: OcclusionOptions

  @Option(name: .long, help: "At most this many new cameras (required unless --budget-cost).")
  var budget: Int?

  @Option(
    name: .customLong("budget-cost"),
    help: "At most this total cost (see --cost); best of greedy and best single camera.")
  var budgetCost: Double?

  @Option(
    name: .long,
    help:
      "Cost of a camera by site source, SOURCE=C (repeatable): pole (--sites), new (every generated site), or road, boundary, wall, grid. Default 1 each."
  )
  var cost: [String] = []

  @Option(
    name: .customLong("max-per-site"),
    help: "At most this many cameras on one site (default 2: back to back).")
  var maxPerSite = 2

  @Option(
    name: .long,
    help:
      "Poles and lamp posts where cameras can go (points, any vector format: id, kind, fov, range, resolution, heading, cost), preferred over new sites."
  )
  var sites: String?

  @Option(
    name: .long,
    help:
      "Only these candidate sites (points as for --sites). Default: --sites, then roads, zone boundaries, building walls and a grid inside the gaps."
  )
  var candidates: String?

  @Option(name: .long, help: "Metres between generated sites along roads (default 25).")
  var spacing: Double = 25

  @Option(
    name: .customLong("heading-step"),
    help: "Degrees between headings tried for directional cameras (default 30).")
  var headingStep: Double = 30

  @Option(name: .long, help: "Kind of the new cameras: fixed, dome, ptz or panoramic (default fixed).")
  var kind: String = "fixed"

  @Option(name: .long, help: "Field of view of the new cameras in degrees (default: the kind's).")
  var fov: Double?

  @Option(
    name: .long,
    help: "Range of the new cameras in metres (default: from --resolution at --dori, else the kind's).")
  var range: Double?

  @Option(
    name: .long, help: "Horizontal resolution of the new cameras in pixels; with --dori gives their range.")
  var resolution: Double?

  @Option(
    name: .long,
    help:
      "Weight of newly covered area in zones of a kind, KIND=W (repeatable; default key-site 2, others 1).")
  var weight: [String] = []

  @Flag(name: .customLong("beyond-target"), help: "Count zones already at target too (weight 0 otherwise).")
  var beyondTarget = false

  @Flag(
    name: .customLong("until-targets"),
    help: "Stop as soon as every zone meets its target (within the budget).")
  var untilTargets = false

  @Option(
    name: .customLong("id-prefix"),
    help: "Ids of the proposed cameras: this prefix and the rank (default PLAN-).")
  var idPrefix = "PLAN-"

  @Option(
    name: .long,
    help:
      "table, json or geojson (the proposals as planned cameras). Default: table on a terminal, json otherwise."
  )
  var format: PlanFormat?

  @OptionGroup var output: OutputFile

  @Option(
    name: .long,
    help: "Also write the proposals' footprints (after occlusion) as GeoJSON polygons to this file.")
  var footprints: String?

  func options() throws -> PlanOptions {
    guard budget != nil || budgetCost != nil else {
      throw UsageError(message: "give --budget N (cameras), --budget-cost X, or both")
    }
    if sites != nil && candidates != nil {
      throw UsageError(
        message: "--sites adds poles to the generated sites, --candidates replaces them: give one")
    }
    var o = PlanOptions(budget: budget ?? PlanOptions.unlimited)
    o.budgetCost = budgetCost
    o.maxPerSite = maxPerSite
    o.costs = try costs()
    o.audit = occlusion.applied(to: try source.bundle.auditOptions())
    o.untilTargets = untilTargets
    o.beyondTarget = beyondTarget
    o.headingStep = headingStep
    o.spacing = spacing
    o.idPrefix = idPrefix
    guard let k = CameraKind(rawValue: kind.lowercased()) else {
      throw UsageError(message: "--kind takes fixed, dome, ptz or panoramic, got \"\(kind)\"")
    }
    o.camera = NewCameraSpec(kind: k, fov: fov, range: range, resolution: resolution)
    for spec in weight {
      let parts = spec.split(separator: "=", maxSplits: 1).map(String.init)
      guard parts.count == 2, let zk = ZoneKind(rawValue: parts[0].lowercased()), let w = Double(parts[1]),
        w >= 0, w.isFinite
      else {
        throw UsageError(
          message:
            "--weight takes KIND=W with KIND one of \(ZoneKind.allCases.map(\.rawValue).joined(separator: ", ")) and W ≥ 0, got \"\(spec)\""
        )
      }
      o.weights[zk] = w
    }
    if isatty(2) == 1 {
      o.log = { line in FileHandle.standardError.write((SafeText.visible(line) + "\n").data(using: .utf8)!) }
    }
    return o
  }

  func costs() throws -> SiteCosts {
    var c = SiteCosts()
    for spec in cost {
      let parts = spec.split(separator: "=", maxSplits: 1).map(String.init)
      let key = parts.first?.lowercased() ?? ""
      guard parts.count == 2, let v = Double(parts[1]), v > 0, v.isFinite,
        key == "new" || SiteSource(rawValue: key) != nil
      else {
        throw UsageError(
          message:
            "--cost takes SOURCE=C with SOURCE one of pole, new, road, boundary, wall, grid and C > 0, got \"\(spec)\""
        )
      }
      if key == "new" {
        c.new = v
      } else if key == "pole" {
        c.pole = v
      } else {
        c.bySource[SiteSource(rawValue: key)!] = v
      }
    }
    return c
  }

  func run() throws {
    let o = try options()
    do { try o.validate() } catch let e as PlanError { throw UsageError(message: e.description) }
    let given = try (candidates ?? sites).map { try CandidateSites.read(path: $0) }
    let input = try source.bundle.load(source.dir)
    let result = try Planner.plan(input, sites: given, onlyGiven: candidates != nil, options: o)
    let fmt = format ?? (isatty(1) == 1 && output.out == nil ? .table : .json)
    let text: String
    switch fmt {
    case .table: text = PlanReport.table(result)
    case .json: text = PlanReport.json(result)
    case .geojson: text = PlanReport.geojson(result)
    }
    var inputs = source.bundle.inputs(of: source.dir)
    if let file = candidates ?? sites { inputs.add(file) }
    try emit(text, to: output.out, protecting: inputs)
    if let footprints { try emit(PlanReport.footprints(result), to: footprints, protecting: inputs) }
  }
}
