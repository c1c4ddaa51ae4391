import Formats
import Foundation
import TestSupport
import XCTest

@testable import Audit
@testable import Cameras
@testable import Geometry
@testable import Planning

/// Where sites come from, what they cost, and how many cameras one takes.
final class SiteSourceTests: XCTestCase {
  /// Closed-form area of a 360° camera's 72-gon of radius `r`.
  func disc(_ r: Double) -> Double { Footprint.closedFormArea(fov: 360, range: r) }

  func testZoneWithoutRoadsGetsBoundaryAndGridSites() throws {
    let s = try Scene(size: 1000)
    s.zone("Z", .other, target: 0.9, 200, 200, 100, 60)
    let r = try Planner.plan(s.input, options: PlanOptions(budget: 3))
    // The ring is 320 m: sites at 0, 25, …, 300 m from its first corner.
    XCTAssertEqual(r.sitesBySource[.boundary], 13)
    XCTAssertEqual(r.sitesBySource[.road], nil)
    let grid = try XCTUnwrap(r.sitesBySource[.grid])
    // The 25 m lattice points of the zone's box, west and south edges in (4 × 3), less the
    // four on the south edge where boundary sites stand already.
    XCTAssertEqual(grid, 8)
    XCTAssertEqual(r.candidateSites, 13 + 8)
    XCTAssertEqual(r.zones[0].candidateSites, 21)
    XCTAssertEqual(r.zones[0].candidates, 21 * 12)
    XCTAssertNil(r.zones[0].noCandidates)
    XCTAssertEqual(r.proposals.count, 3)
    XCTAssertEqual(r.zones[0].cameras, 3)
    XCTAssertTrue(r.proposals.allSatisfy { $0.source == .boundary || $0.source == .grid })
    XCTAssertEqual(r.proposals.map { $0.gaps }, [["Z#1"], ["Z#1"], ["Z#1"]])
    XCTAssertFalse(r.warnings.contains { $0.contains("no candidate sites") })
  }

  func testPolesArePreferredAtEqualGain() throws {
    let s = try Scene(size: 1000)
    s.zone("Z", .other, target: 0.9, 0, 0, 200, 200)
    let pole = try s.site("lamp-7", 100, 100)
    // Without the pole, the first camera is a full 40 m sector from the zone's boundary.
    let bare = try Planner.plan(s.input, sites: [], onlyGiven: false, options: PlanOptions(budget: 1))
    let sector = Footprint.closedFormArea(fov: 90, range: 40)
    XCTAssertEqual(bare.proposals[0].source, .boundary)
    XCTAssertEqual(bare.proposals[0].newArea, sector, accuracy: 1e-6 * sector)
    let r = try Planner.plan(s.input, sites: [pole], onlyGiven: false, options: PlanOptions(budget: 1))
    XCTAssertEqual(r.proposals[0].site, "lamp-7")
    XCTAssertEqual(r.proposals[0].source, .pole)
    XCTAssertEqual(r.proposals[0].newArea, sector, accuracy: 1e-6 * sector)
    XCTAssertEqual(r.sitesBySource[.pole], 1)
  }

  /// Three 360° sites over disjoint parts of one open zone, by hand: gains 3.1376 r² for
  /// r = 10, 20, 30 (314, 1255, 2824 m²) at costs 1, 3, 10, so gains per cost 314, 418, 282.
  func threeSites() throws -> (Scene, [CandidateSite]) {
    let s = try Scene(size: 1000)
    s.zone("Z", .other, target: 0.9, 0, 0, 1000, 200)
    let sites = [
      try s.site("A", 100, 100, kind: .ptz, range: 10), try s.site("B", 300, 100, kind: .ptz, range: 20),
      try s.site("C", 600, 100, kind: .ptz, range: 30),
    ]
    return (s, sites)
  }

  func testCostsChangeThePickOrder() throws {
    let (s, plain) = try threeSites()
    var sites = plain
    for (i, c) in [1.0, 3, 10].enumerated() { sites[i].cost = c }
    let byGain = try Planner.plan(s.input, sites: plain, options: PlanOptions(budget: 3))
    XCTAssertEqual(byGain.proposals.map(\.site), ["C", "B", "A"])
    let byRatio = try Planner.plan(s.input, sites: sites, options: PlanOptions(budget: 3))
    XCTAssertEqual(byRatio.proposals.map(\.site), ["B", "A", "C"])
    XCTAssertEqual(byRatio.proposals.map(\.cost), [3, 1, 10])
    XCTAssertEqual(byRatio.totalGain, disc(10) + disc(20) + disc(30), accuracy: 1e-6)

    // A cost budget of 4: B then A, and C no longer fits.
    var o = PlanOptions(budget: PlanOptions.unlimited)
    o.budgetCost = 4
    let four = try Planner.plan(s.input, sites: sites, options: o)
    XCTAssertEqual(four.proposals.map(\.site), ["B", "A"])
    XCTAssertEqual(four.stop, .budgetCost)
    XCTAssertEqual(four.totalCost, 4)
    XCTAssertFalse(four.bestSingle)
    // A budget of 10: the greedy's B + A (1,569 m²) loses to C alone (2,824 m²).
    o.budgetCost = 10
    let ten = try Planner.plan(s.input, sites: sites, options: o)
    XCTAssertEqual(ten.proposals.map(\.site), ["C"])
    XCTAssertTrue(ten.bestSingle)
    XCTAssertEqual(ten.totalGain, disc(30), accuracy: 1e-6)
    XCTAssertEqual(ten.zones[0].coveredAfter, disc(30), accuracy: 1e-6)
    XCTAssertGreaterThanOrEqual(ten.upperBound, disc(30) - 1e-6)

    // Costs by source: poles at 1 and generated sites at 3 rank the same way.
    o = PlanOptions(budget: 1)
    o.costs.pole = 5
    o.costs.new = 1
    let cheapNew = try Planner.plan(
      s.input, sites: [try s.site("P", 800, 100, kind: .ptz, range: 30)], onlyGiven: false, options: o)
    XCTAssertNotEqual(cheapNew.proposals[0].source, .pole, "a pole at 5 loses to a new site at 1")
  }

  /// Two zones drawn over the same ground both gain a camera there: a 20 m disc inside the
  /// pair gains 2 × 1,255 = 2,510 m², more than a 25 m disc (1,961 m²) in a zone of its own,
  /// so it comes first, and the bound is above what the plan gains.
  func testOverlappingZonesEachGainTheFootprint() throws {
    let s = try Scene(size: 1000)
    s.zone("A", .other, target: 0.9, 0, 0, 200, 200)
    s.zone("B", .other, target: 0.9, 0, 0, 200, 200)
    s.zone("C", .other, target: 0.9, 500, 0, 200, 200)
    let sites = [
      try s.site("Y", 600, 100, kind: .ptz, range: 25), try s.site("X", 100, 100, kind: .ptz, range: 20),
    ]
    let r = try Planner.plan(s.input, sites: sites, options: PlanOptions(budget: 1))
    XCTAssertEqual(r.proposals.map(\.site), ["X"])
    XCTAssertEqual(r.totalGain, 2 * disc(20), accuracy: 1e-6)
    XCTAssertGreaterThanOrEqual(r.upperBound, r.totalGain * (1 - 1e-9))
    let two = try Planner.plan(s.input, sites: sites, options: PlanOptions(budget: 2))
    XCTAssertEqual(two.proposals.map(\.site), ["X", "Y"])
    XCTAssertGreaterThanOrEqual(two.upperBound, two.totalGain * (1 - 1e-9))
  }

  /// Budgeted maximum coverage: the better of the greedy by gain per cost and the best
  /// single camera is within (1 − 1/e)/2 of the best plan of the same cost, and the
  /// reported upper bound is above that best plan.
  func testBudgetedGreedyMeetsItsBoundOnBruteForce() throws {
    let bound = (1 - 1 / M_E) / 2
    var tightest = Double.infinity
    for seed in UInt64(1)...10 {
      var rng = SplitMix64(seed: seed)
      let s = try Scene(size: 1000)
      s.zone("Z", .other, target: 1, 100, 100, 300, 150)
      var sites: [CandidateSite] = []
      var costs: [Double] = []
      for i in 0..<8 {
        let x = Double.random(in: 100...400, using: &rng)
        let y = Double.random(in: 100...250, using: &rng)
        var site = try s.site(
          "c\(i)", x, y, kind: .ptz, range: Double.random(in: 10...50, using: &rng).rounded())
        site.cost = Double(Int.random(in: 1...6, using: &rng))
        costs.append(site.cost!)
        sites.append(site)
      }
      var o = PlanOptions(budget: PlanOptions.unlimited)
      o.budgetCost = Double(Int.random(in: 4...10, using: &rng))
      let r = try Planner.plan(s.input, sites: sites, options: o)
      let brute = try BruteForce(scene: s, sites: sites, options: o)
      var best = 0.0
      for mask in 0..<(1 << sites.count) {
        let chosen = (0..<sites.count).filter { mask & (1 << $0) != 0 }
        if chosen.reduce(0, { $0 + costs[$1] }) <= o.budgetCost! { best = max(best, try brute.value(chosen)) }
      }
      XCTAssertLessThanOrEqual(r.totalCost, o.budgetCost!, "seed \(seed)")
      let chosen = r.proposals.map { p in sites.firstIndex { $0.id == p.site }! }
      XCTAssertEqual(r.totalGain, try brute.value(chosen), accuracy: 1e-6, "seed \(seed)")
      XCTAssertGreaterThanOrEqual(r.totalGain, bound * best, "seed \(seed)")
      XCTAssertGreaterThanOrEqual(r.upperBound, best * (1 - 1e-9), "seed \(seed)")
      tightest = min(tightest, r.totalGain / best)
    }
    XCTAssertLessThan(tightest, 1, "some scene where the greedy is not optimal")
  }

  func testCandidatesPerZoneAndWhyNone() throws {
    let s = try Scene(size: 1000)
    s.zone("OPEN", .other, target: 0.9, 100, 100, 100, 100)
    s.zone("DM", .demolition, target: 0.9, 500, 500, 100, 100)
    s.zone("FAR", .other, target: 0.9, 800, 100, 100, 100)
    var o = PlanOptions(budget: 2)
    o.weights[.demolition] = 0
    let r = try Planner.plan(s.input, sites: [try s.site("p", 150, 150)], onlyGiven: true, options: o)
    XCTAssertEqual(r.zones.map(\.candidateSites), [1, 0, 0])
    XCTAssertEqual(r.zones.map(\.candidates), [12, 0, 0])
    XCTAssertEqual(r.zones.map(\.cameras), [2, 0, 0])
    XCTAssertEqual(r.zones[1].noCandidates, "its kind has weight 0 (--weight)")
    XCTAssertEqual(r.zones[2].noCandidates, "no given site within range of its gaps (--candidates)")
    XCTAssertNil(r.zones[0].noCandidates)
    // With the bundle's own sites, every zone that counts has some.
    let all = try Planner.plan(s.input, options: o)
    XCTAssertGreaterThan(all.zones[2].candidates, 0)
    XCTAssertNil(all.zones[2].noCandidates)
    XCTAssertEqual(all.zones[1].candidates, 0)
  }

  func testAtMostMaxPerSiteCamerasOnOneSite() throws {
    let s = try Scene(size: 1000)
    s.zone("Z", .other, target: 0.9, 0, 0, 400, 400)
    let site = try s.site("pole", 200, 200)
    var o = PlanOptions(budget: 6)
    let two = try Planner.plan(s.input, sites: [site], options: o)
    XCTAssertEqual(two.proposals.count, 2)
    XCTAssertEqual(two.stop, .noGain)
    // The first heading, then the first that does not overlap it.
    XCTAssertEqual(two.proposals.map { $0.heading! }, [0, 90])
    o.maxPerSite = 4
    let four = try Planner.plan(s.input, sites: [site], options: o)
    XCTAssertEqual(four.proposals.count, 4)
    XCTAssertEqual(four.totalGain, 4 * Footprint.closedFormArea(fov: 90, range: 40), accuracy: 1e-6)
  }

  func testHeading360IsNorth() throws {
    let text = """
      {"type":"FeatureCollection","features":[
      {"type":"Feature","properties":{"id":"N","heading":360,"cost":2},"geometry":{"type":"Point","coordinates":[121.02,30.69]}}
      ]}
      """
    let sites = try CandidateSites.parse(GeoJSONReader.parse(bytes: Array(text.utf8), file: "poles.geojson"))
    XCTAssertEqual(sites, [CandidateSite(id: "N", lon: 121.02, lat: 30.69, heading: 0, cost: 2)])
  }
}
