import Foundation
import TestSupport
import XCTest

/// Files in the shapes real sources write them (a citizen camera map, a Hikvision export,
/// DataV districts, a GB/T 28181 catalogue) against twins holding the same data in camgap's
/// own names: read through the manifest or the aliases, each must audit to the twin's numbers.
final class SourceShapesCLITests: XCTestCase {
  func shape(_ name: String) -> String { CLI.fixture("sources").appendingPathComponent(name).path }

  func audit(_ args: [String], file: StaticString = #filePath, line: UInt = #line) throws -> [String: Any] {
    let r = try CLI.run(["audit"] + args + ["--format", "json"])
    XCTAssertEqual(r.code, 0, r.stderr, file: file, line: line)
    return try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any] ?? [:]
  }

  /// The parts of an audit that carry its numbers (warnings differ by design: they name the
  /// aliases taken).
  func assertSameNumbers(
    _ a: [String: Any], _ b: [String: Any], file: StaticString = #filePath, line: UInt = #line
  ) {
    for key in ["summary", "districts", "zones", "classes", "gaps"] {
      XCTAssertEqual(
        a[key].map { $0 as AnyObject } as? NSObject, b[key].map { $0 as AnyObject } as? NSObject, key,
        file: file,
        line: line)
    }
  }

  func summary(_ audit: [String: Any]) -> [String: Any] { audit["summary"] as? [String: Any] ?? [:] }

  func testEachSourceShapeAuditsLikeItsTwin() throws {
    let citizen = try audit([shape("citizen/raw")])
    assertSameNumbers(citizen, try audit([shape("citizen/twin")]))
    XCTAssertEqual(summary(citizen)["cameras"] as? Int, 10)
    XCTAssertEqual(summary(citizen)["unknown_heading"] as? Int, 3)
    XCTAssertEqual(summary(citizen)["covered_m2"] as? Double ?? 0, 7687.1365, accuracy: 1e-3)
    XCTAssertEqual(citizen["warnings"] as? [String], [])

    let hikvision = try audit([shape("hikvision/raw")])
    assertSameNumbers(hikvision, try audit([shape("hikvision/twin")]))
    XCTAssertEqual(summary(hikvision)["cameras"] as? Int, 12)
    XCTAssertEqual(summary(hikvision)["covered_m2"] as? Double ?? 0, 15060.5123, accuracy: 1e-3)
    XCTAssertEqual(
      hikvision["warnings"] as? [String],
      [
        "cameras: id taken from gbIndexCode", "cameras: name taken from positionName",
        "cameras: lon taken from longitude", "cameras: lat taken from latitude",
        "cameras: heading taken from azimuth",
      ])

    let datav = try audit([shape("datav/raw")])
    assertSameNumbers(datav, try audit([shape("datav/twin")]))
    XCTAssertEqual(datav["warnings"] as? [String], ["districts: code taken from adcode"])
    let district = (datav["districts"] as? [[String: Any]])?.first ?? [:]
    XCTAssertEqual(district["code"] as? String, "330482")

    let twin = try audit([shape("catalogue/twin")])
    for raw in ["catalogue/raw", "catalogue/utf8"] {
      let catalogue = try audit([shape(raw)])
      assertSameNumbers(catalogue, twin)
      XCTAssertEqual(summary(catalogue)["cameras"] as? Int, 8)
      XCTAssertEqual(summary(catalogue)["active_cameras"] as? Int, 7)
    }
    XCTAssertEqual(summary(twin)["covered_m2"] as? Double ?? 0, 29140.5226, accuracy: 1e-3)
    // The catalogue as --cameras of another bundle.
    assertSameNumbers(
      try audit([shape("catalogue/twin"), "--cameras", shape("catalogue/raw/cameras.xml")]), twin)
  }

  func scratch(_ name: String) throws -> URL {
    let dst = FileManager.default.temporaryDirectory.appendingPathComponent("camgap-\(UUID().uuidString)")
    try FileManager.default.copyItem(at: URL(fileURLWithPath: shape(name)), to: dst)
    try? FileManager.default.removeItem(at: dst.appendingPathComponent("camgap.toml"))
    return dst
  }

  func testInitManifestWritesAManifestThatAudits() throws {
    for (raw, twin) in [
      ("citizen/raw", "citizen/twin"), ("hikvision/raw", "hikvision/twin"), ("datav/raw", "datav/twin"),
      ("catalogue/raw", "catalogue/twin"),
    ] {
      let dir = try scratch(raw)
      defer { try? FileManager.default.removeItem(at: dir) }
      let r = try CLI.run(["init-manifest", dir.path])
      XCTAssertEqual(r.code, 0, r.stderr)
      let manifest = dir.appendingPathComponent("camgap.toml").path
      XCTAssertEqual(
        r.stdout, "wrote \(manifest); check the lines marked \"guessed\", then: camgap audit \(dir.path)\n")
      assertSameNumbers(try audit([dir.path]), try audit([shape(twin)]))
      // Never over an existing manifest.
      let again = try CLI.run(["init-manifest", dir.path])
      XCTAssertEqual(again.code, 1)
      XCTAssertEqual(
        again.stderr, "camgap: \(manifest) already exists; edit it, or remove it to write a new one\n")
    }
  }

  func testInitManifestMarksItsGuesses() throws {
    let dir = try scratch("citizen/raw")
    defer { try? FileManager.default.removeItem(at: dir) }
    XCTAssertEqual(try CLI.run(["init-manifest", dir.path]).code, 0)
    let text = try String(contentsOf: dir.appendingPathComponent("camgap.toml"), encoding: .utf8)
    let lines = text.split(separator: "\n").filter { !$0.hasPrefix("#") }
    XCTAssertEqual(
      lines,
      [
        "[districts]", "file = \"districts.geojson\"", "[cameras]", "file = \"cameras.geojson\"",
        "[cameras.fields]",
        "id = \"id_camera\"  # guessed: unique, non-empty values", "[cameras.values.heading]",
        "\"0\" = \"\"  # guessed: 3 of 10 headings are 0, which exports often write for unknown",
        "[cameras.values.kind]",
        "\"boite\" = \"\"  # guessed: not a camgap kind; \"\" leaves the default (fixed); or fixed, dome, ptz, panoramic",
        "\"nue\" = \"\"  # guessed: not a camgap kind; \"\" leaves the default (fixed); or fixed, dome, ptz, panoramic",
      ])
  }

  /// Where names are ambiguous the manifest says what it chose and what else could serve.
  func testInitManifestSaysWhatElseCouldServe() throws {
    for (name, line) in [
      ("hikvision-two-ids", "id = \"gbIndexCode\"  # guessed: \"cameraIndexCode\" could serve too"),
      ("city-no-ids", "id = \"序号\"  # guessed: unique, non-empty values; also fit: 位置"),
    ] {
      let dir = try scratch(name)
      defer { try? FileManager.default.removeItem(at: dir) }
      XCTAssertEqual(try CLI.run(["init-manifest", dir.path]).code, 0)
      let text = try String(contentsOf: dir.appendingPathComponent("camgap.toml"), encoding: .utf8)
      XCTAssertTrue(text.contains("\n[cameras.fields]\n" + line + "\n"), text)
      let audited = try audit([dir.path])
      XCTAssertEqual(summary(audited)["cameras"] as? Int, name == "city-no-ids" ? 3 : 1)
      XCTAssertEqual(audited["warnings"] as? [String], [])
    }
  }

  func testTwoAliasesAreAnErrorNamingBoth() throws {
    let r = try CLI.run(["audit", shape("hikvision-two-ids")])
    XCTAssertEqual(r.code, 2)
    XCTAssertEqual(
      r.stderr,
      "camgap: cameras.csv: field \"id\": both \"gbIndexCode\" and \"cameraIndexCode\" could serve; name one in camgap.toml ([cameras.fields] id = \"gbIndexCode\") or with --field cameras.id=gbIndexCode\n"
    )
    let named = try audit([shape("hikvision-two-ids"), "--field", "cameras.id=cameraIndexCode"])
    XCTAssertEqual(summary(named)["cameras"] as? Int, 1)
  }

  func testMissingIDNamesTheCandidates() throws {
    let r = try CLI.run(["audit", shape("city-no-ids")])
    XCTAssertEqual(r.code, 2)
    XCTAssertEqual(
      r.stderr,
      "camgap: cameras.csv: line 1: field \"id\": required column is missing from the header; properties that could serve (unique, non-empty values): 序号, 位置; name one in camgap.toml ([cameras.fields] id = \"序号\") or with --field cameras.id=序号\n"
    )
    let mapped = try audit([shape("city-no-ids"), "--field", "cameras.id=序号"])
    XCTAssertEqual(summary(mapped)["cameras"] as? Int, 3)
  }

  func testCatalogueValidatesAndImports() throws {
    let v = try CLI.run(["validate", shape("catalogue/raw/cameras.xml")])
    XCTAssertEqual(v.code, 0, v.stderr)
    // One of the six directional cameras faces DirectionType 4 (N, heading 0): above SPEC §5's
    // 10 %, so the reader asks whether 0 means unknown there.
    XCTAssertEqual(
      v.stdout,
      "ok: 8 cameras, 2 non-camera nodes skipped\nwarning: cameras.xml: 1 of 6 directional cameras (16.7 %) have heading exactly 0, which exports often write for \"unknown\"; if it means unknown here, add these two lines to camgap.toml: [cameras.values.heading] and \"0\" = \"\"\n"
    )
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("camgap-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let db = dir.appendingPathComponent("r.gpkg").path
    XCTAssertEqual(try CLI.run(["registry", "init", "--db", db]).code, 0)
    let imported = try CLI.run(["registry", "import", shape("catalogue/raw/cameras.xml"), "--db", db])
    XCTAssertEqual(imported.code, 0, imported.stderr)
    XCTAssertTrue(
      imported.stdout.hasPrefix("cameras.xml: 8 records: 8 added, 0 updated, 0 unchanged, 0 rejected"))
    // The registry's cameras audit as the catalogue does.
    assertSameNumbers(try audit([shape("catalogue/twin"), "--db", db]), try audit([shape("catalogue/twin")]))

    let citizen = try CLI.run([
      "registry", "import", shape("citizen/raw/cameras.geojson"), "--db", db, "--manifest",
      shape("citizen/raw/camgap.toml"),
    ])
    XCTAssertEqual(citizen.code, 0, citizen.stderr)
    XCTAssertEqual(
      citizen.stdout, "cameras.geojson: 10 records: 10 added, 0 updated, 0 unchanged, 0 rejected\n")
    let unmapped = try CLI.run(["registry", "import", shape("citizen/raw/cameras.geojson"), "--db", db])
    XCTAssertEqual(unmapped.code, 2)
    XCTAssertEqual(
      unmapped.stderr,
      "camgap: cameras.geojson: feature 0: field \"id\": missing from every feature; properties that could serve (unique, non-empty values): id_camera; name one in camgap.toml ([cameras.fields] id = \"id_camera\") or with --field cameras.id=id_camera\n"
    )
  }
}
