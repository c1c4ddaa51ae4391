import Foundation
import TestSupport
import XCTest

/// The registry file as the operating system holds it: read-only files, files from a newer
/// camgap, symbolic links, empty and missing files (issue: registry files).
final class RegistryFileTests: XCTestCase {
  var dir: URL!

  override func setUpWithError() throws {
    dir = FileManager.default.temporaryDirectory.appendingPathComponent("camgap-regfile-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
  }

  override func tearDownWithError() throws {
    try? FileManager.default.removeItem(at: dir)
  }

  func path(_ name: String) -> String { dir.appendingPathComponent(name).path }

  /// A registry holding tiny's three cameras.
  func registry(_ name: String = "r.sqlite") throws -> String {
    let db = path(name)
    XCTAssertEqual(try CLI.run(["registry", "init", "--db", db]).code, 0)
    let r = try CLI.run(["registry", "import", CLI.geodata("tiny/cameras.geojson"), "--db", db])
    XCTAssertEqual(r.code, 0, r.stderr)
    return db
  }

  /// A statement run by the sqlite3 shell, as a newer camgap (or a hand) would change a file.
  func sql(_ db: String, _ statement: String) throws {
    let r = try Processes.run(URL(fileURLWithPath: "/usr/bin/sqlite3"), [db, statement])
    XCTAssertEqual(r.code, 0, r.stderr)
  }

  func bytes(_ path: String) -> Data? { FileManager.default.contents(atPath: path) }

  /// A registry file without write permission, in a directory the reader may write (where
  /// SQLite keeps the WAL index), read by an unprivileged user: every read command works and
  /// the file is unchanged. Root ignores file modes, so the commands run as `nobody`.
  func testEveryReadCommandWorksOnAReadOnlyFile() throws {
    let db = try registry()
    chmod(db, 0o444)
    chown(dir.path, 65534, 65534)
    let before = bytes(db)
    let reads: [[String]] = [
      ["registry", "list", "--db", db], ["registry", "show", "CAM-A", "--db", db],
      ["registry", "history", "CAM-A", "--db", db], ["registry", "export", "--db", db],
      ["audit", CLI.geodata("tiny"), "--db", db, "--format", "json"],
    ]
    for args in reads {
      let r = try Processes.run(
        URL(fileURLWithPath: "/usr/bin/setpriv"),
        ["--reuid=65534", "--regid=65534", "--clear-groups", CLI.binary.path] + args)
      XCTAssertEqual(r.code, 0, "\(args): \(r.stderr)")
      XCTAssertFalse(r.stderr.contains("readonly"), r.stderr)
      XCTAssertTrue(
        r.stdout.contains(args[0] == "audit" ? "\"active_cameras\"" : "CAM-A"),
        "\(args): \(r.stdout.prefix(300))")
    }
    XCTAssertEqual(bytes(db), before)
  }

  func testANewerSchemaIsRefused() throws {
    let db = try registry()
    try sql(db, "PRAGMA user_version = 99")
    for args in [
      ["registry", "list", "--db", db], ["registry", "init", "--db", db],
      ["audit", CLI.geodata("tiny"), "--db", db],
    ] {
      let r = try CLI.run(args)
      XCTAssertEqual(r.code, 2, "\(args)")
      XCTAssertTrue(
        r.stderr.contains(
          "\(db): made by a newer camgap (schema version 99); use that version or a later one"),
        r.stderr)
    }
    let other = try registry("m.sqlite")
    try sql(other, "INSERT INTO grdb_migrations (identifier) VALUES ('v9: cameras in 3-D')")
    let r = try CLI.run(["registry", "add", "X", "--lon", "121", "--lat", "30", "--db", other])
    XCTAssertEqual(r.code, 2)
    XCTAssertTrue(r.stderr.contains("made by a newer camgap (migration \"v9: cameras in 3-D\")"), r.stderr)
  }

  /// `init` through a dangling link would create the target with the default mode while
  /// saying 0600: it refuses, and creates nothing.
  func testInitRefusesADanglingSymlink() throws {
    let link = path("link.sqlite")
    let target = path("target.sqlite")
    try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
    let r = try CLI.run(["registry", "init", "--db", link])
    XCTAssertEqual(r.code, 1)
    XCTAssertTrue(
      r.stderr.contains(
        "\(link): cannot create the registry: it is a symbolic link to a missing file; give the path the registry should have"
      ), r.stderr)
    XCTAssertFalse(FileManager.default.fileExists(atPath: target))
    let made = try CLI.run(["registry", "init", "--db", target])
    XCTAssertTrue(made.stdout.contains("created (mode 0600"), made.stdout)
    let mode = try XCTUnwrap(
      FileManager.default.attributesOfItem(atPath: target)[.posixPermissions] as? NSNumber)
    XCTAssertEqual(mode.intValue & 0o777, 0o600)
  }

  /// Only `init` creates: every other command on a missing or empty file is exit 2 naming
  /// it, and the file stays as it was.
  func testOnlyInitCreates() throws {
    let empty = path("empty.sqlite")
    FileManager.default.createFile(atPath: empty, contents: Data())
    let missing = path("missing.sqlite")
    let file = CLI.geodata("tiny/cameras.geojson")
    let commands: [[String]] = [
      ["registry", "list"], ["registry", "show", "CAM-A"], ["registry", "history", "CAM-A"],
      ["registry", "export"],
      ["registry", "import", file], ["registry", "add", "X", "--lon", "121", "--lat", "30"],
      ["registry", "update", "X", "--name", "n"], ["registry", "retire", "X"],
    ]
    for args in commands {
      let r = try CLI.run(args + ["--db", empty])
      XCTAssertEqual(r.code, 2, "\(args) on an empty file")
      XCTAssertTrue(
        r.stderr.contains(
          "\(empty): not a camgap registry: the file is empty; create a registry with `camgap registry init --db \(empty)`"
        ), r.stderr)
      XCTAssertEqual(bytes(empty)?.count, 0)
      let m = try CLI.run(args + ["--db", missing])
      XCTAssertEqual(m.code, 2, "\(args) on a missing file")
      XCTAssertTrue(
        m.stderr.contains(
          "\(missing): no registry here; create one with `camgap registry init --db \(missing)`"), m.stderr)
      XCTAssertFalse(FileManager.default.fileExists(atPath: missing))
    }
    let audit = try CLI.run(["audit", CLI.geodata("tiny"), "--db", empty])
    XCTAssertEqual(audit.code, 2)
    XCTAssertEqual(bytes(empty)?.count, 0)
    XCTAssertEqual(try CLI.run(["registry", "init", "--db", empty]).code, 0)
    XCTAssertEqual(try CLI.run(["registry", "import", file, "--db", empty]).code, 0)
  }

  func testThreadsMustBePositive() throws {
    for n in ["-1", "0"] {
      let r = try CLI.run(["audit", CLI.geodata("tiny"), "--threads", n])
      XCTAssertEqual(r.code, 1)
      XCTAssertTrue(r.stderr.contains("--threads must be ≥ 1, got \(n)"), r.stderr)
      XCTAssertFalse(r.stderr.contains("Missing value"), r.stderr)
    }
  }
}

extension RegistryFileTests {
  /// The registry keeps the id as SPEC §1 compares it, and finds a camera by any spelling of it.
  func testTheRegistryStoresTheNormalisedId() throws {
    let db = path("n.sqlite")
    XCTAssertEqual(try CLI.run(["registry", "init", "--db", db]).code, 0)
    let add = try CLI.run([
      "registry", "add", "Cafe\u{301}-1\u{A0}", "--lon", "121", "--lat", "30", "--db", db,
    ])
    XCTAssertEqual(add.code, 0, add.stderr)
    let list = try CLI.run(["registry", "list", "--db", db])
    // Swift compares strings up to canonical equivalence: the bytes tell NFC from NFD.
    let bytes = Data(list.stdout.utf8)
    XCTAssertNotNil(bytes.range(of: Data("\nCaf\u{E9}-1  ".utf8)), list.stdout)
    XCTAssertNil(bytes.range(of: Data("e\u{301}".utf8)), list.stdout)
    let update = try CLI.run(["registry", "update", " Caf\u{E9}-1", "--name", "corner", "--db", db])
    XCTAssertEqual(update.code, 0, update.stderr)
    let show = try CLI.run(["registry", "show", "Cafe\u{301}-1", "--db", db])
    XCTAssertTrue(show.stdout.contains("corner"), show.stdout)
    let again = try CLI.run(["registry", "add", "Caf\u{E9}-1 ", "--lon", "121", "--lat", "30", "--db", db])
    XCTAssertEqual(again.code, 2)
    XCTAssertFalse(again.stderr.contains("UNIQUE constraint"), again.stderr)
  }
}
