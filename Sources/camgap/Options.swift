import ArgumentParser
import Audit
import Cameras
import Formats
import Foundation
import Geometry
import Support

extension DORI: ExpressibleByArgument {}
extension UnknownHeadingPolicy: ExpressibleByArgument {}
extension InputCRS: ExpressibleByArgument {}

/// Options every command that reads a bundle shares.
struct BundleOptions: ParsableArguments {
  @Option(
    name: .long,
    help: "Cameras file to use instead of the bundle's (GeoJSON, CSV or a GB/T 28181 catalogue .xml).")
  var cameras: String?

  @Option(name: .long, help: "Manifest to follow instead of the bundle's camgap.toml.")
  var manifest: String?

  @Option(
    name: .long,
    help: ArgumentHelp(
      "Which source field is a camgap field, LAYER.FIELD=SOURCE (repeatable; over the manifest).",
      valueName: "LAYER.FIELD=SOURCE"))
  var field: [String] = []

  @Option(name: .long, help: "Take the cameras from this registry (camgap registry) instead of a file.")
  var db: String?

  @Option(name: .long, help: "Metric CRS (EPSG:n), default the UTM zone of the districts' centre.")
  var crs: String?

  @Option(
    name: .customLong("input-crs"),
    help: "Coordinates of the cameras as taken from a Chinese web map: wgs84, gcj02 or bd09.")
  var inputCRS: InputCRS = .wgs84

  @Flag(name: .customLong("input-crs-all"), help: "Convert districts, zones, roads and buildings too.")
  var inputCRSAll = false

  @Option(
    name: .customLong("source-crs"),
    help:
      "A layer's CRS, LAYER=CRS (repeatable): EPSG:n, WKT, a PROJ string, gcj02 or bd09; over the manifest's and the file's own."
  )
  var sourceCRS: [String] = []

  @Option(
    name: .long, help: "DORI level for cameras that give a resolution: detect, observe, recognise, identify.")
  var dori: DORI = .observe

  @Option(
    name: .customLong("unknown-heading"),
    help: "Directional cameras without a heading: none (cover nothing) or disc (360°).")
  var unknownHeading: UnknownHeadingPolicy = .none

  @Option(
    name: .customLong("default-range"), help: "Override a kind's default range, KIND=METRES (repeatable).")
  var defaultRange: [String] = []

  @Option(name: .long, help: "Audit the network as of this date (YYYY-MM-DD).")
  var on: String?

  @Flag(name: .customLong("include-planned"), help: "Let planned cameras cover too.")
  var includePlanned = false

  @Flag(name: .customLong("strict-ids"), help: "Check GB/T 28181 20-digit device codes.")
  var strictIDs = false

  // Taken unconditionally, so `--threads -1` is a value to refuse, not a missing one.
  @Option(name: .long, parsing: .unconditional, help: "Worker threads (default: all cores).")
  var threads: Int?

  @Option(
    name: .customLong("tile-size"),
    help: ArgumentHelp("Tile side in metres (default: from camera density).", visibility: .hidden))
  var tileSize: Double?

  func validate() throws {
    if let threads, threads < 1 { throw ValidationError("--threads must be ≥ 1, got \(threads)") }
  }

  /// The bundle as `BundleLoader` reads it, with every camera's range, given or derived at
  /// `--dori`, held to the field table's limit before any footprint is drawn.
  func load(_ dir: String) throws -> AuditInput {
    let input = try BundleLoader.load(directory: dir, options: resolvedLoadOptions())
    let own = (dir as NSString).appendingPathComponent("cameras.geojson")
    let file = db ?? cameras ?? (FileManager.default.fileExists(atPath: own) ? own : "cameras.csv")
    try checkRanges(input.cameras.map(\.camera), file: file)
    return input
  }

  func checkRanges(_ cams: [Camera], file: String) throws {
    let problems = Optics.rangeProblems(cams, dori: dori, file: (file as NSString).lastPathComponent)
    if !problems.isEmpty { throw InputErrors(grouping: problems, perField: CameraReadOptions().maxErrors) }
  }

  func loadOptions() throws -> LoadOptions {
    var o = LoadOptions()
    o.camerasPath = cameras
    o.manifest = try manifest.map { try Manifest.read(path: $0, names: CameraFields.manifestNames) }
    o.fieldOptions = try Manifest.fieldOptions(field, names: CameraFields.manifestNames)
    o.crs = crs
    o.inputCRS = inputCRS
    o.inputCRSAll = inputCRSAll
    o.cameraRead.strictIDs = strictIDs
    try applySourceCRS(to: &o)
    if let threads, threads >= 1 {
      o.threads = threads
      o.cameraRead.threads = threads
    }
    return o
  }

  /// `--source-crs LAYER=CRS`: the CRS a layer's file is in, over the manifest's and the
  /// file's own (SPEC §5).
  func applySourceCRS(to o: inout LoadOptions) throws {
    let layers = ["districts", "zones", "roads", "buildings", "cameras"]
    for spec in sourceCRS {
      let parts = spec.split(separator: "=", maxSplits: 1).map(String.init)
      guard parts.count == 2, layers.contains(parts[0]), !parts[1].isEmpty else {
        throw UsageError(
          message:
            "--source-crs takes LAYER=CRS with LAYER one of \(layers.joined(separator: ", ")) and CRS EPSG:n, WKT, a PROJ string, gcj02 or bd09, got \"\(spec)\""
        )
      }
      if parts[0] == "cameras" {
        if inputCRS != .wgs84 {
          throw UsageError(message: "give --input-crs or --source-crs cameras=…, not both")
        }
        o.cameraRead.sourceCRS = parts[1]
      } else {
        o.sourceCRS[parts[0]] = parts[1]
      }
    }
  }

  func auditOptions() throws -> AuditOptions {
    var o = AuditOptions()
    o.optics.dori = dori
    o.optics.unknownHeading = unknownHeading
    for spec in defaultRange {
      let parts = spec.split(separator: "=", maxSplits: 1).map(String.init)
      guard parts.count == 2, let kind = CameraKind(rawValue: parts[0].lowercased()),
        let m = Double(parts[1]), m > 0, m.isFinite
      else {
        throw UsageError(
          message:
            "--default-range takes KIND=METRES with KIND fixed, dome, ptz or panoramic and METRES > 0, got \"\(spec)\""
        )
      }
      o.optics.defaultRanges[kind] = m
    }
    if let on {
      guard let d = ISODate(on) else {
        throw UsageError(message: "--on takes a date YYYY-MM-DD, got \"\(on)\"")
      }
      o.on = d
    }
    o.includePlanned = includePlanned
    if let threads {
      guard threads >= 1 else { throw UsageError(message: "--threads must be ≥ 1") }
      o.threads = threads
    }
    if let tileSize {
      guard tileSize > 0, tileSize.isFinite else { throw UsageError(message: "--tile-size must be > 0") }
      o.tileSize = tileSize
    }
    if isatty(2) == 1 {
      o.progress = Progress.reporter()
    }
    return o
  }
}

/// The heights of 2.5-D occlusion (SPEC §2), for the commands that draw footprints.
struct OcclusionOptions: ParsableArguments {
  @Option(
    name: .customLong("level-height"),
    help: "Metres per storey for buildings that give building:levels and no height (default 3).")
  var levelHeight = 3.0

  @Option(
    name: .customLong("target-height"),
    help: "Height of what cameras must see, metres over the ground (default 0; 1.6 for faces).")
  var targetHeight = 0.0

  func validate() throws {
    guard levelHeight > 0, levelHeight.isFinite else {
      throw ValidationError("--level-height must be > 0 metres, got \(levelHeight)")
    }
    guard targetHeight >= 0, targetHeight.isFinite else {
      throw ValidationError("--target-height must be ≥ 0 metres, got \(targetHeight)")
    }
  }

  /// `options` with these heights.
  func applied(to options: AuditOptions) -> AuditOptions {
    var o = options
    o.levelHeight = levelHeight
    o.targetHeight = targetHeight
    return o
  }
}

/// Progress on stderr, only when stderr is a terminal and the run lasts over a second.
enum Progress {
  static func reporter() -> @Sendable (Int, Int) -> Void {
    let start = Date()
    return { done, total in
      let elapsed = Date().timeIntervalSince(start)
      guard elapsed > 1 else { return }
      let line = "\r\u{1B}[Ktiles \(done)/\(total)" + (done == total ? "\n" : "")
      FileHandle.standardError.write(line.data(using: .utf8)!)
    }
  }
}

/// Writes a result to --out or stdout (SPEC §3: never over an input of the run, never
/// replacing a device, pipe or link; a failed write is exit 1 with the path and reason).
func emit(_ text: String, to path: String?, protecting inputs: SafeOutput.Protected = .init()) throws {
  if let path {
    try SafeOutput.write(text, to: path, protecting: inputs)
  } else {
    try SafeOutput.writeStandardOutput(text)
  }
}

/// Prints one line of a command's result on stdout; a failed write is exit 1 (SPEC §3).
func say(_ line: String) throws {
  try SafeOutput.writeStandardOutput(line + "\n")
}

extension BundleOptions {
  /// The files an audit of `dir` reads, which its outputs must not overwrite.
  func inputs(of dir: String) -> SafeOutput.Protected {
    var p = SafeOutput.Protected()
    p.addBundle(dir)
    if let cameras { p.add(cameras) }
    if let manifest { p.add(manifest) }
    if let db { p.addRegistry(db) }
    return p
  }
}
