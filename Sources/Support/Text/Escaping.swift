/// One loop for every escaping camgap writes (JSON strings, JSON inside an HTML script
/// element, HTML text, terminal text): the formats differ only in which scalars they
/// replace and with what, so each is a rule and none keeps a copy of the loop that could
/// drift from the others.
public enum Escaping {
  /// `s` between two `quote`s, each scalar that `rule` replaces written as its
  /// replacement and every other scalar copied unchanged.
  @inlinable
  public static func escape(_ s: String, quote: String = "", _ rule: (Unicode.Scalar) -> String?) -> String {
    var out = quote
    out.reserveCapacity(s.utf8.count + 2 * quote.utf8.count)
    for u in s.unicodeScalars {
      if let r = rule(u) { out += r } else { out.unicodeScalars.append(u) }
    }
    return out + quote
  }

  /// `\u` and four lowercase hex digits, the form JSON and JavaScript read back for a
  /// scalar below U+10000.
  public static func unicodeEscape(_ u: Unicode.Scalar) -> String {
    let hex = String(u.value, radix: 16)
    return "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
  }
}
