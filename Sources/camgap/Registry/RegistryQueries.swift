import ArgumentParser
import Foundation
import Registry
import Support

enum ListFormat: String, ExpressibleByArgument {
  case table, json, csv
}

enum ExportFormat: String, ExpressibleByArgument {
  case geojson, csv
}

struct RegistryList: ParsableCommand {
  static let configuration = command("list", "List cameras, sorted by id, with filters.")

  @OptionGroup var filter: FilterOptions
  @OptionGroup var store: RegistryDBOption

  @Option(name: .long, help: "table, json or csv (with a district column).")
  var format: ListFormat = .table

  func run() throws {
    let f = try filter.filter()
    let registry = try store.open(create: false, readOnly: true)
    let records = try registryErrors { try registry.records(f) }
    switch format {
    case .table: try emit(RegistryFormat.table(records), to: nil)
    case .json: try emit(RegistryFormat.json(records), to: nil)
    case .csv: try emit(RegistryFormat.csv(records, district: true), to: nil)
    }
  }
}

struct RegistryShow: ParsableCommand {
  static let configuration = command("show", "Show one camera.")

  @OptionGroup var camera: RegistryCamera

  @Option(name: .long, help: "table or json.")
  var format: ListFormat = .table

  func run() throws {
    if format == .csv { throw UsageError(message: "show prints table or json") }
    let registry = try camera.store.open(create: false, readOnly: true)
    let rec = try registryErrors { try registry.record(id: camera.id) }
    let version = try registryErrors { try registry.version(of: camera.id) }
    if format == .json {
      try emit(RegistryFormat.detailJSON(rec, version: version), to: nil)
    } else {
      let n = try registryErrors { try registry.history(id: camera.id).count }
      try emit(RegistryFormat.detail(rec, historyEntries: n, version: version), to: nil)
    }
  }
}

struct RegistryHistory: ParsableCommand {
  static let configuration = command("history", "Who changed what and when for one camera, oldest first.")

  @OptionGroup var camera: RegistryCamera

  @Option(name: .long, help: "table, json or csv.")
  var format: ListFormat = .table

  func run() throws {
    let registry = try camera.store.open(create: false, readOnly: true)
    let entries = try registryErrors { try registry.history(id: camera.id) }
    switch format {
    case .table: try emit(RegistryFormat.historyTable(entries), to: nil)
    case .json: try emit(RegistryFormat.historyJSON(entries), to: nil)
    case .csv: try emit(RegistryFormat.historyCSV(entries), to: nil)
    }
  }
}

struct RegistryExport: ParsableCommand {
  static let configuration = command(
    "export", "Write the cameras as GeoJSON or CSV, sorted by id; the file imports back unchanged.")

  @OptionGroup var filter: FilterOptions
  @OptionGroup var store: RegistryDBOption

  @Option(name: .long, help: "geojson or csv.")
  var format: ExportFormat = .geojson

  @OptionGroup var output: OutputFile

  func run() throws {
    let f = try filter.filter()
    let registry = try store.open(create: false, readOnly: true)
    let records = try registryErrors { try registry.records(f) }
    let text = format == .geojson ? RegistryFormat.geojson(records) : RegistryFormat.csv(records)
    var inputs = SafeOutput.Protected()
    inputs.addRegistry(store.path)
    try emit(text, to: output.out, protecting: inputs)
  }
}
