import Foundation
import TestSupport
import XCTest

/// PostgreSQL registries for the command-line tests, so the same scenarios run against both
/// backends, on `ClusterScript.server`. Each test gets a database of its own, created on the
/// server and dropped when the test ends, so tests never see each other's cameras.
enum PGTargets {
  static var server: (uri: String?, failure: String) { ClusterScript.server }
  static let psql = ["/usr/lib/postgresql/15/bin/psql", "/usr/bin/psql"].first {
    FileManager.default.isExecutableFile(atPath: $0)
  }

  /// A URI naming a new, empty database on the test server, dropped when `test` ends.
  static func fresh(_ test: XCTestCase) throws -> String {
    guard let uri = server.uri else {
      XCTFail(server.failure)
      throw CocoaError(.featureUnsupported)
    }
    let name = "camgap_t_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
    try sql(uri, "CREATE DATABASE \(name)")
    test.addTeardownBlock { try? sql(uri, "DROP DATABASE IF EXISTS \(name) WITH (FORCE)") }
    return database(name, on: uri)
  }

  /// `uri` with its database replaced by `name`.
  static func database(_ name: String, on uri: String) -> String {
    guard let slash = uri.range(of: "://")?.upperBound,
      let path = uri[slash...].firstIndex(of: "/")
    else { return uri }
    let end = uri[path...].firstIndex(of: "?") ?? uri.endIndex
    return String(uri[..<uri.index(after: path)]) + name + String(uri[end...])
  }

  /// Runs one statement with psql and returns its unaligned output.
  @discardableResult
  static func sql(_ uri: String, _ statement: String) throws -> String {
    guard let psql else {
      XCTFail("psql is not installed")
      throw CocoaError(.featureUnsupported)
    }
    let r = try Processes.run(
      URL(fileURLWithPath: psql), ["-X", "-At", "-v", "ON_ERROR_STOP=1", "-d", uri, "-c", statement])
    guard r.code == 0 else {
      XCTFail("psql \(statement): \(r.stderr)")
      throw CocoaError(.executableLoad)
    }
    return r.stdout
  }
}
