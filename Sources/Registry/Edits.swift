import Cameras
import Foundation
import GRDB
import Geometry
import Support

public struct EditOptions: Sendable {
  /// Who the history names.
  public var by: String
  /// Free text kept with the history entries (a work order, a reason).
  public var note: String?
  public var strictIDs = false
  /// The version the planner read (`show`); the edit is refused when the camera has changed
  /// since.
  public var ifVersion: Int?

  public init(by: String, note: String? = nil, strictIDs: Bool = false, ifVersion: Int? = nil) {
    self.by = by
    self.note = note
    self.strictIDs = strictIDs
    self.ifVersion = ifVersion
  }
}

/// How the district of an edited camera is chosen.
public enum DistrictChoice: Sendable {
  /// Keep the stored one (for a new camera: from its GB/T 28181 id, if it has one).
  case keep
  /// This code (nil clears it).
  case set(String?)
  /// The district of a districts file that holds the camera's position.
  case lookup(DistrictIndex)
}

/// Field values typed on the command line are checked by the same reader that checks
/// files, so `add` and `update` accept and refuse exactly what an import does and say so
/// in the same words.
enum RecordValidator {
  static func camera(_ values: [CameraField: String], context: String, strictIDs: Bool) throws -> Camera {
    let fields = CameraField.allCases
    var text = CSVText.row(fields.map(\.rawValue))
    text += CSVText.row(fields.map { values[$0] ?? "" })
    var options = CameraReadOptions()
    options.strictIDs = strictIDs
    do {
      let file = try CameraReader.fromCSV(bytes: Array(text.utf8), file: context, options: options)
      return file.cameras[0]
    } catch let e as InputErrors {
      throw InputErrors(e.errors.map { InputError(file: context, field: $0.field, message: $0.message) })
    } catch let e as InputError {
      throw InputError(file: context, field: e.field, message: e.message)
    }
  }
}

extension RegistryStore {
  /// How many times the camera has been written: 1 when added, one more for each change.
  public func version(of id: String) throws -> Int {
    let id = CameraText.normalizedID(id)
    return try read { db in
      guard try Bool.fetchOne(db, sql: "SELECT 1 FROM camera WHERE id = ?", arguments: [id]) == true else {
        throw RegistryError.unknownCamera(id: id, path: path)
      }
      return try Self.version(db, id: id)
    }
  }

  static func version(_ db: Database, id: String) throws -> Int {
    try Int.fetchOne(db, sql: "SELECT version FROM camera WHERE id = ?", arguments: [id]) ?? 0
  }

  /// Adds one camera; an id already in the registry is an error (use `update`).
  @discardableResult
  public func add(_ values: [CameraField: String], district: DistrictChoice = .keep, options: EditOptions)
    throws
    -> CameraRecord
  {
    let (rec, context) = try EditPlan.added(values, district: district, options: options)
    return try write { db in
      if try Bool.fetchOne(db, sql: "SELECT 1 FROM camera WHERE id = ?", arguments: [rec.id]) == true {
        throw InputError(
          file: context, field: "id",
          message: "already in the registry; change it with `camgap registry update`")
      }
      try rec.insert(db)
      try db.execute(
        sql: HistoryEntry.insertSQL,
        arguments: [rec.id, Clock.utcTimestamp(), options.by, "add", nil, nil, rec.compactJSON, options.note])
      return rec
    }
  }

  /// One edit in one write transaction, which SQLite holds alone: no other writer can change
  /// the camera between the version check and the update.
  public func edit(
    id: String, action: String, options: EditOptions, _ change: (CameraRecord) throws -> CameraRecord
  ) throws -> [(field: String, old: String?, new: String?)] {
    let id = CameraText.normalizedID(id)
    return try write { db in
      guard let old = try CameraRecord.fetchOne(db, key: id) else {
        throw RegistryError.unknownCamera(id: id, path: path)
      }
      let (new, changes) = try EditPlan.changed(
        old, version: { try Self.version(db, id: id) }, target: path, options: options, change)
      if changes.isEmpty { return [] }
      try new.update(db)
      let at = Clock.utcTimestamp()
      for c in changes {
        try db.execute(
          sql: HistoryEntry.insertSQL,
          arguments: [id, at, options.by, action, c.field, c.old, c.new, options.note])
      }
      return changes
    }
  }
}
