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

  /// Runs tools/pgcluster.sh with posix_spawn and waitpid. Foundation's `Process` notices a
  /// child's exit only when every descendant has closed a socket it inherits, and the server
  /// the script starts keeps running, so `waitUntilExit` would never return.
  static func script(_ command: String) -> (Int32, String) {
    let log = FileManager.default.temporaryDirectory.appendingPathComponent(
      "camgap-pgcluster-\(getpid()).log")
    defer { try? FileManager.default.removeItem(at: log) }
    let path = Repo.root.appendingPathComponent("tools/pgcluster.sh").path
    let args = ["/usr/bin/env", "CAMGAP_PG_DIR=\(ownDirectory)", "/bin/bash", path, command]
    let argv = args.map { strdup($0) } + [nil]
    defer { for a in argv { free(a) } }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, log.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    posix_spawn_file_actions_adddup2(&actions, 1, 2)
    var pid: pid_t = 0
    let spawned = posix_spawn(&pid, "/usr/bin/env", &actions, nil, argv, environ)
    guard spawned == 0 else { return (-1, "cannot run \(path): \(String(cString: strerror(spawned)))") }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
    let output = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
    return ((status & 0x7f) == 0 ? (status >> 8) & 0xff : -1, output)
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
