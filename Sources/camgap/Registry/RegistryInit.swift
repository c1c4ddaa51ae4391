import ArgumentParser
import Foundation
import Registry

struct RegistryInit: ParsableCommand {
  static let configuration = command(
    "init", "Create the registry (mode 0600) or bring its schema up to date.")

  @OptionGroup var store: RegistryDBOption

  func run() throws {
    if RegistryTarget.isPostgreSQL(store.path) { return try runPostgreSQL() }
    let existed = FileManager.default.fileExists(atPath: store.path)
    let registry = try registryErrors { try RegistryStore(path: store.path, create: true) }
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

  /// The same two answers for a PostgreSQL registry, naming the server instead of the file's
  /// mode (who may read the cameras is then the database's grants).
  func runPostgreSQL() throws {
    let registry = try registryErrors { try PGRegistryStore(store.path, create: true) }
    let v = try registryErrors { try registry.versions() }
    if registry.created {
      try say("registry \(registry.target): created (PostgreSQL \(v.server), PostGIS \(v.postgis))")
      return
    }
    let n = try registryErrors { try registry.count() }
    let m = try registryErrors { try registry.appliedMigrations().count }
    try say(
      "registry \(registry.target): up to date (\(n) cameras, schema \(m) migration\(m == 1 ? "" : "s"))")
  }
}
