import Foundation
import Support

/// Writes a first `camgap.toml` for a folder of a bureau's files (`camgap init-manifest`):
/// which file is which layer and which property is which field, from the files' names,
/// geometry and values. Every choice not certain from a name is followed by a
/// `# guessed: …` comment, for the planner to check before the audit.
public enum ManifestGuess {
  /// One file looked at: its properties and their values, record by record.
  struct Source {
    var file: String
    var stem: String
    var geometry: String?
    var keys: [String]
    var values: [String: [JSON]]
    var records: Int
    var catalogue = false
  }

  /// The manifest text for the files of `dir`. `cameras`: the cameras' vocabulary (from the
  /// camera field table) for a CSV file (true) or a GeoJSON one.
  public static func manifest(directory dir: String, cameras: (Bool) -> LayerVocabulary) throws -> String {
    let names = try FileManager.default.contentsOfDirectory(atPath: dir).sorted()
    var sources: [Source] = []
    for name in names where !name.hasPrefix(".") {
      if let s = try source((dir as NSString).appendingPathComponent(name)) { sources.append(s) }
    }
    var taken: [ManifestLayer: (Source, String?)] = [:]
    var also: [ManifestLayer: [String]] = [:]
    for s in sources {
      let (layer, why) = layerOf(s)
      guard let layer else { continue }
      if taken[layer] == nil { taken[layer] = (s, why) } else { also[layer, default: []].append(s.file) }
    }
    var out = "# camgap manifest (SPEC §5), written by camgap init-manifest from the files of this folder.\n"
    out += "# Check every line marked \"guessed\", then run: camgap audit .\n"
    for layer in ManifestLayer.allCases {
      guard let (s, why) = taken[layer] else {
        out += "\n# [\(layer.rawValue)]: no file here looked like \(layer.rawValue)\n"
        continue
      }
      let csv = s.file.lowercased().hasSuffix(".csv")
      let vocabulary = layer == .cameras ? cameras(csv) : AreaFields.vocabulary(layer)!
      out += "\n[\(layer.rawValue)]\n"
      out += "file = \(quoted(s.file))" + (why.map { "  # guessed: \($0)" } ?? "") + "\n"
      for other in also[layer] ?? [] { out += "# also looks like \(layer.rawValue): \(other)\n" }
      if s.catalogue { continue }
      let fields = guessFields(s, vocabulary: vocabulary)
      if !fields.isEmpty {
        out += "[\(layer.rawValue).fields]\n"
        for f in fields {
          out += "\(key(f.field)) = \(quoted(f.source))" + (f.why.map { "  # guessed: \($0)" } ?? "") + "\n"
        }
      }
      if layer == .cameras { out += cameraValues(s, fields: fields, vocabulary: vocabulary) }
    }
    return out
  }

  /// The file's records, or nil for a file that is no layer (a README, the manifest).
  static func source(_ path: String) throws -> Source? {
    let name = (path as NSString).lastPathComponent
    let ext = (name as NSString).pathExtension.lowercased()
    let stem = (name as NSString).deletingPathExtension
    switch ext {
    case "geojson", "json":
      let fc = try GeoJSONReader.read(path: path)
      var s = Source(file: name, stem: stem, geometry: nil, keys: [], values: [:], records: fc.features.count)
      var types: Set<String> = []
      for f in fc.features {
        if let g = f.geometry { types.insert(g.typeName.replacingOccurrences(of: "Multi", with: "")) }
        for (k, v) in f.properties {
          if s.values[k] == nil { s.keys.append(k) }
          s.values[k, default: []].append(v)
        }
      }
      s.geometry = types.count == 1 ? types.first : nil
      return s
    case "csv":
      guard let data = FileManager.default.contents(atPath: path), let t = try? CSVTable(bytes: [UInt8](data))
      else { return nil }
      var s = Source(
        file: name, stem: stem, geometry: "Point", keys: t.header, values: [:], records: t.rows.count)
      for (c, k) in t.header.enumerated() {
        s.values[k] = t.rows.map {
          $0[c].trimmingCharacters(in: .whitespaces).isEmpty ? .null : .string($0[c])
        }
      }
      return s
    case "xml":
      guard (try? CatalogueReader.read(path: path)) != nil else { return nil }
      return Source(
        file: name, stem: stem, geometry: "Point", keys: [], values: [:], records: 0, catalogue: true)
    default:
      return nil
    }
  }

  static let stemWords: [(ManifestLayer, [String])] = [
    (.districts, ["district", "行政区", "乡镇", "街道", "boundar", "area"]),
    (.cameras, ["camera", "点位", "摄像", "监控", "cctv", "device", "catalog"]),
    (.zones, ["zone", "区域", "整治", "拆迁", "施工"]), (.roads, ["road", "道路", "street"]),
    (.buildings, ["building", "建筑", "房屋"]),
  ]

  /// The layer a file is and, unless its name says so exactly, why it was taken for it.
  static func layerOf(_ s: Source) -> (ManifestLayer?, String?) {
    if let exact = ManifestLayer(rawValue: s.stem.lowercased()) { return (exact, nil) }
    let stem = s.stem.lowercased()
    for (layer, words) in stemWords where words.contains(where: stem.contains) {
      return (layer, "the file name")
    }
    switch s.geometry {
    case "Point"?: return (.cameras, "points")
    case "LineString"?: return (.roads, "lines")
    case "Polygon"?:
      let codes = s.keys.contains { k in isAdcodeLike(s.values[k] ?? []) }
      return codes
        ? (.districts, "polygons with administrative codes")
        : (.zones, "polygons without administrative codes")
    default: return (nil, nil)
    }
  }

  /// Every value a 6-, 9- or 12-digit administrative division code, all different.
  static func isAdcodeLike(_ values: [JSON]) -> Bool {
    var seen = Set<String>()
    for v in values {
      guard let t = FieldMapping.text(v), [6, 9, 12].contains(t.count), t.allSatisfy(\.isASCII),
        t.allSatisfy(\.isNumber), seen.insert(t).inserted
      else { return false }
    }
    return !values.isEmpty
  }

  static func quoted(_ s: String) -> String { JSONWriter.quote(s) }

  static func key(_ s: String) -> String {
    s.unicodeScalars.allSatisfy({
      $0.isASCII && (CharacterSet.alphanumerics.contains($0) || $0 == "_" || $0 == "-")
    })
      ? s : quoted(s)
  }
}
