import Cameras
import Foundation
import Geometry
import Support

/// Which cameras cover, and what they see, for one audit.
public struct FootprintSet: Sendable {
  /// One entry per footprint polygon (a camera with three views has three).
  public struct Item: Sendable {
    public var camera: Int
    public var cameraClass: Int
    public var polygon: PlanarPolygon
    public var bbox: BBox
  }

  public var items: [Item] = []
  /// Whether buildings cut the footprints (some may then lie inside a notched neighbour).
  public var occluded = false
  /// Per input camera: does it cover (status, dates)?
  public var active: [Bool] = []
  public var optics: [ResolvedOptics?] = []
  public var defaultRange = 0
  public var unknownHeading = 0
  public var warnings: [String] = []
}

public enum FootprintBuilder {
  /// Builds the sectors of every active camera and, with buildings, cuts away what they
  /// hide. Occlusion runs in parallel, one GEOS context per worker.
  public static func build(
    _ input: AuditInput, options: AuditOptions, threads: Int
  ) throws -> FootprintSet {
    var set = FootprintSet()
    set.active = [Bool](repeating: false, count: input.cameras.count)
    set.optics = [ResolvedOptics?](repeating: nil, count: input.cameras.count)
    // Sectors in contiguous chunks on all cores; kept in camera order.
    let cameraList = input.cameras
    let n = cameraList.count
    let parallel = n < 20_000 ? 1 : max(1, threads)
    let size = max(1, (n + parallel - 1) / parallel)
    let parts: [[(Int, ResolvedOptics, [PlanarPolygon])]] = try Parallel.map(
      count: parallel, threads: parallel, state: { () },
      each: { _, k in
        var out: [(Int, ResolvedOptics, [PlanarPolygon])] = []
        for i in (k * size)..<min(n, (k + 1) * size) {
          let pc = cameraList[i]
          let c = pc.camera
          let statusOK = c.status == .active || (options.includePlanned && c.status == .planned)
          guard statusOK, c.inService(on: options.on) else { continue }
          let o = Optics.resolve(c, options.optics)
          out.append((i, o, Footprint.polygons(of: o, at: pc.position, convergence: pc.convergence)))
        }
        return out
      })
    var raw: [(Int, PlanarPolygon)] = []
    raw.reserveCapacity(n)
    for part in parts {
      for (i, o, polys) in part {
        set.active[i] = true
        set.optics[i] = o
        // A group's guest cameras are counted in their home group.
        if i < input.homeCameras.upperBound {
          if o.rangeSource == .kindDefault { set.defaultRange += 1 }
          if o.unknownHeading { set.unknownHeading += 1 }
        }
        for p in polys { raw.append((i, p)) }
      }
    }
    if input.buildings.isEmpty {
      set.items = raw.map { (i, p) in
        Item(camera: i, cameraClass: input.cameras[i].camera.cameraClass ?? 0, polygon: p, bbox: p.bbox)
      }
      return set
    }
    Timing.mark("footprints: sectors")
    let buildings = input.buildings
    let cameras = input.cameras
    try checkEyes(input, options: options, active: set.active)
    let levelHeight = options.levelHeight
    let targetHeight = options.targetHeight
    let chunk = 256
    let chunks = (raw.count + chunk - 1) / chunk
    let rawCopy = raw
    let results: [[(Int, [PlanarPolygon])]] = try Parallel.map(
      count: chunks, threads: threads,
      state: {
        try OcclusionWorker(buildings: buildings, levelHeight: levelHeight, targetHeight: targetHeight)
      },
      each: { worker, k in
        var out: [(Int, [PlanarPolygon])] = []
        for j in (k * chunk)..<min(rawCopy.count, (k + 1) * chunk) {
          let (i, p) = rawCopy[j]
          let pc = cameras[i]
          out.append((i, try worker.visible(p, from: pc.position, eye: Occlusion.eye(of: pc.camera))))
        }
        return out
      })
    for r in results {
      for (i, polys) in r {
        for p in polys {
          set.items.append(
            Item(camera: i, cameraClass: input.cameras[i].camera.cameraClass ?? 0, polygon: p, bbox: p.bbox))
        }
      }
    }
    set.occluded = true
    Timing.mark("footprints: occlusion")
    return set
  }
}

typealias Item = FootprintSet.Item

extension FootprintBuilder {
  /// With a building of known height, every covering camera's eye must be above the
  /// targets (SPEC §2): a sight line from below them is no sight line. Without heights
  /// occlusion is the 2-D one and the eye does not matter, so nothing is refused.
  static func checkEyes(_ input: AuditInput, options: AuditOptions, active: [Bool]) throws {
    guard input.buildings.contains(where: { $0.roofHeight(levelHeight: options.levelHeight) != nil }) else {
      return
    }
    var problems: [InputError] = []
    for (i, pc) in input.cameras.enumerated() where active[i] {
      let eye = Occlusion.eye(of: pc.camera)
      if eye <= options.targetHeight {
        problems.append(
          InputError(
            file: "cameras", field: "height",
            message:
              "camera \"\(pc.camera.id)\": eye height \(JSONWriter.number(eye)) m is not above --target-height \(JSONWriter.number(options.targetHeight)) m"
          ))
      }
    }
    if !problems.isEmpty { throw InputErrors(grouping: problems, perField: 25) }
  }
}

/// Per-thread occlusion state: the buildings as GEOS geometries in this worker's context
/// and an STRtree over them.
final class OcclusionWorker {
  let ctx = GEOSContext()
  let buildings: [Building]
  let tree: STRtree
  var geoms: [Int: PreparedGeom] = [:]
  let boxes: [BBox]
  /// Each building's roof height; nil: unbounded.
  let roofs: [Double?]
  let targetHeight: Double

  /// A camera this close to a building's boundary, or inside it, is on its wall or roof
  /// edge and not blocked by it (SPEC §2).
  static let onWall = 0.01

  init(buildings: [Building], levelHeight: Double = 3, targetHeight: Double = 0) throws {
    self.buildings = buildings
    self.targetHeight = targetHeight
    roofs = buildings.map { $0.roofHeight(levelHeight: levelHeight) }
    tree = try STRtree(context: ctx)
    var boxes: [BBox] = []
    for b in buildings {
      var box = BBox.empty
      for p in b.polygons { box.add(p.bbox) }
      boxes.append(box)
      _ = try tree.insert(box: box)
    }
    self.boxes = boxes
  }

  func prepared(_ i: Int) throws -> PreparedGeom {
    if let g = geoms[i] { return g }
    let g = try PreparedGeom(Geom.multiPolygon(buildings[i].polygons, context: ctx))
    geoms[i] = g
    return g
  }

  /// Footprints whose walls the planar sweep could not settle and the overlay built.
  var fallbacks = 0

  /// The part of `footprint` that the camera at `c` sees. Buildings that hide all behind
  /// them within the range go to the planar sweep (`Visibility`); the bounded shadows of
  /// low roofs are then cut from its result by overlay, only when there are any.
  func visible(_ footprint: PlanarPolygon, from c: XY, eye: Double = Occlusion.defaultEye) throws
    -> [PlanarPolygon]
  {
    let (near, range) = try nearby(footprint, c)
    if near.isEmpty { return [footprint] }
    let heights = Occlusion.SightHeights(eye: eye, target: targetHeight)
    var walls: [PlanarPolygon] = []
    var lows: [(poly: PlanarPolygon, roof: Double?)] = []
    for b in near where !Self.stands(c, on: buildings[b]) {
      for poly in buildings[b].polygons {
        if Occlusion.castsUnboundedShadow(poly, from: c, range: range, roof: roofs[b], heights: heights) {
          walls.append(poly)
        } else {
          lows.append((poly, roofs[b]))
        }
      }
    }
    var vis = [footprint]
    if !walls.isEmpty {
      do {
        vis = try Visibility.visible(footprint, from: c, walls: walls)
      } catch is Visibility.Undecided {
        fallbacks += 1
        return try overlayVisible(footprint, from: c, eye: eye)
      }
    }
    if lows.isEmpty || vis.isEmpty { return vis }
    return try lessLowShadows(vis, lows, from: c, range: range, heights: heights)
  }

  /// What the low roofs' bounded shadows leave of `vis`. Shadows are cut to the box of
  /// what is still visible, and those that miss it altogether are not overlaid: a low
  /// building behind a tall one shades nothing that is not hidden already.
  func lessLowShadows(
    _ vis: [PlanarPolygon], _ lows: [(poly: PlanarPolygon, roof: Double?)], from c: XY, range: Double,
    heights: Occlusion.SightHeights
  ) throws -> [PlanarPolygon] {
    var seenBox = BBox.empty
    for p in vis { seenBox.add(p.bbox) }
    let clipBox = Occlusion.clipBox(around: seenBox)
    var cuts: [PlanarPolygon] = []
    for (poly, roof) in lows {
      for s in Occlusion.shadow(of: poly, from: c, range: range, roof: roof, heights: heights) {
        if let cut = Occlusion.clip(s, to: clipBox) { cuts.append(cut) }
      }
    }
    if cuts.isEmpty { return vis }
    let seen = try vis.count == 1 ? Geom.polygon(vis[0], context: ctx) : Geom.multiPolygon(vis, context: ctx)
    let prepared = try PreparedGeom(seen)
    let shadows = try Occlusion.droppingCovered(cuts).map { try Geom.polygon($0, context: ctx) }.filter {
      try prepared.intersects($0)
    }
    if shadows.isEmpty { return vis }
    let shade = shadows.count == 1 ? shadows[0] : try Geom.unionAll(consuming: shadows, context: ctx)
    return try seen.difference(shade).polygons()
  }

  /// Whether a camera at `c` stands inside the building or within `onWall` of it, so that
  /// the building does not block it.
  static func stands(_ c: XY, on building: Building) -> Bool {
    building.polygons.contains {
      PointInRing.evenOdd($0.rings, c) || Occlusion.distance(from: c, to: $0) <= onWall
    }
  }

  /// The buildings whose boxes meet the box of the footprint and its camera, and the range
  /// shadows must reach: the farthest corner of that box.
  func nearby(_ footprint: PlanarPolygon, _ c: XY) throws -> ([Int], Double) {
    var box = footprint.bbox
    box.add(BBox(minX: c.x, minY: c.y, maxX: c.x, maxY: c.y))
    let near = try tree.query(box: box)
    let range = max(
      hypot(box.minX - c.x, box.minY - c.y), hypot(box.maxX - c.x, box.minY - c.y),
      hypot(box.minX - c.x, box.maxY - c.y), hypot(box.maxX - c.x, box.maxY - c.y))
    return (near, range)
  }

  /// The overlay construction: every near building's shadow, clipped, united and
  /// subtracted from the footprint with GEOS. The reference the planar sweep is tested
  /// against, and its fallback.
  /// Sight lines run from the camera, so a building between the camera and a blind zone's
  /// edge hides what lies behind it though it meets no footprint: the search box reaches
  /// back to the camera, and a building missing the footprint is tested against the region
  /// the sight lines cross.
  func overlayVisible(_ footprint: PlanarPolygon, from c: XY, eye: Double = Occlusion.defaultEye) throws
    -> [PlanarPolygon]
  {
    let (near, range) = try nearby(footprint, c)
    if near.isEmpty { return [footprint] }
    var cuts: [PlanarPolygon] = []
    // Only the shadows' parts over the footprint are subtracted from it.
    let clipBox = Occlusion.clipBox(around: footprint.bbox)
    let cam = try Geom.point(c, context: ctx)
    // Built once, when a building first needs it, for every test and the difference.
    var drawn: Geom?
    // The sight lines' region, for a footprint that leaves the camera's foot out.
    var reach: Geom??
    for b in near {
      let pg = try prepared(b)
      if try pg.isWithin(Self.onWall, of: cam) { continue }
      if drawn == nil { drawn = try Geom.polygon(footprint, context: ctx) }
      if !(try pg.intersects(drawn!)) {
        if reach == nil {
          reach =
            try drawn!.covers(cam)
            ? .some(nil) : Geom.polygon(Occlusion.reach(of: footprint, from: c), context: ctx)
        }
        guard let r = reach!, try pg.intersects(r) else { continue }
      }
      let heights = Occlusion.SightHeights(eye: eye, target: targetHeight)
      for poly in buildings[b].polygons {
        for s in Occlusion.shadow(of: poly, from: c, range: range, roof: roofs[b], heights: heights) {
          if let cut = Occlusion.clip(s, to: clipBox) { cuts.append(cut) }
        }
      }
    }
    if cuts.isEmpty { return [footprint] }
    let shadows = try Occlusion.droppingCovered(cuts).map { try Geom.polygon($0, context: ctx) }
    let fp = try drawn ?? Geom.polygon(footprint, context: ctx)
    // One shadow needs no union: half the occluded footprints of a generated city have one.
    let shade = shadows.count == 1 ? shadows[0] : try Geom.unionAll(consuming: shadows, context: ctx)
    let vis = try fp.difference(shade)
    return try vis.polygons()
  }
}
