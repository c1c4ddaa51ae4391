import Foundation
import TestSupport
import XCTest

@testable import Audit
@testable import Cameras
@testable import Geometry
@testable import Planning

/// The planner against brute force on instances small enough to enumerate (budget 3 from
/// 12 candidates: 220 subsets), with the objective recomputed from scratch by GEOS.
final class GreedyBoundTests: XCTestCase {
  let bound = 1 - 1 / M_E

  /// Two overlapping zones (a key site worth 2 and an "other" worth 1), an existing
  /// camera, and 12 random candidates (sectors and discs) that overlap one another.
  func randomInstance(seed: UInt64) throws -> (Scene, [CandidateSite]) {
    var rng = SplitMix64(seed: seed)
    let s = try Scene(size: 1000)
    s.zone("KS", .keySite, target: 1, 100, 100, 240, 120)
    s.zone("OT", .other, target: 1, 300, 140, 200, 120)
    try s.camera("E1", 200, 160, kind: .ptz, range: 25)
    var sites: [CandidateSite] = []
    for i in 0..<12 {
      let x = Double.random(in: 100...500, using: &rng)
      let y = Double.random(in: 100...260, using: &rng)
      if Bool.random(using: &rng) {
        sites.append(
          try s.site("c\(i)", x, y, kind: .ptz, range: Double.random(in: 20...45, using: &rng).rounded()))
      } else {
        sites.append(
          try s.site(
            "c\(i)", x, y, kind: .fixed, heading: Double(Int.random(in: 0..<360, using: &rng)),
            fov: Double(Int.random(in: 60...120, using: &rng)),
            range: Double(Int.random(in: 30...70, using: &rng))))
      }
    }
    return (s, sites)
  }

  func indices(_ r: PlanResult, _ sites: [CandidateSite]) -> [Int] {
    r.proposals.map { p in sites.firstIndex { $0.id == p.site }! }
  }

  func testGreedyWithinOneMinusOneOverEOfOptimum() throws {
    for seed in UInt64(1)...12 {
      let (scene, sites) = try randomInstance(seed: seed)
      let options = PlanOptions(budget: 3)
      let r = try Planner.plan(scene.input, sites: sites, options: options)
      let brute = try BruteForce(scene: scene, sites: sites, options: options)
      let opt = try brute.optimum(3)
      XCTAssertEqual(r.proposals.count, 3, "seed \(seed)")
      // The planner's own sum of gains is the objective of the set it chose.
      let chosen = try brute.value(indices(r, sites))
      XCTAssertEqual(r.totalGain, chosen, accuracy: 1e-9 * chosen, "seed \(seed)")
      XCTAssertGreaterThanOrEqual(r.totalGain, bound * opt.value, "seed \(seed)")
      XCTAssertLessThanOrEqual(r.totalGain, opt.value * (1 + 1e-9), "seed \(seed)")
    }
  }

  /// Built so greedy is fooled: A (a wide disc between two squares) covers half of each
  /// and beats either square's own disc; then the third square D, then one of B and C.
  /// The optimum is B + C + D, and greedy must stay within (1 − 1/e) of it.
  func testGreedyBelowOptimumStaysWithinBound() throws {
    let s = try Scene(size: 1000)
    s.zones.append(
      Zone(
        id: "Z", name: "Z", kind: .other, target: 1, validFrom: nil, validTo: nil, featureIndex: 0,
        polygons: [s.rect(0, 0, 100, 100), s.rect(200, 0, 100, 100), s.rect(400, 0, 60, 100)]))
    var sites = [
      try s.site("B", 50, 50, kind: .ptz, range: 75), try s.site("C", 250, 50, kind: .ptz, range: 75),
      try s.site("A", 150, 50, kind: .ptz, range: 110), try s.site("D", 430, 50, kind: .ptz, range: 80),
    ]
    for i in 0..<8 {
      sites.append(
        try s.site("f\(i)", 10 + 40 * Double(i % 3), 10 + 40 * Double(i / 3), kind: .ptz, range: 4))
    }
    let options = PlanOptions(budget: 3)
    let r = try Planner.plan(s.input, sites: sites, options: options)
    let brute = try BruteForce(scene: s, sites: sites, options: options)
    let opt = try brute.optimum(3)
    XCTAssertEqual(r.proposals.prefix(2).map(\.site), ["A", "D"])
    XCTAssertTrue(["B", "C"].contains(r.proposals[2].site), "B and C are mirror images")
    XCTAssertEqual(Set(opt.set.map { sites[$0].id }), ["B", "C", "D"])
    XCTAssertEqual(opt.value, 10_000 + 10_000 + 6_000, accuracy: 1e-6)
    XCTAssertLessThan(r.totalGain, opt.value * 0.9)
    XCTAssertGreaterThanOrEqual(r.totalGain, bound * opt.value)
    XCTAssertEqual(r.totalGain, try brute.value(indices(r, sites)), accuracy: 1e-9 * r.totalGain)
  }

  /// 12 discs far enough apart that no two overlap, on a zone partly covered already:
  /// the gains are independent, so greedy (the 3 largest) is optimal.
  func testGreedyIsOptimalWhenGapsAreDisjoint() throws {
    let s = try Scene(size: 1000)
    s.zone("Z", .demolition, 0, 0, 500, 400)
    try s.camera("E1", 150, 150, kind: .ptz, range: 30)
    try s.camera("E2", 350, 250, kind: .fixed, heading: 45, fov: 90, range: 60)
    var sites: [CandidateSite] = []
    for i in 0..<12 {
      let x = 50 + Double(i % 4) * 100
      let y = 50 + Double(i / 4) * 100
      sites.append(try s.site("d\(i)", x, y, kind: .ptz, range: 12 + 3 * Double((i * 7) % 12)))
    }
    let options = PlanOptions(budget: 3)
    let r = try Planner.plan(s.input, sites: sites, options: options)
    let brute = try BruteForce(scene: s, sites: sites, options: options)
    let opt = try brute.optimum(3)
    XCTAssertEqual(r.totalGain, opt.value, accuracy: 1e-9 * opt.value)
    XCTAssertEqual(Set(indices(r, sites)), Set(opt.set))
  }

  /// The lazy greedy places what the plain greedy places, with the same gains.
  func testLazyGreedyMatchesPlainGreedy() throws {
    for seed in UInt64(21)...23 {
      let (scene, sites) = try randomInstance(seed: seed)
      let options = PlanOptions(budget: 5)
      let r = try Planner.plan(scene.input, sites: sites, options: options)
      let plain = try BruteForce(scene: scene, sites: sites, options: options).greedy(5)
      XCTAssertEqual(r.proposals.count, plain.count)
      for (p, q) in zip(r.proposals, plain) {
        XCTAssertEqual(p.site, sites[q.index].id, "seed \(seed) rank \(p.rank)")
        XCTAssertEqual(p.gain, q.gain, accuracy: 1e-9 * q.gain, "seed \(seed) rank \(p.rank)")
      }
    }
  }

  func testWeightsSteerTheChoice() throws {
    // Two equal gaps, one a key site: the key site's camera comes first by default, the
    // other one when the weights say so.
    let s = try Scene(size: 1000)
    s.zone("KS", .keySite, target: 1, 0, 0, 100, 100)
    s.zone("DM", .demolition, target: 1, 300, 0, 100, 100)
    let sites = [
      try s.site("a", 350, 50, kind: .ptz, range: 30), try s.site("b", 50, 50, kind: .ptz, range: 30),
    ]
    var o = PlanOptions(budget: 1)
    XCTAssertEqual(try Planner.plan(s.input, sites: sites, options: o).proposals.map(\.site), ["b"])
    o.weights = [.demolition: 3]
    let r = try Planner.plan(s.input, sites: sites, options: o)
    XCTAssertEqual(r.proposals.map(\.site), ["a"])
    let disc = 36 * 900 * sin(5 * Double.pi / 180)
    XCTAssertEqual(r.proposals[0].newArea, disc, accuracy: 1e-9 * disc)
    XCTAssertEqual(r.proposals[0].gain, 3 * disc, accuracy: 1e-9 * disc)
  }

  func testZonesAtTargetWeighNothingUnlessBeyondTarget() throws {
    let s = try Scene(size: 1000)
    s.zone("MET", .other, target: 0.5, 0, 0, 60, 60)
    try s.camera("E", 30, 30, kind: .ptz, range: 35)
    s.zone("LOW", .other, target: 0.8, 300, 0, 100, 100)
    let sites = [
      try s.site("met", 30, 30, kind: .ptz, range: 60), try s.site("low", 350, 50, kind: .ptz, range: 5),
    ]
    var o = PlanOptions(budget: 2)
    let r = try Planner.plan(s.input, sites: sites, options: o)
    XCTAssertEqual(r.zones.map(\.weight), [0, 1])
    XCTAssertEqual(r.proposals.map(\.site), ["low"], "nothing to gain at the zone already at target")
    XCTAssertEqual(r.stop, .noGain)
    o.beyondTarget = true
    let b = try Planner.plan(s.input, sites: sites, options: o)
    XCTAssertEqual(b.proposals.map(\.site), ["met", "low"])
    // The 60 m 72-gon holds the whole square; what it adds is the square less the 35 m 72-gon.
    let ctx = GEOSContext()
    let square = try Geom.polygon(s.zones[0].polygons[0], context: ctx)
    let old = try Geom.polygon(
      Footprint.view(center: s.cameras[0].position, gridHeading: 0, fov: 360, range: 35, minRange: 0)!,
      context: ctx)
    let uncovered = try square.difference(old).area()
    XCTAssertEqual(b.proposals[0].gain, uncovered, accuracy: 1e-9 * uncovered)
    XCTAssertEqual(b.zones[0].coverageAfter, 1, accuracy: 1e-12)
  }
}
