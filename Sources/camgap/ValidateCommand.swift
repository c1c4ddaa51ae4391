import ArgumentParser
import Audit
import Cameras
import Formats
import Foundation
import Geometry
import Support

struct ValidateCommand: ParsableCommand {
  static let configuration = command(
    "validate", "Check a bundle or one file without auditing; exit 2 on the first bad input.")

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
        "ok: \(input.districts.count) districts, \(input.zones.count) zones, \(input.roads.count) roads, \(input.buildings.count) buildings, \(input.cameras.count) cameras (\(input.measuredCRS))"
      )
      for w in input.warnings { try say("warning: \(SafeText.visible(w))") }
      return
    }
    let name = (path as NSString).lastPathComponent.lowercased()
    if let layer = ["districts", "zones", "roads", "buildings"].first(where: { name.hasPrefix($0) }) {
      try validateLayer(layer)
      return
    }
    let ext = (path as NSString).pathExtension.lowercased()
    if (ext == "geojson" || ext == "json") && !name.hasPrefix("cameras") {
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
    let f = try CameraSource.read(
      path: path, manifest: try fileManifest()[.cameras], options: bundle.loadOptions().cameraRead)
    try bundle.checkRanges(f.cameras, file: path)
    try say(
      "ok: \(f.cameras.count) cameras\(f.skippedNonCameras > 0 ? ", \(f.skippedNonCameras) non-camera nodes skipped" : "")"
    )
    for w in f.warnings { try say("warning: \(SafeText.visible(w))") }
  }

  /// An area file goes through the audit's whole reading of its layer (parse, metric plane,
  /// repair) as that layer of a bundle with no cameras; messages name the file as given.
  /// Zones, roads and buildings are read inside one district covering them all, so that
  /// only the checks between layers (a zone outside every district) are left out.
  func validateLayer(_ layer: String) throws {
    let fm = FileManager.default
    let dir = fm.temporaryDirectory.appendingPathComponent("camgap-validate-\(getpid())-\(UUID().uuidString)")
    try fm.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? fm.removeItem(at: dir) }
    let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
    let own = "\(layer).geojson"
    try fm.createSymbolicLink(atPath: dir.appendingPathComponent(own).path, withDestinationPath: absolute)
    if layer != "districts" {
      try Self.covering(try GeoJSONReader.read(path: path)).write(
        to: dir.appendingPathComponent("districts.geojson"), atomically: true, encoding: .utf8)
    }
    var o = try bundle.loadOptions()
    o.cameras = []
    let file = (path as NSString).lastPathComponent
    func named(_ e: InputError) -> InputError {
      var e = e
      if e.file == own { e.file = file }
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
    let counts = [
      "districts": input.districts.count, "zones": input.zones.count, "roads": input.roads.count,
      "buildings": input.buildings.count,
    ]
    try say("ok: \(counts[layer] ?? 0) \(layer) (\(input.crs))")
    for w in input.warnings {
      let w = w.hasPrefix(own + ":") ? file + w.dropFirst(own.count) : w
      try say("warning: \(SafeText.visible(w))")
    }
  }

  /// A districts file of one rectangle around every position of `fc`, 0.01° wider on each side.
  static func covering(_ fc: FeatureCollection) -> String {
    var box = BBox.empty
    for f in fc.features {
      switch f.geometry {
      case .point(let p)?: box.add(BBox(points: [p]))
      case .multiPoint(let ps)?, .lineString(let ps)?: box.add(BBox(points: ps))
      case .multiLineString(let ls)?, .polygon(let ls)?: box.add(BBox(points: Array(ls.joined())))
      case .multiPolygon(let ps)?: box.add(BBox(points: Array(ps.joined().joined())))
      case nil: break
      }
    }
    if box.isEmpty { box = BBox(points: [XY(0, 0)]) }
    let (x0, y0, x1, y1) = (box.minX - 0.01, box.minY - 0.01, box.maxX + 0.01, box.maxY + 0.01)
    return
      #"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"code":"validate","name":"validate"},"geometry":{"type":"Polygon","coordinates":[[[\#(x0),\#(y0)],[\#(x1),\#(y0)],[\#(x1),\#(y1)],[\#(x0),\#(y1)],[\#(x0),\#(y0)]]]}}]}"#
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
