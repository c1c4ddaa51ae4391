import ArgumentParser
import Audit
import Foundation
import Geometry
import Reports

enum OutputFormat: String, ExpressibleByArgument {
  case table, json, geojson, csv
}

struct AuditCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "audit", abstract: "Coverage and gaps of districts and zones (SPEC §2).")

  @Argument(help: "Audit bundle directory.")
  var dir: String

  @OptionGroup var bundle: BundleOptions

  @Option(name: .long, help: "table, json, geojson (gap polygons) or csv (one row per zone). Default: table on a terminal, json otherwise.")
  var format: OutputFormat?

  @Option(name: .long, help: "Write the result to this file instead of stdout.")
  var out: String?

  @Option(name: .customLong("min-gap-area"), help: "Drop gap parts smaller than this many m² (default 10).")
  var minGapArea: Double = 10

  @Option(name: .customLong("uncovered-roads"), help: "Also write the uncovered road stretches as GeoJSON lines to this file.")
  var uncoveredRoads: String?

  @Flag(name: .long, help: "Exit 3 when any zone misses its target.")
  var check = false

  func run() throws {
    guard minGapArea >= 0, minGapArea.isFinite else { throw UsageError(message: "--min-gap-area must be ≥ 0") }
    let input = try BundleLoader.load(directory: dir, options: bundle.resolvedLoadOptions())
    var options = try bundle.auditOptions()
    options.minGapArea = minGapArea
    let result = try AuditEngine.run(input, options: options)
    let fmt = format ?? (isatty(1) == 1 && out == nil ? .table : .json)
    let text: String
    switch fmt {
    case .table: text = TableReport.render(result)
    case .json: text = AuditJSON.render(result)
    case .geojson: text = GeoJSONWriter.gaps(result)
    case .csv: text = CSVReport.render(result)
    }
    try emit(text, to: out)
    if let uncoveredRoads { try emit(GeoJSONWriter.uncoveredRoads(result), to: uncoveredRoads) }
    if check && result.summary.zonesBelowTarget > 0 {
      throw CheckFailed(message: "\(result.summary.zonesBelowTarget) of \(result.summary.zones) zones below target")
    }
  }
}
