import Foundation

/// Allocation-free reading of JSON bytes, for decoders of one known record shape (a city's
/// 150,000 cameras) that would otherwise spend most of their time building JSON trees and
/// hashing member names. It is as strict as `JSONParser`, whose number and value rules it
/// reuses, but it never explains: whatever it does not accept comes back as nil or false,
/// and the caller reads the document again with the full parser, which reports the problem
/// with its line and column.
public struct JSONCursor {
  var parser: JSONParser

  /// `depth`: the nesting level at `position` as `JSONParser` counts it (1 inside the
  /// top-level object), so that skipped values meet the same depth limit.
  public init(bytes: UnsafeBufferPointer<UInt8>, position: Int, depth: Int) {
    parser = JSONParser(bytes: bytes)
    parser.i = position
    parser.depth = depth
  }

  public var position: Int { parser.i }
  public var bytes: UnsafeBufferPointer<UInt8> { parser.bytes }

  /// Skips white space and consumes `byte` when it comes next.
  @inline(__always) public mutating func consume(_ byte: UInt8) -> Bool {
    parser.skipSpace()
    guard parser.i < parser.bytes.count, parser.bytes[parser.i] == byte else { return false }
    parser.i += 1
    return true
  }

  /// Opens an object or array (the caller has seen its bracket with `consume`), counting
  /// depth as the parser does.
  public mutating func enter() -> Bool {
    parser.depth += 1
    return parser.depth <= JSONParser.maxDepth
  }

  public mutating func leave() { parser.depth -= 1 }

  /// The bytes between the quotes of a string without escapes; nil for a string with a
  /// backslash, a control character or no closing quote. The bytes are not yet checked
  /// as UTF-8: `string(_:)` does that, and ASCII comparisons need not.
  public mutating func plainString() -> Range<Int>? {
    parser.skipSpace()
    let b = parser.bytes
    guard parser.i < b.count, b[parser.i] == UInt8(ascii: "\"") else { return nil }
    var k = parser.i + 1
    let start = k
    while k < b.count {
      let c = b[k]
      if c == UInt8(ascii: "\"") {
        parser.i = k + 1
        return start..<k
      }
      if c == UInt8(ascii: "\\") || c < 0x20 { return nil }
      k += 1
    }
    return nil
  }

  /// A number exactly as `JSONParser` reads it.
  public mutating func number() -> Double? {
    parser.skipSpace()
    guard parser.i < parser.bytes.count else { return nil }
    let c = parser.bytes[parser.i]
    guard c == UInt8(ascii: "-") || (c >= 0x30 && c <= 0x39) else { return nil }
    return try? parser.parseNumber()
  }

  /// Reads and drops one value of any kind, checking it as the parser would.
  public mutating func skipValue() -> Bool {
    parser.skipSpace()
    return (try? parser.parseValue()) != nil
  }

  /// One value of any kind as `JSONParser` builds it; nil for anything it refuses.
  public mutating func value() -> JSON? {
    parser.skipSpace()
    return try? parser.parseValue()
  }

  /// Consumes `null` when it comes next.
  public mutating func null() -> Bool {
    parser.skipSpace()
    let b = parser.bytes
    let i = parser.i
    guard i + 4 <= b.count, b[i] == UInt8(ascii: "n"), b[i + 1] == UInt8(ascii: "u"),
      b[i + 2] == UInt8(ascii: "l"), b[i + 3] == UInt8(ascii: "l")
    else { return false }
    parser.i += 4
    return true
  }

  /// Whether the cursor has reached `end` with only white space left.
  public mutating func atEnd(_ end: Int) -> Bool {
    parser.skipSpace()
    return parser.i == end
  }

  /// The bytes as a Swift string, nil when they are not valid UTF-8.
  public func string(_ r: Range<Int>) -> String? {
    JSONParser.validString(UnsafeBufferPointer(rebasing: parser.bytes[r]))
  }

  /// Whether the bytes spell `word` exactly.
  @inline(__always) public func equals(_ r: Range<Int>, _ word: StaticString) -> Bool {
    r.count == word.utf8CodeUnitCount
      && (r.isEmpty || memcmp(parser.bytes.baseAddress! + r.lowerBound, word.utf8Start, r.count) == 0)
  }

  /// Whether the bytes are exactly `word`'s.
  @inline(__always) public func equals(_ r: Range<Int>, _ word: [UInt8]) -> Bool {
    r.count == word.count
      && (r.isEmpty
        || word.withUnsafeBufferPointer {
          memcmp(parser.bytes.baseAddress! + r.lowerBound, $0.baseAddress!, r.count)
        }
          == 0)
  }
}
