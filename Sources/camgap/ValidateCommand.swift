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
      let input = try bundle.load(path)
      try say(
        "ok: \(input.districts.count) districts, \(input.zones.count) zones, \(input.roads.count) roads, \(input.buildings.count) buildings, \(input.cameras.count) cameras (\(input.crs))"
      )
      for w in input.warnings { try say("warning: \(SafeText.visible(w))") }
      return
    }
    let name = (path as NSString).lastPathComponent.lowercased()
    if name.hasPrefix("districts") {
      try validateDistricts()
      return
    }
    if !name.hasSuffix(".csv") && !name.hasPrefix("cameras") {
      // A file of points is a camera file whatever its name: check every camera field.
      let fc = try GeoJSONReader.read(path: path)
      let points = fc.features.allSatisfy {
        if case .point? = $0.geometry { return true } else { return false }
      }
      guard points && !fc.features.isEmpty else {
        try say("ok: \(fc.features.count) features")
        for w in fc.warnings { try say("warning: \(SafeText.visible(w))") }
        return
      }
    }
    // The audit's own reading of cameras, and its range check at --dori.
    let f = try CameraReader.read(path: path, options: bundle.loadOptions().cameraRead)
    try bundle.checkRanges(f.cameras, file: path)
    try say(
      "ok: \(f.cameras.count) cameras\(f.skippedNonCameras > 0 ? ", \(f.skippedNonCameras) non-camera nodes skipped" : "")"
    )
    for w in f.warnings { try say("warning: \(SafeText.visible(w))") }
  }

  /// A districts file goes through the audit's whole reading of districts (parse, metric
  /// plane, repair), as the only area file of a bundle with no cameras; messages name the
  /// file as given.
  func validateDistricts() throws {
    let fm = FileManager.default
    let dir = fm.temporaryDirectory.appendingPathComponent("camgap-validate-\(getpid())")
    try fm.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? fm.removeItem(at: dir) }
    let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
    try fm.createSymbolicLink(
      atPath: dir.appendingPathComponent("districts.geojson").path, withDestinationPath: absolute)
    var o = bundle.loadOptions()
    o.cameras = []
    let file = (path as NSString).lastPathComponent
    func named(_ e: InputError) -> InputError {
      var e = e
      if e.file == "districts.geojson" { e.file = file }
      return e
    }
    let input: AuditInput
    do {
      input = try BundleLoader.load(directory: dir.path, options: o)
    } catch let e as InputError {
      throw named(e)
    } catch let e as InputErrors {
      throw InputErrors(e.errors.map(named))
    }
    try say("ok: \(input.districts.count) districts (\(input.crs))")
    for w in input.warnings {
      let w = w.hasPrefix("districts.geojson:") ? file + w.dropFirst("districts.geojson".count) : w
      try say("warning: \(SafeText.visible(w))")
    }
  }
}
