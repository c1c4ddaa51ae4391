import Cameras
import Formats
import Foundation
import GRDB
import Geometry
import Support

public struct ImportOptions: Sendable {
  public var read = CameraReadOptions()
  /// Land the good records and write the bad ones to `rejectsPath`; without it one bad
  /// record fails the whole import and the registry stays as it was.
  public var skipInvalid = false
  public var rejectsPath: String?
  /// Validate and count, then roll back: the registry is not touched.
  public var dryRun = false
  /// Update records whose id is already in the registry with other values (with history);
  /// without it such a record is a conflict.
  public var upsert = false
  /// Datum of the file's coordinates; the registry stores WGS84 only.
  public var inputCRS: InputCRS = .wgs84
  public var districts: DistrictIndex?
  /// Who the history names.
  public var by = "unknown"
  /// Told what the import is doing, for a terminal (SPEC §3: progress on stderr).
  public var progress: (@Sendable (String) -> Void)?
  /// An all-or-nothing failure lists at most this many problems per field (then a count of
  /// the rest), so one field wrong on every line cannot hide the other kinds of problem.
  public var maxPerField = 25
  /// The cameras' manifest entry (`--manifest`, `--field`): source names and values.
  public var manifest: LayerManifest?

  public init() {}
}

/// One record that did not land, with every reason.
public struct Rejection: Sendable {
  public var location: InputLocation
  public var errors: [InputError]
}

public struct ImportReport: Sendable {
  public var file: String
  /// Camera records in the file (OSM nodes that are not cameras excluded).
  public var records = 0
  public var added = 0
  public var updated = 0
  public var unchanged = 0
  public var rejected: [Rejection] = []
  public var skippedNonCameras = 0
  public var warnings: [String] = []
  public var dryRun = false

  public var summary: String {
    var s =
      dryRun
      ? "dry run, nothing written: \(file): \(records) records would give " : "\(file): \(records) records: "
    s += "\(added) added, \(updated) updated, \(unchanged) unchanged, \(rejected.count) rejected"
    if skippedNonCameras > 0 { s += "; \(skippedNonCameras) OSM nodes that are not cameras skipped" }
    return s
  }
}

extension RegistryStore {
  /// Imports a camera file (GeoJSON, CSV or an OSM/Overpass export, SPEC §1) in one
  /// transaction. Every problem of the file is collected first: reader errors (each with
  /// its feature index or CSV line and field) and conflicts with the registry. Without
  /// `skipInvalid` any problem throws `InputErrors` and nothing is written; with it the
  /// good records land and the rejects file holds exactly the bad ones, in the input's own
  /// format with two added columns (`reject_location`, `reject_reasons`), ready to fix
  /// and import again. Records already in the registry with the same values are counted
  /// as unchanged, so importing the same file twice changes nothing.
  public func importFile(_ path: String, options: ImportOptions) throws -> ImportReport {
    let input = try ImportInput(path: path, options: options)
    options.progress?("\(input.report.records) records read; waiting for the registry")
    return try write(
      commit: { _ in !options.dryRun },
      body: { db -> ImportReport in
        options.progress?("checking \(input.incoming.count) records against the registry")
        let select = try db.cachedStatement(sql: CameraRecord.selectSQL + " WHERE id = ?")
        // One scan for the ids, then a row lookup only for those already there: a first import
        // of 150,000 cameras then makes no lookups at all.
        let existing = try Set(String.fetchCursor(db, sql: "SELECT id FROM camera"))
        let plan = try ImportPlan(input, options: options) { id in
          existing.contains(id) ? try CameraRecord.fetchOne(select, arguments: [id]) : nil
        }
        options.progress?("writing \(plan.toAdd.count) new and \(plan.toUpdate.count) changed cameras")
        try Self.write(plan, input: input, options: options, db: db)
        if options.skipInvalid, let rejectsPath = options.rejectsPath {
          // Written before the commit: if the rejects cannot be saved, nothing lands either,
          // so no record is ever dropped without a trace.
          try RejectsFile.write(plan.report.rejected, source: path, to: rejectsPath)
        }
        return plan.report
      })
  }

  /// The plan's rows and their history through two cached statements: compiled once, not
  /// once for each of a city's 150,000 cameras.
  static func write(_ plan: ImportPlan, input: ImportInput, options: ImportOptions, db: Database) throws {
    let at = Clock.utcTimestamp()
    let insert = try db.cachedStatement(sql: CameraRecord.insertSQL)
    let history = try db.cachedStatement(sql: HistoryEntry.insertSQL)
    for (i, rec) in plan.toAdd {
      try insert.execute(arguments: rec.insertArguments)
      try history.execute(arguments: [
        rec.id, at, options.by, "import", nil, nil, rec.compactJSON, input.note(i),
      ])
    }
    for (i, old, rec) in plan.toUpdate {
      try rec.update(db)
      for c in old.changes(to: rec) {
        try history.execute(arguments: [
          rec.id, at, options.by, "import", c.field, c.old, c.new, input.note(i),
        ])
      }
    }
  }
}

extension RegistryStore {
  /// A record whose id is stored with other values, naming the first three fields that differ.
  static func conflict(old: CameraRecord, new rec: CameraRecord, file: String, location: InputLocation)
    -> Rejection
  {
    let diff = old.changes(to: rec)
    var shown = diff.prefix(3).map { "\($0.field) \($0.old ?? "none") → \($0.new ?? "none")" }
    if diff.count > 3 { shown.append("\(diff.count - 3) more") }
    return Rejection(
      location: location,
      errors: [
        InputError(
          file: file, location: location, field: "id",
          message:
            "\"\(rec.id)\" is already in the registry with other values (\(shown.joined(separator: ", "))); import with --upsert to update it"
        )
      ])
  }

  /// Reads every record, good or bad. The GeoJSON reader stops the whole file at the first
  /// feature whose structure or coordinates are wrong (a swapped latitude, say); then each
  /// feature is checked alone, the broken ones become rejected records carrying that error
  /// and the rest is read as usual, so one bad point does not hide the others' problems or
  /// keep `--skip-invalid` from landing the good ones.
  static func readRecords(path: String, options: CameraReadOptions, manifest: LayerManifest? = nil) throws
    -> (
      CameraFile, [CameraReader.RejectedRecord]
    )
  {
    do {
      return try CameraSource.readLenient(path: path, manifest: manifest, options: options)
    } catch let e as InputError {
      guard case .feature = e.location, !path.lowercased().hasSuffix(".csv") else { throw e }
      return try readFeatureByFeature(path: path, options: options) ?? { throw e }()
    }
  }

  static func readFeatureByFeature(path: String, options: CameraReadOptions) throws -> (
    CameraFile, [CameraReader.RejectedRecord]
  )? {
    let file = (path as NSString).lastPathComponent
    guard let data = FileManager.default.contents(atPath: path),
      case .object(var members) = try JSONParser.parse([UInt8](data)),
      let k = members.firstIndex(where: { $0.0 == "features" }), case .array(var items) = members[k].1
    else { return nil }
    var broken: [Int: InputError] = [:]
    for (i, item) in items.enumerated() {
      let one = "{\"type\":\"FeatureCollection\",\"features\":[" + JSONWriter.serialize(item) + "]}"
      do {
        _ = try GeoJSONReader.parse(bytes: Array(one.utf8), file: file)
      } catch let e as InputError {
        broken[i] = InputError(file: file, location: .feature(i), field: e.field, message: e.message)
        items[i] = .object([("type", .string("Feature")), ("properties", .null), ("geometry", .null)])
      }
    }
    if broken.isEmpty { return nil }
    members[k].1 = .array(items)
    // Same file name in a private directory, so messages and generated ids name the original.
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "camgap-import-\(UUID().uuidString)")
    try FileManager.default.createDirectory(
      at: dir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    defer { try? FileManager.default.removeItem(at: dir) }
    let copy = dir.appendingPathComponent(file).path
    try JSONWriter.serialize(.object(members)).write(toFile: copy, atomically: false, encoding: .utf8)
    var (cf, rejected) = try CameraReader.readLenient(path: copy, options: options)
    for j in rejected.indices {
      if case .feature(let i) = rejected[j].location, let e = broken[i] {
        rejected[j].errors = [e]
      }
    }
    return (cf, rejected)
  }

  /// The errors a failed import prints: the first `perField` of each field in file order,
  /// then one line per field saying how many more there are.
  static func shownErrors(_ problems: [Rejection], file: String, perField: Int) -> [InputError] {
    var shown: [InputError] = []
    var hidden: [String: Int] = [:]
    var fieldOrder: [String] = []
    var perFieldCount: [String: Int] = [:]
    for e in problems.flatMap(\.errors) {
      let key = e.field ?? ""
      let n = perFieldCount[key, default: 0]
      perFieldCount[key] = n + 1
      if n < perField {
        shown.append(e)
      } else {
        if hidden[key] == nil { fieldOrder.append(key) }
        hidden[key, default: 0] += 1
      }
    }
    for key in fieldOrder {
      shown.append(
        InputError(
          file: file, field: key.isEmpty ? nil : key,
          message:
            "\(hidden[key]!) more problems not shown (\(problems.count) bad records in all; --skip-invalid --rejects FILE writes every one with its reasons)"
        ))
    }
    return shown
  }
}

extension InputLocation {
  /// File order: feature index or CSV line.
  var order: Int {
    switch self {
    case .file: return -1
    case .feature(let i): return i
    case .line(let n): return n
    case .byte(let line, _): return line
    }
  }
}

/// The rejects of an import, in the format of the file they came from.
enum RejectsFile {
  static func reasons(_ r: Rejection) -> String {
    r.errors.map { e in (e.field.map { "\($0): " } ?? "") + e.message }.joined(separator: "; ")
  }

  static func write(_ rejects: [Rejection], source: String, to out: String) throws {
    guard let data = FileManager.default.contents(atPath: source) else {
      throw InputError(file: (source as NSString).lastPathComponent, message: "cannot read file \(source)")
    }
    let text: String
    if source.lowercased().hasSuffix(".csv") {
      text = try csv(rejects, bytes: [UInt8](data))
    } else {
      text = try geojson(rejects, bytes: [UInt8](data))
    }
    do {
      try text.write(toFile: out, atomically: true, encoding: .utf8)
    } catch {
      throw RegistryError.cannotCreate(
        path: out, reason: "cannot write the rejects file: \(error.localizedDescription)")
    }
  }

  /// The original rows, cells as read, plus the location and reasons.
  static func csv(_ rejects: [Rejection], bytes: [UInt8]) throws -> String {
    let table = try CSVTable(bytes: bytes)
    var rowAtLine: [Int: Int] = [:]
    for (i, l) in table.lineNumbers.enumerated() { rowAtLine[l] = i }
    var out = CSVText.row(table.header + ["reject_location", "reject_reasons"])
    for r in rejects {
      guard case .line(let l) = r.location, let i = rowAtLine[l] else { continue }
      out += CSVText.row(table.rows[i] + [r.location.text, reasons(r)])
    }
    return out
  }

  /// The original features, every member kept, with the location and reasons added to
  /// their properties; one feature per line.
  static func geojson(_ rejects: [Rejection], bytes: [UInt8]) throws -> String {
    let root = try JSONParser.parse(bytes)
    let features = root["features"]?.array ?? []
    var lines: [String] = []
    for r in rejects {
      guard case .feature(let i) = r.location, i < features.count, case .object(var members) = features[i]
      else {
        continue
      }
      var props: [(String, JSON)] = []
      if let k = members.firstIndex(where: { $0.0 == "properties" }) {
        props = members[k].1.members ?? []
        members.remove(at: k)
      }
      props.append(("reject_location", .string(r.location.text)))
      props.append(("reject_reasons", .string(reasons(r))))
      members.append(("properties", .object(props)))
      lines.append(JSONWriter.serialize(.object(members)))
    }
    return "{\"type\":\"FeatureCollection\",\"features\":[\n" + lines.joined(separator: ",\n")
      + (lines.isEmpty ? "" : "\n") + "]}\n"
  }
}
