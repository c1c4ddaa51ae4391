import Foundation
import XCTest

@testable import Support

final class ParallelTests: XCTestCase {
  struct Boom: Error, Equatable { var at: Int }

  func testChunksCoverTheRangeInOrderForAnyThreadCount() throws {
    for threads in [1, 2, 3, 7, 64] {
      let ranges = try Parallel.chunks(count: 10, threads: threads) { $0 }
      XCTAssertEqual(ranges.first?.lowerBound, 0)
      XCTAssertEqual(ranges.last?.upperBound, 10)
      XCTAssertEqual(Array(ranges.joined()), Array(0..<10), "threads \(threads)")
      XCTAssertLessThanOrEqual(ranges.count, threads)
      XCTAssertEqual(Set(ranges.dropLast().map(\.count)).count, ranges.count > 1 ? 1 : 0, "equal sizes")
    }
    // Seven threads for ten jobs: chunks of two, so five of them, none empty.
    XCTAssertEqual(try Parallel.chunks(count: 10, threads: 7) { $0 }, [0..<2, 2..<4, 4..<6, 6..<8, 8..<10])
    XCTAssertEqual(try Parallel.chunks(count: 10, threads: 3) { $0 }, [0..<4, 4..<8, 8..<10])
    XCTAssertEqual(try Parallel.chunks(count: 0, threads: 4) { $0.count }, [])
    let sums = try Parallel.chunks(count: 1000, threads: 4) { r in r.reduce(0, +) }
    XCTAssertEqual(sums, [31125, 93625, 156125, 218625])
  }

  func testChunksRethrowTheError() {
    XCTAssertThrowsError(
      try Parallel.chunks(count: 100, threads: 4) { r -> Int in
        if r.contains(60) { throw Boom(at: 60) }
        return r.count
      }
    ) { XCTAssertEqual($0 as? Boom, Boom(at: 60)) }
  }

  func testMapKeepsJobOrderAndBuildsOneStatePerWorker() throws {
    final class Count: @unchecked Sendable {
      let lock = NSLock()
      var n = 0
      func bump() {
        lock.lock()
        n += 1
        lock.unlock()
      }
    }
    let states = Count()
    let squares = try Parallel.map(count: 50, threads: 3, state: { states.bump() }, each: { _, i in i * i })
    XCTAssertEqual(squares, (0..<50).map { $0 * $0 })
    XCTAssertLessThanOrEqual(states.n, 3)
    XCTAssertGreaterThanOrEqual(states.n, 1)
  }

  func testWorkerPoolKeepsItsWorkersAcrossMaps() throws {
    final class Tally: @unchecked Sendable {
      let lock = NSLock()
      var seen = 0
      func add(_ k: Int) {
        lock.lock()
        seen += k
        lock.unlock()
      }
    }
    var made = 0
    let pool = try WorkerPool(threads: 3) {
      made += 1
      return Tally()
    }
    XCTAssertEqual(made, 3)
    let doubled = try pool.map(count: 20) { w, i in
      w.add(i)
      return 2 * i
    }
    XCTAssertEqual(doubled, (0..<20).map { 2 * $0 })
    try pool.each { $0.add(1000) }
    XCTAssertEqual(pool.workers.map(\.seen).reduce(0, +), 190 + 3000)
    XCTAssertEqual(pool.workers.filter { $0.seen >= 1000 }.count, 3, "each worker ran once")
    XCTAssertThrowsError(
      try pool.map(count: 20) { _, i -> Int in
        if i == 7 { throw Boom(at: 7) }
        return i
      }
    ) { XCTAssertEqual($0 as? Boom, Boom(at: 7)) }
  }
}
