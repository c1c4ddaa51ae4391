import Audit
import Cameras
import Foundation
import Geometry

/// What the report draws beside the audit's results: the roads and buildings of the
/// bundle, road names for the entry points, and the cameras a plan proposes. The audit's
/// result keeps none of them (its JSON is fixed by the contract), so they are taken from
/// the audit's input before it is released, projected back to WGS84 once.
public struct MapContext: Sendable {
  public struct Road: Sendable {
    public var id: String
    public var name: String
    /// WGS84, simplified for display.
    public var lines: [[XY]]
  }

  /// A camera proposed by `camgap plan`, with the footprint it would have unobstructed.
  public struct PlannedCamera: Sendable {
    public var id: String
    public var name: String
    public var kind: String
    public var position: XY
    public var heading: Double?
    public var fov: Double
    public var range: Double
    /// WGS84.
    public var polygons: [PlanarPolygon]
  }

  public var roads: [Road] = []
  /// WGS84, simplified for display.
  public var buildings: [[PlanarPolygon]] = []
  public var planned: [PlannedCamera] = []
  /// The plan file, as the report names it.
  public var planFile: String?

  public init() {}

  /// Display tolerance in metres: under a pixel at the map's deepest zoom.
  static let tolerance = 0.5

  /// Roads and buildings of `input`, and the cameras of `planPath` (a `camgap plan
  /// --format geojson` output, read as any cameras file is).
  public static func from(_ input: AuditInput, planPath: String? = nil, optics: OpticsOptions = .init())
    throws -> MapContext
  {
    var m = MapContext()
    let proj = try Projector(crs: input.crs)
    for r in input.roads {
      let lines = try r.lines.map { try proj.inverse(points: Simplify.line($0, tolerance: tolerance)) }
      m.roads.append(Road(id: r.id, name: r.name, lines: lines))
    }
    for b in input.buildings {
      m.buildings.append(
        try b.polygons.map { p in
          try p.mapRings { try proj.inverse(points: Simplify.ring($0, tolerance: tolerance)) }
        })
    }
    if let planPath {
      m.planFile = planPath
      m.planned = try planned(CameraReader.read(path: planPath).cameras, proj: proj, optics: optics)
    }
    return m
  }

  /// Each proposal's footprint built as the audit builds one (SPEC §2), without occlusion:
  /// the plan already chose the site with the buildings in view.
  static func planned(_ cameras: [Camera], proj: Projector, optics: OpticsOptions) throws -> [PlannedCamera] {
    try cameras.map { c in
      let o = Optics.resolve(c, optics)
      let at = try proj.forward(XY(c.lon, c.lat))
      let gamma = try proj.convergence(lon: c.lon, lat: c.lat)
      let polys = try Footprint.polygons(of: o, at: at, convergence: gamma).map {
        try $0.mapRings(proj.inverse(points:))
      }
      let view = o.views.first
      return PlannedCamera(
        id: c.id, name: c.name, kind: c.kind.rawValue, position: XY(c.lon, c.lat),
        heading: o.unknownHeading ? nil : view.map(\.heading), fov: view?.fov ?? 360, range: o.range,
        polygons: polys)
    }
  }

  /// Road names by id, for tables that would otherwise show `R4`.
  var roadNames: [String: String] {
    var d: [String: String] = [:]
    for r in roads where !r.name.isEmpty && d[r.id] == nil { d[r.id] = r.name }
    return d
  }
}

/// Douglas–Peucker, for drawing only: the report's figures never pass through it, and the
/// exact geometry stays in `--format geojson`. Without it a 360° camera is 73 vertices at
/// any zoom, which is what makes a city's footprints outgrow a file a browser opens fast.
enum Simplify {
  /// A polyline's vertices within `tolerance` of the original (same units); ends kept.
  static func line(_ pts: [XY], tolerance: Double) -> [XY] {
    guard pts.count > 2 else { return pts }
    var keep = [Bool](repeating: false, count: pts.count)
    keep[0] = true
    keep[pts.count - 1] = true
    var stack = [(0, pts.count - 1)]
    let tol2 = tolerance * tolerance
    while let (a, b) = stack.popLast() {
      guard b > a + 1 else { continue }
      var best = -1.0
      var k = a
      for i in (a + 1)..<b {
        let d = distance2(pts[i], pts[a], pts[b])
        if d > best {
          best = d
          k = i
        }
      }
      if best > tol2 {
        keep[k] = true
        stack.append((a, k))
        stack.append((k, b))
      }
    }
    return pts.indices.filter { keep[$0] }.map { pts[$0] }
  }

  /// A closed ring simplified as two lines meeting at its farthest vertex from the first;
  /// a ring that would fall under four points (a closed triangle) is kept as it is.
  static func ring(_ ring: [XY], tolerance: Double) -> [XY] {
    guard ring.count > 4 else { return ring }
    let o = ring[0]
    var far = 0
    var best = -1.0
    for (i, p) in ring.enumerated() {
      let d = (p.x - o.x) * (p.x - o.x) + (p.y - o.y) * (p.y - o.y)
      if d > best {
        best = d
        far = i
      }
    }
    guard far > 0, far < ring.count - 1 else { return ring }
    let first = line(Array(ring[0...far]), tolerance: tolerance)
    let second = line(Array(ring[far...]), tolerance: tolerance)
    let out = first + second.dropFirst()
    return out.count >= 4 ? out : ring
  }

  /// Squared distance from `p` to the segment `a`–`b`.
  static func distance2(_ p: XY, _ a: XY, _ b: XY) -> Double {
    let e = p.offset(toSegment: a, b)
    return e.x * e.x + e.y * e.y
  }
}
