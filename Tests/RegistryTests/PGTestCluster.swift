import Foundation
import TestSupport
import XCTest

@testable import Registry

/// The PostgreSQL server the PostgreSQL tests run against: `$CAMGAP_TEST_PG` when set (CI
/// starts a cluster with tools/pgcluster.sh), otherwise a cluster this test process starts
/// once in its own directory and stops when it exits, so `swift test` alone works wherever
/// postgresql-15 and PostGIS are installed.
enum PGTestCluster {
  static let started: (uri: String?, failure: String) = start()

  static let ownDirectory = "/tmp/camgap-pg-test-\(getpid())"

  static func start() -> (uri: String?, failure: String) {
    if let uri = ProcessInfo.processInfo.environment["CAMGAP_TEST_PG"], !uri.isEmpty { return (uri, "") }
    let (status, out) = script("start")
    atexit { _ = PGTestCluster.script("stop") }
    guard status == 0, let line = out.split(separator: "\n").last(where: { $0.hasPrefix("CAMGAP_TEST_PG=") })
    else { return (nil, "tools/pgcluster.sh start failed (\(status)): \(out)") }
    return (String(line.dropFirst("CAMGAP_TEST_PG=".count)), "")
  }

  /// Runs tools/pgcluster.sh (see `ClusterScript`).
  static func script(_ command: String) -> (Int32, String) {
    ClusterScript.run(command, directory: ownDirectory, log: "camgap-pgcluster")
  }

  /// A connection whose search path starts at a fresh schema, dropped when the test ends, so
  /// tests (and test processes sharing one server) never see each other's tables.
  static func connect(_ test: XCTestCase) throws -> PGConnection {
    guard let uri = started.uri else {
      XCTFail(started.failure)
      throw PGError(target: "test cluster", message: started.failure)
    }
    let db = try PGConnection(uri)
    let schema = "t_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
    try db.executeScript("CREATE SCHEMA \(schema); SET search_path TO \(schema), public")
    test.addTeardownBlock {
      try? db.executeScript("SET client_min_messages = warning; DROP SCHEMA \(schema) CASCADE")
    }
    return db
  }
}
