import ArgumentParser
import Audit
import Foundation
import Geometry
import Reports

struct CoverageCommand: ParsableCommand {
  static let configuration = command(
    "coverage",
    "Coverage polygons as GeoJSON: per camera after blind zone and occlusion, per district, or in DORI bands."
  )

  @OptionGroup var source: BundleInput
  @OptionGroup var occlusion: OcclusionOptions

  @Flag(name: .long, help: "One feature per district: the union of the footprints inside it.")
  var dissolve = false

  @Flag(
    name: .customLong("dori-bands"),
    help: "Nested identify/recognise/observe/detect footprints of cameras that give a resolution.")
  var doriBands = false

  @OptionGroup var output: OutputFile

  func run() throws {
    if dissolve && doriBands { throw UsageError(message: "--dissolve and --dori-bands cannot be combined") }
    let input = try source.bundle.load(source.dir)
    var options = occlusion.applied(to: try source.bundle.auditOptions())
    if dissolve {
      options.keepCoverage = true
      let r = try AuditEngine.run(input, options: options)
      try emit(
        GeoJSONWriter.districtCoverage(r), to: output.out, protecting: source.bundle.inputs(of: source.dir))
    } else if doriBands {
      try emit(
        GeoJSONWriter.doriBands(try FootprintExport.doriBands(input, options: options)), to: output.out,
        protecting: source.bundle.inputs(of: source.dir))
    } else {
      var r = AuditResult(crs: input.crs)
      r.footprints = try FootprintExport.footprints(input, options: options)
      try emit(GeoJSONWriter.footprints(r), to: output.out, protecting: source.bundle.inputs(of: source.dir))
    }
  }
}
