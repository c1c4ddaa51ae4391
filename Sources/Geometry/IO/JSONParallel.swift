import Dispatch
import Foundation

extension JSONParser {
  /// Parses a document on all cores when it is an object holding one large array (a
  /// FeatureCollection's `features`): a byte scan finds where each element of the array
  /// begins and ends, and the elements are parsed in parallel by the same strict parser,
  /// each at the nesting depth it has in the document. Anything the scan does not expect,
  /// and any error, sends the whole document through the sequential parser, so a broken
  /// file is reported exactly as before (same message, line and column).
  public static func parseParallel(_ data: [UInt8], threads: Int, minimumSize: Int = 1 << 20) throws -> JSON {
    if threads < 2 || data.count < minimumSize { return try parse(data) }
    let fast: JSON? = data.withUnsafeBufferPointer { buf in
      var p = JSONParser(bytes: buf)
      p.splitThreads = threads
      return try? p.parseDocument()
    }
    return try fast ?? parse(data)
  }

  /// A member of the top-level object that is a large array, parsed on `splitThreads`
  /// cores; nil (parse it as usual) when the value is not such an array.
  mutating func splitArray(key: String) throws -> JSON? {
    if collectFeatures, depth == 1, featureRanges == nil, key == "features", i < bytes.count,
      bytes[i] == UInt8(ascii: "["), let ranges = elementRanges(from: i)
    {
      featureRanges = ranges.elements
      i = ranges.end
      return .array([])
    }
    guard splitThreads > 1, depth == 1, i < bytes.count, bytes[i] == UInt8(ascii: "["),
      let ranges = elementRanges(from: i), ranges.elements.count >= 64
    else { return nil }
    let items = try parseElements(ranges.elements, threads: splitThreads)
    i = ranges.end
    return .array(items)
  }

  /// Byte ranges of the elements of the array that opens at `open`, and the position just
  /// past its closing bracket; nil when the array is empty or the scan meets the end.
  func elementRanges(from open: Int) -> (elements: [Range<Int>], end: Int)? {
    var ranges: [Range<Int>] = []
    var k = open + 1
    var start = k
    var level = 0
    var inString = false
    let n = bytes.count
    while k < n {
      let c = bytes[k]
      if inString {
        if c == UInt8(ascii: "\\") {
          k += 2
          continue
        }
        if c == UInt8(ascii: "\"") { inString = false }
      } else {
        switch c {
        case UInt8(ascii: "\""): inString = true
        case UInt8(ascii: "{"), UInt8(ascii: "["): level += 1
        case UInt8(ascii: "}"), UInt8(ascii: "]"):
          if level == 0 {
            guard c == UInt8(ascii: "]") else { return nil }
            ranges.append(start..<k)
            return ranges.count == 1 && isBlank(ranges[0]) ? nil : (ranges, k + 1)
          }
          level -= 1
        case UInt8(ascii: ","):
          if level == 0 {
            ranges.append(start..<k)
            start = k + 1
          }
        default: break
        }
      }
      k += 1
    }
    return nil
  }

  func isBlank(_ r: Range<Int>) -> Bool {
    r.allSatisfy { bytes[$0] == 0x20 || bytes[$0] == 0x0A || bytes[$0] == 0x0D || bytes[$0] == 0x09 }
  }

  /// Each range must hold exactly one value; parsed in contiguous chunks, one per core.
  func parseElements(_ ranges: [Range<Int>], threads: Int) throws -> [JSON] {
    final class Parts: @unchecked Sendable {
      var parts: [[JSON]?]
      var failed = false
      let lock = NSLock()
      init(_ n: Int) { parts = Array(repeating: nil, count: n) }
    }
    let chunks = min(threads, ranges.count)
    let parts = Parts(chunks)
    let size = (ranges.count + chunks - 1) / chunks
    /// The document's bytes, read (never written) by every worker while the caller holds
    /// them.
    struct Shared: @unchecked Sendable { let bytes: UnsafeBufferPointer<UInt8> }
    let base = Shared(bytes: bytes)
    let elementDepth = depth + 1
    DispatchQueue.concurrentPerform(iterations: chunks) { c in
      var out: [JSON] = []
      let lo = c * size
      let hi = min(ranges.count, lo + size)
      out.reserveCapacity(max(0, hi - lo))
      var p = JSONParser(bytes: base.bytes)
      var ok = true
      for r in ranges[lo..<hi] {
        p.i = r.lowerBound
        p.depth = elementDepth
        p.skipSpace()
        guard p.i < r.upperBound, let v = try? p.parseValue() else {
          ok = false
          break
        }
        p.skipSpace()
        guard p.i == r.upperBound else {
          ok = false
          break
        }
        out.append(v)
      }
      parts.lock.lock()
      if ok { parts.parts[c] = out } else { parts.failed = true }
      parts.lock.unlock()
    }
    if parts.failed { throw fail("element") }
    var all: [JSON] = []
    all.reserveCapacity(ranges.count)
    for p in parts.parts { all += p! }
    return all
  }
}
