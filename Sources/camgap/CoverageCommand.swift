import ArgumentParser
import Audit
import Foundation
import Geometry
import Reports

struct CoverageCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "coverage", abstract: "Camera footprints (after occlusion) as GeoJSON.")

  @Argument(help: "Audit bundle directory.")
  var dir: String

  @OptionGroup var bundle: BundleOptions

  @Option(name: .long, help: "Write to this file instead of stdout.")
  var out: String?

  func run() throws {
    let input = try BundleLoader.load(directory: dir, options: bundle.resolvedLoadOptions())
    var options = try bundle.auditOptions()
    options.keepFootprints = true
    let result = try AuditEngine.run(input, options: options)
    try emit(GeoJSONWriter.footprints(result), to: out)
  }
}
