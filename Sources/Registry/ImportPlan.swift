import Cameras
import Foundation
import Support

/// What an import reads before it touches a registry: the file's records, converted to WGS84
/// and given their districts, and the records the reader refused. Reading is the same for
/// every backend and happens outside the write transaction, so a slow read never holds the
/// registry's lock.
struct ImportInput {
  var file: String
  var report: ImportReport
  var read: CameraFile
  var readerRejects: [CameraReader.RejectedRecord]
  var incoming: [CameraRecord]

  init(path: String, options: ImportOptions) throws {
    file = (path as NSString).lastPathComponent
    options.progress?("reading \(file)")
    (read, readerRejects) = try RegistryStore.readRecords(
      path: path, options: options.read, manifest: options.manifest)
    report = ImportReport(file: file)
    report.records = read.cameras.count + readerRejects.count
    report.skippedNonCameras = read.skippedNonCameras
    report.warnings = read.warnings
    report.dryRun = options.dryRun
    incoming = []
    incoming.reserveCapacity(read.cameras.count)
    for var cam in read.cameras {
      (cam.lon, cam.lat) = options.inputCRS.toWGS84(lon: cam.lon, lat: cam.lat)
      let district = options.districts?.code(lon: cam.lon, lat: cam.lat)
      incoming.append(CameraRecord(cam, district: district))
    }
  }

  /// The history note of the record at `index`: the file and where in it.
  func note(_ index: Int) -> String { "\(file) \(read.locations[index].text)" }
}

/// The records an import adds and changes, decided against what the registry holds by the
/// same rules whichever backend holds it: a stored record with the same values is
/// unchanged, one with other values is a conflict unless `--upsert` (or only its district
/// differs and `--districts` re-derived it), and any problem fails the whole import unless
/// `--skip-invalid`. Building the plan writes nothing, so a refused import leaves the
/// registry as it was whatever the backend.
struct ImportPlan {
  var report: ImportReport
  /// (index in the file, record), sorted by id.
  var toAdd: [(Int, CameraRecord)] = []
  /// (index in the file, stored record, new record).
  var toUpdate: [(Int, CameraRecord, CameraRecord)] = []

  init(_ input: ImportInput, options: ImportOptions, stored: (String) throws -> CameraRecord?) throws {
    report = input.report
    var problems = input.readerRejects.map { Rejection(location: $0.location, errors: $0.errors) }
    for (i, var rec) in input.incoming.enumerated() {
      guard let old = try stored(rec.id) else {
        if options.districts == nil { rec.district = DistrictIndex.codeFromDeviceID(rec.id) }
        toAdd.append((i, rec))
        continue
      }
      // A districts file re-derives the district; otherwise the stored one stands.
      if options.districts == nil { rec.district = old.district }
      if old == rec {
        report.unchanged += 1
      } else if options.upsert || old.sameCamera(as: rec) {
        // Only the district differs: `--districts` asked for it to be derived again.
        toUpdate.append((i, old, rec))
      } else {
        problems.append(
          RegistryStore.conflict(old: old, new: rec, file: input.file, location: input.read.locations[i]))
      }
    }
    problems.sort { $0.location.order < $1.location.order }
    if !problems.isEmpty && !options.skipInvalid {
      throw InputErrors(RegistryStore.shownErrors(problems, file: input.file, perField: options.maxPerField))
    }
    report.rejected = problems
    // In id order the primary key and the history index grow at their ends instead of
    // splitting pages all over the file.
    toAdd.sort { $0.1.id < $1.1.id }
    report.added = toAdd.count
    report.updated = toUpdate.count
  }
}
