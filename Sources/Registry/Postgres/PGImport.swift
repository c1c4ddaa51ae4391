import Cameras
import Foundation
import Support

extension PGRegistryStore {
  static let historyColumns = "camera_id, \"at\", \"by\", action, field, old, new, note"

  /// Imports a camera file as the SQLite registry does (same checks, counts, rejects and
  /// messages; see `RegistryStore.importFile`) in one PostgreSQL transaction. The file is read
  /// and checked first; then the camera table is locked against other writers, the stored
  /// records are compared, and the new cameras and their history rows go in with one COPY
  /// each. Any problem, a dry run or a killed process rolls all of it back.
  public func importFile(_ path: String, options: ImportOptions) throws -> ImportReport {
    let input = try ImportInput(path: path, options: options)
    options.progress?("\(input.report.records) records read; waiting for the registry")
    return try pg {
      try db.transaction(commit: { _ in !options.dryRun }) {
        try db.execute("LOCK TABLE camera IN SHARE ROW EXCLUSIVE MODE")
        options.progress?("checking \(input.incoming.count) records against the registry")
        let empty = try db.execute("SELECT NOT EXISTS (SELECT 1 FROM camera)").string(0, 0) == "t"
        let stored = empty ? [:] : try storedRecords()
        let plan = try ImportPlan(input, options: options) { stored[$0] }
        options.progress?("writing \(plan.toAdd.count) new and \(plan.toUpdate.count) changed cameras")
        try write(plan, input: input, options: options)
        if options.skipInvalid, let rejectsPath = options.rejectsPath {
          // Before the commit, as in the SQLite registry: rejects that cannot be saved land
          // nothing.
          try RejectsFile.write(plan.report.rejected, source: path, to: rejectsPath)
        }
        return plan.report
      }
    }
  }

  func write(_ plan: ImportPlan, input: ImportInput, options: ImportOptions) throws {
    let at = Clock.utcTimestamp()
    if !plan.toAdd.isEmpty {
      try db.copyIn("COPY camera (\(Self.columnList)) FROM STDIN") { copy in
        for (_, rec) in plan.toAdd { try copy.row(rec.postgreSQLValues) }
      }
    }
    for (_, _, rec) in plan.toUpdate { try db.execute(Self.cameraUpdate, rec.postgreSQLValues) }
    guard !plan.toAdd.isEmpty || !plan.toUpdate.isEmpty else { return }
    try db.copyIn("COPY history (\(Self.historyColumns)) FROM STDIN") { copy in
      for (i, rec) in plan.toAdd {
        try copy.row([rec.id, at, options.by, "import", nil, nil, rec.compactJSON, input.note(i)])
      }
      for (i, old, rec) in plan.toUpdate {
        for c in old.changes(to: rec) {
          try copy.row([rec.id, at, options.by, "import", c.field, c.old, c.new, input.note(i)])
        }
      }
    }
  }
}
