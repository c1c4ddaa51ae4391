import ArgumentParser
import Audit
import Cameras
import Foundation
import Geometry
import Registry
import Support

/// `camgap registry …`: the camera registry (a SQLite file through GRDB, or PostgreSQL). Each
/// subcommand sits in Sources/camgap/Registry/ and calls one `CameraRegistry` function.
struct RegistryCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "registry",
    abstract: "Keep the camera registry: import, edit with history, list, export.",
    discussion: """
      The registry is one SQLite file: --db PATH, else $CAMGAP_DB, else ./camgap.gpkg. \
      It is created with mode 0600. --db postgresql://… keeps it in PostgreSQL with PostGIS. Every write is one transaction and is recorded in the \
      history with --by (default $USER).
      """,
    subcommands: [
      RegistryInit.self, RegistryImport.self, RegistryAdd.self, RegistryUpdate.self, RegistryRetire.self,
      RegistryList.self, RegistryShow.self, RegistryHistory.self, RegistryExport.self,
    ])

}

/// `--db`, shared by every registry subcommand.
struct RegistryDBOption: ParsableArguments {
  @Option(
    name: .long,
    help: "Registry file, or a PostgreSQL URI postgresql://… (default: $CAMGAP_DB, else ./camgap.gpkg).")
  var db: String?

  var path: String { RegistryLocation.resolve(flag: db) }

  /// Opens the registry, mapping its failures to camgap's exit codes: a missing or foreign
  /// file and an unknown camera are bad input (2); a path that cannot be created or a
  /// registry locked past the busy timeout end with 1.
  func open(create: Bool, readOnly: Bool = false) throws -> any CameraRegistry {
    try registryErrors { try RegistryTarget.open(path, create: create, readOnly: readOnly) }
  }
}

func registryErrors<T>(_ body: () throws -> T) throws -> T {
  do {
    return try body()
  } catch let e as RegistryError {
    switch e {
    case .noRegistry(let path), .notARegistry(let path, _), .newerSchema(let path, _):
      throw InputError(file: path, message: String(e.description.dropFirst(path.count + 2)))
    case .unknownCamera(let id, let path):
      throw InputError(file: path, field: "id", message: "no camera \"\(id)\" in the registry")
    case .cannotCreate, .database:
      throw UsageError(message: e.description)
    case .changed:
      throw VersionConflict(message: e.description)
    }
  }
}

/// Who and why, for the history of every write.
struct AuthorOptions: ParsableArguments {
  @Option(name: .long, help: "Who the history names (default: $USER).")
  var by: String?

  @Option(name: .long, help: "A note kept with the history entries (work order, reason).")
  var note: String?

  var name: String { Self.userName(by) }

  static func userName(_ by: String?) -> String {
    if let by, !by.isEmpty { return by }
    if let u = ProcessInfo.processInfo.environment["USER"], !u.isEmpty { return u }
    if let pw = getpwuid(getuid()), let n = pw.pointee.pw_name { return String(cString: n) }
    return "uid \(getuid())"
  }

  @Option(
    name: .customLong("if-version"),
    help: "Refuse (exit 4) unless the camera is still at this version (`registry show` prints it).")
  var ifVersion: Int?

  func edit(strictIDs: Bool = false) -> EditOptions {
    EditOptions(by: name, note: note, strictIDs: strictIDs, ifVersion: ifVersion)
  }
}

/// The camera fields of SPEC §1 as options, for `add` and `update`. Values stay text so that
/// they are checked, and refused, in the same words as a file's.
struct CameraFieldOptions: ParsableArguments {
  @Option(help: "Name.") var name: String?
  @Option(help: "Longitude, WGS84 degrees.") var lon: String?
  @Option(help: "Latitude, WGS84 degrees.") var lat: String?
  @Option(help: "fixed, dome, ptz or panoramic.") var kind: String?
  @Option(help: "Degrees from true north, or an OSM direction (\"305;175;240\", \"243-288\", \"SE\").")
  var heading: String?
  @Option(help: "Horizontal field of view, degrees (0, 360].") var fov: String?
  @Option(help: "Range in metres.") var range: String?
  @Option(help: "Horizontal resolution in pixels.") var resolution: String?
  @Option(name: .customLong("min-range"), help: "Blind zone at the camera's foot, metres.") var minRange:
    String?
  @Option(help: "Mount height, metres.") var height: String?
  @Option(help: "Tilt below horizontal, degrees.") var tilt: String?
  @Option(name: .customLong("class"), help: "Point class 1, 2 or 3.") var cameraClass: String?
  @Option(help: "active, offline, maintenance, retired or planned.") var status: String?
  @Option(help: "Installation date YYYY-MM-DD.") var installed: String?
  @Option(help: "Removal date YYYY-MM-DD.") var removed: String?

  var values: [CameraField: String] {
    let pairs: [(CameraField, String?)] = [
      (.name, name), (.lon, lon), (.lat, lat), (.kind, kind), (.heading, heading), (.fov, fov),
      (.range, range),
      (.resolution, resolution), (.minRange, minRange), (.height, height), (.tilt, tilt),
      (.cameraClass, cameraClass),
      (.status, status), (.installed, installed), (.removed, removed),
    ]
    var out: [CameraField: String] = [:]
    for (f, v) in pairs { if let v { out[f] = v } }
    return out
  }
}

/// `--district CODE` or `--districts FILE` for writes.
struct DistrictOptions: ParsableArguments {
  @Option(name: .long, help: "Set the district code for `list --district`.")
  var district: String?

  @Option(
    name: .long, help: "Districts GeoJSON (SPEC §1): give each camera the code of the district it stands in.")
  var districts: String?

  func choice() throws -> DistrictChoice {
    if district != nil && districts != nil {
      throw UsageError(message: "give --district or --districts, not both")
    }
    if let district { return .set(district.isEmpty ? nil : district) }
    if let districts { return .lookup(try DistrictIndex(path: districts)) }
    return .keep
  }
}

/// Filters of `list` and `export`.
struct FilterOptions: ParsableArguments {
  @Option(
    name: .long,
    help:
      "Cameras whose district code starts with this (the district given at import, else the first 6 digits of a GB/T 28181 id)."
  )
  var district: String?

  @Option(name: .long, help: "Kind (repeatable).") var kind: [String] = []
  @Option(name: .customLong("class"), help: "Class 1, 2 or 3 (repeatable).") var cameraClass: [Int] = []
  @Option(name: .long, help: "Status (repeatable).") var status: [String] = []

  func filter() throws -> CameraFilter {
    var f = CameraFilter(districtPrefix: district)
    for k in kind {
      guard let v = CameraKind(rawValue: k.lowercased()) else {
        throw UsageError(message: "--kind takes fixed, dome, ptz or panoramic, got \"\(k)\"")
      }
      f.kinds.append(v)
    }
    for c in cameraClass {
      guard (1...3).contains(c) else { throw UsageError(message: "--class takes 1, 2 or 3, got \(c)") }
      f.classes.append(c)
    }
    for s in status {
      guard let v = CameraStatus(rawValue: s.lowercased()) else {
        throw UsageError(
          message: "--status takes active, offline, maintenance, retired or planned, got \"\(s)\"")
      }
      f.statuses.append(v)
    }
    return f
  }
}

extension BundleOptions {
  /// `loadOptions()`, with the cameras taken from the registry when `--db` is given.
  func resolvedLoadOptions() throws -> LoadOptions {
    var o = try loadOptions()
    if let db {
      if cameras != nil { throw UsageError(message: "give --cameras or --db, not both") }
      // The registry holds WGS84 only (imports convert), so converting again would move
      // every camera by the datum shift.
      if inputCRS != .wgs84 {
        throw UsageError(message: "--input-crs does not apply to --db: the registry holds WGS84 coordinates")
      }
      let store = try registryErrors { try RegistryTarget.open(db, create: false, readOnly: true) }
      Timing.mark("registry: open")
      o.cameras = try registryErrors { try store.cameras() }
      Timing.mark("registry: cameras")
    }
    return o
  }
}
