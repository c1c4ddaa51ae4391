import Foundation
import Geometry
import Support

extension AuditEngine {
  /// Districts in several UTM zones: each group audited in its own plane and the results
  /// merged, districts and zones in input order, gaps ranked as in one plane, every camera
  /// counted once (in its home group).
  static func runGroups(_ input: AuditInput, options: AuditOptions) throws -> AuditResult {
    let districtGaps = !input.zones.contains { $0.isValid(on: options.on) }
    var dropped = 0
    var r = AuditResult(crs: input.measuredCRS)
    var districts = [AuditResult.DistrictRow?](repeating: nil, count: input.districts.count)
    var coverage = [[PlanarPolygon]](repeating: [], count: input.districts.count)
    var shapes = [[PlanarPolygon]](repeating: [], count: input.districts.count)
    var zones: [(Int, AuditResult.ZoneRow, [PlanarPolygon])] = []
    var counted = AuditResult.Summary()
    var warnings: [String] = []
    for g in input.groups {
      var part = try runPlane(g, options: options, districtGaps: districtGaps)
      dropped += part.droppedGapParts
      part.warnings.removeAll { $0.hasSuffix(" m² dropped") && $0.contains(" gap parts smaller than ") }
      for w in part.warnings where !warnings.contains(w) { warnings.append(w) }
      for (k, i) in g.districtIndices.enumerated() {
        districts[i] = part.districts[k]
        if options.keepCoverage { coverage[i] = part.districtCoverage[k] }
        if options.keepFootprints { shapes[i] = part.districtShapes[k] }
      }
      let valid = zip(g.zones, g.zoneIndices).filter { $0.0.isValid(on: options.on) }.map(\.1)
      for (k, i) in valid.enumerated() {
        zones.append((i, part.zones[k], options.keepFootprints ? part.zoneShapes[k] : []))
      }
      r.gaps += part.gaps
      r.entries += part.entries
      r.uncoveredRoads += part.uncoveredRoads
      r.footprints += part.footprints
      merge(part.classes, into: &r.classes)
      counted.cameras += part.summary.cameras
      counted.activeCameras += part.summary.activeCameras
      counted.defaultRangeCameras += part.summary.defaultRangeCameras
      counted.unknownHeading += part.summary.unknownHeading
      counted.roadLength += part.summary.roadLength
      counted.roadCovered += part.summary.roadCovered
    }
    r.districts = districts.map { $0! }
    zones.sort { $0.0 < $1.0 }
    r.zones = zones.map(\.1)
    r.gaps.sort { $0.area != $1.area ? $0.area > $1.area : $0.id < $1.id }
    let order = Dictionary(
      input.districts.enumerated().map { ($1.code, $0) }, uniquingKeysWith: { a, _ in a })
    r.entries = stableSorted(r.entries) { order[$0.district] ?? 0 }
    let cameraOrder = Dictionary(
      input.cameras.enumerated().map { ($1.camera.id, $0) }, uniquingKeysWith: { a, _ in a })
    r.footprints = stableSorted(r.footprints) { cameraOrder[$0.cameraID] ?? 0 }
    r.droppedGapParts = dropped
    if dropped > 0 {
      warnings.append("\(dropped) gap parts smaller than \(JSONWriter.number(options.minGapArea)) m² dropped")
    }
    r.warnings = warnings
    if options.keepCoverage { r.districtCoverage = coverage }
    if options.keepFootprints {
      r.districtShapes = shapes
      r.zoneShapes = zones.map(\.2)
    }
    r.summary = mergedSummary(r, counted: counted, input: input)
    return r
  }

  static func merge(_ rows: [AuditResult.ClassRow], into out: inout [AuditResult.ClassRow]) {
    if out.isEmpty {
      out = rows
      return
    }
    for (k, row) in rows.enumerated() {
      out[k].cameras += row.cameras
      out[k].active += row.active
      out[k].covered += row.covered
    }
  }

  static func stableSorted<T>(_ items: [T], by key: (T) -> Int) -> [T] {
    items.enumerated().sorted { (key($0.element), $0.offset) < (key($1.element), $1.offset) }.map(\.element)
  }

  /// The summary of SPEC §4 over the merged rows; camera counts as the groups counted
  /// their home cameras.
  static func mergedSummary(_ r: AuditResult, counted: AuditResult.Summary, input: AuditInput)
    -> AuditResult.Summary
  {
    var s = counted
    let notRetired = input.cameras.reduce(0) { $0 + ($1.camera.status != .retired ? 1 : 0) }
    s.districts = r.districts.count
    s.zones = r.zones.count
    s.addRows(of: r, notRetired: notRetired)
    return s
  }
}

extension AuditResult.Summary {
  /// The sums and ratios of SPEC §4 that follow from the result's rows alone, so that one
  /// audit and zone groups merged afterwards add them up in the same order and agree to
  /// the last bit. `activeCameras` must already be set.
  mutating func addRows(of r: AuditResult, notRetired: Int) {
    for d in r.districts {
      districtArea += d.area
      covered += d.covered
    }
    for z in r.zones {
      zoneArea += z.area
      zoneCovered += z.covered
      if !z.meetsTarget { zonesBelowTarget += 1 }
    }
    coverage = districtArea > 0 ? covered / districtArea : 0
    zoneCoverage = zoneArea > 0 ? zoneCovered / zoneArea : 0
    gaps = r.gaps.count
    gapArea = r.gaps.reduce(0) { $0 + $1.area }
    entries = r.entries.count
    entriesCovered = r.entries.filter(\.covered).count
    workingRate = notRetired > 0 ? Double(activeCameras) / Double(notRetired) : 0
  }
}
