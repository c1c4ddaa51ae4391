import Cameras
import Foundation
import Geometry
import Support

/// Districts grouped by the UTM zone of each one's own centre (SPEC §2, Scale): one plane
/// for districts spread over several zones would stretch the far ones (a 1 km² square in
/// France measured 2.14 km² in China's zone). With `--crs` there is one group, in that
/// plane, and a warning when it stretches a district by more than 0.1 %.
struct ZoneGroups {
  struct Group {
    var crs: String
    /// Indices into the districts, in input order.
    var districts: [Int]
  }

  static let maxScaleError = 0.001
  var groups: [Group] = []
  var warnings: [String] = []

  /// `districts` in lon/lat (WGS84).
  init(_ districts: [District], explicit: String?) throws {
    if let explicit {
      groups = [Group(crs: explicit, districts: Array(districts.indices))]
      let proj = try Projector(crs: explicit)
      if let worst = try Self.worst(districts.indices, districts, proj), worst.error > Self.maxScaleError {
        let d = districts[worst.district]
        warnings.append(
          "--crs \(explicit): scale error up to \(Self.percent(worst.error)) over district \"\(d.code)\" (\"\(d.name)\"), areas up to \(Self.percent((1 + worst.error) * (1 + worst.error) - 1)) off; without --crs each district is measured in the UTM zone of its centre, within 0.1 %"
        )
      }
      return
    }
    var byCRS: [String: Int] = [:]
    for (i, d) in districts.enumerated() {
      let c = Self.box(d).center
      let crs = Projector.utmCRS(lon: c.x, lat: c.y)
      if let g = byCRS[crs] {
        groups[g].districts.append(i)
      } else {
        byCRS[crs] = groups.count
        groups.append(Group(crs: crs, districts: [i]))
      }
    }
    for g in groups {
      let proj = try Projector(crs: g.crs)
      for i in g.districts {
        // In transverse Mercator the scale grows with the distance from the central
        // meridian and towards the equator, so the box's corners bound it over the district;
        // only a district whose box reaches past the bound has its vertices looked at.
        let b = Self.box(districts[i])
        let corners = [XY(b.minX, b.minY), XY(b.maxX, b.minY), XY(b.minX, b.maxY), XY(b.maxX, b.maxY)]
        if corners.allSatisfy({
          ((try? proj.scaleError(lon: $0.x, lat: $0.y)) ?? .infinity) <= Self.maxScaleError
        }) {
          continue
        }
        guard let e = try Self.worst([i], districts, proj), e.error > Self.maxScaleError else { continue }
        let d = districts[i]
        warnings.append(
          "districts.geojson: feature \(d.featureIndex) (code \"\(d.code)\", name \"\(d.name)\"): spans beyond its UTM zone \(g.crs): scale error up to \(Self.percent(e.error)); give --crs a plane made for it"
        )
      }
    }
  }

  static func box(_ d: District) -> BBox {
    d.polygons.reduce(into: BBox.empty) { $0.add($1.bbox) }
  }

  static func percent(_ e: Double) -> String {
    if !e.isFinite { return "∞ (outside the plane's domain)" }
    return e >= 0.1 ? String(format: "%.0f %%", e * 100) : String(format: "%.2f %%", e * 100)
  }

  /// The largest scale error over the districts' vertices, and where. A district of more
  /// than 4,096 vertices is sampled evenly, its extreme vertices always included: the error
  /// grows with the distance from the central meridian, so its maximum sits at the edges.
  static func worst(_ indices: some Sequence<Int>, _ districts: [District], _ proj: Projector) throws
    -> (error: Double, district: Int)?
  {
    var best: (error: Double, district: Int)?
    for i in indices {
      let pts = districts[i].polygons.flatMap(\.exterior)
      guard !pts.isEmpty else { continue }
      let step = max(1, pts.count / 4096)
      var sample = stride(from: 0, to: pts.count, by: step).map { pts[$0] }
      for key in [\XY.x, \XY.y] {
        sample.append(pts.min { $0[keyPath: key] < $1[keyPath: key] }!)
        sample.append(pts.max { $0[keyPath: key] < $1[keyPath: key] }!)
      }
      for p in sample {
        // Outside the projection's domain the plane fails altogether: the worst error.
        let e = (try? proj.scaleError(lon: p.x, lat: p.y)) ?? .infinity
        if best == nil || e > best!.error { best = (e, i) }
      }
    }
    return best
  }
}

extension BundleLoader {
  /// Lon/lat degrees around a group's districts within which cameras, roads and buildings
  /// go with the group: a camera a few kilometres off still reaches in.
  static let groupMargin = 0.05

  /// Features of the bundle in lon/lat, shared out to the groups: each district to its
  /// zone; a zone to the group holding the larger part of it (by overlap in lon/lat), else
  /// the nearest; roads and buildings to every group they come near; a camera to the group
  /// it stands nearest (its home, counted there once) and as a guest to every other group it
  /// comes near, so its footprint still covers there.
  struct GroupShare {
    var districts: [Int] = []
    var zones: [Int] = []
    var roads: [Int] = []
    var buildings: [Int] = []
    var homes: [Int] = []
    var guests: [Int] = []
  }

  static func share(_ areas: Areas, cameras: [Camera], groups: [ZoneGroups.Group]) throws -> [GroupShare] {
    var out = groups.map { GroupShare(districts: $0.districts) }
    let boxes = groups.map { g -> BBox in
      var b = BBox.empty
      for i in g.districts { b.add(ZoneGroups.box(areas.districts[i])) }
      return b
    }
    let near = boxes.map { b -> BBox in
      let dLon = groupMargin / max(0.01, cos(b.center.y * .pi / 180))
      return BBox(
        minX: b.minX - dLon, minY: b.minY - groupMargin, maxX: b.maxX + dLon, maxY: b.maxY + groupMargin)
    }
    func nearest(_ p: XY) -> Int {
      boxes.indices.min {
        hypot(boxes[$0].center.x - p.x, boxes[$0].center.y - p.y)
          < hypot(boxes[$1].center.x - p.x, boxes[$1].center.y - p.y)
      }!
    }
    let ctx = GEOSContext()
    // Input not yet repaired: made valid here so the overlap can be measured at all.
    let shapes = try areas.districts.map { try Geom.multiPolygon($0.polygons, context: ctx).makeValid() }
    let districtBoxes = areas.districts.map(ZoneGroups.box)
    for (zi, z) in areas.zones.enumerated() {
      var box = BBox.empty
      for p in z.polygons { box.add(p.bbox) }
      let g = try Geom.multiPolygon(z.polygons, context: ctx).makeValid()
      var best: (Int, Double)?
      for k in groups.indices where boxes[k].intersects(box) {
        var a = 0.0
        for i in groups[k].districts where districtBoxes[i].intersects(box) {
          a += (try? g.intersection(shapes[i]).area()) ?? 0
        }
        if a > 0, best == nil || a > best!.1 { best = (k, a) }
      }
      out[best?.0 ?? nearest(box.center)].zones.append(zi)
    }
    for (ri, r) in areas.roads.enumerated() {
      var box = BBox.empty
      for l in r.lines { box.add(BBox(points: l)) }
      for k in groups.indices where near[k].intersects(box) { out[k].roads.append(ri) }
    }
    for (bi, b) in areas.buildings.enumerated() {
      var box = BBox.empty
      for p in b.polygons { box.add(p.bbox) }
      for k in groups.indices where near[k].intersects(box) { out[k].buildings.append(bi) }
    }
    for (ci, c) in cameras.enumerated() {
      let p = XY(c.lon, c.lat)
      let home = near.indices.first { boxes[$0].contains(p) } ?? nearest(p)
      out[home].homes.append(ci)
      for k in groups.indices where k != home && near[k].contains(p) { out[k].guests.append(ci) }
    }
    return out
  }

  /// One group's part of the bundle, in its own plane.
  static func groupInput(
    _ areas: Areas, cameras: [Camera], share: GroupShare, crs: String, base: AuditInput, threads: Int
  ) throws -> AuditInput {
    var part = Areas(
      districts: share.districts.map { areas.districts[$0] }, zones: share.zones.map { areas.zones[$0] },
      roads: share.roads.map { areas.roads[$0] }, buildings: share.buildings.map { areas.buildings[$0] })
    let proj = try Projector(crs: crs)
    try part.project(proj, convert: nil, threads: threads)
    var warnings = base.warnings
    try part.repair(proj, warnings: &warnings)
    let placed = try place(
      (share.homes + share.guests).map { cameras[$0] }, crs: crs, main: proj, threads: threads)
    var input = AuditInput(
      crs: crs, districts: part.districts, zones: part.zones, roads: part.roads, buildings: part.buildings,
      cameras: placed, skippedNonCameras: base.skippedNonCameras, warnings: warnings)
    input.guestCameras = share.guests.count
    input.districtIndices = share.districts
    input.zoneIndices = share.zones
    return input
  }
}
