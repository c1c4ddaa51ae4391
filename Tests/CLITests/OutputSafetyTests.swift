import Foundation
import XCTest

/// SPEC §3: `--out` never writes over an input of the run or the registry, never replaces a
/// device, pipe or link, and a failed write (a full disk) is exit 1 with the path and the
/// reason — never a crash, never a half file presented as whole.
final class OutputSafetyTests: XCTestCase {
  var work: URL!

  override func setUpWithError() throws {
    work = try CLI.copyBundle("tiny")
  }

  override func tearDownWithError() throws {
    try? FileManager.default.removeItem(at: work)
  }

  func path(_ name: String) -> String { work.appendingPathComponent(name).path }

  /// Runs camgap with stdout sent to `/dev/full`, as `camgap … > file` on a full disk.
  func runToFullDisk(_ args: [String]) throws -> (code: Int32, stderr: String) {
    let p = Process()
    p.executableURL = CLI.binary
    p.arguments = args
    p.standardOutput = FileHandle(forWritingAtPath: "/dev/full")
    let err = Pipe()
    p.standardError = err
    try p.run()
    let e = err.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return (p.terminationStatus, String(decoding: e, as: UTF8.self))
  }

  func testStdoutOnFullDiskIsExitOneForEveryFormat() throws {
    for format in ["json", "geojson", "csv", "table", "html"] {
      let r = try runToFullDisk(["audit", work.path, "--format", format])
      XCTAssertEqual(r.code, 1, format)
      XCTAssertEqual(r.stderr, "camgap: cannot write standard output: No space left on device\n", format)
    }
  }

  func testRegistryCommandsOnFullDiskAreExitOne() throws {
    let db = path("r.sqlite")
    XCTAssertEqual(try CLI.run(["registry", "init", "--db", db]).code, 0)
    XCTAssertEqual(try CLI.run(["registry", "import", path("cameras.geojson"), "--db", db]).code, 0)
    for args in [["registry", "export"], ["registry", "list"], ["registry", "list", "--format", "csv"]] {
      let r = try runToFullDisk(args + ["--db", db])
      XCTAssertEqual(r.code, 1, "\(args)")
      XCTAssertTrue(r.stderr.contains("cannot write standard output: No space left on device"), r.stderr)
    }
    let v = try runToFullDisk(["validate", work.path])
    XCTAssertEqual(v.code, 1)
  }

  func testOutToFullDeviceIsExitOneWithThePath() throws {
    let r = try CLI.run(["audit", work.path, "--format", "json", "--out", "/dev/full"])
    XCTAssertEqual(r.code, 1)
    XCTAssertEqual(r.stderr, "camgap: cannot write /dev/full: No space left on device\n")
  }

  func testOutToDevNullWritesThroughAndKeepsTheDevice() throws {
    let r = try CLI.run(["audit", work.path, "--format", "json", "--out", "/dev/null"])
    XCTAssertEqual(r.code, 0, r.stderr)
    let type = try FileManager.default.attributesOfItem(atPath: "/dev/null")[.type] as? FileAttributeType
    XCTAssertEqual(type, .typeCharacterSpecial)
  }

  func testOutThroughASymlinkIsRefusedAndBothStayAsTheyWere() throws {
    try "keep".write(toFile: path("target.json"), atomically: false, encoding: .utf8)
    try FileManager.default.createSymbolicLink(
      atPath: path("link.json"), withDestinationPath: path("target.json"))
    let r = try CLI.run(["audit", work.path, "--format", "json", "--out", path("link.json")])
    XCTAssertEqual(r.code, 1)
    XCTAssertTrue(r.stderr.contains("link.json: is a symbolic link"), r.stderr)
    XCTAssertEqual(try String(contentsOfFile: path("target.json"), encoding: .utf8), "keep")
    XCTAssertEqual(
      try FileManager.default.destinationOfSymbolicLink(atPath: path("link.json")), path("target.json"))
  }

  func testOutOverAnInputOfTheRunIsRefused() throws {
    let cameras = path("cameras.geojson")
    let before = try Data(contentsOf: URL(fileURLWithPath: cameras))
    for (flag, target) in [
      ("--out", cameras), ("--gaps", path("districts.geojson")), ("--out", path("./zones.geojson")),
    ] {
      let r = try CLI.run(["audit", work.path, "--format", "geojson", flag, target])
      XCTAssertEqual(r.code, 1, "\(flag) \(target)")
      XCTAssertTrue(r.stderr.contains("is an input of this run"), r.stderr)
    }
    XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: cameras)), before)
    // A cameras file given with --cameras is an input too, wherever it lies.
    let outside = FileManager.default.temporaryDirectory.appendingPathComponent(
      "camgap-\(UUID().uuidString).geojson")
    try before.write(to: outside)
    defer { try? FileManager.default.removeItem(at: outside) }
    let r = try CLI.run([
      "audit", work.path, "--cameras", outside.path, "--format", "json", "--out", outside.path,
    ])
    XCTAssertEqual(r.code, 1)
    XCTAssertEqual(try Data(contentsOf: outside), before)
  }

  func testRegistryExportOverTheRegistryIsRefused() throws {
    let db = path("r.sqlite")
    XCTAssertEqual(try CLI.run(["registry", "init", "--db", db]).code, 0)
    XCTAssertEqual(try CLI.run(["registry", "import", path("cameras.geojson"), "--db", db]).code, 0)
    let r = try CLI.run(["registry", "export", "--db", db, "--out", db])
    XCTAssertEqual(r.code, 1)
    XCTAssertTrue(r.stderr.contains("r.sqlite: is an input of this run"), r.stderr)
    let list = try CLI.run(["registry", "list", "--db", db, "--format", "json"])
    XCTAssertEqual(list.code, 0, list.stderr)
  }

  func testOutToADirectoryOrMissingDirectoryIsAPlainMessage() throws {
    let d = try CLI.run(["audit", work.path, "--format", "json", "--out", work.path])
    XCTAssertEqual(d.code, 1)
    XCTAssertEqual(d.stderr, "camgap: cannot write \(work.path): is a directory; give a file name\n")
    let m = try CLI.run(["audit", work.path, "--format", "json", "--out", path("no/such/x.json")])
    XCTAssertEqual(m.code, 1)
    XCTAssertTrue(m.stderr.contains("no such directory"), m.stderr)
  }

  func testReplacedFileKeepsItsModeAndNoTemporaryFileIsLeft() throws {
    let out = path("audit.json")
    try "old".write(toFile: out, atomically: false, encoding: .utf8)
    XCTAssertEqual(chmod(out, 0o600), 0)
    let r = try CLI.run(["audit", work.path, "--format", "json", "--out", out])
    XCTAssertEqual(r.code, 0, r.stderr)
    let attrs = try FileManager.default.attributesOfItem(atPath: out)
    XCTAssertEqual((attrs[.posixPermissions] as? NSNumber)?.intValue, 0o600)
    let text = try String(contentsOfFile: out, encoding: .utf8)
    XCTAssertTrue(text.hasPrefix("{"), text)
    let stray = try FileManager.default.contentsOfDirectory(atPath: work.path).filter {
      $0.contains(".camgap-")
    }
    XCTAssertEqual(stray, [])
  }
}
