import Foundation
import Support
import TOMLKit

/// The layers of an audit bundle (SPEC §1), as the manifest and `--field` name them.
public enum ManifestLayer: String, CaseIterable, Sendable {
  case districts, zones, roads, buildings, cameras
}

/// What the manifest says of one layer (SPEC §5): where its file is, its CRS, which source
/// field stands for which camgap field, and how source values translate.
public struct LayerManifest: Equatable, Sendable {
  /// The layer's file, relative to the bundle.
  public var file: String?
  public var crs: String?
  /// camgap field → source field.
  public var fields: [String: String]
  /// camgap field → (source value → camgap value); an empty camgap value means absent.
  public var values: [String: [String: String]]

  public init(
    file: String? = nil, crs: String? = nil, fields: [String: String] = [:],
    values: [String: [String: String]] = [:]
  ) {
    self.file = file
    self.crs = crs
    self.fields = fields
    self.values = values
  }

  /// Whether reading the layer must rename or translate anything the manifest names.
  public var mapsAnything: Bool { !fields.isEmpty || !values.isEmpty }
}

/// The camgap field names of each layer, so a manifest naming a field camgap does not have
/// (`[cameras.fields] heding = …`) is an error rather than a silent no-op. Formats cannot see
/// the camera field table; `Cameras` supplies that layer's names.
public struct ManifestFieldNames: Sendable {
  public var names: [ManifestLayer: [String]]

  public init(_ names: [ManifestLayer: [String]]) { self.names = names }

  /// The area layers' fields (SPEC §1), with the cameras' given by the caller.
  public static func areas(cameras: [String]) -> ManifestFieldNames {
    ManifestFieldNames([
      .districts: AreaFields.districts.fields, .zones: AreaFields.zones.fields,
      .roads: AreaFields.roads.fields, .buildings: AreaFields.buildings.fields, .cameras: cameras,
    ])
  }
}

/// A bundle's `camgap.toml` (SPEC §5), or the `--field` options, as one value: the CLI
/// lays the options over the file with `overridden(by:)`.
public struct Manifest: Equatable, Sendable {
  public static let fileName = "camgap.toml"

  public var layers: [ManifestLayer: LayerManifest]

  public init(layers: [ManifestLayer: LayerManifest] = [:]) { self.layers = layers }

  public subscript(layer: ManifestLayer) -> LayerManifest? { layers[layer] }

  public static func read(path: String, names: ManifestFieldNames) throws -> Manifest {
    let file = (path as NSString).lastPathComponent
    guard let data = FileManager.default.contents(atPath: path) else {
      throw InputError(file: file, message: "cannot read file \(path)")
    }
    guard let text = String(data: data, encoding: .utf8) else {
      throw InputError(file: file, message: "not valid UTF-8; save the manifest as UTF-8")
    }
    return try parse(text: text, file: file, names: names)
  }

  /// Parses TOML text; every error names `file`, the line and the key.
  public static func parse(text: String, file: String = fileName, names: ManifestFieldNames) throws
    -> Manifest
  {
    let root: TOMLTable
    do {
      root = try TOMLTable(string: text)
    } catch let e as TOMLParseError {
      throw InputError(
        file: file, location: .line(e.source.begin.line), message: "not valid TOML: \(e.description)")
    }
    let lines = ManifestLines(text)
    var manifest = Manifest()
    for (key, value) in root {
      guard let layer = ManifestLayer(rawValue: key) else {
        throw InputError(
          file: file, location: lines.location(section: nil, key: key), field: key,
          message:
            "unknown layer; expected one of \(ManifestLayer.allCases.map(\.rawValue).joined(separator: ", "))"
        )
      }
      guard let table = value.table else {
        throw InputError(
          file: file, location: lines.location(section: nil, key: key), field: key,
          message: "must be a table ([\(key)]), got \(value.type)")
      }
      var reader = LayerReader(file: file, layer: layer, lines: lines, known: names.names[layer] ?? [])
      manifest.layers[layer] = try reader.read(table)
    }
    try manifest.checkSources(file: file, lines: lines)
    return manifest
  }

  /// `--field LAYER.FIELD=SOURCE` options as a manifest holding only field maps.
  public static func fieldOptions(_ options: [String], names: ManifestFieldNames) throws -> Manifest {
    var manifest = Manifest()
    for option in options {
      func bad(_ message: String) -> InputError {
        InputError(file: "--field", field: option, message: message)
      }
      guard let eq = option.firstIndex(of: "="), let dot = option[..<eq].firstIndex(of: ".") else {
        throw bad("expected LAYER.FIELD=SOURCE, e.g. cameras.id=gbIndexCode")
      }
      let layerName = String(option[..<dot])
      let field = String(option[option.index(after: dot)..<eq])
      let source = String(option[option.index(after: eq)...])
      guard let layer = ManifestLayer(rawValue: layerName) else {
        throw bad(
          "unknown layer \"\(layerName)\"; expected one of \(ManifestLayer.allCases.map(\.rawValue).joined(separator: ", "))"
        )
      }
      let known = names.names[layer] ?? []
      guard known.contains(field) else {
        throw bad("\(layerName) has no field \"\(field)\"; expected one of \(known.joined(separator: ", "))")
      }
      guard !source.isEmpty else { throw bad("no source field after \"=\"") }
      manifest.layers[layer, default: LayerManifest()].fields[field] = source
    }
    try manifest.checkSources(file: "--field", lines: nil)
    return manifest
  }

  /// This manifest with `other`'s file, CRS, field and value maps taking precedence, field
  /// by field (SPEC §3: the options override the bundle's manifest).
  public func overridden(by other: Manifest) throws -> Manifest {
    var out = self
    for (layer, o) in other.layers {
      var entry = out.layers[layer] ?? LayerManifest()
      if let f = o.file { entry.file = f }
      if let c = o.crs { entry.crs = c }
      for (k, v) in o.fields { entry.fields[k] = v }
      for (k, v) in o.values { entry.values[k] = v }
      out.layers[layer] = entry
    }
    try out.checkSources(file: "--field", lines: nil)
    return out
  }

  /// One source field standing for two camgap fields is an error: the reader could not
  /// tell which the planner meant the values to be.
  func checkSources(file: String, lines: ManifestLines?) throws {
    for layer in ManifestLayer.allCases {
      guard let entry = layers[layer] else { continue }
      var by: [String: [String]] = [:]
      for (field, source) in entry.fields { by[source, default: []].append(field) }
      for (source, fields) in by.sorted(by: { $0.key < $1.key }) where fields.count > 1 {
        let sorted = fields.sorted()
        throw InputError(
          file: file,
          location: lines?.location(section: "\(layer.rawValue).fields", key: sorted[1]) ?? .file,
          field: "\(layer.rawValue).fields",
          message:
            "source field \"\(source)\" is mapped twice (\(sorted.joined(separator: " and "))); map it to one field"
        )
      }
    }
  }
}

/// Reads one `[LAYER]` table, naming the key of every problem.
struct LayerReader {
  let file: String
  let layer: ManifestLayer
  let lines: ManifestLines
  let known: [String]

  func bad(_ section: String, _ key: String, _ message: String) -> InputError {
    let dotted = section.isEmpty ? "\(layer.rawValue).\(key)" : "\(layer.rawValue).\(section).\(key)"
    let place = section.isEmpty ? layer.rawValue : "\(layer.rawValue).\(section)"
    return InputError(
      file: file, location: lines.location(section: place, key: key), field: dotted, message: message)
  }

  func string(_ value: TOMLValueConvertible, _ section: String, _ key: String) throws -> String {
    guard let s = value.string else { throw bad(section, key, "must be a string, got \(value.type)") }
    return s
  }

  func knownField(_ section: String, _ key: String) throws {
    guard known.contains(key) else {
      throw bad(
        section, key,
        "\(layer.rawValue) has no field \"\(key)\"; expected one of \(known.joined(separator: ", "))")
    }
  }

  mutating func read(_ table: TOMLTable) throws -> LayerManifest {
    var entry = LayerManifest()
    for (key, value) in table {
      switch key {
      case "file": entry.file = try string(value, "", key)
      case "crs": entry.crs = try string(value, "", key)
      case "fields":
        guard let t = value.table else { throw bad("", key, "must be a table, got \(value.type)") }
        for (field, source) in t {
          try knownField("fields", field)
          entry.fields[field] = try string(source, "fields", field)
        }
      case "values":
        guard let t = value.table else { throw bad("", key, "must be a table, got \(value.type)") }
        for (field, map) in t {
          try knownField("values", field)
          guard let m = map.table else {
            throw bad("values", field, "must be a table of source value = camgap value, got \(map.type)")
          }
          var out: [String: String] = [:]
          for (from, to) in m { out[from] = try string(to, "values.\(field)", from) }
          entry.values[field] = out
        }
      default:
        throw bad("", key, "unknown key; expected file, crs, fields or values")
      }
    }
    return entry
  }
}

/// Finds the line of a key in the manifest's text: TOMLKit gives lines for syntax errors
/// only, and a planner editing the file needs the line of every problem.
struct ManifestLines {
  let lines: [String]

  init(_ text: String) {
    lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
  }

  static func unquoted(_ s: Substring) -> String {
    var t = s.trimmingCharacters(in: .whitespaces)
    if t.count >= 2, let f = t.first, f == "\"" || f == "'", t.last == f {
      t = String(t.dropFirst().dropLast())
    }
    return t
  }

  /// Line of `key` within `[section]` (nil: the top level), else of the section itself.
  func location(section: String?, key: String) -> InputLocation {
    var current: String? = nil
    var sectionLine: Int?
    for (i, raw) in lines.enumerated() {
      let line = raw.trimmingCharacters(in: .whitespaces)
      if line.hasPrefix("[") {
        let name = line.trimmingCharacters(in: CharacterSet(charactersIn: "[] "))
        current = name.split(separator: ".").map(Self.unquoted).joined(separator: ".")
        if current == section { sectionLine = i + 1 }
        if section == nil, current == key || current?.hasPrefix(key + ".") == true { return .line(i + 1) }
        continue
      }
      guard let eq = line.firstIndex(of: "="), current == section else { continue }
      if Self.unquoted(line[..<eq]) == key { return .line(i + 1) }
    }
    return sectionLine.map { .line($0) } ?? .file
  }
}
