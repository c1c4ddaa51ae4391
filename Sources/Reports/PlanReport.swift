import Cameras
import Formats
import Foundation
import Geometry
import Planning
import Support

/// The plan's outputs: a table for a terminal, a JSON document, the proposals as GeoJSON
/// points that import as planned cameras, and their footprints as polygons. Numbers are
/// written in one fixed format so the same plan gives the same bytes; camera positions
/// and optics in their shortest exact form, so an audit reads back the very values that
/// were planned with.
public enum PlanReport {
  // MARK: GeoJSON pieces

  static func exact(_ p: XY) -> String { "[\(JSONWriter.number(p.x)),\(JSONWriter.number(p.y))]" }

  static func coord(_ p: XY) -> String {
    "[" + JSONWriter.fixed(p.x, decimals: 8) + "," + JSONWriter.fixed(p.y, decimals: 8) + "]"
  }

  static func polygonCoords(_ p: PlanarPolygon) -> String {
    "[" + p.rings.map { "[" + $0.map(coord).joined(separator: ",") + "]" }.joined(separator: ",") + "]"
  }

  /// A Polygon for one part, a MultiPolygon for several (or none).
  static func geometry(_ polys: [PlanarPolygon]) -> String {
    if polys.count == 1 { return "{\"type\":\"Polygon\",\"coordinates\":\(polygonCoords(polys[0]))}" }
    return "{\"type\":\"MultiPolygon\",\"coordinates\":[\(polys.map(polygonCoords).joined(separator: ","))]}"
  }

  static func collection(_ name: String, _ features: [(geometry: String, properties: JSONOut)]) -> String {
    var s = "{\"type\":\"FeatureCollection\",\"name\":\(JSONWriter.quote(name)),\"features\":[\n"
    for (i, f) in features.enumerated() {
      s +=
        "{\"type\":\"Feature\",\"properties\":\(f.properties.render(pretty: false)),\"geometry\":\(f.geometry)}"
      s += i + 1 < features.count ? ",\n" : "\n"
    }
    return s + "]}\n"
  }

  /// Camera properties of SPEC §1 (id, name, kind, heading, fov, range, status) followed
  /// by the plan's own, which a camera reader passes over.
  static func cameraProperties(_ p: Proposal) -> JSONOut {
    var props: [(String, JSONOut)] = [
      ("id", .str(p.camera.id)), ("name", .str(p.camera.name)), ("kind", .str(p.camera.kind.rawValue)),
    ]
    if let h = p.heading { props.append(("heading", .num(h))) }
    props.append(("fov", .num(p.fov)))
    props.append(("range", .num(p.range)))
    if let r = p.camera.resolution { props.append(("resolution", .num(r))) }
    props.append(("status", .str(p.camera.status.rawValue)))
    props += [
      ("rank", .int(p.rank)), ("site", .str(p.site)), ("source", .str(p.source.rawValue)),
      ("cost", .num(p.cost)),
      ("gain_m2", .num(p.newArea)), ("weighted_gain", .num(p.gain)), ("zone_coverage", .num(p.zoneCoverage)),
      ("gaps", .str(p.gaps.joined(separator: ","))),
    ]
    return .obj(props)
  }

  /// `--format geojson`: the proposals as Point features, ready for `camgap registry
  /// import` or `camgap audit --cameras … --include-planned`.
  public static func geojson(_ r: PlanResult) -> String {
    collection(
      "planned_cameras",
      r.proposals.map { p in
        ("{\"type\":\"Point\",\"coordinates\":\(exact(XY(p.camera.lon, p.camera.lat)))}", cameraProperties(p))
      })
  }

  /// `--footprints FILE`: what each proposed camera sees, after occlusion.
  public static func footprints(_ r: PlanResult) -> String {
    collection(
      "planned_footprints",
      r.proposals.map { p in
        (
          geometry(p.footprint),
          .obj([
            ("id", .str(p.camera.id)), ("rank", .int(p.rank)), ("site", .str(p.site)),
            ("gain_m2", .num(p.newArea)),
            ("weighted_gain", .num(p.gain)),
          ])
        )
      })
  }

  // MARK: JSON

  public static func json(_ r: PlanResult) -> String {
    let summary: JSONOut = .obj([
      ("budget", r.budget == PlanOptions.unlimited ? .null : .int(r.budget)),
      ("budget_cost", r.budgetCost.map { .num($0) } ?? .null), ("proposals", .int(r.proposals.count)),
      ("stopped", .str(r.stop.rawValue)), ("best_single", .bool(r.bestSingle)),
      ("candidate_sites", .int(r.candidateSites)),
      (
        "candidate_sites_by_source",
        .obj(SiteSource.allCases.map { ($0.rawValue, .int(r.sitesBySource[$0] ?? 0)) })
      ),
      ("candidates", .int(r.candidates)), ("cost", .num(r.totalCost)),
      ("gain_m2", .num(r.proposals.reduce(0) { $0 + $1.newArea })), ("weighted_gain", .num(r.totalGain)),
      ("upper_bound", .num(r.upperBound)),
      ("zones", .int(r.zones.count)), ("zone_area_m2", .num(r.zoneArea)),
      ("zone_covered_before_m2", .num(r.zoneCoveredBefore)),
      ("zone_covered_after_m2", .num(r.zoneCoveredAfter)),
      ("zone_coverage_before", .num(r.zoneCoverageBefore)),
      ("zone_coverage_after", .num(r.zoneCoverageAfter)),
      ("zones_below_target_before", .int(r.zonesBelowTargetBefore)),
      ("zones_below_target_after", .int(r.zonesBelowTargetAfter)),
    ])
    let proposals: JSONOut = .arr(
      r.proposals.map { p in
        .obj([
          ("rank", .int(p.rank)), ("id", .str(p.camera.id)), ("site", .str(p.site)),
          ("source", .str(p.source.rawValue)), ("cost", .num(p.cost)), ("lon", .num(p.camera.lon)),
          ("lat", .num(p.camera.lat)), ("kind", .str(p.camera.kind.rawValue)),
          ("heading", p.heading.map { .num($0) } ?? .null),
          ("fov", .num(p.fov)), ("range", .num(p.range)), ("gain_m2", .num(p.newArea)),
          ("weighted_gain", .num(p.gain)),
          ("zone_coverage", .num(p.zoneCoverage)), ("zones_below_target", .int(p.zonesBelowTarget)),
          (
            "zones",
            .arr(
              zip(p.zoneGains, p.zoneCoverageAfter).map { g, after in
                .obj([
                  ("zone", .str(r.zones[Int(g.zone)].id)), ("gain_m2", .num(g.area)),
                  ("coverage_after", .num(after)),
                ])
              })
          ),
          ("gaps", .arr(p.gaps.map { .str($0) })),
          ("footprint", .raw(geometry(p.footprint))),
        ])
      })
    let zones: JSONOut = .arr(
      r.zones.map { z in
        .obj([
          ("id", .str(z.id)), ("name", .str(z.name)), ("kind", .str(z.kind.rawValue)),
          ("weight", .num(z.weight)),
          ("target", .num(z.target)), ("area_m2", .num(z.area)),
          ("covered_before_m2", .num(min(z.coveredBefore, z.area))),
          ("covered_after_m2", .num(min(z.coveredAfter, z.area))),
          ("coverage_before", .num(z.coverageBefore)),
          ("coverage_after", .num(z.coverageAfter)), ("meets_target_before", .bool(z.meetsBefore)),
          ("meets_target_after", .bool(z.meetsAfter)), ("candidate_sites", .int(z.candidateSites)),
          ("candidates", .int(z.candidates)), ("cameras", .int(z.cameras)),
          ("no_candidates", z.noCandidates.map { .str($0) } ?? .null),
        ])
      })
    return JSONOut.obj([
      ("crs", .str(r.crs)), ("summary", summary), ("proposals", proposals), ("zones", zones),
      ("warnings", .arr(r.warnings.map { .str($0) })),
    ]).render() + "\n"
  }

  // MARK: table

  static func pct(_ r: Double) -> String { String(format: "%.1f%%", r * 100) }
  static func m2(_ a: Double) -> String {
    a >= 1e6 ? String(format: "%.2f km²", a / 1e6) : String(format: "%.0f m²", a)
  }

  /// The first gaps of a proposal, for a table cell.
  static func gapList(_ gaps: [String]) -> String {
    gaps.count <= 2
      ? gaps.joined(separator: " ") : gaps.prefix(2).joined(separator: " ") + " +\(gaps.count - 2)"
  }

  public static func table(_ r: PlanResult) -> String {
    let stopped: String
    switch r.stop {
    case .budget: stopped = "budget used"
    case .targetsMet: stopped = "every zone meets its target"
    case .noGain: stopped = "no candidate adds coverage that counts"
    case .budgetCost: stopped = "cost budget used"
    }
    var out = "camgap plan (\(r.crs))\n\n"
    let bySource = SiteSource.allCases.compactMap { s in r.sitesBySource[s].map { "\($0) \(s.rawValue)" } }
    out += "candidates       \(r.candidateSites) sites, \(r.candidates) site × heading"
    out += bySource.isEmpty ? "\n" : " (\(bySource.joined(separator: ", ")))\n"
    let budget = r.budget == PlanOptions.unlimited ? "" : " of \(r.budget)"
    out += "proposals        \(r.proposals.count)\(budget) (\(stopped))"
    out += r.bestSingle ? ", the best single camera beat the greedy\n" : "\n"
    if let b = r.budgetCost {
      out += "cost             \(JSONWriter.number(r.totalCost)) of \(JSONWriter.number(b))\n"
    }
    out += "zones            \(pct(r.zoneCoverageBefore)) → \(pct(r.zoneCoverageAfter)) covered, "
    out += "\(r.zonesBelowTargetBefore) → \(r.zonesBelowTargetAfter) below target\n"
    out += "new coverage     \(m2(r.proposals.reduce(0) { $0 + $1.newArea }))\n"
    out += "weighted gain    \(m2(r.totalGain)), at most \(m2(r.upperBound)) for any plan in the budget"
    out += r.upperBound > 0 ? " (\(pct(r.totalGain / r.upperBound)) of it)\n" : "\n"
    if !r.proposals.isEmpty {
      out += "\nProposals\n"
      out += TextTable.render(
        [
          "rank", "id", "site", "lon", "lat", "kind", "heading", "fov", "range", "cost", "gain",
          "zones covered", "gaps",
        ],
        r.proposals.map { p in
          [
            String(p.rank), p.camera.id, p.site, String(format: "%.6f", p.camera.lon),
            String(format: "%.6f", p.camera.lat),
            p.camera.kind.rawValue, p.heading.map { JSONWriter.fixed($0, decimals: 1) } ?? "-",
            JSONWriter.fixed(p.fov, decimals: 1),
            String(format: "%.1f m", p.range), JSONWriter.number(p.cost), m2(p.newArea), pct(p.zoneCoverage),
            gapList(p.gaps),
          ]
        }, rightAligned: [0, 3, 4, 6, 7, 8, 9, 10, 11])
    }
    out += "\nZones\n"
    out += TextTable.render(
      ["id", "name", "kind", "weight", "target", "before", "after", "ok", "candidates", "cameras"],
      r.zones.map { z in
        [
          z.id, z.name, z.kind.rawValue, JSONWriter.number(z.weight), pct(z.target), pct(z.coverageBefore),
          pct(z.coverageAfter),
          z.meetsAfter ? "yes" : "NO", String(z.candidates), String(z.cameras),
        ]
      }, rightAligned: [3, 4, 5, 6, 8, 9])
    let none = r.zones.filter { $0.noCandidates != nil }
    if !none.isEmpty {
      out += "\nZones below target without candidates\n"
      for z in none { out += "  \(SafeText.visible(z.id)): \(z.noCandidates!)\n" }
    }
    if !r.warnings.isEmpty {
      out += "\nWarnings\n"
      for w in r.warnings.prefix(20) { out += "  \(SafeText.visible(w))\n" }
      if r.warnings.count > 20 { out += "  … \(r.warnings.count - 20) more (see --format json)\n" }
    }
    return out
  }
}
