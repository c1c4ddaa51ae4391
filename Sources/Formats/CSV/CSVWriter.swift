/// CSV cells as camgap writes them, for every CSV it produces (audit tables, entry points,
/// registry exports, history, rejected records).
///
/// RFC 4180 quoting where a cell holds a comma, quote or line break, or starts or ends with a
/// blank (which the reader would otherwise trim), so every value reads back exactly. A text
/// cell that a spreadsheet would run as a formula (first character `= + - @`, tab or carriage
/// return: `=HYPERLINK(…)`, `+1+cmd|…`, `@SUM(…)`), unless it is a plain number, is defused as OWASP recommends: prefixed
/// with an apostrophe and quoted. camgap's CSV reader drops that apostrophe again from a
/// quoted cell (`CSVTable`), so an export imports back unchanged.
/// Example: `textCell("=1+2")` is `"'=1+2"`; `textCell("平湖, 当湖")` is `"平湖, 当湖"` quoted.
public enum CSVWriter {
  static let formulaStarts: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r"]

  /// A cell of text from a user's file or the registry.
  public static func textCell(_ s: String) -> String {
    if let f = s.unicodeScalars.first, formulaStarts.contains(f), !isPlainNumber(s) {
      return quoted("'" + s)
    }
    // Text that already starts with apostrophes before a formula character gets one more,
    // so the reader's dropping of one gives it back whole.
    if apostrophesThenFormula(s.unicodeScalars[...]) { return quoted("'" + s) }
    return cell(s)
  }

  static func apostrophesThenFormula(_ s: Substring.UnicodeScalarView) -> Bool {
    guard s.first == "'" else { return false }
    let rest = s.drop { $0 == "'" }
    guard let f = rest.first else { return false }
    return formulaStarts.contains(f)
  }

  /// `-83.25` or `+1e3`: a spreadsheet reads it as the number it is, so it stays as written
  /// (a western longitude must not turn into text); `-2+3` is not one.
  static func isPlainNumber(_ s: String) -> Bool {
    var u = Array(s.utf8)[...]
    if let f = u.first, f == 0x2D || f == 0x2B { u = u.dropFirst() }
    func digits() -> Int {
      let n = u.prefix { $0 >= 0x30 && $0 <= 0x39 }.count
      u = u.dropFirst(n)
      return n
    }
    guard digits() > 0 else { return false }
    if u.first == 0x2E {
      u = u.dropFirst()
      guard digits() > 0 else { return false }
    }
    if let e = u.first, e == 0x65 || e == 0x45 {
      u = u.dropFirst()
      if let sign = u.first, sign == 0x2D || sign == 0x2B { u = u.dropFirst() }
      guard digits() > 0 else { return false }
    }
    return u.isEmpty
  }

  /// A cell whose text camgap made itself (a number, a date, a fixed word): quoted only
  /// where RFC 4180 needs it.
  public static func cell(_ s: String) -> String {
    var needs = false
    for u in s.utf8 where u == 0x2C || u == 0x22 || u == 0x0A || u == 0x0D {
      needs = true
      break
    }
    if let f = s.unicodeScalars.first, f == " " || f == "\t" { needs = true }
    if let l = s.unicodeScalars.last, l == " " || l == "\t" { needs = true }
    return needs ? quoted(s) : s
  }

  /// One record of text cells and its line break.
  public static func row(_ cells: [String]) -> String {
    cells.map(textCell).joined(separator: ",") + "\n"
  }

  static func quoted(_ s: String) -> String {
    "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }

  /// The reader's side: a quoted cell that starts with the defusing apostrophe before a
  /// formula character is the text after it.
  static func undefused(_ s: String) -> String {
    apostrophesThenFormula(s.unicodeScalars[...]) ? String(s.dropFirst()) : s
  }
}
