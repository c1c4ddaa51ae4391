import Foundation
import XCTest

/// The sample town's audit against its committed expected output
/// (geodata/pinghu/expected/audit.json). Numbers are compared to 1e-9 relative, everything
/// else exactly, so a change in GEOS's last digits does not break the test but any change
/// of meaning does. Regenerate with
/// `camgap audit geodata/pinghu --format json --out geodata/pinghu/expected/audit.json`
/// only when a change of the numbers is intended and explained.
final class GoldenTests: XCTestCase {
  func compare(_ a: Any, _ b: Any, path: String) {
    switch (a, b) {
    case (let x as [String: Any], let y as [String: Any]):
      XCTAssertEqual(Set(x.keys), Set(y.keys), path)
      for (k, v) in x { if let w = y[k] { compare(v, w, path: path + "." + k) } }
    case (let x as [Any], let y as [Any]):
      XCTAssertEqual(x.count, y.count, path)
      for (i, (v, w)) in zip(x, y).enumerated() { compare(v, w, path: "\(path)[\(i)]") }
    case (let x as String, let y as String):
      XCTAssertEqual(x, y, path)
    case (let x as NSNumber, let y as NSNumber):
      // Booleans arrive as NSNumber 0/1 too; a tolerance of 1e-9 keeps them exact.
      let u = x.doubleValue
      let v = y.doubleValue
      XCTAssertEqual(u, v, accuracy: max(abs(v) * 1e-9, 1e-9), path)
    default:
      XCTFail("\(path): \(type(of: a)) vs \(type(of: b))")
    }
  }

  func testSampleTownMatchesGoldenAudit() throws {
    let r = try CLI.run(["audit", CLI.geodata("pinghu"), "--format", "json"])
    XCTAssertEqual(r.code, 0, r.stderr)
    let got = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8))
    let url = URL(fileURLWithPath: CLI.geodata("pinghu")).appendingPathComponent("expected/audit.json")
    let want = try JSONSerialization.jsonObject(with: Data(contentsOf: url))
    compare(got, want, path: "$")
    let summary = (got as! [String: Any])["summary"] as! [String: Any]
    XCTAssertEqual(summary["cameras"] as? Int, 1000)
    XCTAssertEqual(summary["districts"] as? Int, 5)
    XCTAssertEqual(summary["zones"] as? Int, 20)
  }

  /// Tiles cut the sample town's gaps; the tiled audit must equal the single-tile one.
  func testTiledEqualsSingleTileOnSampleTown() throws {
    let one = try CLI.run([
      "audit", CLI.geodata("pinghu"), "--format", "json", "--tile-size", "100000", "--threads", "1",
    ])
    let many = try CLI.run([
      "audit", CLI.geodata("pinghu"), "--format", "json", "--tile-size", "300", "--threads", "2",
    ])
    XCTAssertEqual(one.code, 0, one.stderr)
    XCTAssertEqual(many.code, 0, many.stderr)
    let a = try JSONSerialization.jsonObject(with: Data(one.stdout.utf8)) as! [String: Any]
    let b = try JSONSerialization.jsonObject(with: Data(many.stdout.utf8)) as! [String: Any]
    compare(a["summary"]!, b["summary"]!, path: "summary")
    compare(a["zones"]!, b["zones"]!, path: "zones")
    compare(a["districts"]!, b["districts"]!, path: "districts")
    compare(a["classes"]!, b["classes"]!, path: "classes")
    let ga = (a["gaps"] as! [[String: Any]]).map { $0["area_m2"] as! Double }.sorted()
    let gb = (b["gaps"] as! [[String: Any]]).map { $0["area_m2"] as! Double }.sorted()
    XCTAssertEqual(ga.count, gb.count)
    for (x, y) in zip(ga, gb) { XCTAssertEqual(x, y, accuracy: x * 1e-9) }
  }
}
