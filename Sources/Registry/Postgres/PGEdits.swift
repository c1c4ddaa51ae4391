import Cameras
import Foundation
import Support

extension PGRegistryStore {
  static let historyInsert =
    "INSERT INTO history (camera_id, \"at\", \"by\", action, field, old, new, note) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)"

  static var cameraInsert: String {
    let n = CameraRecord.Columns.all.count
    return
      "INSERT INTO camera (\(columnList)) VALUES (\((1...n).map { "$\($0)" }.joined(separator: ", "))) ON CONFLICT (id) DO NOTHING"
  }

  /// Every column but the id set from `$2…`, the id `$1`; the `version` trigger bumps the
  /// version.
  static var cameraUpdate: String {
    let sets = CameraRecord.quotedColumns.dropFirst().enumerated().map { "\($0.element) = $\($0.offset + 2)" }
    return "UPDATE camera SET \(sets.joined(separator: ", ")) WHERE id = $1"
  }

  @discardableResult
  public func add(_ values: [CameraField: String], district: DistrictChoice, options: EditOptions) throws
    -> CameraRecord
  {
    let (rec, context) = try EditPlan.added(values, district: district, options: options)
    return try pg {
      try db.transaction {
        try db.execute("LOCK TABLE camera IN ROW EXCLUSIVE MODE")
        // ON CONFLICT: a planner adding the same id at the same moment finds it here, after
        // the other's commit, instead of failing on the primary key.
        guard try db.execute(Self.cameraInsert, rec.postgreSQLValues).affectedRows == 1 else {
          throw InputError(
            file: context, field: "id",
            message: "already in the registry; change it with `camgap registry update`")
        }
        try db.execute(
          Self.historyInsert,
          [rec.id, Clock.utcTimestamp(), options.by, "add", nil, nil, rec.compactJSON, options.note])
        return rec
      }
    }
  }

  /// One edit in one transaction: the camera's row is locked before it is read, so a second
  /// planner editing it waits for this one's commit and then sees its values and version.
  /// The table lock is the one every UPDATE takes anyway, taken first so an import (which
  /// locks the table against writers) and an edit queue instead of deadlocking.
  public func edit(
    id: String, action: String, options: EditOptions, _ change: (CameraRecord) throws -> CameraRecord
  ) throws -> [(field: String, old: String?, new: String?)] {
    let id = CameraText.normalizedID(id)
    return try pg {
      try db.transaction {
        try db.execute("LOCK TABLE camera IN ROW EXCLUSIVE MODE")
        let r = try db.execute(
          "SELECT \(Self.columnList), version FROM camera WHERE id = $1 FOR UPDATE", [id])
        guard r.rowCount == 1 else { throw RegistryError.unknownCamera(id: id, path: target) }
        let old = CameraRecord(columns: PGResultColumns(result: r, row: 0))
        let (new, changes) = try EditPlan.changed(
          old, version: { r.int(0, CameraRecord.Columns.all.count) ?? 0 }, target: target, options: options,
          change)
        if changes.isEmpty { return [] }
        try db.execute(Self.cameraUpdate, new.postgreSQLValues)
        let at = Clock.utcTimestamp()
        for c in changes {
          try db.execute(
            Self.historyInsert, [id, at, options.by, action, c.field, c.old, c.new, options.note])
        }
        return changes
      }
    }
  }
}
