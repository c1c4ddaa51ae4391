import Foundation
import Support

/// Text for the HTML report. Every string that came from the user's files (names, ids,
/// codes, warnings that quote them) goes through `escape`, in element content and in
/// attribute values alike: a camera named `<script>…` must stay text.
enum HTMLText {
  /// Escapes the five characters that can end text or a quoted attribute value.
  static func escape(_ s: String) -> String {
    Escaping.escape(s) { ch in
      switch ch {
      case "&": return "&amp;"
      case "<": return "&lt;"
      case ">": return "&gt;"
      case "\"": return "&quot;"
      case "'": return "&#39;"
      // C0 controls other than tab and newline are not allowed in HTML text; they can
      // only come from a malformed file.
      case "\n", "\t": return nil
      default: return ch.value < 0x20 ? "\u{FFFD}" : nil
      }
    }
  }

  static func pct(_ r: Double, decimals: Int = 1) -> String {
    r.isFinite ? String(format: "%.\(decimals)f%%", r * 100) : "–"
  }

  static func area(_ a: Double) -> String {
    if !a.isFinite { return "–" }
    if a >= 1e6 { return String(format: "%.2f km²", a / 1e6) }
    return grouped(a.rounded()) + " m²"
  }

  static func length(_ l: Double) -> String {
    if !l.isFinite { return "–" }
    return l >= 1000 ? String(format: "%.2f km", l / 1000) : String(format: "%.0f m", l)
  }

  /// Thousands separated by a thin space, as a figure reads in a report.
  static func grouped(_ d: Double) -> String {
    let n = Int64(d)
    let digits = String(abs(n))
    var out = ""
    for (i, c) in digits.enumerated() {
      if i > 0 && (digits.count - i) % 3 == 0 { out += "\u{202F}" }
      out.append(c)
    }
    return (n < 0 ? "-" : "") + out
  }

  static func int(_ n: Int) -> String { grouped(Double(n)) }

  /// A sort key for a table cell, in a fixed format so the same audit gives the same bytes.
  static func key(_ d: Double) -> String { d.isFinite ? String(format: "%.6f", d) : "0" }
}
