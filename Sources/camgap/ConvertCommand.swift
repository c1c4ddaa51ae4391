import ArgumentParser
import Cameras
import Formats
import Foundation
import Geometry
import Support

/// `camgap convert IN OUT`: any file OGR reads, in any CRS, to camgap's own WGS84 GeoJSON
/// (or to a GeoPackage, Shapefile or FlatGeobuf in EPSG:4326) — the same reading an audit
/// does, so a planner can see exactly what camgap made of a file.
struct ConvertCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "convert",
    abstract:
      "Read any vector file GDAL reads (Shapefile, GeoPackage, XLSX, CSV, …) and write WGS84 GeoJSON, or .gpkg/.shp/.fgb."
  )

  static let roles = ["cameras", "districts", "zones", "roads", "buildings"]

  @Argument(help: "Input file; FILE.gpkg:LAYER names a layer of a GeoPackage.")
  var input: String

  @Argument(help: "Output file: .gpkg, .shp or .fgb are written through GDAL, anything else as GeoJSON.")
  var output: String

  @Option(name: .long, help: "The bundle layer the file holds (cameras, districts, zones, roads, buildings).")
  var layer: String?

  @Option(name: .customLong("source-crs"), help: "The file's CRS: EPSG:n, WKT, a PROJ string, gcj02 or bd09.")
  var sourceCRS: String?

  func validate() throws {
    if let layer, !Self.roles.contains(layer) {
      throw ValidationError("--layer must be one of \(Self.roles.joined(separator: ", ")), got \"\(layer)\"")
    }
  }

  func run() throws {
    Timing.mark("convert")
    var (fc, info) = try OGRLayerReader.read(path: input, sourceCRS: sourceCRS, role: layer)
    if let datum = info.crs.chineseDatum { fc.features = fc.features.map { Self.toWGS84($0, from: datum) } }
    if let columns = info.positionColumns {
      SafeOutput.writeStandardError(
        "camgap: \(fc.file): positions taken from columns \(columns.x), \(columns.y)\n")
    }
    var warnings = fc.warnings
    let name = layer ?? info.layer
    let driver = Self.driver(for: output)
    if let driver {
      try Self.refuseOverwriting(input: input, output: output)
      warnings += try OGRVectorWriter.write(
        [FeatureCollectionExport.layer(fc, name: name)], to: output, driver: driver)
    } else {
      try emit(
        FeatureCollectionExport.geoJSON(fc, name: name), to: output, protecting: .init([Self.file(of: input)])
      )
    }
    for w in warnings { SafeOutput.writeStandardError("camgap: warning: \(w)\n") }
  }

  static func driver(for path: String) -> String? {
    switch URL(fileURLWithPath: path).pathExtension.lowercased() {
    case "gpkg": return "GPKG"
    case "shp": return "ESRI Shapefile"
    case "fgb": return "FlatGeobuf"
    default: return nil
    }
  }

  /// The file part of `FILE.gpkg:LAYER`.
  static func file(of input: String) -> String {
    if FileManager.default.fileExists(atPath: input) { return input }
    guard let colon = input.lastIndex(of: ":") else { return input }
    return String(input[..<colon])
  }

  /// The output rules of SPEC §3 for a file GDAL writes: never the input (by device and
  /// inode, so another path to it is caught), never a link, device or directory.
  static func refuseOverwriting(input: String, output: String) throws {
    var out = stat()
    guard lstat(output, &out) == 0 else { return }
    guard (out.st_mode & S_IFMT) == S_IFREG else {
      throw OutputError(
        path: output, reason: "not a regular file; camgap replaces only files it can rename over")
    }
    var inp = stat()
    if stat(file(of: input), &inp) == 0, inp.st_dev == out.st_dev, inp.st_ino == out.st_ino {
      throw OutputError(path: output, reason: "it is the input of this run")
    }
  }

  static func toWGS84(_ f: Feature, from datum: ChineseDatum) -> Feature {
    func p(_ q: XY) -> XY {
      let w =
        datum == .gcj02
        ? ChineseCoordinates.gcj02ToWGS84(lon: q.x, lat: q.y)
        : ChineseCoordinates.bd09ToWGS84(lon: q.x, lat: q.y)
      return XY(w.lon, w.lat)
    }
    var out = f
    switch f.geometry {
    case .point(let q): out.geometry = .point(p(q))
    case .multiPoint(let ps): out.geometry = .multiPoint(ps.map(p))
    case .lineString(let ps): out.geometry = .lineString(ps.map(p))
    case .multiLineString(let ls): out.geometry = .multiLineString(ls.map { $0.map(p) })
    case .polygon(let rs): out.geometry = .polygon(rs.map { $0.map(p) })
    case .multiPolygon(let m): out.geometry = .multiPolygon(m.map { $0.map { $0.map(p) } })
    case nil: break
    }
    return out
  }
}
