import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Runs `tools/pgcluster.sh COMMAND` for the PostgreSQL tests, with posix_spawn and waitpid:
/// Foundation's `Process` notices a child's exit only when every descendant has closed a
/// pipe or socket it inherits, and the server the script starts keeps running, so
/// `waitUntilExit` would never return. Output goes through a log file for the same reason.
public enum ClusterScript {
  /// The PostgreSQL server the tests run against: `$CAMGAP_TEST_PG` when set (`.ci/run`
  /// starts a cluster with tools/pgcluster.sh), otherwise one cluster this test process
  /// starts in its own directory, for every test target, and stops when it exits; so
  /// `swift test` alone works wherever postgresql-15 and PostGIS are installed. `failure`
  /// says why there is none.
  public static let server: (uri: String?, failure: String) = start()

  static let ownDirectory = "/tmp/camgap-pg-test-\(getpid())"

  static func start() -> (uri: String?, failure: String) {
    if let uri = ProcessInfo.processInfo.environment["CAMGAP_TEST_PG"], !uri.isEmpty { return (uri, "") }
    let (status, out) = run("start", directory: ownDirectory, log: "camgap-pgcluster")
    atexit { _ = ClusterScript.run("stop", directory: ClusterScript.ownDirectory, log: "camgap-pgcluster") }
    guard status == 0, let line = out.split(separator: "\n").last(where: { $0.hasPrefix("CAMGAP_TEST_PG=") })
    else { return (nil, "tools/pgcluster.sh start failed (\(status)): \(out)") }
    return (String(line.dropFirst("CAMGAP_TEST_PG=".count)), "")
  }

  /// The exit status (-1 when the script did not run or died of a signal) and its output.
  public static func run(_ command: String, directory: String, log name: String) -> (Int32, String) {
    let log = FileManager.default.temporaryDirectory.appendingPathComponent("\(name)-\(getpid()).log")
    defer { try? FileManager.default.removeItem(at: log) }
    let path = Repo.root.appendingPathComponent("tools/pgcluster.sh").path
    let args = ["/usr/bin/env", "CAMGAP_PG_DIR=\(directory)", "/bin/bash", path, command]
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
}
