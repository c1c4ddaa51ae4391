import Audit
import Foundation
import Geometry

/// The gaps still open, as GEOS geometries in one context, with an STRtree over the
/// parts so a footprint is overlaid only with the parts near it. A part shrinks as
/// cameras are placed (its entry in the tree keeps the original envelope, which still
/// bounds it) and disappears when fully covered. One per thread: GEOS objects stay with
/// their context.
final class GapIndex {
  let ctx = GEOSContext()
  let tree: STRtree
  /// Current state of each original part; nil once fully covered.
  private(set) var parts: [OpenPart?]
  /// Area and box of each original part, as first opened.
  let partAreas: [Double]
  private let boxes: [BBox]

  init(parts polys: [PlanarPolygon], zoneOf: [Int32]) throws {
    partAreas = polys.map(\.area)
    boxes = polys.map(\.bbox)
    tree = try STRtree(context: ctx)
    var parts: [OpenPart?] = []
    parts.reserveCapacity(polys.count)
    for (p, z) in zip(polys, zoneOf) {
      let b = p.bbox
      _ = try tree.insert(box: b)
      parts.append(OpenPart(geom: try Geom.polygon(p, context: ctx), box: b, zone: z))
    }
    self.parts = parts
  }

  /// Parts still open whose box meets `box`, ascending.
  func near(_ box: BBox) throws -> [OpenPart] {
    try tree.query(box: box).compactMap { i in parts[i].flatMap { $0.box.intersects(box) ? $0 : nil } }
  }

  /// The open parts near `box` cut to it: the headings tried at one site then overlay
  /// small pieces instead of whole parts. Exact for any footprint inside `box`.
  func local(_ box: BBox) throws -> [OpenPart] {
    var out: [OpenPart] = []
    let rect = try Geom.rectangle(box, context: ctx)
    for p in try near(box) {
      if box.contains(p.box) {
        out.append(p)
        continue
      }
      // An overlay, not GEOSClipByRect: 3.11's rectangle clip can return invalid rings
      // for gap parts with many holes, which later overlays reject.
      let g = try p.geom.intersection(rect).polygonalPart()
      if g.isEmpty { continue }
      out.append(OpenPart(geom: g, box: g.bbox, zone: p.zone))
    }
    return out
  }

  func geometry(_ footprint: [PlanarPolygon]) throws -> Geom {
    footprint.count == 1
      ? try Geom.polygon(footprint[0], context: ctx) : try Geom.multiPolygon(footprint, context: ctx)
  }

  /// Area each zone would gain from `footprint` (whose parts do not overlap, as the
  /// visible parts of one view never do), summed over `near` (default: the open parts
  /// near its box). Zones in ascending order; zero gains left out.
  func gains(_ footprint: [PlanarPolygon], box: BBox, near given: [OpenPart]? = nil) throws -> [ZoneGain] {
    if footprint.isEmpty { return [] }
    let candidates = try given ?? near(box)
    var out: [ZoneGain] = []
    var fp: Geom?
    var fpArea: Double?
    for part in candidates where part.box.intersects(box) {
      let g = try fp ?? geometry(footprint)
      fp = g
      let pg = try part.prepared()
      let a: Double
      if try pg.containsProperly(g) {
        // Wholly inside the open part: the footprint's own area, without an overlay.
        if fpArea == nil { fpArea = try g.area() }
        a = fpArea!
      } else if try !pg.intersects(g) {
        continue
      } else {
        a = try part.geom.intersection(g).area()
      }
      if a <= 0 { continue }
      if let k = out.firstIndex(where: { $0.zone == part.zone }) {
        out[k].area += a
      } else {
        out.append(ZoneGain(zone: part.zone, area: a))
      }
    }
    out.sort { $0.zone < $1.zone }
    return out
  }

  func box(of part: Int) -> BBox { boxes[part] }

  /// The footprint as one geometry, and the open parts that meet it.
  private func meeting(_ footprint: [PlanarPolygon], box: BBox) throws -> (Geom, [(Int, OpenPart)]) {
    let g = try geometry(footprint)
    var out: [(Int, OpenPart)] = []
    for i in try tree.query(box: box) {
      guard let part = parts[i], part.box.intersects(box), try part.geom.intersects(g) else { continue }
      out.append((i, part))
    }
    return (g, out)
  }

  /// Removes a placed camera's footprint from the open parts; returns the parts it took
  /// area from, ascending.
  @discardableResult
  func subtract(_ footprint: [PlanarPolygon], box: BBox) throws -> [Int] {
    if footprint.isEmpty { return [] }
    let (g, meets) = try meeting(footprint, box: box)
    var touched: [Int] = []
    for (i, part) in meets {
      let rest = try part.geom.difference(g).polygonalPart()
      let restArea = try rest.area()
      if try restArea < part.geom.area() - GapIndex.touchArea { touched.append(i) }
      parts[i] = rest.isEmpty || restArea <= 0 ? nil : OpenPart(geom: rest, box: rest.bbox, zone: part.zone)
    }
    return touched.sorted()
  }

  /// A footprint that takes less than this (m²) from a part only grazes it.
  static let touchArea = 1e-6

  /// The open parts `footprint` would take area from, ascending, without taking it.
  func touching(_ footprint: [PlanarPolygon], box: BBox) throws -> [Int] {
    if footprint.isEmpty { return [] }
    let (g, meets) = try meeting(footprint, box: box)
    return try meets.filter { try $0.1.geom.intersection(g).area() > GapIndex.touchArea }.map(\.0).sorted()
  }
}

/// One open piece of a zone's gap, prepared on first use (it is then tested against the
/// many footprints around it).
final class OpenPart {
  let geom: Geom
  let box: BBox
  let zone: Int32
  private var prep: PreparedGeom?

  init(geom: Geom, box: BBox, zone: Int32) {
    self.geom = geom
    self.box = box
    self.zone = zone
  }

  func prepared() throws -> PreparedGeom {
    if let prep { return prep }
    let p = try PreparedGeom(geom)
    prep = p
    return p
  }
}

/// Newly covered area of one zone.
public struct ZoneGain: Equatable, Sendable {
  /// Index into the plan's zones.
  public var zone: Int32
  public var area: Double
}
