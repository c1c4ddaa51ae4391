import ArgumentParser
import Cameras
import Foundation
import Registry
import Support

struct RegistryAdd: ParsableCommand {
  static let configuration = command("add", "Add one camera (validated as an imported record would be).")

  @OptionGroup var camera: RegistryCamera

  @OptionGroup var fields: CameraFieldOptions
  @OptionGroup var district: DistrictOptions
  @OptionGroup var author: AuthorOptions

  @Flag(name: .customLong("strict-ids"), help: "Check the id as a GB/T 28181 20-digit device code.")
  var strictIDs = false

  func validate() throws {
    if fields.lon == nil || fields.lat == nil { throw ValidationError("add needs --lon and --lat") }
  }

  func run() throws {
    var values = fields.values
    values[.id] = camera.id
    let choice = try district.choice()
    let registry = try camera.store.open(create: false)
    let rec = try registryErrors {
      try registry.add(values, district: choice, options: author.edit(strictIDs: strictIDs))
    }
    try say("added \(rec.id)")
  }
}

struct RegistryUpdate: ParsableCommand {
  static let configuration = command(
    "update", "Change fields of one camera; each change goes to its history.")

  @OptionGroup var camera: RegistryCamera

  @OptionGroup var fields: CameraFieldOptions

  @Option(name: .long, help: "Clear this field (repeatable), e.g. --unset fov.")
  var unset: [String] = []

  @OptionGroup var district: DistrictOptions
  @OptionGroup var author: AuthorOptions

  func run() throws {
    var cleared: [CameraField] = []
    for name in unset {
      guard let f = CameraField(rawValue: name.replacingOccurrences(of: "-", with: "_")), f != .id else {
        throw UsageError(
          message:
            "--unset takes a field name: \(CameraField.editable.map(\.rawValue).joined(separator: ", ")); got \"\(name)\""
        )
      }
      cleared.append(f)
    }
    let choice = try district.choice()
    let values = fields.values
    if values.isEmpty && cleared.isEmpty, case .keep = choice {
      throw UsageError(
        message: "nothing to update: give at least one field option, --unset, --district or --districts")
    }
    let registry = try camera.store.open(create: false)
    let changes = try registryErrors {
      try registry.update(
        id: camera.id, set: values, unset: cleared, district: choice, options: author.edit())
    }
    try printChanges(camera.id, changes)
  }
}

struct RegistryRetire: ParsableCommand {
  static let configuration = command(
    "retire", "Mark a camera retired and set its removal date; the record and its history stay.")

  @OptionGroup var camera: RegistryCamera

  @Option(name: .long, help: "Removal date YYYY-MM-DD (default: the stored one, else today).")
  var date: String?

  @OptionGroup var author: AuthorOptions

  func run() throws {
    let registry = try camera.store.open(create: false)
    let changes = try registryErrors {
      try registry.retire(id: camera.id, date: date, options: author.edit())
    }
    try printChanges(camera.id, changes)
  }
}

func printChanges(_ id: String, _ changes: [(field: String, old: String?, new: String?)]) throws {
  if changes.isEmpty {
    try say(SafeText.visible(id) + ": no change")
    return
  }
  for c in changes {
    try say(SafeText.visible("\(id): \(c.field): \(c.old ?? "-") → \(c.new ?? "-")"))
  }
}
