import ArgumentParser
import Audit
import Foundation
import Geometry
import Reports

struct CoverageCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "coverage",
    abstract:
      "Coverage polygons as GeoJSON: per camera after blind zone and occlusion, per district, or in DORI bands."
  )

  @Argument(help: "Audit bundle directory.")
  var dir: String

  @OptionGroup var bundle: BundleOptions

  @Flag(name: .long, help: "One feature per district: the union of the footprints inside it.")
  var dissolve = false

  @Flag(
    name: .customLong("dori-bands"),
    help: "Nested identify/recognise/observe/detect footprints of cameras that give a resolution.")
  var doriBands = false

  @Option(name: .long, help: "Write to this file instead of stdout.")
  var out: String?

  func run() throws {
    if dissolve && doriBands { throw UsageError(message: "--dissolve and --dori-bands cannot be combined") }
    let input = try bundle.load(dir)
    var options = try bundle.auditOptions()
    if dissolve {
      options.keepCoverage = true
      let r = try AuditEngine.run(input, options: options)
      try emit(GeoJSONWriter.districtCoverage(r), to: out, protecting: bundle.inputs(of: dir))
    } else if doriBands {
      try emit(
        GeoJSONWriter.doriBands(try FootprintExport.doriBands(input, options: options)), to: out,
        protecting: bundle.inputs(of: dir))
    } else {
      var r = AuditResult(crs: input.crs)
      r.footprints = try FootprintExport.footprints(input, options: options)
      try emit(GeoJSONWriter.footprints(r), to: out, protecting: bundle.inputs(of: dir))
    }
  }
}
