import ArgumentParser
import Cameras
import Formats
import Foundation
import Support

struct InitManifestCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "init-manifest",
    abstract: "Write a first camgap.toml for a folder of a bureau's files (never over an existing one).",
    discussion: """
      Looks at the folder's GeoJSON, CSV and GB/T 28181 catalogue files: which file is which \
      layer (file names, geometry, administrative codes) and which property is which field \
      (SPEC §5 aliases, unique values for ids, numbers in [0, 360] for headings). Every guess \
      is marked with a "# guessed:" comment; check those, then run camgap audit on the folder.
      """)

  @Argument(help: "Folder holding the files.")
  var dir: String

  func run() throws {
    var isDir: ObjCBool = false
    guard FileManager.default.fileExists(atPath: dir, isDirectory: &isDir), isDir.boolValue else {
      throw InputError(file: dir, message: "not a directory")
    }
    let path = (dir as NSString).appendingPathComponent(Manifest.fileName)
    if FileManager.default.fileExists(atPath: path) {
      throw UsageError(message: "\(path) already exists; edit it, or remove it to write a new one")
    }
    let text = try ManifestGuess.manifest(directory: dir, cameras: CameraFields.vocabulary(csv:))
    var protected = SafeOutput.Protected()
    protected.addBundle(dir)
    try SafeOutput.write(text, to: path, protecting: protected)
    try say("wrote \(path); check the lines marked \"guessed\", then: camgap audit \(dir)")
  }
}
