import Audit
import Dispatch
import Foundation
import Geometry
import Support

/// One thread's GEOS state for the planner: its own copy of the open gaps and of the
/// buildings. GEOS objects never leave the context that made them, so every worker
/// keeps its copy in step with the placements.
final class PlanWorker {
  let index: GapIndex
  let sight: SightLines

  init(parts: [PlanarPolygon], zoneOf: [Int32], buildings: [Building]) throws {
    index = try GapIndex(parts: parts, zoneOf: zoneOf)
    sight = try SightLines(buildings: buildings)
  }
}

/// Workers that live through the whole plan (unlike `Parallel.map`, whose state lasts
/// one call): the greedy loop evaluates a batch after every placement, and rebuilding
/// each worker's gaps each time would cost more than the batch. A worker is used by one
/// thread at a time; results come back in job order whatever the thread count.
final class WorkerPool: @unchecked Sendable {
  let workers: [PlanWorker]

  init(threads: Int, parts: [PlanarPolygon], zoneOf: [Int32], buildings: [Building]) throws {
    workers = try (0..<max(1, threads)).map { _ in
      try PlanWorker(parts: parts, zoneOf: zoneOf, buildings: buildings)
    }
  }

  final class Jobs<R>: @unchecked Sendable {
    let lock = NSLock()
    var next = 0
    var results: [R?]
    var error: Error?
    init(_ n: Int) { results = Array(repeating: nil, count: n) }

    func take() -> Int? {
      lock.lock()
      defer { lock.unlock() }
      if error != nil || next >= results.count { return nil }
      next += 1
      return next - 1
    }

    func put(_ i: Int, _ r: R) {
      lock.lock()
      results[i] = r
      lock.unlock()
    }

    func fail(_ e: Error) {
      lock.lock()
      if error == nil { error = e }
      lock.unlock()
    }
  }

  func map<R>(count: Int, _ body: @Sendable (PlanWorker, Int) throws -> R) throws -> [R] {
    if count == 0 { return [] }
    let jobs = Jobs<R>(count)
    let n = min(workers.count, count)
    if n == 1 {
      for i in 0..<count { jobs.put(i, try body(workers[0], i)) }
    } else {
      DispatchQueue.concurrentPerform(iterations: n) { w in
        do {
          while let i = jobs.take() { jobs.put(i, try body(workers[w], i)) }
        } catch {
          jobs.fail(error)
        }
      }
    }
    if let e = jobs.error { throw e }
    return jobs.results.map { $0! }
  }

  /// A camera was placed: every worker's gaps lose its footprint.
  func subtract(_ footprint: [PlanarPolygon], box: BBox) throws {
    _ = try map(count: workers.count) { _, w in try self.workers[w].index.subtract(footprint, box: box) }
  }
}
