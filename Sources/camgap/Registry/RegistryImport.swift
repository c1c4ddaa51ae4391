import ArgumentParser
import Cameras
import Formats
import Foundation
import Geometry
import Registry
import Support

struct RegistryImport: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "import",
    abstract: "Import cameras from GeoJSON, CSV or an OSM/Overpass export, all or nothing.",
    discussion: """
      Any bad record fails the whole import (exit 2, every problem listed, registry unchanged) \
      unless --skip-invalid, which lands the good records and writes the bad ones with their \
      reasons to --rejects. Records already in the registry with the same values are left \
      alone, so importing a file twice changes nothing; with other values they are conflicts \
      unless --upsert.
      """)

  @Argument(help: "Cameras file: .geojson/.json, .csv or a GB/T 28181 catalogue .xml.")
  var file: String

  @Option(name: .long, help: "Manifest whose [cameras] entry names the file's fields (camgap.toml).")
  var manifest: String?

  @Option(
    name: .long,
    help: ArgumentHelp(
      "Which source field is a camera field, cameras.FIELD=SOURCE (repeatable; over the manifest).",
      valueName: "cameras.FIELD=SOURCE"))
  var field: [String] = []

  @OptionGroup var store: RegistryDBOption

  @Flag(name: .customLong("skip-invalid"), help: "Import the good records; write the bad ones to --rejects.")
  var skipInvalid = false

  @Option(name: .long, help: "Where --skip-invalid writes the rejected records (same format as FILE).")
  var rejects: String?

  @Flag(name: .customLong("dry-run"), help: "Validate and count only; the registry is not touched.")
  var dryRun = false

  @Flag(name: .long, help: "Update records already in the registry whose values changed.")
  var upsert = false

  @Flag(
    name: .customLong("generate-ids"), help: "Give records without an id one from the file name and position."
  )
  var generateIDs = false

  @Flag(name: .customLong("strict-ids"), help: "Check GB/T 28181 20-digit device codes.")
  var strictIDs = false

  @Option(
    name: .customLong("input-crs"),
    help: "Datum of the file's coordinates: wgs84, gcj02 or bd09 (stored as WGS84).")
  var inputCRS: InputCRS = .wgs84

  @Option(name: .long, help: "Districts GeoJSON: give each camera the code of the district it stands in.")
  var districts: String?

  @Option(name: .long, help: "Who the history names (default: $USER).")
  var by: String?

  func validate() throws {
    if skipInvalid && rejects == nil {
      throw ValidationError(
        "--skip-invalid needs --rejects FILE: a rejected record is never dropped without a trace")
    }
    if rejects != nil && !skipInvalid {
      throw ValidationError("--rejects is only written with --skip-invalid")
    }
  }

  func run() throws {
    var o = ImportOptions()
    o.read.generateMissingIDs = generateIDs
    o.read.strictIDs = strictIDs
    o.skipInvalid = skipInvalid
    o.rejectsPath = rejects
    o.dryRun = dryRun
    o.upsert = upsert
    o.inputCRS = inputCRS
    o.by = AuthorOptions.userName(by)
    let names = CameraFields.manifestNames
    let base = try manifest.map { try Manifest.read(path: $0, names: names) } ?? Manifest()
    o.manifest = try base.overridden(by: try Manifest.fieldOptions(field, names: names))[.cameras]
    if let districts { o.districts = try DistrictIndex(path: districts) }
    if isatty(2) == 1 {
      o.progress = { step in FileHandle.standardError.write("\r\u{1B}[K\(step)…".data(using: .utf8)!) }
    }
    guard FileManager.default.fileExists(atPath: file) else {
      throw InputError(file: file, message: "no such file")
    }
    // A dry run against a registry that does not exist yet checks the file against an
    // empty one rather than creating the file.
    let registry =
      try dryRun && !registryErrors({ try RegistryTarget.exists(store.path) })
      ? try registryErrors { try RegistryStore.inMemory() } : try store.open(create: false)
    // The progress line has no newline: clear it before the summary or the error.
    let clear = { if o.progress != nil { FileHandle.standardError.write("\r\u{1B}[K".data(using: .utf8)!) } }
    let report: ImportReport
    do {
      report = try registryErrors { try registry.importFile(file, options: o) }
      clear()
    } catch {
      clear()
      throw error
    }
    for w in report.warnings { SafeOutput.writeStandardError("warning: \(SafeText.visible(w))\n") }
    try say(report.summary)
    if let rejects, skipInvalid {
      try say("rejected records: \(rejects)")
    }
  }
}
