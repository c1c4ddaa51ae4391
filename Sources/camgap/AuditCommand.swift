import ArgumentParser
import Audit
import Foundation
import Geometry
import Reports
import Support

enum OutputFormat: String, ExpressibleByArgument {
  case table, json, geojson, csv, html
}

struct AuditCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "audit", abstract: "Coverage and gaps of districts and zones (SPEC §2).")

  @Argument(help: "Audit bundle directory.")
  var dir: String

  @OptionGroup var bundle: BundleOptions

  @Option(
    name: .long,
    help:
      "table, json, geojson (gap polygons), csv (one row per zone) or html (map report). Default: table on a terminal, json otherwise."
  )
  var format: OutputFormat?

  @Option(name: .long, help: "Write the result to this file instead of stdout.")
  var out: String?

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

  func run() throws {
    guard minGapArea >= 0, minGapArea.isFinite else {
      throw UsageError(message: "--min-gap-area must be ≥ 0")
    }
    let input = try bundle.load(dir)
    var options = try bundle.auditOptions()
    options.minGapArea = minGapArea
    let fmt = format ?? (isatty(1) == 1 && out == nil ? .table : .json)
    // The map draws every camera's footprint and every district and zone outline.
    if fmt == .html { options.keepFootprints = true }
    let result = try AuditEngine.run(input, options: options)
    Parallel.releaseInBackground(consume input)
    Timing.mark("returned")
    let text: String
    switch fmt {
    case .table: text = TableReport.render(result)
    case .json: text = AuditJSON.render(result)
    case .geojson: text = GeoJSONWriter.gaps(result)
    case .csv: text = CSVReport.render(result)
    case .html:
      var o = HTMLReport.Options()
      o.on = options.on?.description
      text = HTMLReport.render(result, options: o)
    }
    Timing.mark("report")
    let inputs = bundle.inputs(of: dir)
    try emit(text, to: out, protecting: inputs)
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
