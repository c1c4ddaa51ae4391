import Foundation

/// One camera view parsed from an OSM `camera:direction`/`direction` value.
public struct ViewDirection: Equatable, Sendable {
  /// Degrees in [0, 360), clockwise from true north: centre of the view.
  public var heading: Double
  /// Degrees (>= 0) that a panning range adds to the camera's field of view; 0 for a plain heading.
  /// A range written as a full turn ("0-360") gives 360, so the camera sees all round.
  public var extraSweep: Double

  public init(heading: Double, extraSweep: Double = 0) {
    self.heading = heading
    self.extraSweep = extraSweep
  }
}

public enum OSMDirectionError: Error, Equatable, CustomStringConvertible {
  /// The message names the offending token so a bad-input report can point at it.
  case invalid(String)

  public var description: String {
    switch self {
    case .invalid(let message): return message
    }
  }
}

/// Reads direction tags the way mappers actually write them (see SPEC §1), so that camgap can
/// take an Overpass or osmium export as is.
public enum OSMDirection {
  /// Parses the value; returns one ViewDirection per camera on the node.
  ///
  /// Empty items between semicolons ("90;;180", "90;") are ignored because editors leave them
  /// behind; a value with no item at all is an error.
  public static func parse(_ text: String) throws -> [ViewDirection] {
    let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
    if trimmed.isEmpty {
      throw OSMDirectionError.invalid("direction is empty")
    }
    var views: [ViewDirection] = []
    for rawItem in trimmed.split(separator: ";", omittingEmptySubsequences: false) {
      let item = rawItem.trimmingCharacters(in: .whitespaces)
      if item.isEmpty { continue }
      guard let view = parseItem(item) else {
        let context = item == trimmed ? "" : " in \"\(trimmed)\""
        throw OSMDirectionError.invalid(
          "direction \"\(item)\"\(context) is not a bearing in degrees, a compass point or a range such as 243-288"
        )
      }
      views.append(view)
    }
    if views.isEmpty {
      throw OSMDirectionError.invalid("direction \"\(trimmed)\" holds no bearing")
    }
    return views
  }

  /// One item: a single bearing, or two bearings joined by '-'. A leading '-' is a sign, so
  /// every '-' after the first character is tried as the separator; "10--20" splits as 10 and -20.
  static func parseItem(_ item: String) -> ViewDirection? {
    if let value = parseBearing(Substring(item)) {
      return ViewDirection(heading: normalise(value), extraSweep: 0)
    }
    var index = item.index(after: item.startIndex)
    while index < item.endIndex {
      if item[index] == "-" {
        let left = item[item.startIndex..<index]
        let right = item[item.index(after: index)...]
        if let from = parseBearing(trim(left)), let to = parseBearing(trim(right)) {
          return range(from: from, to: to)
        }
      }
      index = item.index(after: index)
    }
    return nil
  }

  /// The arc runs clockwise from `from` to `to`, as OSM mappers draw panning ranges.
  static func range(from: Double, to: Double) -> ViewDirection {
    let start = normalise(from)
    let width = normalise(to - from)
    if width == 0 && from != to {
      // Both ends land on the same bearing only because the text goes all the way round.
      return ViewDirection(heading: start, extraSweep: 360)
    }
    return ViewDirection(heading: normalise(start + width / 2), extraSweep: width)
  }

  static func normalise(_ degrees: Double) -> Double {
    var value = degrees.truncatingRemainder(dividingBy: 360)
    if value < 0 { value += 360 }
    // Tiny negatives round up to exactly 360 after the addition; that is north.
    if value >= 360 { value = 0 }
    return value
  }

  static let compassPoints: [String: Double] = {
    let names = [
      "n", "nne", "ne", "ene", "e", "ese", "se", "sse",
      "s", "ssw", "sw", "wsw", "w", "wnw", "nw", "nnw",
    ]
    var table: [String: Double] = [:]
    for (step, name) in names.enumerated() {
      table[name] = Double(step) * 22.5
    }
    table["north"] = 0
    table["east"] = 90
    table["south"] = 180
    table["west"] = 270
    return table
  }()

  /// Accepts only plain decimal notation: exponents, "nan", "inf" and hex are not bearings a
  /// mapper writes, and letting Double(_:) accept them would turn typos into headings.
  static func parseBearing(_ token: Substring) -> Double? {
    if token.isEmpty { return nil }
    if let point = compassPoints[token.lowercased()] { return point }
    var digits = 0
    var dots = 0
    for (offset, char) in token.utf8.enumerated() {
      switch char {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): digits += 1
      case UInt8(ascii: "."): dots += 1
      case UInt8(ascii: "+"), UInt8(ascii: "-"):
        if offset != 0 { return nil }
      default: return nil
      }
    }
    guard digits > 0, dots <= 1, let value = Double(token), value.isFinite else { return nil }
    return value
  }

  static func trim(_ text: Substring) -> Substring {
    var start = text.startIndex
    var end = text.endIndex
    while start < end, text[start] == " " || text[start] == "\t" { start = text.index(after: start) }
    while end > start {
      let before = text.index(before: end)
      guard text[before] == " " || text[before] == "\t" else { break }
      end = before
    }
    return text[start..<end]
  }
}
