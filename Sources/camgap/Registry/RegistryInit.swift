import ArgumentParser
import Foundation
import Registry

struct RegistryInit: ParsableCommand {
  static let configuration = command(
    "init", "Create the registry (mode 0600) or bring its schema up to date.")

  @OptionGroup var store: RegistryDBOption

  func run() throws {
    let existed = FileManager.default.fileExists(atPath: store.path)
    let registry = try store.open(create: true)
    let p = try registryErrors { try registry.pragmas() }
    let n = try registryErrors { try registry.count() }
    try say(
      existed
        ? "registry \(store.path): up to date (\(n) cameras, schema \(p.schema.count) migration\(p.schema.count == 1 ? "" : "s"))"
        : "registry \(store.path): created (mode 0600, \(p.journalMode) journal)")
    if !RegistryStore.isPrivate(path: store.path) {
      FileHandle.standardError.write(
        "warning: \(store.path) is readable by group or others; camera positions are sensitive (chmod 600 it)\n"
          .data(using: .utf8)!)
    }
  }
}
