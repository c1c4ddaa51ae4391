/// A table written back as CSV with every row on the physical line it was read from (blank
/// lines fill the gaps; the CSV reader skips them but counts them), so messages about the
/// mapped copy of a planner's file name the lines of the original.
public enum CSVText {
  public static func table(_ t: CSVTable) -> String {
    var out = ""
    var line = 1
    func put(_ cells: [String], at target: Int) {
      while line < target {
        out += "\n"
        line += 1
      }
      out += cells.map(cell).joined(separator: ",") + "\n"
      line += 1 + cells.reduce(0) { $0 + $1.unicodeScalars.filter { $0 == "\n" }.count }
    }
    put(t.header, at: 1)
    for (r, row) in t.rows.enumerated() { put(row, at: t.lineNumbers[r]) }
    return out
  }

  /// A cell quoted when it must be, content unchanged (no formula defusing: this text is
  /// read back by camgap, not opened in a spreadsheet).
  static func cell(_ s: String) -> String {
    let special = s.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }
    let padded = s.first == " " || s.first == "\t" || s.last == " " || s.last == "\t"
    guard special || padded else { return s }
    return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }
}
