import ArgumentParser
import Audit
import Foundation
import Geometry
import Reports
import Support

enum OutputFormat: String, ExpressibleByArgument {
  case table, json, geojson, csv, html, gpkg
}

struct AuditCommand: ParsableCommand {
  static let configuration = command("audit", "Coverage and gaps of districts and zones (SPEC §2).")

  @OptionGroup var source: BundleInput
  @OptionGroup var occlusion: OcclusionOptions

  @Option(
    name: .long,
    help:
      "table, json, geojson (gap polygons), csv (one row per zone), html (map report) or gpkg (every layer, with --out). Default: table on a terminal, json otherwise."
  )
  var format: OutputFormat?

  @OptionGroup var output: OutputFile

  @Option(name: .customLong("min-gap-area"), help: "Drop gap parts smaller than this many m² (default 10).")
  var minGapArea: Double = 10

  @Option(
    name: .customLong("uncovered-roads"),
    help: "Also write the uncovered road stretches as GeoJSON lines to this file.")
  var uncoveredRoads: String?

  @Option(
    name: .customLong("gaps"),
    help:
      "Also write the gap polygons as GeoJSON to this file (for `camgap diff --old-gaps/--new-gaps`)."
  )
  var gapsFile: String?

  @Flag(name: .long, help: "Exit 3 when any zone misses its target.")
  var check = false

  @Option(
    name: .customLong("district-target"),
    help: "html: the coverage (0–1) each district should reach; without it district figures carry no verdict."
  )
  var districtTarget: Double?

  @Option(
    name: .long,
    help:
      "html: a basemap, as an XYZ tile URL template (https://tiles.example/{z}/{x}/{y}.png); none by default."
  )
  var tiles: String?

  @Option(name: .customLong("tiles-attribution"), help: "html: the attribution the basemap's owner asks for.")
  var tilesAttribution: String?

  @Option(
    name: .long,
    help:
      "html: planned cameras to draw and list in the zone atlas (a `camgap plan --format geojson` output).")
  var plan: String?

  func run() throws {
    guard minGapArea >= 0, minGapArea.isFinite else {
      throw UsageError(message: "--min-gap-area must be ≥ 0")
    }
    if let t = districtTarget, !(0...1).contains(t) {
      throw UsageError(message: "--district-target takes a fraction from 0 to 1, got \(t)")
    }
    let fmt = format ?? (isatty(1) == 1 && output.out == nil ? .table : .json)
    if fmt != .html && (plan != nil || tiles != nil || districtTarget != nil) {
      throw UsageError(message: "--plan, --tiles and --district-target apply to --format html")
    }
    // Checked before the audit: a missing map library or an output that cannot be written is
    // worth knowing in a second, not after a city's audit.
    let library = fmt == .html ? try loadMapLibrary() : nil
    if fmt == .gpkg { try checkGeoPackageTarget() }
    let input = try source.bundle.load(source.dir)
    var options = occlusion.applied(to: try source.bundle.auditOptions())
    options.minGapArea = minGapArea
    // The map draws every camera's footprint and every district and zone outline.
    if fmt == .html || fmt == .gpkg { options.keepFootprints = true }
    // The GeoPackage holds each district's covered public space as a layer.
    if fmt == .gpkg { options.keepCoverage = true }
    let result = try AuditEngine.run(input, options: options)
    let context =
      fmt == .html ? try MapContext.from(input, planPath: plan, optics: options.optics) : MapContext()
    if fmt == .html { Timing.mark("report: map context") }
    Parallel.releaseInBackground(consume input)
    Timing.mark("returned")
    let text: String
    switch fmt {
    case .table: text = TableReport.render(result)
    case .json: text = AuditJSON.render(result)
    case .geojson: text = GeoJSONWriter.gaps(result)
    case .csv: text = CSVReport.render(result)
    case .gpkg:
      try GeoPackageReport.write(result, to: output.out ?? "")
      text = ""
    case .html:
      var o = HTMLReport.Options()
      o.on = options.on?.description
      o.districtTarget = districtTarget
      o.tiles = tiles
      o.tilesAttribution = tilesAttribution
      o.library = library
      text = try HTMLReport.render(result, context: context, options: o)
    }
    Timing.mark("report")
    let inputs = source.bundle.inputs(of: source.dir)
    if fmt != .gpkg { try emit(text, to: output.out, protecting: inputs) }
    Timing.mark("written")
    if let gapsFile { try emit(GeoJSONWriter.gaps(result), to: gapsFile, protecting: inputs) }
    if let uncoveredRoads {
      try emit(GeoJSONWriter.uncoveredRoads(result), to: uncoveredRoads, protecting: inputs)
    }
    if check && result.summary.zonesBelowTarget > 0 {
      throw CheckFailed(
        message: "\(result.summary.zonesBelowTarget) of \(result.summary.zones) zones below target")
    }
  }
}

/// Leaflet for the HTML report; its absence is a usage error (exit 1) naming the package.
func loadMapLibrary() throws -> MapLibrary {
  do {
    return try MapLibrary.load()
  } catch let e as MapLibrary.Missing {
    throw UsageError(message: e.description)
  }
}

extension AuditCommand {
  /// `--format gpkg` writes a file (SPEC §4): `--out FILE.gpkg`, by `--out`'s rules.
  func checkGeoPackageTarget() throws {
    guard let out = output.out else {
      throw UsageError(message: "--format gpkg writes a GeoPackage file: give --out FILE.gpkg")
    }
    try SafeOutput.checkFileTarget(out, protecting: source.bundle.inputs(of: source.dir))
  }
}
