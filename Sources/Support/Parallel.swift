import Dispatch
import Foundation

/// Runs `count` jobs on `threads` workers. Each worker builds its own state once (its GEOS
/// context and the per-thread copies of shared geometry), then pulls job indices from a
/// shared counter, so a slow tile never holds up the others. Results come back in job
/// order, which keeps sums and outputs identical for any thread count.
public enum Parallel {
  /// Frees `value` on another core. A city's footprints, tiles and cameras are millions
  /// of small allocations, and freeing them on the calling thread cost as long as writing
  /// the report, which can go on meanwhile. Pass the last reference (`consume x`), or the
  /// caller frees it after all. A process that exits first leaves the freeing to the OS.
  public static func releaseInBackground<T>(_ value: consuming T) {
    let holder = Released(value)
    DispatchQueue.global(qos: .utility).async { holder.value = nil }
  }

  final class Released<T>: @unchecked Sendable {
    var value: T?
    init(_ v: T) { value = v }
  }

  /// The job counter and result slots every worker shares; the first error stops the
  /// others taking new jobs.
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

  /// The loop `map`, `chunks` and `WorkerPool` share, so that job order, the first error
  /// winning and the one-thread path are the same for all three: `workers` threads (the
  /// calling thread alone when one) each run `work` with its worker number and the shared
  /// jobs; the first error thrown is rethrown once all have stopped.
  static func run<R>(
    count: Int, workers: Int, _ work: @Sendable (_ worker: Int, _ jobs: Jobs<R>) throws -> Void
  ) throws -> [R] {
    let jobs = Jobs<R>(count)
    if workers <= 1 {
      try work(0, jobs)
    } else {
      DispatchQueue.concurrentPerform(iterations: workers) { w in
        do { try work(w, jobs) } catch { jobs.fail(error) }
      }
    }
    if let e = jobs.error { throw e }
    return jobs.results.map { $0! }
  }

  public static func map<State, R>(
    count: Int, threads: Int,
    state makeState: @Sendable () throws -> State,
    progress: (@Sendable (Int) -> Void)? = nil,
    each body: @Sendable (inout State, Int) throws -> R
  ) throws -> [R] {
    if count == 0 { return [] }
    return try run(count: count, workers: max(1, min(threads, count))) { _, jobs in
      var state = try makeState()
      while let i = jobs.take() {
        let r = try body(&state, i)
        jobs.put(i, r)
        progress?(i)
      }
    }
  }

  /// Splits `0..<count` into at most `threads` contiguous ranges of equal size (the last
  /// one shorter) and runs `body` on each in parallel; results come back in range order.
  /// For work too fine to share through a job counter, like the elements of a JSON array.
  public static func chunks<R>(
    count: Int, threads: Int, _ body: @Sendable (Range<Int>) throws -> R
  ) throws -> [R] {
    if count == 0 { return [] }
    let n = max(1, min(threads, count))
    let size = (count + n - 1) / n
    let ranges = stride(from: 0, to: count, by: size).map { $0..<min(count, $0 + size) }
    return try run(count: ranges.count, workers: ranges.count) { _, jobs in
      while let i = jobs.take() { jobs.put(i, try body(ranges[i])) }
    }
  }

  /// All cores of the machine.
  public static var defaultThreads: Int { ProcessInfo.processInfo.activeProcessorCount }
}

/// Workers that live through many parallel maps (unlike `Parallel.map`, whose state lasts
/// one call): the planner's greedy loop evaluates a batch after every placement, and
/// rebuilding each worker's copy of the gaps each time would cost more than the batch.
/// A worker is used by one thread at a time; results come back in job order whatever the
/// number of workers.
public final class WorkerPool<Worker>: @unchecked Sendable {
  public let workers: [Worker]

  public init(_ workers: [Worker]) {
    precondition(!workers.isEmpty, "a pool needs a worker")
    self.workers = workers
  }

  /// `threads` workers (at least one), each made by `make`.
  public convenience init(threads: Int, make: () throws -> Worker) throws {
    self.init(try (0..<max(1, threads)).map { _ in try make() })
  }

  public func map<R>(count: Int, _ body: @Sendable (Worker, Int) throws -> R) throws -> [R] {
    if count == 0 { return [] }
    return try Parallel.run(count: count, workers: min(workers.count, count)) { w, jobs in
      while let i = jobs.take() { jobs.put(i, try body(self.workers[w], i)) }
    }
  }

  /// Runs `body` once on every worker, in parallel: to bring each worker's state up to date.
  public func each(_ body: @Sendable (Worker) throws -> Void) throws {
    _ = try map(count: workers.count) { _, w in try body(self.workers[w]) }
  }
}
