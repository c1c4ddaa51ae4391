/// The one table camgap prints on a terminal: columns aligned by display width, numeric
/// columns right-aligned, two spaces between columns, no trailing blanks. Every cell
/// passes through `SafeText.visible` first, so a name from a user's file shows its
/// control characters instead of obeying them and cannot add a line or shift a column.
public struct TextTable {
  /// Column titles; with `rule`, a line of dashes under them.
  public var header: [String]?
  public var rows: [[String]]
  /// Indices of the columns aligned to the right (numbers).
  public var rightAligned: Set<Int>
  public var rule: Bool

  public init(header: [String]?, rows: [[String]], rightAligned: Set<Int> = [], rule: Bool = true) {
    self.header = header
    self.rows = rows
    self.rightAligned = rightAligned
    self.rule = rule
  }

  /// A ruled table: header, dashes, rows.
  public static func render(_ header: [String], _ rows: [[String]], rightAligned: Set<Int> = []) -> String {
    TextTable(header: header, rows: rows, rightAligned: rightAligned).render()
  }

  public func render() -> String {
    let head = header.map { $0.map(SafeText.visible) }
    let body = rows.map { $0.map(SafeText.visible) }
    let all = (head.map { [$0] } ?? []) + body
    let columns = all.map(\.count).max() ?? 0
    var widths = Array(repeating: 0, count: columns)
    for r in all { for (i, c) in r.enumerated() { widths[i] = max(widths[i], DisplayWidth.of(c)) } }
    func line(_ cells: [String]) -> String {
      var out = ""
      for (i, c) in cells.enumerated() {
        let fill = String(repeating: " ", count: widths[i] - DisplayWidth.of(c))
        if i > 0 { out += "  " }
        out += rightAligned.contains(i) ? fill + c : c + fill
      }
      while out.hasSuffix(" ") { out.removeLast() }
      return out + "\n"
    }
    var out = ""
    if let head {
      out += line(head)
      if rule { out += widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n" }
    }
    for r in body { out += line(r) }
    return out
  }
}
