import Cameras
import Foundation
import Support

/// The records an edit writes, worked out from the typed values and the stored record before
/// any backend writes them: the result is checked as a whole by `RecordValidator` (so a new
/// `removed` before the stored `installed` is refused), and both backends accept and refuse the
/// same edits in the same words.
enum EditPlan {
  static func added(_ values: [CameraField: String], district: DistrictChoice, options: EditOptions) throws
    -> (CameraRecord, context: String)
  {
    let id = values[.id] ?? ""
    let context = "camera \(id.isEmpty ? "(no id)" : "\"\(id)\"")"
    let cam = try RecordValidator.camera(values, context: context, strictIDs: options.strictIDs)
    var rec = CameraRecord(cam, district: nil)
    switch district {
    case .keep: rec.district = DistrictIndex.codeFromDeviceID(rec.id)
    case .set(let code): rec.district = code
    case .lookup(let index): rec.district = index.code(lon: cam.lon, lat: cam.lat)
    }
    return (rec, context)
  }

  static func updated(
    _ old: CameraRecord, id: String, set: [CameraField: String], unset: [CameraField],
    district: DistrictChoice,
    options: EditOptions
  ) throws -> CameraRecord {
    var values: [CameraField: String] = [:]
    for f in CameraField.allCases { values[f] = old[f] }
    for f in unset { values[f] = nil }
    for (f, v) in set where f != .id { values[f] = v }
    let cam = try RecordValidator.camera(values, context: "camera \"\(id)\"", strictIDs: options.strictIDs)
    var rec = CameraRecord(cam, district: old.district)
    switch district {
    case .keep: break
    case .set(let code): rec.district = code
    case .lookup(let index): rec.district = index.code(lon: cam.lon, lat: cam.lat)
    }
    return rec
  }

  static func retired(_ old: CameraRecord, id: String, date: String?) throws -> CameraRecord {
    var values: [CameraField: String] = [:]
    for f in CameraField.allCases { values[f] = old[f] }
    values[.status] = CameraStatus.retired.rawValue
    values[.removed] = date ?? old[.removed] ?? Clock.localToday()
    let cam = try RecordValidator.camera(values, context: "camera \"\(id)\"", strictIDs: false)
    return CameraRecord(cam, district: old.district)
  }

  /// The record an edit writes and how it differs from the stored one, after `--if-version`:
  /// a planner who read another version than the stored one is refused before anything is
  /// worked out. `version` is asked only then, so an edit without the option reads no more.
  static func changed(
    _ old: CameraRecord, version: () throws -> Int, target: String, options: EditOptions,
    _ change: (CameraRecord) throws -> CameraRecord
  ) throws -> (CameraRecord, [(field: String, old: String?, new: String?)]) {
    if let expected = options.ifVersion {
      let actual = try version()
      if actual != expected {
        throw RegistryError.changed(id: old.id, expected: expected, actual: actual, path: target)
      }
    }
    let new = try change(old)
    return (new, old.changes(to: new))
  }
}
