import Foundation

/// Deterministic JSON text: members in the order given, numbers in one fixed format, so
/// that the same audit gives the same bytes (golden files, diffs between audits).
public enum JSONWriter {
  /// Shortest round-trip decimal, integers without a fraction; non-finite numbers (which
  /// JSON cannot carry) become null.
  public static func number(_ d: Double) -> String {
    if !d.isFinite { return "null" }
    if d == d.rounded() && abs(d) < 1e15 {
      if d == 0 { return "0" }
      return String(Int64(d))
    }
    return "\(d)"
  }

  /// A fixed number of decimals, for coordinates (8 decimals ≈ 1 mm) where shortest
  /// form would print noise from the inverse projection.
  public static func fixed(_ d: Double, decimals: Int) -> String {
    if !d.isFinite { return "null" }
    var s = String(format: "%.\(decimals)f", d)
    if s.contains(".") {
      while s.hasSuffix("0") { s.removeLast() }
      if s.hasSuffix(".") { s.removeLast() }
    }
    if s == "-0" { s = "0" }
    return s
  }

  public static func quote(_ s: String) -> String { Escaping.escape(s, quote: "\"", escape) }

  /// What JSON requires escaped in a string (the quote, the backslash, C0 controls), plus
  /// U+2028 and U+2029, which JavaScript before ES2019 reads as line ends.
  public static func escape(_ u: Unicode.Scalar) -> String? {
    switch u {
    case "\"": return "\\\""
    case "\\": return "\\\\"
    case "\n": return "\\n"
    case "\r": return "\\r"
    case "\t": return "\\t"
    case "\u{2028}": return "\\u2028"
    case "\u{2029}": return "\\u2029"
    default: return u.value < 0x20 ? Escaping.unicodeEscape(u) : nil
    }
  }

  /// Serialises a parsed value (properties passed through).
  public static func serialize(_ v: JSON) -> String {
    switch v {
    case .null: return "null"
    case .bool(let b): return b ? "true" : "false"
    case .number(let d): return number(d)
    case .integerLiteral(let t): return t
    case .string(let s): return quote(s)
    case .array(let a): return "[" + a.map(serialize).joined(separator: ",") + "]"
    case .object(let m):
      return "{" + m.map { quote($0.0) + ":" + serialize($0.1) }.joined(separator: ",") + "}"
    }
  }
}

/// A small builder for the nested output documents, pretty-printed with two spaces, with
/// arrays of scalars on one line so coordinates and code lists stay readable.
public indirect enum JSONOut {
  case raw(String)
  case str(String)
  case num(Double)
  case int(Int)
  case bool(Bool)
  case null
  case arr([JSONOut])
  case obj([(String, JSONOut)])

  public func render(indent: Int = 0, pretty: Bool = true) -> String {
    var s = ""
    write(into: &s, indent: indent, pretty: pretty)
    return s
  }

  var isScalar: Bool {
    switch self {
    case .arr, .obj: return false
    default: return true
    }
  }

  func write(into s: inout String, indent: Int, pretty: Bool) {
    switch self {
    case .raw(let r): s += r
    case .str(let v): s += JSONWriter.quote(v)
    case .num(let d): s += JSONWriter.number(d)
    case .int(let i): s += String(i)
    case .bool(let b): s += b ? "true" : "false"
    case .null: s += "null"
    case .arr(let items):
      if items.isEmpty {
        s += "[]"
        return
      }
      if !pretty || items.allSatisfy(\.isScalar) {
        s += "["
        for (k, it) in items.enumerated() {
          if k > 0 { s += pretty ? ", " : "," }
          it.write(into: &s, indent: indent, pretty: pretty)
        }
        s += "]"
        return
      }
      let pad = String(repeating: "  ", count: indent + 1)
      s += "[\n"
      for (k, it) in items.enumerated() {
        s += pad
        it.write(into: &s, indent: indent + 1, pretty: pretty)
        s += k + 1 < items.count ? ",\n" : "\n"
      }
      s += String(repeating: "  ", count: indent) + "]"
    case .obj(let members):
      if members.isEmpty {
        s += "{}"
        return
      }
      if !pretty {
        s += "{"
        for (k, m) in members.enumerated() {
          if k > 0 { s += "," }
          s += JSONWriter.quote(m.0) + ":"
          m.1.write(into: &s, indent: indent, pretty: pretty)
        }
        s += "}"
        return
      }
      let pad = String(repeating: "  ", count: indent + 1)
      s += "{\n"
      for (k, m) in members.enumerated() {
        s += pad + JSONWriter.quote(m.0) + ": "
        m.1.write(into: &s, indent: indent + 1, pretty: pretty)
        s += k + 1 < members.count ? ",\n" : "\n"
      }
      s += String(repeating: "  ", count: indent) + "}"
    }
  }
}
