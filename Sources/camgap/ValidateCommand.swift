import ArgumentParser
import Audit
import Cameras
import Formats
import Foundation
import Geometry
import Support

struct ValidateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "validate",
    abstract: "Check a bundle or one file without auditing; exit 2 on the first bad input.")

  @Argument(help: "Audit bundle directory, or one file (cameras.csv, *.geojson).")
  var path: String

  @OptionGroup var bundle: BundleOptions

  func run() throws {
    var isDir: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else {
      throw InputError(file: path, message: "no such file or directory")
    }
    if isDir.boolValue {
      let input = try BundleLoader.load(directory: path, options: bundle.resolvedLoadOptions())
      try say(
        "ok: \(input.districts.count) districts, \(input.zones.count) zones, \(input.roads.count) roads, \(input.buildings.count) buildings, \(input.cameras.count) cameras (\(input.crs))"
      )
      for w in input.warnings { try say("warning: \(SafeText.visible(w))") }
      return
    }
    var o = CameraReadOptions()
    o.strictIDs = bundle.strictIDs
    func report(_ f: CameraFile) throws {
      try say(
        "ok: \(f.cameras.count) cameras\(f.skippedNonCameras > 0 ? ", \(f.skippedNonCameras) non-camera nodes skipped" : "")"
      )
      for w in f.warnings { try say("warning: \(SafeText.visible(w))") }
    }
    let cameras = try fileManifest()[.cameras]
    if path.lowercased().hasSuffix(".csv") || CatalogueReader.handles(path: path) {
      try report(try CameraSource.read(path: path, manifest: cameras, options: o))
      return
    }
    // A file of points is a camera file whatever its name: check every camera field.
    let fc = try GeoJSONReader.read(path: path)
    let points = fc.features.allSatisfy {
      if case .point? = $0.geometry { return true } else { return false }
    }
    let name = (path as NSString).lastPathComponent.lowercased()
    if (points && !fc.features.isEmpty) || name.hasPrefix("cameras") {
      try report(try CameraSource.read(path: path, manifest: cameras, options: o))
    } else {
      try say("ok: \(fc.features.count) features")
      for w in fc.warnings { try say("warning: \(SafeText.visible(w))") }
    }
  }
}

extension ValidateCommand {
  /// The manifest a single file is read with: `--manifest`, else the `camgap.toml` beside
  /// the file, with the `--field` options over it.
  func fileManifest() throws -> Manifest {
    let options = try bundle.loadOptions()
    let beside = ((path as NSString).deletingLastPathComponent as NSString).appendingPathComponent(
      Manifest.fileName)
    var base = options.manifest ?? Manifest()
    if options.manifest == nil, FileManager.default.fileExists(atPath: beside) {
      base = try Manifest.read(path: beside, names: CameraFields.manifestNames)
    }
    return try base.overridden(by: options.fieldOptions)
  }
}
