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
  static let configuration = CommandConfiguration(
    commandName: "entries",
    abstract: "Ring-control entry points (圈层查控): every road crossing of a district boundary, covered or not.")

  @Argument(help: "Audit bundle directory (needs roads.geojson).")
  var dir: String

  @OptionGroup var bundle: BundleOptions

  @Option(name: .long, help: "geojson (points, default), json or csv.")
  var format: EntriesFormat = .geojson

  @Option(name: .long, help: "Write to this file instead of stdout.")
  var out: String?

  func run() throws {
    let roads = (dir as NSString).appendingPathComponent("roads.geojson")
    var isDir: ObjCBool = false
    if FileManager.default.fileExists(atPath: dir, isDirectory: &isDir), isDir.boolValue,
      !FileManager.default.fileExists(atPath: roads)
    {
      throw InputError(
        file: roads, message: "missing: entry points are where roads cross district boundaries")
    }
    let input = try BundleLoader.load(directory: dir, options: try bundle.loadOptions())
    let result = try AuditEngine.run(input, options: try bundle.auditOptions())
    switch format {
    case .geojson: try emit(GeoJSONWriter.entries(result), to: out, protecting: bundle.inputs(of: dir))
    case .json: try emit(EntriesReport.json(result), to: out, protecting: bundle.inputs(of: dir))
    case .csv: try emit(EntriesReport.csv(result), to: out, protecting: bundle.inputs(of: dir))
    }
  }
}
