import Audit
import Cameras
import Formats
import Foundation
import Geometry
import Support

/// A place where a camera could go (a pole, a wall), with what the site imposes. A site
/// that gives a heading is tried with that heading only; its other optics override the
/// plan's.
public struct CandidateSite: Equatable, Sendable {
  public var id: String
  /// WGS84 degrees.
  public var lon: Double
  public var lat: Double
  public var kind: CameraKind?
  public var fov: Double?
  public var range: Double?
  public var resolution: Double?
  /// True bearing, degrees in [0, 360) (a file's 360, north, is read as 0).
  public var heading: Double?
  /// What a camera here costs; nil takes the plan's cost for its source.
  public var cost: Double?
  public var source: SiteSource

  public init(
    id: String, lon: Double, lat: Double, kind: CameraKind? = nil, fov: Double? = nil, range: Double? = nil,
    resolution: Double? = nil, heading: Double? = nil, cost: Double? = nil, source: SiteSource = .pole
  ) {
    self.cost = cost
    self.source = source
    self.id = id
    self.lon = lon
    self.lat = lat
    self.kind = kind
    self.fov = fov
    self.range = range
    self.resolution = resolution
    self.heading = heading
  }
}

public enum CandidateSites {
  /// Reads `--sites FILE` or `--candidates FILE`: Points with optional `id`, `kind`, `fov`,
  /// `range`, `resolution`, `heading` and `cost`, in GeoJSON or any vector format OGR reads
  /// (a Shapefile of lamp posts, a GeoPackage layer `FILE.gpkg:LAYER`, a CSV with lon/lat
  /// columns), GCJ-02 and BD-09 shifted to WGS84. Every bad feature is reported, with its
  /// index and field.
  public static func read(path: String) throws -> [CandidateSite] {
    let ext = (path as NSString).pathExtension.lowercased()
    if ext == "geojson" || ext == "json" { return try parse(GeoJSONReader.read(path: path)) }
    var (fc, info) = try OGRLayerReader.read(path: path, role: "sites")
    if let datum = info.crs.chineseDatum, let shift = InputCRS(rawValue: datum.rawValue)?.converter {
      fc = fc.mapped(shift)
    }
    return try parse(fc)
  }

  public static func parse(_ fc: FeatureCollection) throws -> [CandidateSite] {
    let file = fc.file
    var errors: [InputError] = []
    var out: [CandidateSite] = []
    var seen: [String: Int] = [:]
    for f in fc.features {
      func bad(_ field: String, _ m: String) {
        errors.append(InputError(file: file, location: .feature(f.index), field: field, message: m))
      }
      func number(_ key: String) -> Double? {
        guard let v = f.property(key) else { return nil }
        if let d = v.number, d.isFinite { return d }
        if let s = v.string, let d = Double(s.trimmingCharacters(in: .whitespaces)), d.isFinite { return d }
        bad(key, "must be a number, got \(v.typeName)")
        return nil
      }
      guard case .point(let p)? = f.geometry else {
        bad(
          "geometry",
          f.geometry == nil
            ? "missing; a candidate site is a Point" : "must be a Point, got \(f.geometry!.typeName)")
        continue
      }
      var site = CandidateSite(id: "feature \(f.index)", lon: p.x, lat: p.y)
      if let v = f.property("id") {
        if let s = v.string, !s.trimmingCharacters(in: .whitespaces).isEmpty {
          site.id = s
        } else if let n = v.number {
          site.id = JSONWriter.number(n)
        } else {
          bad("id", "must be a non-empty string or a number")
        }
      }
      if let j = seen[site.id] {
        bad("id", "duplicate candidate id \"\(site.id)\" (also at feature \(j))")
      }
      seen[site.id] = f.index
      if let v = f.property("kind") {
        if let s = v.string, let k = CameraKind(rawValue: s.lowercased().trimmingCharacters(in: .whitespaces))
        {
          site.kind = k
        } else {
          bad("kind", "must be fixed, dome, ptz or panoramic")
        }
      }
      if let d = number("fov") {
        if d > 0 && d <= 360 {
          site.fov = d
        } else {
          bad("fov", "must be in (0, 360], got \(JSONWriter.number(d))")
        }
      }
      if let d = number("range") {
        if d > 0 { site.range = d } else { bad("range", "must be > 0 metres, got \(JSONWriter.number(d))") }
      }
      if let d = number("resolution") {
        if d > 0 {
          site.resolution = d
        } else {
          bad("resolution", "must be > 0 pixels, got \(JSONWriter.number(d))")
        }
      }
      if let d = number("heading") {
        // SPEC §1: 0–360 clockwise from north, 360 being north again.
        if d >= 0 && d <= 360 {
          site.heading = d == 360 ? 0 : d
        } else {
          bad("heading", "must be in [0, 360], got \(JSONWriter.number(d))")
        }
      }
      if let d = number("cost") {
        if d > 0 { site.cost = d } else { bad("cost", "must be > 0, got \(JSONWriter.number(d))") }
      }
      out.append(site)
    }
    if !errors.isEmpty { throw InputErrors(errors) }
    if out.isEmpty { throw InputError(file: file, field: "features", message: "no candidate sites") }
    return out
  }

  /// Sites every `spacing` metres along the roads (from each line's start), kept where
  /// they lie within `reach` metres of one of `zones` and not inside a building. Without
  /// roads, a square grid of the same spacing over those zones instead. Positions are
  /// rounded to 1e-8° (about 1 mm) so that the coordinates written out are the ones
  /// planned with.
  public static func generate(
    roads: [Road], buildings: [Building], zones: [[PlanarPolygon]], reach: Double, spacing: Double,
    projector: Projector
  ) throws -> [CandidateSite] {
    if zones.isEmpty { return [] }
    let zoneIndex = BoxBuckets(
      boxes: zones.map { z in z.reduce(into: BBox.empty) { $0.add($1.bbox) }.expanded(by: reach) })
    let buildingIndex = BoxBuckets(
      boxes: buildings.map { b in b.polygons.reduce(into: BBox.empty) { $0.add($1.bbox) } })

    func wanted(_ p: XY) -> Bool {
      var near = false
      for z in zoneIndex.hits(p) where zones[z].contains(where: { PlanarGeometry.distance(p, $0) <= reach }) {
        near = true
        break
      }
      if !near { return false }
      for b in buildingIndex.hits(p)
      where buildings[b].polygons.contains(where: { PointInRing.contains($0, p) }) {
        return false
      }
      return true
    }

    var points: [XY] = []
    if !roads.isEmpty {
      for r in roads { for line in r.lines { points += along(line, spacing: spacing).filter(wanted) } }
    } else {
      var box = BBox.empty
      for z in zones { for p in z { box.add(p.bbox) } }
      box = box.expanded(by: reach)
      // Aligned to multiples of the spacing, so the grid does not move with the zones' extent.
      let lattice = UniformGrid(origin: XY(0, 0), cellSize: spacing)
      if let corners = lattice.corners(in: box) {
        for iy in corners.y {
          for ix in corners.x {
            let p = XY(lattice.xEdge(ix), lattice.yEdge(iy))
            if wanted(p) { points.append(p) }
          }
        }
      }
    }
    var seen = Set<XY>()
    var out: [CandidateSite] = []
    for q in try rounded(points, proj: projector) where seen.insert(q).inserted {
      out.append(
        CandidateSite(id: "S\(out.count + 1)", lon: q.x, lat: q.y, source: roads.isEmpty ? .grid : .road))
    }
    return out
  }

  /// Points every `spacing` metres along a polyline, from its start.
  static func along(_ line: [XY], spacing: Double) -> [XY] {
    var out: [XY] = []
    var carried = 0.0  // distance from the line's start to the next site
    for k in 0..<max(0, line.count - 1) {
      let a = line[k]
      let b = line[k + 1]
      let len = hypot(b.x - a.x, b.y - a.y)
      while carried <= len {
        let t = len > 0 ? carried / len : 0
        out.append(XY(a.x + t * (b.x - a.x), a.y + t * (b.y - a.y)))
        carried += spacing
        if len == 0 { break }
      }
      carried -= len
    }
    return out
  }

  /// WGS84 positions of metric points, rounded to 1e-8° (about 1 mm) so that the
  /// coordinates written out are the ones planned with.
  static func rounded(_ points: [XY], proj: Projector) throws -> [XY] {
    var pts = points
    try proj.inverse(&pts)
    return pts.map { XY(($0.x * 1e8).rounded() / 1e8, ($0.y * 1e8).rounded() / 1e8) }
  }
}

/// Indices of boxes bucketed on a coarse grid, for "which boxes contain this point".
struct BoxBuckets {
  let boxes: [BBox]
  let grid: UniformGrid
  var buckets: [Int64: [Int]] = [:]

  init(boxes: [BBox]) {
    self.boxes = boxes
    var all = BBox.empty
    var sum = 0.0
    for b in boxes where !b.isEmpty {
      all.add(b)
      sum += max(b.width, b.height)
    }
    let n = Double(max(1, boxes.count))
    grid = UniformGrid(origin: all.isEmpty ? XY(0, 0) : XY(all.minX, all.minY), cellSize: max(sum / n, 1))
    for (i, b) in boxes.enumerated() where !b.isEmpty {
      let (x0, y0) = grid.cell(of: XY(b.minX, b.minY))
      let (x1, y1) = grid.cell(of: XY(b.maxX, b.maxY))
      for y in y0...y1 {
        for x in x0...x1 { buckets[Self.key(x, y), default: []].append(i) }
      }
    }
  }

  static func key(_ x: Int, _ y: Int) -> Int64 { Int64(x) << 32 | Int64(UInt32(bitPattern: Int32(y))) }

  func hits(_ p: XY) -> [Int] {
    let (x, y) = grid.cell(of: p)
    guard let list = buckets[Self.key(x, y)] else { return [] }
    return list.filter { boxes[$0].contains(p) }
  }
}

/// Point-to-polygon distance on plain coordinates, for filtering sites without GEOS.
enum PlanarGeometry {
  static func segmentDistance(_ p: XY, _ a: XY, _ b: XY) -> Double {
    let q = p.offset(toSegment: a, b)
    return hypot(q.x, q.y)
  }

  static func boundaryDistance(_ p: XY, _ poly: PlanarPolygon) -> Double {
    var d = Double.infinity
    for r in poly.rings where r.count >= 2 {
      for k in 0..<(r.count - 1) { d = min(d, segmentDistance(p, r[k], r[k + 1])) }
    }
    return d
  }

  /// 0 inside, else the distance to the nearest edge.
  static func distance(_ p: XY, _ poly: PlanarPolygon) -> Double {
    PointInRing.evenOdd(poly.rings, p) ? 0 : boundaryDistance(p, poly)
  }
}
