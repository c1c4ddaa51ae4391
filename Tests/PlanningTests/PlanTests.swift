import Formats
import Foundation
import Support
import TestSupport
import XCTest

@testable import Audit
@testable import Cameras
@testable import Geometry
@testable import Planning

/// A 1 km² town: a road grid every 200 m, five zones (one beyond any road's reach),
/// buildings in two of them, and an existing network of 15 cameras.
func town() throws -> Scene {
  let s = try Scene(size: 1000)
  for (i, v) in [100.0, 300, 500, 700].enumerated() {
    s.road("NS\(i)", [(v, 0), (v, 1000)])
    s.road("EW\(i)", [(0, v), (1000, v)])
  }
  s.zone("KS1", .keySite, 120, 120, 150, 100)
  s.zone("DM1", .demolition, 320, 330, 200, 150)
  s.zone("RC1", .roadConstruction, 450, 690, 300, 20)
  s.zone("TR1", .townRenovation, target: 0.6, 560, 80, 200, 240)
  s.zone("FAR", .other, 860, 860, 100, 100)
  for i in 0..<4 {
    for j in 0..<4 where (i + j) % 2 == 0 { s.building(575 + Double(i) * 45, 125 + Double(j) * 45, 22, 16) }
  }
  s.building(340, 310, 30, 12)
  s.building(400, 480, 14, 25)
  var rng = SplitMix64(seed: 7)
  for k in 0..<15 {
    let x = Double.random(in: 50...950, using: &rng)
    let y = Double.random(in: 50...950, using: &rng)
    if k % 3 == 0 {
      try s.camera("E\(k)", x, y, kind: .ptz, range: 30)
    } else {
      try s.camera(
        "E\(k)", x, y, kind: .fixed, heading: Double(Int.random(in: 0..<360, using: &rng)), range: 50)
    }
  }
  return s
}

final class PlanTests: XCTestCase {
  func testMarginalGainsNeverIncrease() throws {
    let s = try town()
    let r = try Planner.plan(s.input, options: PlanOptions(budget: 80))
    XCTAssertEqual(r.proposals.count, 80)
    XCTAssertEqual(r.stop, .budget)
    XCTAssertGreaterThan(r.candidateSites, 50)
    XCTAssertEqual(r.candidates, 12 * r.candidateSites)
    // Gains never increase beyond what the greedy takes for a tie (a millionth: the
    // rounding noise between sectors wholly inside the gap at two sites).
    for (a, b) in zip(r.proposals, r.proposals.dropFirst()) {
      XCTAssertLessThanOrEqual(
        b.gain, a.gain * (1 + LazyGreedy.tie), "rank \(b.rank) gains more than rank \(a.rank)")
    }
    XCTAssertGreaterThan(
      Set(r.proposals.map { LazyGreedy.quantized($0.gain) }).count, 10, "the gains really do fall")
    // Gains are the weighted zone areas, and coverage only grows.
    for p in r.proposals {
      let weighted = p.zoneGains.reduce(0) { $0 + r.zones[Int($1.zone)].weight * $1.area }
      XCTAssertEqual(p.gain, weighted, accuracy: 1e-9 * p.gain)
    }
    for (a, b) in zip(r.proposals, r.proposals.dropFirst()) {
      XCTAssertGreaterThan(b.zoneCoverage, a.zoneCoverage)
    }
    XCTAssertGreaterThan(r.proposals[0].gain, 1000, "a first 40 m sector in open gap")
  }

  /// The plan's prediction is what an audit of the network with the proposals added
  /// finds, zone by zone, with occlusion by buildings.
  func testReauditReproducesPredictedCoverage() throws {
    let s = try town()
    let r = try Planner.plan(s.input, options: PlanOptions(budget: 80))
    let before = try AuditEngine.run(s.input)
    var o = AuditOptions()
    o.includePlanned = true
    let after = try AuditEngine.run(try s.withProposals(r), options: o)
    XCTAssertEqual(after.summary.activeCameras, before.summary.activeCameras + 80)
    for (k, z) in r.zones.enumerated() {
      let b = before.zones[k]
      let a = after.zones[k]
      XCTAssertEqual(z.id, a.id)
      XCTAssertEqual(z.area, a.area, accuracy: 1e-9 * a.area)
      XCTAssertEqual(z.coveredBefore, b.covered, accuracy: 1e-9 * max(b.covered, 1))
      XCTAssertEqual(z.coveredAfter, a.covered, accuracy: 1e-9 * a.covered, z.id)
      XCTAssertEqual(z.coverageAfter, a.coverage, accuracy: 1e-9 * a.coverage, z.id)
      XCTAssertEqual(z.meetsAfter, a.meetsTarget, z.id)
    }
    XCTAssertEqual(
      r.proposals.last!.zoneCoverage, after.summary.zoneCoverage, accuracy: 1e-9 * after.summary.zoneCoverage)
    XCTAssertEqual(r.zonesBelowTargetAfter, after.summary.zonesBelowTarget)
    XCTAssertGreaterThan(after.summary.zoneCovered, before.summary.zoneCovered)
    // Some planned cameras really are cut by buildings, so occlusion is part of the check.
    let raw = r.proposals.map { p in Footprint.closedFormArea(fov: p.fov, range: p.range) }
    let seen = try r.proposals.map { p -> Double in
      var q = p.footprint.map { poly in PlanarPolygon(rings: poly.rings.map { ring in ring }) }
      for i in q.indices { for k in q[i].rings.indices { try s.proj.forward(&q[i].rings[k]) } }
      return q.reduce(0) { $0 + $1.area }
    }
    XCTAssertTrue(zip(raw, seen).contains { $0.0 - $0.1 > 1 }, "no proposal is occluded")
  }

  /// `untilTargets` stops once every zone that the candidates can bring to target is
  /// there; the one out of reach stays below, and the planner says why it stopped.
  func testUntilTargetsReachesEveryTargetItCan() throws {
    let s = try town()
    let input = s.input
    let sites = try CandidateSites.generate(
      roads: input.roads, buildings: input.buildings, zones: input.zones.map(\.polygons), reach: 40,
      spacing: 25,
      projector: s.proj)
    var o = PlanOptions(budget: 400)
    o.untilTargets = true
    let r = try Planner.plan(input, sites: sites, options: o)

    // What every candidate together would reach.
    var all = input
    for (i, site) in sites.enumerated() {
      for h in stride(from: 0.0, to: 360, by: 30) {
        var c = Camera(id: "ALL-\(i)-\(Int(h))", lon: site.lon, lat: site.lat)
        c.range = 40
        c.views = [ViewDirection(heading: h)]
        c.status = .planned
        all.cameras.append(try s.placed(c))
      }
    }
    var ao = AuditOptions()
    ao.includePlanned = true
    let ceiling = try AuditEngine.run(all, options: ao)
    let reachable = ceiling.zones.map(\.meetsTarget)
    XCTAssertTrue(reachable.contains(true))
    XCTAssertGreaterThan(
      reachable.filter { !$0 }.count, 1, "KS1 and DM1 lie too deep behind their roads, FAR has none")
    XCTAssertEqual(ceiling.zones.first { $0.id == "FAR" }?.meetsTarget, false)

    let after = try AuditEngine.run(try s.withProposals(r), options: ao)
    for (k, z) in r.zones.enumerated() where reachable[k] {
      XCTAssertTrue(z.meetsAfter, "\(z.id) could reach \(z.target) but the plan stops at \(z.coverageAfter)")
      XCTAssertTrue(after.zones[k].meetsTarget, z.id)
    }
    XCTAssertFalse(r.zones.last!.meetsAfter)
    XCTAssertEqual(r.stop, .noGain, "FAR cannot be reached, so the plan ends when nothing helps")
    XCTAssertLessThan(r.proposals.count, 400)
    XCTAssertLessThan(r.proposals.count, 12 * sites.count / 4, "far fewer cameras than candidates")

    // With only the zones it can bring to target, the stop is the targets themselves.
    s.zones = s.zones.enumerated().filter { reachable[$0.offset] }.map(\.element)
    let met = try Planner.plan(s.input, sites: sites, options: o)
    XCTAssertEqual(met.stop, .targetsMet)
    XCTAssertTrue(met.zones.allSatisfy(\.meetsAfter))
    // Each proposal was needed: before the last one some zone was still below target.
    XCTAssertEqual(met.proposals.dropLast().last.map { $0.zonesBelowTarget > 0 }, true)
  }

  func testSiteHeadingAndOpticsAreKept() throws {
    let s = try Scene(size: 1000)
    s.zone("Z", .other, 0, 0, 300, 300)
    let sites = [
      try s.site("north", 100, 100, heading: 0),
      try s.site("pole", 200, 200, kind: .ptz, range: 25),
      try s.site("wide", 50, 250, fov: 120, range: 30),
    ]
    var o = PlanOptions(budget: 14)
    o.camera = NewCameraSpec(kind: .fixed, fov: 60, range: 45)
    let r = try Planner.plan(s.input, sites: sites, options: o)
    let bySite = Dictionary(r.proposals.map { ($0.site, $0) }, uniquingKeysWith: { a, _ in a })
    XCTAssertEqual(bySite["north"]?.heading, 0)
    XCTAssertEqual(bySite["north"]?.fov, 60)
    XCTAssertEqual(bySite["north"]?.range, 45)
    XCTAssertNil(bySite["pole"]?.heading)
    XCTAssertEqual(bySite["pole"]?.fov, 360)
    XCTAssertEqual(bySite["pole"]?.camera.kind, .ptz)
    XCTAssertEqual(bySite["wide"]?.fov, 120)
    XCTAssertEqual(r.candidates, 1 + 1 + 12)
    // A few 120° views at the wide site cover all it can: the rest add nothing.
    XCTAssertEqual(r.stop, .noGain)
    XCTAssertLessThan(r.proposals.count, 14)
    XCTAssertTrue(r.proposals.allSatisfy { $0.camera.status == .planned })
    XCTAssertEqual(r.proposals.prefix(3).map(\.camera.id), ["PLAN-001", "PLAN-002", "PLAN-003"])
  }

  func testRangeFromResolutionAtTheDORILevel() throws {
    let s = try Scene(size: 1000)
    s.zone("Z", .other, 0, 0, 300, 300)
    var o = PlanOptions(budget: 1)
    o.camera = NewCameraSpec(kind: .fixed, fov: 90, resolution: 1920)
    o.audit.optics.dori = .observe
    let r = try Planner.plan(s.input, sites: [try s.site("a", 150, 150, heading: 90)], options: o)
    // 1920 px / (62.5 px/m × 2 × tan 45°)
    XCTAssertEqual(r.proposals[0].range, 15.36, accuracy: 1e-12)
    XCTAssertEqual(r.proposals[0].camera.range!, 15.36, accuracy: 1e-12)
    let sector = Footprint.closedFormArea(fov: 90, range: 15.36)
    XCTAssertEqual(r.proposals[0].newArea, sector, accuracy: 1e-9 * sector)
  }

  func testGeneratedSitesFollowRoadsNearZonesAndAvoidBuildings() throws {
    let s = try Scene(size: 1000)
    s.road("R", [(0, 50), (1000, 50)])
    s.zone("Z", .other, 400, 60, 100, 50)
    let input = s.input
    // Within 40 m of the zone: x from 361.3 to 538.7, on the 25 m marks 375…525.
    var sites = try CandidateSites.generate(
      roads: input.roads, buildings: [], zones: [input.zones[0].polygons], reach: 40, spacing: 25,
      projector: s.proj)
    XCTAssertEqual(sites.count, 7)
    let first = try s.proj.forward(XY(sites[0].lon, sites[0].lat))
    XCTAssertEqual(first.x - Scene.origin.x, 375, accuracy: 2e-3, "rounded to 1e-8°")
    XCTAssertEqual(first.y - Scene.origin.y, 50, accuracy: 2e-3)
    // A building over the 425 m mark removes that site; one whose wall the road runs along does not.
    s.building(420, 40, 20, 20)
    s.building(450, 50, 10, 5)
    sites = try CandidateSites.generate(
      roads: s.input.roads, buildings: s.input.buildings, zones: [input.zones[0].polygons], reach: 40,
      spacing: 25,
      projector: s.proj)
    XCTAssertEqual(sites.count, 6)
    XCTAssertEqual(sites.map(\.id), ["S1", "S2", "S3", "S4", "S5", "S6"])
    // No roads: a grid over the zone and its reach.
    let grid = try CandidateSites.generate(
      roads: [], buildings: [], zones: [input.zones[0].polygons], reach: 10, spacing: 25, projector: s.proj)
    XCTAssertGreaterThan(grid.count, 4 * 2)
  }

  func testCandidateFileProblemsNameFeatureAndField() throws {
    let text = """
      {"type":"FeatureCollection","features":[
      {"type":"Feature","properties":{"id":"P1","heading":90},"geometry":{"type":"Point","coordinates":[121.02,30.69]}},
      {"type":"Feature","properties":{"id":"P2","heading":400},"geometry":{"type":"Point","coordinates":[121.02,30.69]}},
      {"type":"Feature","properties":{"id":"P3","kind":"bullet"},"geometry":{"type":"Point","coordinates":[121.02,30.69]}},
      {"type":"Feature","properties":{"id":"P1"},"geometry":{"type":"LineString","coordinates":[[121.02,30.69],[121.03,30.69]]}}
      ]}
      """
    let fc = try GeoJSONReader.parse(bytes: Array(text.utf8), file: "poles.geojson")
    XCTAssertThrowsError(try CandidateSites.parse(fc)) { e in
      let errors = (e as! InputErrors).errors
      XCTAssertEqual(errors.map(\.location), [.feature(1), .feature(2), .feature(3)])
      XCTAssertEqual(errors.map(\.field), ["heading", "kind", "geometry"])
      XCTAssertEqual(
        errors[0].description, "poles.geojson: feature 1: field \"heading\": must be in [0, 360], got 400")
    }
    let good = """
      {"type":"FeatureCollection","features":[
      {"type":"Feature","properties":{"id":7,"heading":"90","range":35,"kind":"dome"},"geometry":{"type":"Point","coordinates":[121.02,30.69]}},
      {"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[121.03,30.69]}}
      ]}
      """
    let sites = try CandidateSites.parse(GeoJSONReader.parse(bytes: Array(good.utf8), file: "poles.geojson"))
    XCTAssertEqual(
      sites,
      [
        CandidateSite(id: "7", lon: 121.02, lat: 30.69, kind: .dome, range: 35, heading: 90),
        CandidateSite(id: "feature 1", lon: 121.03, lat: 30.69),
      ])
  }
}
