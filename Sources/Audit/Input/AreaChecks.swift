import Foundation
import Geometry
import Support

/// Every problem of the area files in one run (SPEC §5), as cameras have it: a planner
/// fixing an export by hand wants the whole list, not one line per attempt. Shown grouped
/// by file and field, at most `perField` each, then how many more there are.
struct AreaProblems {
  static let perField = 25
  var errors: [InputError] = []

  var isEmpty: Bool { errors.isEmpty }

  /// The value `body` gives, or nil with its error kept for the report (the checks throw
  /// only input errors, which carry their file and feature).
  mutating func check<T>(_ body: () throws -> T) -> T? {
    do {
      return try body()
    } catch let e as InputError {
      errors.append(e)
    } catch {
      errors.append(InputError(file: "input", message: String(describing: error)))
    }
    return nil
  }

  mutating func append(_ e: InputError) { errors.append(e) }

  /// Grouped by file, then by field in the order each first appears, features in file order.
  func shown(perField: Int = AreaProblems.perField) -> [InputError] {
    var groups: [String: [InputError]] = [:]
    var order: [String] = []
    for e in errors {
      let key = e.file + "\u{0}" + (e.field ?? "")
      if groups[key] == nil { order.append(key) }
      groups[key, default: []].append(e)
    }
    var out: [InputError] = []
    for key in order {
      let list = groups[key]!
      out += list.prefix(perField)
      if list.count > perField {
        out.append(
          InputError(file: list[0].file, field: list[0].field, message: "… and \(list.count - perField) more")
        )
      }
    }
    return out
  }

  func throwIfAny() throws {
    if errors.count == 1 { throw errors[0] }
    if !errors.isEmpty { throw InputErrors(shown()) }
  }
}

/// Which feature a repair or a zero area is about, as a planner finds it in the file.
struct FeatureLabel {
  var file: String
  var index: Int
  /// `district "330482001" ("当湖街道")`, `zone "Z1" ("停车场")`, or "building".
  var what: String
  /// `(code "…", name "…")` after the index; empty for a building.
  var keys: String

  static func district(_ d: District) -> FeatureLabel {
    FeatureLabel(
      file: "districts.geojson", index: d.featureIndex, what: "district \"\(d.code)\" (\"\(d.name)\")",
      keys: " (code \"\(d.code)\", name \"\(d.name)\")")
  }

  static func zone(_ z: Zone) -> FeatureLabel {
    FeatureLabel(
      file: "zones.geojson", index: z.featureIndex, what: "zone \"\(z.id)\" (\"\(z.name)\")",
      keys: " (id \"\(z.id)\", name \"\(z.name)\")")
  }

  static func building(_ b: Building) -> FeatureLabel {
    FeatureLabel(file: "buildings.geojson", index: b.featureIndex, what: "building", keys: "")
  }
}

extension BundleLoader.Areas {
  /// Repairs invalid polygons, naming each, and refuses districts and zones left without
  /// area (SPEC §2): a district of no area would be listed at 0 m² and breaks the tiling,
  /// so every such feature is named at once and nothing is audited.
  mutating func repair(_ proj: Projector, warnings: inout [String]) throws {
    let ctx = GEOSContext()
    var problems = AreaProblems()
    for i in districts.indices {
      let label = FeatureLabel.district(districts[i])
      districts[i].polygons = try BundleLoader.repaired(districts[i].polygons, ctx, proj, label, &warnings)
      if !(Self.area(districts[i].polygons) > 0) { problems.append(Self.zeroArea(label)) }
    }
    for i in zones.indices {
      let label = FeatureLabel.zone(zones[i])
      zones[i].polygons = try BundleLoader.repaired(zones[i].polygons, ctx, proj, label, &warnings)
      if !(Self.area(zones[i].polygons) > 0) { problems.append(Self.zeroArea(label)) }
    }
    for i in buildings.indices {
      buildings[i].polygons = try BundleLoader.repaired(
        buildings[i].polygons, ctx, proj, .building(buildings[i]), &warnings)
    }
    try problems.throwIfAny()
  }

  static func area(_ polys: [PlanarPolygon]) -> Double { polys.reduce(0) { $0 + $1.area } }

  static func zeroArea(_ label: FeatureLabel) -> InputError {
    InputError(
      file: label.file, location: .feature(label.index), field: "geometry",
      message:
        "\(label.what) has zero area after make-valid (its rings enclose nothing: collapsed to lines or points); draw it with an area or leave it out"
    )
  }
}

extension BundleLoader {
  /// The polygons as drawn if valid, else repaired with make-valid (structure method, in the
  /// metric plane) and a warning that names the feature, says where it was invalid in
  /// lon/lat and gives both areas, plainly when the repair changed the area by over 1 %.
  /// Most buildings are one ring that is plainly simple: the planar check passes those
  /// without building GEOS geometry, and GEOS judges the rest.
  static func repaired(
    _ polys: [PlanarPolygon], _ ctx: GEOSContext, _ proj: Projector, _ label: FeatureLabel,
    _ warnings: inout [String]
  ) throws -> [PlanarPolygon] {
    if SimpleRing.isCertainlyValid(polys) { return polys }
    let g = try Geom.multiPolygon(polys, context: ctx)
    guard let invalid = try g.invalidity() else { return polys }
    var reason = invalid.reason
    if let at = invalid.location, at.x.isFinite, at.y.isFinite, let ll = try? proj.inverse(at) {
      reason += String(format: " at lon %.6f, lat %.6f", ll.x, ll.y)
    }
    let fixed = try g.makeValid().polygonalPart()
    let before = try g.area()
    let after = try fixed.area()
    warnings.append(
      "\(label.file): feature \(label.index)\(label.keys): invalid polygon (\(reason)); repaired with make-valid, structure method (area \(fmtArea(before)) → \(fmtArea(after)) m²\(areaChange(before, after)))"
    )
    return try fixed.polygons()
  }

  /// "; area changed by +290 %" when the repair moved the area by more than 1 %.
  static func areaChange(_ before: Double, _ after: Double) -> String {
    if before == after { return "" }
    // A bow-tie's lobes cancel in the drawn ring's area: no percentage of nothing.
    guard before > 1e-6 * max(after, 1) else { return "; as drawn the rings enclosed no area" }
    let pct = (after - before) / before * 100
    if abs(pct) <= 1 { return "" }
    return "; area changed by " + String(format: abs(pct) < 10 ? "%+.1f %%" : "%+.0f %%", pct)
  }

  static func fmtArea(_ a: Double) -> String { String(format: "%.1f", a) }
}
