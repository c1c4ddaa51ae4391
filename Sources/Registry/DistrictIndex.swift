import Cameras
import Formats
import Foundation
import Geometry
import Support

/// Gives each camera the code of the district it stands in, for `registry list --district`.
///
/// Districts come from a districts file (SPEC §1: `code`, polygons in WGS84). Point in
/// polygon is tested in longitude/latitude, where RFC 7946 draws edges straight. Where
/// districts nest (a county and its townships in one file) the longest code wins, being the
/// most specific; among equally long codes the smallest, so a camera on a shared boundary
/// always gets the same one.
public struct DistrictIndex: Sendable {
  struct Entry: Sendable {
    var code: String
    var polygons: [[[XY]]]
    var box: BBox
  }

  let entries: [Entry]
  let grid: [[Int]]
  let box: BBox
  let cells = 64

  public var count: Int { entries.count }

  public init(path: String) throws {
    let fc = try GeoJSONReader.read(path: path)
    var entries: [Entry] = []
    var seen: [String: Int] = [:]
    for f in fc.features {
      guard let code = f.property("code").flatMap({ $0.string ?? $0.number.map(JSONWriter.number) }),
        !code.isEmpty
      else {
        throw InputError(file: fc.file, location: .feature(f.index), field: "code", message: "missing")
      }
      if let j = seen[code] {
        throw InputError(
          file: fc.file, location: .feature(f.index), field: "code",
          message: "duplicate district code \"\(code)\" (also at feature \(j))")
      }
      seen[code] = f.index
      guard let polys = f.geometry?.polygons else {
        throw InputError(
          file: fc.file, location: .feature(f.index), field: "geometry",
          message: "must be a Polygon or MultiPolygon, got \(f.geometry?.typeName ?? "nothing")")
      }
      var b = BBox.empty
      for p in polys { b.add(BBox(points: p.first ?? [])) }
      entries.append(Entry(code: code, polygons: polys, box: b))
    }
    self.init(entries: entries)
  }

  init(entries: [Entry]) {
    self.entries = entries
    var all = BBox.empty
    for e in entries { all.add(e.box) }
    box = all
    var grid = Array(repeating: [Int](), count: cells * cells)
    if !all.isEmpty {
      for (i, e) in entries.enumerated() {
        let (x0, y0) = Self.cell(XY(e.box.minX, e.box.minY), all, cells)
        let (x1, y1) = Self.cell(XY(e.box.maxX, e.box.maxY), all, cells)
        for y in y0...y1 { for x in x0...x1 { grid[y * cells + x].append(i) } }
      }
    }
    self.grid = grid
  }

  static func cell(_ p: XY, _ b: BBox, _ n: Int) -> (Int, Int) {
    func idx(_ v: Double, _ lo: Double, _ span: Double) -> Int {
      span > 0 ? min(n - 1, max(0, Int((v - lo) / span * Double(n)))) : 0
    }
    return (idx(p.x, b.minX, b.width), idx(p.y, b.minY, b.height))
  }

  /// The district code for a position, nil outside every district.
  public func code(lon: Double, lat: Double) -> String? {
    let p = XY(lon, lat)
    guard box.contains(p) else { return nil }
    let (x, y) = Self.cell(p, box, cells)
    var best: String?
    for i in grid[y * cells + x] {
      let e = entries[i]
      guard e.box.contains(p), e.polygons.contains(where: { PointInRing.evenOdd($0, p) }) else { continue }
      if let b = best, b.count > e.code.count || (b.count == e.code.count && b <= e.code) { continue }
      best = e.code
    }
    return best
  }

  /// Without a districts file: the county-level administrative division code that a GB/T
  /// 28181 device code starts with (its first 6 digits), so `--district 330482` still finds
  /// the cameras of 平湖市 by their ids. nil for ids of any other shape.
  public static func codeFromDeviceID(_ id: String) -> String? {
    let u = Array(id.utf8)
    guard u.count == 20, u.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
    return String(decoding: u[0..<6], as: UTF8.self)
  }
}
