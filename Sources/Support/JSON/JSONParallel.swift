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
  /// past its closing bracket; nil when the array is empty or the scan meets the end. It
  /// runs over the whole file before any element is parsed, on one core, so it is kept
  /// lean: one table lookup per byte outside strings, and strings skipped to their closing
  /// quote with `memchr`.
  func elementRanges(from open: Int) -> (elements: [Range<Int>], end: Int)? {
    var ranges: [Range<Int>] = []
    var k = open + 1
    var start = k
    var level = 0
    let n = bytes.count
    guard let base = bytes.baseAddress else { return nil }
    let table = JSONParser.structural
    while k < n {
      let kind = table[Int(bytes[k])]
      if kind == 0 {
        k += 1
        continue
      }
      switch kind {
      case 1:
        // A string: its closing quote is the first one not escaped.
        var q = k + 1
        while true {
          guard q < n, let hit = memchr(base + q, Int32(UInt8(ascii: "\"")), n - q) else { return nil }
          let quote = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
          if let esc = memchr(base + q, Int32(UInt8(ascii: "\\")), quote - q) {
            // An escape before the quote: step over it and look again.
            q = base.distance(to: esc.assumingMemoryBound(to: UInt8.self)) + 2
            continue
          }
          k = quote
          break
        }
      case 2: level += 1
      case 3:
        if level == 0 {
          guard bytes[k] == UInt8(ascii: "]") else { return nil }
          ranges.append(start..<k)
          return ranges.count == 1 && isBlank(ranges[0]) ? nil : (ranges, k + 1)
        }
        level -= 1
      default:
        if level == 0 {
          ranges.append(start..<k)
          start = k + 1
        }
      }
      k += 1
    }
    return nil
  }

  /// What `elementRanges` stops at: 1 a quote, 2 an opening and 3 a closing bracket or
  /// brace, 4 a comma; 0 anything else.
  static let structural: [UInt8] = (0..<256).map { c in
    switch UInt8(c) {
    case UInt8(ascii: "\""): return 1
    case UInt8(ascii: "{"), UInt8(ascii: "["): return 2
    case UInt8(ascii: "}"), UInt8(ascii: "]"): return 3
    case UInt8(ascii: ","): return 4
    default: return 0
    }
  }

  func isBlank(_ r: Range<Int>) -> Bool {
    r.allSatisfy { bytes[$0] == 0x20 || bytes[$0] == 0x0A || bytes[$0] == 0x0D || bytes[$0] == 0x09 }
  }

  /// Each range must hold exactly one value; parsed in contiguous chunks, one per core.
  func parseElements(_ ranges: [Range<Int>], threads: Int) throws -> [JSON] {
    /// The document's bytes, read (never written) by every worker while the caller holds
    /// them.
    struct Shared: @unchecked Sendable { let bytes: UnsafeBufferPointer<UInt8> }
    let base = Shared(bytes: bytes)
    let elementDepth = depth + 1
    let parts: [[JSON]?] = try Parallel.chunks(count: ranges.count, threads: threads) { chunk in
      var out: [JSON] = []
      out.reserveCapacity(chunk.count)
      var p = JSONParser(bytes: base.bytes)
      for r in ranges[chunk] {
        p.i = r.lowerBound
        p.depth = elementDepth
        p.skipSpace()
        guard p.i < r.upperBound, let v = try? p.parseValue() else { return nil }
        p.skipSpace()
        guard p.i == r.upperBound else { return nil }
        out.append(v)
      }
      return out
    }
    var all: [JSON] = []
    all.reserveCapacity(ranges.count)
    for part in parts {
      guard let part else { throw fail("element") }
      all += part
    }
    return all
  }
}
