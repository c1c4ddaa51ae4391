import Cameras
import Foundation
import Geometry
import Support

/// What changed between two audits — the month-to-month progress a bureau reports: zones
/// that improved or worsened, gaps opened and closed, cameras added, removed, gone offline.
///
/// - Zones and districts are matched by id / code and compared on their coverage ratio.
/// - Gaps are matched by overlap, not by id: a gap's id is its rank within its zone, which
///   shifts as soon as another gap of the zone opens or closes. An old and a new gap are
///   the same gap when their intersection is at least `overlapShare` of the smaller one
///   (so a gap that a new camera split in two, or two gaps that merged, still match).
///   An old gap that matches none was closed; a new one that matches none was opened.
/// - Cameras need the two camera files (the audit JSON holds counts only) and are matched
///   by id.
public struct AuditDiff: Sendable {
  /// Ratios closer than this are equal: the same files audited with different thread
  /// counts may differ in the last bits.
  public static let tolerance = 1e-9
  public static let overlapShare = 0.01

  public struct Figure: Sendable {
    public var name: String
    public var old: Double?
    public var new: Double?
    public var changed: Bool {
      guard let old, let new else { return old != nil || new != nil }
      return !AuditDiff.same(old, new)
    }
  }

  public struct ZoneChange: Sendable {
    public var id: String
    public var name: String
    public var kind: String
    public var oldCoverage: Double
    public var newCoverage: Double
    public var target: Double
    public var oldMeets: Bool
    public var newMeets: Bool
    public var delta: Double { newCoverage - oldCoverage }
  }

  public struct ZoneRef: Sendable {
    public var id: String
    public var name: String
    public var kind: String
    public var coverage: Double
    public var meetsTarget: Bool
  }

  public struct DistrictChange: Sendable {
    public var code: String
    public var name: String
    public var oldCoverage: Double
    public var newCoverage: Double
    public var delta: Double { newCoverage - oldCoverage }
  }

  public struct CameraChange: Sendable {
    public var id: String
    public var name: String
    public var oldStatus: String?
    public var newStatus: String?
  }

  public var figures: [Figure] = []
  public var zonesImproved: [ZoneChange] = []
  public var zonesWorsened: [ZoneChange] = []
  public var zonesAdded: [ZoneRef] = []
  public var zonesRemoved: [ZoneRef] = []
  public var districtsImproved: [DistrictChange] = []
  public var districtsWorsened: [DistrictChange] = []

  /// False when no gap geometry was given: gaps are then compared by count and area only.
  public var gapsMatched = false
  public var gapsOpened: [AuditSnapshot.Gap] = []
  public var gapsClosed: [AuditSnapshot.Gap] = []
  /// Old gaps that still overlap a new one, and their areas before and after.
  public var gapsPersisting = 0
  public var persistingOldArea = 0.0
  public var persistingNewArea = 0.0

  public var camerasCompared = false
  public var camerasAdded: [CameraChange] = []
  public var camerasRemoved: [CameraChange] = []
  public var camerasOffline: [CameraChange] = []
  public var camerasRestored: [CameraChange] = []

  /// The number of listed changes (zones, districts, gaps, cameras) plus changed figures.
  public var changes: Int {
    zonesImproved.count + zonesWorsened.count + zonesAdded.count + zonesRemoved.count
      + districtsImproved.count
      + districtsWorsened.count + gapsOpened.count + gapsClosed.count + camerasAdded.count
      + camerasRemoved.count
      + camerasOffline.count + camerasRestored.count + figures.filter(\.changed).count
  }

  public var isEmpty: Bool { changes == 0 }

  static func same(_ a: Double, _ b: Double) -> Bool {
    abs(a - b) <= tolerance * max(1, abs(a), abs(b))
  }

  public init() {}

  /// Compares two audits; camera files are optional and go together.
  public static func compare(
    old: AuditSnapshot, new: AuditSnapshot, oldCameras: [Camera]? = nil, newCameras: [Camera]? = nil
  ) throws -> AuditDiff {
    var d = AuditDiff()

    // Summary figures, in the old file's order, then any the new one adds.
    let newFigures = Dictionary(new.summary, uniquingKeysWith: { a, _ in a })
    let oldFigures = Dictionary(old.summary, uniquingKeysWith: { a, _ in a })
    for (k, v) in old.summary { d.figures.append(Figure(name: k, old: v, new: newFigures[k])) }
    for (k, v) in new.summary where oldFigures[k] == nil {
      d.figures.append(Figure(name: k, old: nil, new: v))
    }

    // Zones by id.
    let oldZones = Dictionary(old.zones.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    let newZones = Dictionary(new.zones.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    for z in new.zones {
      guard let o = oldZones[z.id] else {
        d.zonesAdded.append(
          ZoneRef(id: z.id, name: z.name, kind: z.kind, coverage: z.coverage, meetsTarget: z.meetsTarget))
        continue
      }
      let change = ZoneChange(
        id: z.id, name: z.name, kind: z.kind, oldCoverage: o.coverage, newCoverage: z.coverage,
        target: z.target,
        oldMeets: o.meetsTarget, newMeets: z.meetsTarget)
      if !same(o.coverage, z.coverage) {
        if z.coverage > o.coverage { d.zonesImproved.append(change) } else { d.zonesWorsened.append(change) }
      } else if o.meetsTarget != z.meetsTarget {
        // Same coverage, new target.
        if z.meetsTarget { d.zonesImproved.append(change) } else { d.zonesWorsened.append(change) }
      }
    }
    for z in old.zones where newZones[z.id] == nil {
      d.zonesRemoved.append(
        ZoneRef(id: z.id, name: z.name, kind: z.kind, coverage: z.coverage, meetsTarget: z.meetsTarget))
    }
    d.zonesImproved.sort { $0.delta != $1.delta ? $0.delta > $1.delta : $0.id < $1.id }
    d.zonesWorsened.sort { $0.delta != $1.delta ? $0.delta < $1.delta : $0.id < $1.id }

    // Districts by code.
    let oldDistricts = Dictionary(old.districts.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
    for n in new.districts {
      guard let o = oldDistricts[n.code], !same(o.coverage, n.coverage) else { continue }
      let c = DistrictChange(code: n.code, name: n.name, oldCoverage: o.coverage, newCoverage: n.coverage)
      if c.delta > 0 { d.districtsImproved.append(c) } else { d.districtsWorsened.append(c) }
    }
    d.districtsImproved.sort { $0.delta != $1.delta ? $0.delta > $1.delta : $0.code < $1.code }
    d.districtsWorsened.sort { $0.delta != $1.delta ? $0.delta < $1.delta : $0.code < $1.code }

    if old.hasGapGeometry && new.hasGapGeometry {
      try d.matchGaps(old: old, new: new)
    }

    if let oldCameras, let newCameras {
      d.compareCameras(old: oldCameras, new: newCameras)
    }
    return d
  }

  /// Gap matching by overlap, in the audit's metric plane.
  mutating func matchGaps(old: AuditSnapshot, new: AuditSnapshot) throws {
    gapsMatched = true
    // An audit over several UTM zones names them all ("EPSG:32651+EPSG:32631"); overlap ratios
    // are compared in the first.
    let proj = try Projector(crs: old.crs.split(separator: "+").first.map(String.init) ?? old.crs)
    let ctx = GEOSContext()
    func metric(_ g: AuditSnapshot.Gap) throws -> (Geom, Double) {
      let polys = try g.polygons.map { try $0.mapRings(proj.forward(points:)) }
      var geom = try Geom.multiPolygon(polys, context: ctx)
      // Rounding to 8 decimals in the GeoJSON can pinch a ring; repair rather than fail.
      if !(try geom.isValid()) { geom = try geom.makeValid().polygonalPart() }
      return (geom, try geom.area())
    }
    let olds = try old.gaps.map(metric)
    let news = try new.gaps.map(metric)
    let tree = try STRtree(context: ctx)
    for (g, _) in news { _ = try tree.insert(box: g.bbox) }
    var newMatched = [Bool](repeating: false, count: news.count)
    for (i, (og, oa)) in olds.enumerated() {
      var matched = false
      for j in try tree.query(box: og.bbox).sorted() {
        let (ng, na) = news[j]
        let overlap = try og.intersection(ng).area()
        if overlap > 0 && overlap >= AuditDiff.overlapShare * min(oa, na) {
          matched = true
          newMatched[j] = true
        }
      }
      if matched {
        gapsPersisting += 1
        persistingOldArea += old.gaps[i].area
      } else {
        gapsClosed.append(old.gaps[i])
      }
    }
    for (j, m) in newMatched.enumerated() {
      if m {
        persistingNewArea += new.gaps[j].area
      } else {
        gapsOpened.append(new.gaps[j])
      }
    }
    gapsClosed.sort { $0.area != $1.area ? $0.area > $1.area : $0.id < $1.id }
    gapsOpened.sort { $0.area != $1.area ? $0.area > $1.area : $0.id < $1.id }
  }

  enum State { case absent, planned, working, down, gone }

  static func state(_ c: Camera?) -> State {
    guard let c else { return .absent }
    if c.status == .retired || c.removed != nil { return .gone }
    switch c.status {
    case .planned: return .planned
    case .active: return .working
    case .offline, .maintenance: return .down
    case .retired: return .gone
    }
  }

  /// Added: built now (working or down) and not before; removed: the reverse; offline:
  /// working before and down now; restored: down before and working now.
  mutating func compareCameras(old: [Camera], new: [Camera]) {
    camerasCompared = true
    let o = Dictionary(old.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    let n = Dictionary(new.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    for id in Set(o.keys).union(n.keys).sorted() {
      let a = o[id]
      let b = n[id]
      let sa = AuditDiff.state(a)
      let sb = AuditDiff.state(b)
      let change = CameraChange(
        id: id, name: b?.name ?? a?.name ?? "", oldStatus: a.map(AuditDiff.statusText),
        newStatus: b.map(AuditDiff.statusText))
      let builtBefore = sa == .working || sa == .down
      let builtNow = sb == .working || sb == .down
      if builtNow && !builtBefore {
        camerasAdded.append(change)
      } else if builtBefore && !builtNow {
        camerasRemoved.append(change)
      } else if sa == .working && sb == .down {
        camerasOffline.append(change)
      } else if sa == .down && sb == .working {
        camerasRestored.append(change)
      }
    }
  }

  static func statusText(_ c: Camera) -> String {
    c.removed.map { "removed \($0)" } ?? c.status.rawValue
  }
}
