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

  final class Box<R>: @unchecked Sendable {
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

  public static func map<State, R>(
    count: Int, threads: Int,
    state makeState: @Sendable () throws -> State,
    progress: (@Sendable (Int) -> Void)? = nil,
    each body: @Sendable (inout State, Int) throws -> R
  ) throws -> [R] {
    if count == 0 { return [] }
    let box = Box<R>(count)
    let workers = max(1, min(threads, count))
    DispatchQueue.concurrentPerform(iterations: workers) { _ in
      do {
        var state = try makeState()
        while let i = box.take() {
          let r = try body(&state, i)
          box.put(i, r)
          progress?(i)
        }
      } catch {
        box.fail(error)
      }
    }
    if let e = box.error { throw e }
    return box.results.map { $0! }
  }

  /// All cores of the machine.
  public static var defaultThreads: Int { ProcessInfo.processInfo.activeProcessorCount }
}
