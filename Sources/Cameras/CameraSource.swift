import Formats
import Foundation
import Geometry
import Support

extension CameraFields {
  /// The manifest's field names for every layer, the cameras' from this table.
  public static let manifestNames = ManifestFieldNames.areas(cameras: CameraField.allCases.map(\.rawValue))

  /// OSM tags the camera reader reads itself, by their own rules (`"-20"`, `"305;175;240"`,
  /// `panning`); renamed to the SPEC field they would be read as plain numbers and names.
  public static let readerNative: [String: [String]] = [
    "id": ["@id", "osm_id"], "heading": ["camera:direction", "direction"], "kind": ["camera:type"],
  ]

  /// The cameras' vocabulary for the field mapping: SPEC §5 aliases from the table. In
  /// GeoJSON the position is the Point, so lon/lat aliases only serve CSV columns.
  public static func vocabulary(csv: Bool) -> LayerVocabulary {
    let native = Set(readerNative.values.flatMap { $0 })
    let aliases = table.filter { csv || !$0.field.isPosition }.map { spec in
      (field: spec.name, names: spec.aliases.filter { !native.contains($0) })
    }
    return LayerVocabulary(
      layer: .cameras, fields: CameraField.allCases.map(\.rawValue),
      required: csv ? ["id", "lon", "lat"] : ["id"], identity: "id", aliases: aliases,
      readerNative: readerNative)
  }
}

/// Reads a cameras file in whatever names its source system wrote (SPEC §5): GeoJSON, CSV
/// or a GB/T 28181 catalogue, renamed and translated by the layer's manifest entry and the
/// aliases, then read by `CameraReader` with every check it makes. A file already in
/// camgap's names goes straight to the reader (and its fast path).
public enum CameraSource {
  public static func read(path: String, manifest: LayerManifest?, options: CameraReadOptions = .init()) throws
    -> CameraFile
  {
    if !CatalogueReader.handles(path: path) && !CameraReader.readsItself(path, options: options) {
      return try readThroughOGR(path, manifest, options)
    }
    let (file, prepared) = try withPrepared(path: path, manifest: manifest, options: options) {
      try CameraReader.read(path: $0, options: copyOptions(options, original: path, read: $0))
    }
    return prepared.annotate(file)
  }

  /// A file OGR reads (Shapefile, GeoPackage, XLSX, a projected CSV…): its features mapped
  /// to camgap's names and checked as they are, with no copy to write and read again (which
  /// cost more than the read itself for a city's 150,000 cameras).
  static func readThroughOGR(_ path: String, _ manifest: LayerManifest?, _ options: CameraReadOptions) throws
    -> CameraFile
  {
    let fc = try CameraReader.ogrFeatures(path: path, options: options)
    let (out, notices, _) = try FieldMapping.apply(
      fc, entry: manifest, vocabulary: CameraFields.vocabulary(csv: false))
    try checkRequired(out, options: options)
    var file = try CameraReader.fromFeatures(out, options: options)
    file.warnings = notices + file.warnings
    return file
  }

  /// As `CameraReader.readLenient`, for `registry import --skip-invalid`.
  public static func readLenient(path: String, manifest: LayerManifest?, options: CameraReadOptions = .init())
    throws -> (file: CameraFile, rejected: [CameraReader.RejectedRecord])
  {
    let (read, prepared) = try withPrepared(path: path, manifest: manifest, options: options) {
      try CameraReader.readLenient(path: $0, options: copyOptions(options, original: path, read: $0))
    }
    // A file read as it is whose ids are all missing gets one message naming what could serve.
    if !prepared.mapped, !path.lowercased().hasSuffix(".csv"), !CatalogueReader.handles(path: path),
      read.rejected.contains(where: { $0.errors.contains { $0.field == "id" } })
    {
      try checkRequired(try GeoJSONReader.read(path: path, threads: options.threads), options: options)
    }
    return (prepared.annotate(read.file), read.rejected)
  }

  /// A mapped copy is WGS84 GeoJSON already: the declared CRS was applied when it was made.
  static func copyOptions(_ options: CameraReadOptions, original: String, read: String) -> CameraReadOptions {
    var o = options
    if read != original { o.sourceCRS = nil }
    return o
  }

  /// What mapping added to a file's reading.
  public struct Prepared: Sendable {
    public var notices: [String] = []
    public var skippedNonCameras = 0
    public var warnings: [String] = []
    /// Whether the reader read a mapped copy rather than the file itself.
    public var mapped = false

    func annotate(_ f: CameraFile) -> CameraFile {
      var out = f
      out.warnings = notices + warnings + f.warnings
      out.skippedNonCameras += skippedNonCameras
      return out
    }
  }

  /// Runs `body` on the path of the file in camgap's names: the file itself when nothing
  /// needs mapping, else a mapped copy of the same name in a private directory (so every
  /// message and generated id names the original file).
  public static func withPrepared<T>(
    path: String, manifest: LayerManifest?, options: CameraReadOptions, _ body: (String) throws -> T
  ) throws -> (T, Prepared) {
    let file = (path as NSString).lastPathComponent
    var prepared = Prepared()
    let mapped: String?
    if CatalogueReader.handles(path: path) {
      let cat = try CatalogueReader.read(path: path)
      prepared.skippedNonCameras = cat.skippedNonCameras
      mapped = try mappedFeatures(
        cat.collection, manifest: manifest, options: options, catalogue: true, into: &prepared)
    } else if path.lowercased().hasSuffix(".csv") && options.sourceCRS == nil {
      mapped = try mappedCSV(path: path, file: file, manifest: manifest, into: &prepared)
    } else if !CameraReader.readsItself(path, options: options) {
      // Shapefile, GeoPackage, XLSX, a projected CSV…: OGR reads it, names are mapped as
      // for any file.
      let fc = try CameraReader.ogrFeatures(path: path, options: options)
      mapped = try mappedFeatures(fc, manifest: manifest, options: options, catalogue: true, into: &prepared)
    } else {
      guard let data = FileManager.default.contents(atPath: path) else {
        throw InputError(file: file, message: "cannot read file \(path)")
      }
      let bytes = [UInt8](data)
      if manifest?.mapsAnything == true || mentionsAlias(bytes) {
        let fc = try GeoJSONReader.parse(bytes: bytes, file: file, threads: options.threads)
        mapped = try mappedFeatures(fc, manifest: manifest, options: options, into: &prepared)
      } else {
        do {
          return (try body(path), prepared)
        } catch let e as InputErrors where e.errors.contains(where: { $0.field == "id" }) {
          let fc = try GeoJSONReader.parse(bytes: bytes, file: file, threads: options.threads)
          try checkRequired(fc, options: options)
          throw e
        }
      }
    }
    guard let mapped else { return (try body(path), prepared) }
    prepared.mapped = true
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("camgap-map-\(UUID().uuidString)")
    try FileManager.default.createDirectory(
      at: dir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    defer { try? FileManager.default.removeItem(at: dir) }
    let copy = dir.appendingPathComponent(file).path
    guard FileManager.default.createFile(atPath: copy, contents: Data(mapped.utf8)) else {
      throw InputError(file: file, message: "cannot write a mapped copy in \(dir.path)")
    }
    return (try body(copy), prepared)
  }

  static func checkRequired(_ fc: FeatureCollection, options: CameraReadOptions) throws {
    var vocabulary = CameraFields.vocabulary(csv: false)
    if options.generateMissingIDs { vocabulary.required = [] }
    let missing = FieldCandidates.check(fc, vocabulary: vocabulary, featureIDServes: true)
    if !missing.isEmpty { throw InputErrors(missing) }
  }

  /// The features in camgap's names as GeoJSON text; nil when nothing changed and the
  /// file itself can be read (a catalogue is always written out: it is not GeoJSON).
  static func mappedFeatures(
    _ fc: FeatureCollection, manifest: LayerManifest?, options: CameraReadOptions, catalogue: Bool = false,
    into prepared: inout Prepared
  ) throws -> String? {
    let (out, notices, changed) = try FieldMapping.apply(
      fc, entry: manifest, vocabulary: CameraFields.vocabulary(csv: false))
    try checkRequired(out, options: options)
    prepared.notices += notices
    // A catalogue's (or an OGR file's) warnings are its reader's; a GeoJSON file's come
    // again from the reader of its copy. Files camgap does not read itself are always
    // copied, so they are read once.
    if catalogue { prepared.warnings += out.warnings }
    return changed || catalogue ? GeoJSONText.collection(out) : nil
  }

  static func mappedCSV(path: String, file: String, manifest: LayerManifest?, into prepared: inout Prepared)
    throws -> String?
  {
    guard let data = FileManager.default.contents(atPath: path),
      let table = try? CSVTable(bytes: [UInt8](data))
    else { return nil }
    let vocabulary = CameraFields.vocabulary(csv: true)
    let (out, notices, changed) = try FieldMapping.apply(
      table, file: file, entry: manifest, vocabulary: vocabulary)
    var missing: [InputError] = []
    for field in vocabulary.required where out.column(field) == nil {
      let unique = field == vocabulary.identity
      let serving = FieldCandidates.candidates(out, unique: unique, excluding: Set(vocabulary.fields))
      // With nothing to name, the reader's own message stands.
      if serving.isEmpty { continue }
      missing.append(
        FieldCandidates.missing(
          field: field, layer: .cameras, file: file, location: .line(1),
          what: "required column is missing from the header",
          candidates: serving, unique: unique))
    }
    if !missing.isEmpty { throw InputErrors(missing) }
    prepared.notices += notices
    return changed ? CSVText.table(out) : nil
  }

  /// Whether a GeoJSON file has a property named like an alias (ASCII case ignored), found
  /// in its bytes without building a tree: a city's file in camgap's names must keep the
  /// reader's fast path. The scan jumps from quote to quote with `memchr` and looks the
  /// next byte up in a table: a dictionary lookup at every quote cost 1.0 G of the 150k
  /// city audit's 25.8 G instructions (callgrind, `--threads 1`).
  static func mentionsAlias(_ bytes: [UInt8]) -> Bool {
    let vocabulary = CameraFields.vocabulary(csv: false)
    let names = vocabulary.aliases.flatMap(\.names).map { Array($0.lowercased().utf8) + [UInt8(ascii: "\"")] }
    var byFirst = [[[UInt8]]](repeating: [], count: 256)
    for n in names {
      byFirst[Int(n[0])].append(n)
      // The same name with its first letter in upper case.
      if n[0] >= 0x61 && n[0] <= 0x7A { byFirst[Int(n[0] - 32)].append(n) }
    }
    @inline(__always) func lower(_ b: UInt8) -> UInt8 { b >= 0x41 && b <= 0x5A ? b + 32 : b }
    return bytes.withUnsafeBufferPointer { buf in
      guard let base = buf.baseAddress else { return false }
      let n = buf.count
      var i = 0
      while i + 1 < n {
        guard let q = memchr(base + i, 0x22, n - i - 1) else { return false }
        i = base.distance(to: q.assumingMemoryBound(to: UInt8.self))
        for c in byFirst[Int(buf[i + 1])] where i + 1 + c.count <= n {
          var k = 0
          while k < c.count && lower(buf[i + 1 + k]) == c[k] { k += 1 }
          if k == c.count { return true }
        }
        i += 1
      }
      return false
    }
  }
}
