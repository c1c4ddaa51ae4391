import Formats
import Foundation
import Geometry
import Support

/// What reading a camera file produced. Non-camera OSM nodes (`surveillance:type=guard`)
/// are counted, not silently dropped, so the audit can say how many it passed over.
public struct CameraFile: Sendable {
  public var cameras: [Camera]
  /// Where each camera came from (feature index or CSV line), parallel to `cameras`.
  public var locations: [InputLocation]
  public var skippedNonCameras: Int
  public var warnings: [String]
}

/// Options for reading cameras.
public struct CameraReadOptions: Sendable {
  /// Give cameras without any id an id from the file name and feature index (the Dakar
  /// register has no properties at all). Off by default: an id-less camera cannot be
  /// edited or audited over time.
  public var generateMissingIDs = false
  /// Check GB/T 28181 device codes.
  public var strictIDs = false
  /// Problems shown per field, then `… and N more` (SPEC §5); a broken export should not
  /// print 150,000 lines, and one field's problem should not hide another's.
  public var maxErrors = 25
  /// Cores that may parse and check a large file (`--threads`).
  public var threads = ProcessInfo.processInfo.activeProcessorCount
  /// The file's CRS as declared (`--source-crs cameras=…`: EPSG:n, WKT, a PROJ string,
  /// gcj02, bd09); nil takes the file's own, else WGS84.
  public var sourceCRS: String?

  public init(generateMissingIDs: Bool = false, strictIDs: Bool = false) {
    self.generateMissingIDs = generateMissingIDs
    self.strictIDs = strictIDs
  }
}

/// Turns GeoJSON features or CSV rows into `Camera` records, validating every field of
/// SPEC §1 and collecting every problem of the file (not just the first), each with its
/// feature index or line and field. Throws `InputErrors` when any record is bad.
public enum CameraReader {
  public static func read(path: String, options: CameraReadOptions = .init()) throws -> CameraFile {
    if !readsItself(path, options: options) { return try readThroughOGR(path: path, options: options) }
    let file = (path as NSString).lastPathComponent
    if path.lowercased().hasSuffix(".csv") && !startsAsJSON(path) {
      guard let data = FileManager.default.contents(atPath: path) else {
        throw InputError(file: file, message: "cannot read file \(path)")
      }
      return try fromCSV(bytes: [UInt8](data), file: file, options: options)
    }
    let bytes = try geoJSONBytes(path: path, file: file)
    if let cf = CameraFeatureDecoder.read(bytes: bytes, file: file, options: options) {
      Timing.mark("cameras: decoded")
      return withHeadingZeroWarning(cf, file: file)
    }
    let fc = try GeoJSONReader.parse(bytes: bytes, file: file, threads: options.threads)
    Timing.mark("cameras: GeoJSON")
    return try fromFeatures(fc, options: options)
  }

  static func geoJSONBytes(path: String, file: String) throws -> [UInt8] {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw InputError(file: file, message: "cannot read file \(path)")
    }
    Timing.mark("\(file): read")
    return [UInt8](data)
  }

  /// Reads and returns good records and per-record problems without throwing, for
  /// `registry import --skip-invalid`.
  public static func readLenient(path: String, options: CameraReadOptions = .init()) throws -> (
    file: CameraFile, rejected: [RejectedRecord]
  ) {
    let file = (path as NSString).lastPathComponent
    var parsed: [ParsedRecord]
    var skipped = 0
    var warnings: [String] = []
    if path.lowercased().hasSuffix(".csv") {
      guard let data = FileManager.default.contents(atPath: path) else {
        throw InputError(file: file, message: "cannot read file \(path)")
      }
      parsed = try csvRecords(bytes: [UInt8](data), file: file, options: options)
    } else {
      let bytes = try geoJSONBytes(path: path, file: file)
      if let cf = CameraFeatureDecoder.read(bytes: bytes, file: file, options: options) {
        return (withHeadingZeroWarning(cf, file: file), [])
      }
      let fc = try GeoJSONReader.parse(bytes: bytes, file: file, threads: options.threads)
      warnings = fc.warnings
      (parsed, skipped) = try featureRecords(fc, options: options)
    }
    markDuplicates(&parsed, file: file)
    let (out, rejected) = split(parsed, file: file, skipped: skipped, warnings: warnings)
    return (withHeadingZeroWarning(out, file: file), rejected)
  }

  public static func fromFeatures(_ fc: FeatureCollection, options: CameraReadOptions = .init()) throws
    -> CameraFile
  {
    var (parsed, skipped) = try featureRecords(fc, options: options)
    markDuplicates(&parsed, file: fc.file)
    let (out, rejected) = split(parsed, file: fc.file, skipped: skipped, warnings: fc.warnings)
    if !rejected.isEmpty {
      throw InputErrors(grouping: rejected.flatMap(\.errors), perField: options.maxErrors)
    }
    return withHeadingZeroWarning(out, file: fc.file)
  }

  public static func fromCSV(bytes: [UInt8], file: String, options: CameraReadOptions = .init()) throws
    -> CameraFile
  {
    var parsed = try csvRecords(bytes: bytes, file: file, options: options)
    markDuplicates(&parsed, file: file)
    let (out, rejected) = split(parsed, file: file, skipped: 0, warnings: [])
    if !rejected.isEmpty {
      throw InputErrors(grouping: rejected.flatMap(\.errors), perField: options.maxErrors)
    }
    return withHeadingZeroWarning(out, file: file)
  }

  // MARK: records

  struct ParsedRecord {
    var location: InputLocation
    var camera: Camera?
    var errors: [InputError]
    var warnings: [String]
    var source: [(String, String)]
    /// An exact repeat of an earlier record, read once (SPEC §5 Duplicates).
    var repeated = false
  }

  /// Records of every feature, in file order. Large files are checked on all cores in
  /// contiguous chunks (records are independent; duplicates are found afterwards).
  static func featureRecords(_ fc: FeatureCollection, options: CameraReadOptions) throws -> (
    [ParsedRecord], Int
  ) {
    let n = fc.features.count
    let chunks = n < 20_000 ? 1 : max(1, options.threads)
    if chunks == 1 { return featureRecords(fc, 0..<n, options: options) }
    let parts = try Parallel.chunks(count: n, threads: chunks) { featureRecords(fc, $0, options: options) }
    var out: [ParsedRecord] = []
    out.reserveCapacity(n)
    var skipped = 0
    for p in parts {
      out += p.0
      skipped += p.1
    }
    return (out, skipped)
  }

  static func featureRecords(_ fc: FeatureCollection, _ range: Range<Int>, options: CameraReadOptions) -> (
    [ParsedRecord], Int
  ) {
    var out: [ParsedRecord] = []
    out.reserveCapacity(range.count)
    var skipped = 0
    for f in fc.features[range] {
      if let st = f.property("surveillance:type")?.string?.lowercased(), st != "camera", st != "alpr" {
        skipped += 1
        continue
      }
      var fields = FieldSource()
      fields.values.reserveCapacity(f.properties.count + 1)
      for (k, v) in f.properties {
        switch v {
        case .null: continue
        case .string(let s):
          // An empty tag is an absent one, as an empty CSV cell is (Hai Phong leaves
          // `direction` empty on most of its 4,283 cameras).
          if s.utf8.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
          fields.values[k] = .text(s)
        case .number(let d): fields.values[k] = .number(d)
        // The digits as written (a 20-digit device code): SPEC §1, never through a double.
        case .integerLiteral(let digits): fields.values[k] = .text(digits)
        case .bool(let b): fields.values[k] = .bool(b)
        default: fields.values[k] = .other(v.typeName)
        }
      }
      if fields.values["id"] == nil {
        if let id = f.id {
          if let s = id.string { fields.values["id"] = .text(s) }
          if case .integerLiteral(let digits) = id {
            fields.values["id"] = .text(digits)
          } else if let n = id.number {
            fields.values["id"] = .number(n)
          }
        }
      }
      var position: XY?
      var geomError: InputError?
      switch f.geometry {
      case .point(let p)?: position = p
      case nil:
        geomError = InputError(
          file: fc.file, location: .feature(f.index), field: "geometry",
          message: "missing; a camera needs a Point")
      case let g?:
        geomError = InputError(
          file: fc.file, location: .feature(f.index), field: "geometry",
          message: "must be a Point, got \(g.typeName)")
      }
      var rec = parseRecord(
        fields, position: position, file: fc.file, location: .feature(f.index), options: options)
      if let geomError {
        // It already says why there is no position.
        rec.errors.removeAll { $0.field == "geometry" }
        rec.errors.insert(geomError, at: 0)
      }
      out.append(rec)
    }
    return (out, skipped)
  }

  static func csvRecords(bytes: [UInt8], file: String, options: CameraReadOptions) throws -> [ParsedRecord] {
    let table: CSVTable
    do {
      table = try CSVTable(bytes: bytes)
    } catch let e as CSVError {
      throw InputError(file: file, location: .line(e.line), message: e.message)
    }
    for required in CameraField.allCases where required.spec.defaultValue == .required {
      let required = required.rawValue
      guard table.column(required) == nil else { continue }
      throw InputError(
        file: file, location: .line(1), field: required, message: "required column is missing from the header"
      )
    }
    let header = table.header.map { $0.lowercased() }
    var out: [ParsedRecord] = []
    out.reserveCapacity(table.rows.count)
    for (r, row) in table.rows.enumerated() {
      let line = table.lineNumbers[r]
      var fields = FieldSource()
      for (c, name) in header.enumerated() where c < row.count {
        let v = row[c]
        if !v.isEmpty { fields.values[name] = .text(v) }
      }
      var errors: [InputError] = []
      var lon: Double?
      var lat: Double?
      for (name, assign) in [("lon", 0), ("lat", 1)] {
        guard case .text(let t)? = fields.values[name] else {
          errors.append(InputError(file: file, location: .line(line), field: name, message: "missing"))
          continue
        }
        guard let d = CameraText.decimal(t) else {
          errors.append(
            InputError(file: file, location: .line(line), field: name, message: "not a number: \"\(t)\""))
          continue
        }
        if assign == 0 { lon = d } else { lat = d }
      }
      var position: XY?
      if let lon, let lat {
        let lonSpec = CameraField.lon.spec
        let latSpec = CameraField.lat.spec
        if !lonSpec.allows(lon) {
          errors.append(
            InputError(
              file: file, location: .line(line), field: "lon",
              message: "longitude \(lon) outside \(lonSpec.limits?.interval ?? "")"))
        } else if !latSpec.allows(lat) {
          let hint = latSpec.allows(lon) ? "; lat and lon look swapped" : ""
          errors.append(
            InputError(
              file: file, location: .line(line), field: "lat",
              message: "latitude \(lat) outside \(latSpec.limits?.interval ?? "")\(hint)"))
        } else {
          position = XY(lon, lat)
        }
      }
      var rec = parseRecord(fields, position: position, file: file, location: .line(line), options: options)
      if !errors.isEmpty {
        // The lon/lat problem above already says why there is no position.
        rec.errors.removeAll { $0.field == "geometry" }
        rec.errors.insert(contentsOf: errors, at: 0)
      }
      out.append(rec)
    }
    return out
  }

  static func leadingNumber(_ s: String) -> Double? {
    let prefix = s.prefix { $0.isNumber || $0 == "." || $0 == "-" }
    guard !prefix.isEmpty, let d = Double(prefix), d.isFinite else { return nil }
    let rest = s.dropFirst(prefix.count).trimmingCharacters(in: .whitespaces).lowercased()
    return rest.isEmpty || rest == "m" || rest == "meters" || rest == "metres" ? d : nil
  }

  /// Duplicate ids are reported at both places, so the planner sees which two rows clash;
  /// a record identical in every field to an earlier one is read once with a warning naming
  /// both (exports repeat rows when a platform pages its answer).
  static func markDuplicates(_ recs: inout [ParsedRecord], file: String) {
    var first: [String: Int] = [:]
    for i in recs.indices {
      // An id that could not be read (a control character) is not compared.
      if recs[i].errors.contains(where: { $0.field == "id" }) { continue }
      guard let id = recs[i].camera?.id ?? recs[i].idForDuplicates else { continue }
      guard let j = first[id] else {
        first[id] = i
        continue
      }
      if let a = recs[j].camera, let b = recs[i].camera, a == b, recs[i].errors.isEmpty,
        recs[j].errors.isEmpty
      {
        recs[i].repeated = true
        recs[j].warnings.append(
          "\(file): \(recs[i].location.text) repeats \(recs[j].location.text) exactly (id \"\(id)\"); read once"
        )
        continue
      }
      recs[i].errors.append(
        InputError(
          file: file, location: recs[i].location, field: "id",
          message: "duplicate id \"\(id)\" (also at \(recs[j].location.text))"))
      if !recs[j].errors.contains(where: { $0.field == "id" && $0.message.hasPrefix("duplicate") }) {
        recs[j].errors.append(
          InputError(
            file: file, location: recs[j].location, field: "id",
            message: "duplicate id \"\(id)\" (also at \(recs[i].location.text))"))
      }
      recs[i].camera = nil
      recs[j].camera = nil
    }
  }

  /// SPEC §5 Heading 0: many exports write 0 where the heading is unknown, which would aim
  /// every such camera north. Over 10 % of active directional cameras at exactly 0 (or 360)
  /// is warned, with the manifest lines that make 0 mean unknown.
  static func withHeadingZeroWarning(_ file: CameraFile, file name: String) -> CameraFile {
    var directional = 0
    var zero = 0
    for c in file.cameras where c.status == .active && !c.views.isEmpty && (c.fov ?? c.kind.defaultFOV) < 360
    {
      directional += 1
      if c.views.count == 1 && c.views[0].heading == 0 && c.views[0].extraSweep == 0 { zero += 1 }
    }
    guard zero * 10 > directional else { return file }
    var out = file
    let share = String(format: "%.1f", Double(zero) / Double(directional) * 100)
    out.warnings.append(
      "\(name): \(zero) of \(directional) directional cameras (\(share) %) have heading exactly 0, which exports often write for \"unknown\"; if it means unknown here, add these two lines to camgap.toml: [cameras.values.heading] and \"0\" = \"\""
    )
    return out
  }

  public struct RejectedRecord: Sendable {
    public var location: InputLocation
    public var errors: [InputError]
    /// The record's fields as read, for the rejects file.
    public var fields: [(String, String)]
  }

  static func split(_ recs: [ParsedRecord], file: String, skipped: Int, warnings: [String]) -> (
    CameraFile, [RejectedRecord]
  ) {
    var cams: [Camera] = []
    var locs: [InputLocation] = []
    var rejected: [RejectedRecord] = []
    var warn = warnings
    cams.reserveCapacity(recs.count)
    for r in recs where !r.repeated {
      if let c = r.camera, r.errors.isEmpty {
        cams.append(c)
        locs.append(r.location)
        warn.append(contentsOf: r.warnings)
      } else {
        rejected.append(RejectedRecord(location: r.location, errors: r.errors, fields: r.source))
      }
    }
    return (CameraFile(cameras: cams, locations: locs, skippedNonCameras: skipped, warnings: warn), rejected)
  }
}

extension CameraReader.ParsedRecord {
  var idForDuplicates: String? {
    for (k, v) in source where k == "id" { return CameraText.normalizedID(v) }
    return nil
  }
}

extension String {
  /// Trims spaces and tabs; returns the string itself in the common case of nothing to trim
  /// (Foundation's trimmingCharacters costs more than parsing the value).
  var trimmedFast: String {
    guard let f = utf8.first, let l = utf8.last else { return self }
    if f != 0x20 && f != 0x09 && l != 0x20 && l != 0x09 && f < 0x80 && l < 0x80 { return self }
    return trimmingCharacters(in: .whitespaces)
  }
}
