import Foundation
import XCTest

/// Names from a user's file reach the terminal with their control and bidirectional
/// characters shown, never obeyed (SPEC §3), and Chinese names keep the columns aligned.
/// Fixtures/hostile-names holds geodata/tiny with a district and a zone named
/// `… ESC[2J ESC]0;title BEL A <newline> B U+202E evil`, and a camera named `camera U+202E evil`
/// (control characters in a camera's text fields are an error, SPEC §1; a bidirectional
/// override is not, and is shown).
final class TerminalTextTests: XCTestCase {
  static func fixture(_ name: String) -> String { CLI.fixture(name).path }

  /// The hostile name as it must appear: every escape visible, on one line.
  static let shown = #"\u001b[2J\u001b]0;title\u0007 A\u000aB \u202eevil"#

  /// The camera's name as it must appear.
  static let cameraShown = #"camera \u202eevil"#

  /// No raw ESC, BEL, RLO or C1 byte in `text`; lines are those of the table alone.
  func assertInert(_ text: String, file: StaticString = #filePath, line: UInt = #line) {
    for u in text.unicodeScalars where u != "\n" {
      let v = u.value
      let bad = v < 0x20 || (0x7F...0x9F).contains(v) || (0x202A...0x202E).contains(v)
      XCTAssertFalse(bad, "raw U+\(String(v, radix: 16)) in output", file: file, line: line)
    }
  }

  func testAuditTableShowsControlCharactersOfDistrictAndZoneNames() throws {
    let r = try CLI.run(["audit", Self.fixture("hostile-names"), "--format", "table"])
    XCTAssertEqual(r.code, 0, r.stderr)
    assertInert(r.stdout)
    let lines = r.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let district = lines.first { $0.hasPrefix("330482001000  district ") }
    XCTAssertEqual(
      district, "330482001000  district \(Self.shown)  1.00 km²  4785 m²      0.5%        2")
    let zone = lines.first { $0.hasPrefix("Z1  zone ") }
    XCTAssertEqual(zone, "Z1  zone \(Self.shown)  key-site      7.1%   50.0%  NO     1  37176 m²")
  }

  func testRegistryListShowAndErrorShowControlCharactersOfCameraNames() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("camgap-tty-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let db = dir.appendingPathComponent("r.sqlite").path
    let hostile = Self.fixture("hostile-names/cameras.geojson")
    XCTAssertEqual(try CLI.run(["registry", "init", "--db", db]).code, 0)
    XCTAssertEqual(try CLI.run(["registry", "import", hostile, "--db", db]).code, 0)

    let list = try CLI.run(["registry", "list", "--db", db])
    XCTAssertEqual(list.code, 0, list.stderr)
    assertInert(list.stdout)
    let rows = list.stdout.split(separator: "\n").map(String.init)
    XCTAssertEqual(rows.count, 5, list.stdout)
    XCTAssertEqual(
      rows[1],
      "CAM-A  \(Self.cameraShown)  fixed  90       90   50     1      active   121.019386952135  30.694321648649  -"
    )

    let show = try CLI.run(["registry", "show", "CAM-A", "--db", db])
    XCTAssertEqual(show.code, 0, show.stderr)
    assertInert(show.stdout)
    XCTAssertTrue(show.stdout.contains("\nname        \(Self.cameraShown)\nlon "), show.stdout)

    // The same ids with their plain names: the refusal quotes the stored name.
    let again = try CLI.run(["registry", "import", CLI.geodata("tiny/cameras.geojson"), "--db", db])
    XCTAssertEqual(again.code, 2)
    assertInert(again.stderr)
    XCTAssertEqual(
      again.stderr,
      "camgap: cameras.geojson: feature 0: field \"id\": \"CAM-A\" is already in the registry with other values (name \(Self.cameraShown) → A 90° bullet); import with --upsert to update it\n"
    )
  }

  /// An id or name holding control characters is refused, and the refusal shows none raw.
  func testControlCharactersInCameraTextAreRefusedAndShownInert() throws {
    let r = try CLI.run([
      "audit", Self.fixture("hostile-names"), "--cameras", Self.fixture("hostile-id/cameras.geojson"),
    ])
    XCTAssertEqual(r.code, 2)
    XCTAssertEqual(r.stdout, "")
    assertInert(r.stderr)
    XCTAssertEqual(
      r.stderr,
      "camgap: cameras.geojson: feature 0: field \"id\": holds the control character U+001B; remove it from the file\n"
        + "camgap: cameras.geojson: feature 1: field \"id\": holds the control character U+001B; remove it from the file\n"
    )
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("camgap-tty-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let db = dir.appendingPathComponent("r.sqlite").path
    XCTAssertEqual(try CLI.run(["registry", "init", "--db", db]).code, 0)
    let add = try CLI.run([
      "registry", "add", "N1", "--lon", "121", "--lat", "30", "--name", "a\u{1B}[2Jb", "--db", db,
    ])
    XCTAssertEqual(add.code, 2)
    assertInert(add.stderr)
    XCTAssertEqual(
      add.stderr,
      "camgap: camera \"N1\": field \"name\": holds the control character U+001B; remove it from the file\n")
    XCTAssertEqual(try CLI.run(["registry", "show", "N1", "--db", db]).code, 2)
  }

  /// Terminal columns as the fixture needs them: its CJK ideographs take two.
  func columns(_ s: Substring) -> Int {
    s.unicodeScalars.reduce(0) { $0 + ((0x4E00...0x9FFF).contains($1.value) ? 2 : 1) }
  }

  func testChineseZoneNamesKeepTheColumnsAligned() throws {
    let r = try CLI.run(["audit", Self.fixture("wide-names"), "--format", "table"])
    XCTAssertEqual(r.code, 0, r.stderr)
    let lines = r.stdout.split(separator: "\n", omittingEmptySubsequences: false)
    let start = try XCTUnwrap(lines.firstIndex(of: "Zones, largest shortfall first")) + 1
    let table = lines[start..<(start + 5)]
    XCTAssertEqual(table.map(columns), Array(repeating: 74, count: 5), table.joined(separator: "\n"))
    // The kind column starts after the widest name (11 ideographs) and two spaces.
    for row in table.dropFirst(2) {
      let kind = try XCTUnwrap(row.range(of: "key-site"))
      XCTAssertEqual(columns(row[..<kind.lowerBound]), 4 + 22 + 2, String(row))
    }
    XCTAssertEqual(table.last, "Z1  停车场                  key-site      7.1%   50.0%  NO     1  37176 m²")
  }
}
