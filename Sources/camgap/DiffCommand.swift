import ArgumentParser
import Cameras
import Foundation
import Geometry
import Reports
import Support

enum DiffFormat: String, ExpressibleByArgument {
  case table, json
}

struct DiffCommand: ParsableCommand {
  static let configuration = command(
    "diff",
    "What changed between two audits: zones improved or worsened, gaps opened and closed, cameras added, removed or offline."
  )

  @Argument(help: "The earlier audit (`camgap audit --format json`).")
  var old: String

  @Argument(help: "The later audit.")
  var new: String

  @Option(
    name: .customLong("old-gaps"),
    help: "Gaps GeoJSON of the earlier audit (`audit --format geojson` or `--gaps FILE`).")
  var oldGaps: String?

  @Option(name: .customLong("new-gaps"), help: "Gaps GeoJSON of the later audit.")
  var newGaps: String?

  @Option(name: .customLong("old-cameras"), help: "Cameras file (GeoJSON or CSV) the earlier audit read.")
  var oldCameras: String?

  @Option(name: .customLong("new-cameras"), help: "Cameras file the later audit read.")
  var newCameras: String?

  @Option(name: .long, help: "table or json. Default: table on a terminal, json otherwise.")
  var format: DiffFormat?

  @OptionGroup var output: OutputFile

  func validate() throws {
    if (oldGaps == nil) != (newGaps == nil) {
      throw ValidationError("--old-gaps and --new-gaps go together")
    }
    if (oldCameras == nil) != (newCameras == nil) {
      throw ValidationError("--old-cameras and --new-cameras go together")
    }
  }

  func run() throws {
    var a = try AuditSnapshot.read(path: old)
    var b = try AuditSnapshot.read(path: new)
    if let oldGaps, let newGaps {
      try a.attachGaps(path: oldGaps)
      try b.attachGaps(path: newGaps)
    }
    var ca: [Camera]?
    var cb: [Camera]?
    if let oldCameras, let newCameras {
      ca = try CameraReader.read(path: oldCameras).cameras
      cb = try CameraReader.read(path: newCameras).cameras
    }
    let diff = try AuditDiff.compare(old: a, new: b, oldCameras: ca, newCameras: cb)
    let fmt = format ?? (isatty(1) == 1 && output.out == nil ? .table : .json)
    switch fmt {
    case .table:
      try emit(
        DiffReport.table(diff, oldName: a.file, newName: b.file), to: output.out,
        protecting: SafeOutput.Protected(
          [old, new] + [oldGaps, newGaps, oldCameras, newCameras].compactMap { $0 }))
    case .json:
      try emit(
        DiffReport.json(diff), to: output.out,
        protecting: SafeOutput.Protected(
          [old, new] + [oldGaps, newGaps, oldCameras, newCameras].compactMap { $0 }))
    }
  }
}
