import Foundation

/// A parsed JSON value. Objects keep their members in file order (as pairs), because
/// camgap passes feature properties through to its outputs unchanged and deterministic
/// output needs a stable order.
public enum JSON: Equatable, Sendable {
  case null
  case bool(Bool)
  case number(Double)
  /// An integer written with more digits than a Double holds exactly (a GB/T 28181 20-digit
  /// device code written as a number), kept as the digits written (SPEC §1: "never through a
  /// double"). `number` still reads it as the nearest Double.
  case integerLiteral(String)
  case string(String)
  case array([JSON])
  case object([(String, JSON)])

  public static func == (a: JSON, b: JSON) -> Bool {
    switch (a, b) {
    case (.null, .null): return true
    case (.bool(let x), .bool(let y)): return x == y
    case (.number(let x), .number(let y)): return x == y
    case (.integerLiteral(let x), .integerLiteral(let y)): return x == y
    case (.string(let x), .string(let y)): return x == y
    case (.array(let x), .array(let y)): return x == y
    case (.object(let x), .object(let y)):
      return x.count == y.count && zip(x, y).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
    default: return false
    }
  }

  /// First member with that key (JSON objects with repeated keys keep the first, as most
  /// GIS readers do).
  public subscript(key: String) -> JSON? {
    if case .object(let members) = self {
      for (k, v) in members where k == key { return v }
    }
    return nil
  }

  public var members: [(String, JSON)]? {
    if case .object(let m) = self { return m }
    return nil
  }

  public var array: [JSON]? {
    if case .array(let a) = self { return a }
    return nil
  }

  public var string: String? {
    if case .string(let s) = self { return s }
    return nil
  }

  public var number: Double? {
    if case .number(let n) = self { return n }
    if case .integerLiteral(let t) = self { return Double(t) }
    return nil
  }

  /// The digits of an integer as written: the literal of a long one, the exact integer
  /// form of a Double that is one (`330482` for 330482.0); nil for anything else.
  public var integerDigits: String? {
    switch self {
    case .integerLiteral(let t): return t
    case .number(let d) where d == d.rounded() && abs(d) < 1e15: return String(Int64(d))
    default: return nil
    }
  }

  public var isNull: Bool {
    if case .null = self { return true }
    return false
  }

  /// A short name of the value's type for error messages.
  public var typeName: String {
    switch self {
    case .null: return "null"
    case .bool: return "boolean"
    case .number, .integerLiteral: return "number"
    case .string: return "string"
    case .array: return "array"
    case .object: return "object"
    }
  }
}

/// Where and why JSON text failed to parse.
public struct JSONParseError: Error, Equatable, CustomStringConvertible {
  public var line: Int
  public var column: Int
  public var message: String
  public var description: String { "line \(line), column \(column): \(message)" }
}

/// A strict RFC 8259 parser over bytes. It is iterative-free but depth-limited: nesting
/// deeper than `maxDepth` is an error, never a stack overflow. A UTF-8 byte-order mark is
/// skipped; NaN, Infinity and numbers that overflow a Double are errors; strings must be
/// valid UTF-8. Several times faster than JSONSerialization on large files, which matters
/// when a city's 150,000 cameras are read on every audit.
public struct JSONParser {
  public static let maxDepth = 256

  let bytes: UnsafeBufferPointer<UInt8>
  var i = 0
  var depth = 0
  var scratch: [UInt8] = []
  /// Above 1, large arrays in the top-level object are parsed on that many cores
  /// (`parseParallel`).
  var splitThreads = 1
  /// When set, the `features` array of the top-level object is not parsed: its elements'
  /// byte ranges are kept here and the member reads as an empty array
  /// (`GeoJSONReader.featureSpans`).
  var collectFeatures = false
  var featureRanges: [Range<Int>]?

  public static func parse(_ data: [UInt8]) throws -> JSON {
    try data.withUnsafeBufferPointer { buf in
      var p = JSONParser(bytes: buf)
      return try p.parseDocument()
    }
  }

  public static func parse(_ text: String) throws -> JSON {
    try parse(Array(text.utf8))
  }

  init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

  /// Parses a document whose top-level `features` array is left unparsed: the array reads
  /// as empty and its elements' byte ranges come back beside the tree (nil when there is no
  /// such plain array). For readers that decode features of one known shape straight from
  /// the bytes.
  public static func parseSkippingFeatures(bytes: UnsafeBufferPointer<UInt8>) throws -> (
    JSON, [Range<Int>]?
  ) {
    var p = JSONParser(bytes: bytes)
    p.collectFeatures = true
    let root = try p.parseDocument()
    return (root, p.featureRanges)
  }

  func fail(_ message: String, at pos: Int? = nil) -> JSONParseError {
    let p = min(pos ?? i, bytes.count)
    var line = 1
    var col = 1
    var k = 0
    while k < p {
      if bytes[k] == 0x0A {
        line += 1
        col = 1
      } else if bytes[k] & 0xC0 != 0x80 {
        col += 1
      }
      k += 1
    }
    return JSONParseError(line: line, column: col, message: message)
  }

  mutating func parseDocument() throws -> JSON {
    if bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF { i = 3 }
    skipSpace()
    if i >= bytes.count { throw fail("empty input: expected a JSON value") }
    let v = try parseValue()
    skipSpace()
    if i < bytes.count { throw fail("unexpected text after the JSON value") }
    return v
  }

  @inline(__always) mutating func skipSpace() {
    while i < bytes.count {
      let c = bytes[i]
      if c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 { i += 1 } else { return }
    }
  }

  mutating func parseValue() throws -> JSON {
    guard i < bytes.count else { throw fail("unexpected end of input") }
    switch bytes[i] {
    case UInt8(ascii: "{"): return try parseObject()
    case UInt8(ascii: "["): return try parseArray()
    case UInt8(ascii: "\""): return .string(try parseString())
    case UInt8(ascii: "t"):
      try literal("true")
      return .bool(true)
    case UInt8(ascii: "f"):
      try literal("false")
      return .bool(false)
    case UInt8(ascii: "n"):
      try literal("null")
      return .null
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumberValue()
    case UInt8(ascii: "N"), UInt8(ascii: "I"):
      throw fail("NaN and Infinity are not JSON numbers")
    default:
      throw fail("unexpected character '\(String(decoding: [bytes[i]], as: UTF8.self))'")
    }
  }

  mutating func literal(_ word: StaticString) throws {
    let n = word.utf8CodeUnitCount
    guard i + n <= bytes.count else { throw fail("unexpected end of input") }
    let w = word.utf8Start
    for k in 0..<n where bytes[i + k] != w[k] { throw fail("invalid literal") }
    i += n
  }

  mutating func enter() throws {
    depth += 1
    if depth > JSONParser.maxDepth { throw fail("nesting deeper than \(JSONParser.maxDepth) levels") }
  }

  mutating func parseObject() throws -> JSON {
    try enter()
    i += 1
    var members: [(String, JSON)] = []
    skipSpace()
    if leave(UInt8(ascii: "}")) { return .object(members) }
    repeat {
      skipSpace()
      guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else {
        throw fail("expected a member name in quotes")
      }
      let key = try parseString()
      skipSpace()
      guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else {
        throw fail("expected ':' after member name")
      }
      i += 1
      skipSpace()
      let v = try splitArray(key: key) ?? parseValue()
      members.append((key, v))
    } while try another(UInt8(ascii: "}"), in: "object")
    return .object(members)
  }

  mutating func parseArray() throws -> JSON {
    try enter()
    i += 1
    var items: [JSON] = []
    skipSpace()
    if leave(UInt8(ascii: "]")) { return .array(items) }
    repeat {
      skipSpace()
      items.append(try parseValue())
    } while try another(UInt8(ascii: "]"), in: "array")
    return .array(items)
  }

  /// Steps over `close` when it is next, leaving the object or array `enter` counted.
  mutating func leave(_ close: UInt8) -> Bool {
    guard i < bytes.count && bytes[i] == close else { return false }
    i += 1
    depth -= 1
    return true
  }

  /// After a member or item: true past a comma (another follows), false past `close`. The
  /// object and array loops share it so that both report an unfinished list in one wording.
  mutating func another(_ close: UInt8, in container: StaticString) throws -> Bool {
    skipSpace()
    guard i < bytes.count else { throw fail("unterminated \(container)") }
    if bytes[i] == UInt8(ascii: ",") {
      i += 1
      return true
    }
    if leave(close) { return false }
    throw fail("expected ',' or '\(Character(Unicode.Scalar(close)))' in \(container)")
  }

  /// A number, or the digits of an integer too long for a Double to hold exactly.
  mutating func parseNumberValue() throws -> JSON {
    let start = i
    let v = try parseNumber()
    let n = i - start
    if n > 15 {
      var integer = true
      for k in start..<i where bytes[k] < 0x30 || bytes[k] > 0x39 {
        if !(k == start && bytes[k] == UInt8(ascii: "-")) { integer = false }
      }
      if integer && (n - (bytes[start] == UInt8(ascii: "-") ? 1 : 0)) > 15 {
        return .integerLiteral(
          String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self))
      }
    }
    return .number(v)
  }

  mutating func parseNumber() throws -> Double {
    let start = i
    if bytes[i] == UInt8(ascii: "-") { i += 1 }
    func digits(_ p: inout JSONParser) -> Int {
      var n = 0
      while p.i < p.bytes.count, p.bytes[p.i] >= 0x30, p.bytes[p.i] <= 0x39 {
        p.i += 1
        n += 1
      }
      return n
    }
    let intStart = i
    let nInt = digits(&self)
    if nInt == 0 { throw fail("invalid number", at: start) }
    if nInt > 1 && bytes[intStart] == UInt8(ascii: "0") {
      throw fail("leading zeros are not allowed", at: start)
    }
    var simple = true
    if i < bytes.count && bytes[i] == UInt8(ascii: ".") {
      i += 1
      simple = false
      if digits(&self) == 0 { throw fail("invalid number: no digits after '.'", at: start) }
    }
    if i < bytes.count && (bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E")) {
      i += 1
      simple = false
      if i < bytes.count && (bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-")) { i += 1 }
      if digits(&self) == 0 { throw fail("invalid number: no digits in exponent", at: start) }
    }
    if simple && nInt <= 15 {
      var v = 0.0
      for k in intStart..<i { v = v * 10 + Double(bytes[k] - 0x30) }
      return bytes[start] == UInt8(ascii: "-") ? -v : v
    }
    if let v = shortDecimal(start, intStart) { return v }
    scratch.removeAll(keepingCapacity: true)
    scratch.append(contentsOf: bytes[start..<i])
    scratch.append(0)
    let v = scratch.withUnsafeBufferPointer { b in
      b.baseAddress!.withMemoryRebound(to: CChar.self, capacity: b.count) { strtod($0, nil) }
    }
    if !v.isFinite { throw fail("number out of range", at: start) }
    return v
  }

  /// The bytes as a string, nil when they are not valid UTF-8 (RFC 3629: no overlong
  /// forms, no surrogates, nothing past U+10FFFF). Checked here, byte by byte, because
  /// `String(validating:)` cost more than the rest of a camera record.
  static func validString(_ b: UnsafeBufferPointer<UInt8>) -> String? {
    let n = b.count
    var k = 0
    while k < n {
      let c = b[k]
      if c < 0x80 {
        k += 1
        continue
      }
      @inline(__always) func cont(_ j: Int, _ lo: UInt8 = 0x80, _ hi: UInt8 = 0xBF) -> Bool {
        j < n && b[j] >= lo && b[j] <= hi
      }
      switch c {
      case 0xC2...0xDF:
        guard cont(k + 1) else { return nil }
        k += 2
      case 0xE0...0xEF:
        let lo: UInt8 = c == 0xE0 ? 0xA0 : 0x80
        let hi: UInt8 = c == 0xED ? 0x9F : 0xBF
        guard cont(k + 1, lo, hi), cont(k + 2) else { return nil }
        k += 3
      case 0xF0...0xF4:
        let lo: UInt8 = c == 0xF0 ? 0x90 : 0x80
        let hi: UInt8 = c == 0xF4 ? 0x8F : 0xBF
        guard cont(k + 1, lo, hi), cont(k + 2), cont(k + 3) else { return nil }
        k += 4
      default:
        return nil
      }
    }
    return String(decoding: b, as: UTF8.self)
  }

  /// A plain decimal (`120.6074512`) of at most 15 digits, without strtod: the digits
  /// as an integer and a power of ten up to 10²² are both exact doubles, so one correctly
  /// rounded division gives the correctly rounded value, the same double strtod gives.
  /// Coordinates are this shape, and strtod cost more than the rest of a camera record.
  func shortDecimal(_ start: Int, _ intStart: Int) -> Double? {
    var mantissa: UInt64 = 0
    var digits = 0
    var fraction = -1
    for k in intStart..<i {
      let c = bytes[k]
      if c == UInt8(ascii: ".") {
        fraction = 0
        continue
      }
      // More than 15 digits may not fit a double exactly (nor, far enough, a UInt64).
      guard c >= 0x30 && c <= 0x39, digits < 15 else { return nil }
      mantissa = mantissa * 10 + UInt64(c - 0x30)
      digits += 1
      if fraction >= 0 { fraction += 1 }
    }
    guard fraction >= 0, fraction < JSONParser.powersOfTen.count else { return nil }
    let v = Double(mantissa) / JSONParser.powersOfTen[fraction]
    return bytes[start] == UInt8(ascii: "-") ? -v : v
  }

  static let powersOfTen: [Double] = (0...22).map { p in (0..<p).reduce(1.0) { a, _ in a * 10 } }

  mutating func parseString() throws -> String {
    let quote = i
    i += 1
    let start = i
    var plain = true
    while i < bytes.count {
      let c = bytes[i]
      if c == UInt8(ascii: "\"") { break }
      if c == UInt8(ascii: "\\") {
        plain = false
        i += 2
        continue
      }
      if c < 0x20 { throw fail("control character in string") }
      i += 1
    }
    guard i < bytes.count else { throw fail("unterminated string", at: quote) }
    let end = i
    i += 1
    if plain {
      let slice = UnsafeBufferPointer(rebasing: bytes[start..<end])
      guard let s = JSONParser.validString(slice) else {
        throw fail("invalid UTF-8 in string", at: start)
      }
      return s
    }
    var out: [UInt8] = []
    out.reserveCapacity(end - start)
    var k = start
    while k < end {
      let c = bytes[k]
      if c != UInt8(ascii: "\\") {
        out.append(c)
        k += 1
        continue
      }
      k += 1
      guard k < end else { throw fail("bad escape", at: k) }
      switch bytes[k] {
      case UInt8(ascii: "\""): out.append(0x22)
      case UInt8(ascii: "\\"): out.append(0x5C)
      case UInt8(ascii: "/"): out.append(0x2F)
      case UInt8(ascii: "b"): out.append(0x08)
      case UInt8(ascii: "f"): out.append(0x0C)
      case UInt8(ascii: "n"): out.append(0x0A)
      case UInt8(ascii: "r"): out.append(0x0D)
      case UInt8(ascii: "t"): out.append(0x09)
      case UInt8(ascii: "u"):
        var cp = try hex4(k + 1, end)
        k += 4
        if cp >= 0xD800 && cp < 0xDC00 {
          guard k + 6 < end + 1, bytes[k + 1] == UInt8(ascii: "\\"), bytes[k + 2] == UInt8(ascii: "u") else {
            throw fail("unpaired surrogate in \\u escape", at: k)
          }
          let lo = try hex4(k + 3, end)
          guard lo >= 0xDC00 && lo < 0xE000 else { throw fail("unpaired surrogate in \\u escape", at: k) }
          cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00)
          k += 6
        } else if cp >= 0xDC00 && cp < 0xE000 {
          throw fail("unpaired surrogate in \\u escape", at: k)
        }
        guard let scalar = Unicode.Scalar(cp) else { throw fail("invalid \\u escape", at: k) }
        out.append(contentsOf: Array(String(Character(scalar)).utf8))
      default:
        throw fail("bad escape", at: k)
      }
      k += 1
    }
    guard let s = out.withUnsafeBufferPointer({ JSONParser.validString($0) }) else {
      throw fail("invalid UTF-8 in string", at: start)
    }
    return s
  }

  func hex4(_ at: Int, _ end: Int) throws -> UInt32 {
    guard at + 4 <= end else { throw fail("short \\u escape", at: at) }
    var v: UInt32 = 0
    for k in at..<at + 4 {
      let c = bytes[k]
      let d: UInt32
      switch c {
      case 0x30...0x39: d = UInt32(c - 0x30)
      case 0x41...0x46: d = UInt32(c - 0x41 + 10)
      case 0x61...0x66: d = UInt32(c - 0x61 + 10)
      default: throw fail("bad hex digit in \\u escape", at: k)
      }
      v = v * 16 + d
    }
    return v
  }
}
