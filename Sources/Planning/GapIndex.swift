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
  /// Zone (index into the plan's zones) of each part.
  let zoneOf: [Int32]
  private(set) var parts: [Geom?]
  private(set) var boxes: [BBox]
  private var prepared: [PreparedGeom?]

  init(parts polys: [PlanarPolygon], zoneOf: [Int32]) throws {
    self.zoneOf = zoneOf
    tree = try STRtree(context: ctx)
    var parts: [Geom?] = []
    var boxes: [BBox] = []
    parts.reserveCapacity(polys.count)
    for p in polys {
      let g = try Geom.polygon(p, context: ctx)
      let b = p.bbox
      _ = try tree.insert(box: b)
      parts.append(g)
      boxes.append(b)
    }
    self.parts = parts
    self.boxes = boxes
    prepared = [PreparedGeom?](repeating: nil, count: polys.count)
  }

  /// Parts still open whose box meets `box`, ascending.
  func near(_ box: BBox) throws -> [Int] {
    try tree.query(box: box).filter { parts[$0] != nil && boxes[$0].intersects(box) }
  }

  func geometry(_ footprint: [PlanarPolygon]) throws -> Geom {
    footprint.count == 1
      ? try Geom.polygon(footprint[0], context: ctx) : try Geom.multiPolygon(footprint, context: ctx)
  }

  /// Area each zone would gain from `footprint` (whose parts do not overlap, as the
  /// visible parts of one view never do), summed over the open parts in `near` (or all
  /// near its box). Zones in ascending order; zero gains left out.
  func gains(_ footprint: [PlanarPolygon], box: BBox, near given: [Int]? = nil) throws -> [ZoneGain] {
    if footprint.isEmpty { return [] }
    let candidates = try given ?? near(box)
    var out: [ZoneGain] = []
    var fp: Geom?
    var fpArea: Double?
    for i in candidates {
      guard let part = parts[i], boxes[i].intersects(box) else { continue }
      let g = try fp ?? geometry(footprint)
      fp = g
      let pg: PreparedGeom
      if let p = prepared[i] {
        pg = p
      } else {
        pg = try PreparedGeom(part)
        prepared[i] = pg
      }
      let a: Double
      if try pg.containsProperly(g) {
        // Wholly inside the open part: the footprint's own area, without an overlay.
        if fpArea == nil { fpArea = try g.area() }
        a = fpArea!
      } else if try !pg.intersects(g) {
        continue
      } else {
        a = try part.intersection(g).area()
      }
      if a <= 0 { continue }
      let z = zoneOf[i]
      if let last = out.last, last.zone == z {
        out[out.count - 1].area += a
      } else if let k = out.firstIndex(where: { $0.zone == z }) {
        out[k].area += a
      } else {
        out.append(ZoneGain(zone: z, area: a))
      }
    }
    out.sort { $0.zone < $1.zone }
    return out
  }

  /// Removes a placed camera's footprint from the open parts.
  func subtract(_ footprint: [PlanarPolygon], box: BBox) throws {
    if footprint.isEmpty { return }
    let g = try geometry(footprint)
    for i in try near(box) {
      guard let part = parts[i] else { continue }
      if try !part.intersects(g) { continue }
      let rest = try part.difference(g).polygonalPart()
      prepared[i] = nil
      let restArea = try rest.area()
      if rest.isEmpty || restArea <= 0 {
        parts[i] = nil
      } else {
        parts[i] = rest
        boxes[i] = rest.bbox
      }
    }
  }
}

/// Newly covered area of one zone.
public struct ZoneGain: Equatable, Sendable {
  /// Index into the plan's zones.
  public var zone: Int32
  public var area: Double
}
