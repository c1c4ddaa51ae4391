import ArgumentParser
import Audit
import Foundation
import Geometry
import Reports
import Support

enum EntriesFormat: String, ExpressibleByArgument {
  case geojson, json, csv
}

struct EntriesCommand: ParsableCommand {
  static let configuration = command(
    "entries", "Ring-control entry points (圈层查控): every road crossing of a district boundary, covered or not."
  )

  @OptionGroup var source: BundleInput
  @OptionGroup var occlusion: OcclusionOptions

  @Option(name: .long, help: "geojson (points, default), json or csv.")
  var format: EntriesFormat = .geojson

  @OptionGroup var output: OutputFile

  func run() throws {
    let roads = (source.dir as NSString).appendingPathComponent("roads.geojson")
    var isDir: ObjCBool = false
    if FileManager.default.fileExists(atPath: source.dir, isDirectory: &isDir), isDir.boolValue,
      !FileManager.default.fileExists(atPath: roads)
    {
      throw InputError(
        file: roads, message: "missing: entry points are where roads cross district boundaries")
    }
    let input = try source.bundle.load(source.dir)
    let result = try AuditEngine.run(input, options: occlusion.applied(to: try source.bundle.auditOptions()))
    switch format {
    case .geojson:
      try emit(
        GeoJSONWriter.entries(result), to: output.out, protecting: source.bundle.inputs(of: source.dir))
    case .json:
      try emit(EntriesReport.json(result), to: output.out, protecting: source.bundle.inputs(of: source.dir))
    case .csv:
      try emit(EntriesReport.csv(result), to: output.out, protecting: source.bundle.inputs(of: source.dir))
    }
  }
}
