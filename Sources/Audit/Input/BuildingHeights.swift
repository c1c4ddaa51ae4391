import Formats
import Foundation
import Support

/// A building's `height` and `building:levels` (SPEC §2, 2.5-D occlusion), read as OSM
/// writes them and as a Shapefile or GeoPackage holds them (numbers or text).
///
/// A height is a number of metres ≥ 0, or text holding one: digits with at most one
/// decimal point between digits, then optionally the unit `m`, with or without a space
/// (`12`, `12.5`, `12.5 m`, `12.5m`). Levels are a number ≥ 0 or such text without a unit.
/// Anything else (`tall`, `-3`, `12 ft`, `1e3`, an empty text) is warned and the building is
/// unbounded, as if it had no height: a wrong value must not make a wall see-through. A
/// building whose `height` is wrong is unbounded even when its levels are good, since the
/// value meant to win is the one that failed.
enum BuildingHeights {
  static func read(_ f: Feature, file: String, warnings: inout [String]) -> (height: Double?, levels: Double?)
  {
    // Named only for a warning: a city's buildings are read with none.
    func warn(_ key: String, _ v: JSON, _ expected: String) {
      let name = (file as NSString).lastPathComponent
      warnings.append(
        "\(name): feature \(f.index): field \"\(key)\": \(shown(v)) is not \(expected); the building is taken as unbounded"
      )
    }
    if let v = f.property("height") {
      guard let h = metres(v) else {
        warn("height", v, "a height in metres (a number ≥ 0, optionally with the unit m)")
        return (nil, nil)
      }
      return (h, nil)
    }
    if let v = f.property("building:levels") {
      guard let n = number(v, unit: false) else {
        warn("building:levels", v, "a number of levels ≥ 0")
        return (nil, nil)
      }
      return (nil, n)
    }
    return (nil, nil)
  }

  /// `height` in metres, nil when it is not one.
  static func metres(_ v: JSON) -> Double? { number(v, unit: true) }

  static func number(_ v: JSON, unit: Bool) -> Double? {
    if let n = v.number { return n >= 0 && n.isFinite ? n : nil }
    guard var s = v.string?.trimmingCharacters(in: .whitespaces) else { return nil }
    if unit && s.hasSuffix("m") { s = String(s.dropLast()).trimmingCharacters(in: .whitespaces) }
    let parts = s.split(separator: ".", omittingEmptySubsequences: false)
    let digits = parts.allSatisfy { !$0.isEmpty && $0.allSatisfy { $0 >= "0" && $0 <= "9" } }
    guard parts.count <= 2, digits, let d = Double(s), d.isFinite else { return nil }
    return d
  }

  static func shown(_ v: JSON) -> String {
    if let n = v.number { return JSONWriter.number(n) }
    if let s = v.string { return "\"\(s)\"" }
    return v.typeName
  }
}
