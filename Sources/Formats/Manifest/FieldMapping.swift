import Foundation
import Support

/// Which source field becomes which camgap field in one file, decided once from the names
/// the file has (SPEC §5): the manifest's map first, then the camgap name itself, then one
/// present alias.
public struct FieldPlan: Equatable, Sendable {
  /// Source name → camgap name.
  public var renames: [String: String]
  /// camgap names whose own property gives way to a mapped one.
  public var displaced: Set<String>
  /// `cameras: id taken from gbIndexCode`, one per alias taken.
  public var notices: [String]

  public var isEmpty: Bool { renames.isEmpty }
}

/// Renames a layer's properties to camgap's names and translates its values, before the
/// layer's reader checks them; a pure function of the records, the manifest entry and the
/// layer's vocabulary, so every format (GeoJSON, CSV, OGR, catalogue) maps alike.
public enum FieldMapping {
  /// The plan for a file whose records have the property names `keys` (in file order).
  /// `caseInsensitive`: the file's own camgap names match in any case (CSV headers do).
  /// Throws `InputErrors` naming both aliases where two could serve a field, and a mapped
  /// source the file does not have.
  public static func plan(
    keys: [String], file: String, entry: LayerManifest?, vocabulary: LayerVocabulary,
    caseInsensitive: Bool = false
  ) throws -> FieldPlan {
    let lowered = Dictionary(keys.map { ($0.lowercased(), $0) }, uniquingKeysWith: { a, _ in a })
    func find(_ name: String) -> String? { keys.contains(name) ? name : lowered[name.lowercased()] }
    var plan = FieldPlan(renames: [:], displaced: [], notices: [])
    var errors: [InputError] = []
    let layer = vocabulary.layer.rawValue
    for field in vocabulary.fields {
      if let source = entry?.fields[field] {
        guard let key = find(source) else {
          errors.append(
            InputError(
              file: file, field: field,
              message:
                "mapped to \"\(source)\", which the file does not have; it has \(keys.map { "\"\($0)\"" }.joined(separator: ", "))"
            ))
          continue
        }
        if key != field {
          plan.renames[key] = field
          plan.displaced.insert(field)
        }
        continue
      }
      let own = caseInsensitive ? find(field) : (keys.contains(field) ? field : nil)
      // A CSV column in other case is the field already: the reader ignores case.
      if own != nil { continue }
      let mappedSources = Set(entry?.fields.values.map { $0.lowercased() } ?? [])
      let present = vocabulary.aliases(of: field).compactMap(find).filter {
        !mappedSources.contains($0.lowercased()) && plan.renames[$0] == nil
      }
      if present.count == 1 {
        plan.renames[present[0]] = field
        plan.notices.append("\(layer): \(field) taken from \(present[0])")
      } else if present.count > 1 {
        errors.append(
          InputError(
            file: file, field: field,
            message:
              "both \"\(present[0])\" and \"\(present[1])\" could serve; name one in camgap.toml ([\(layer).fields] \(field) = \"\(present[0])\") or with --field \(layer).\(field)=\(present[0])"
          ))
      }
    }
    if !errors.isEmpty { throw InputErrors(errors) }
    return plan
  }

  /// A FeatureCollection with properties renamed and values translated as the manifest and
  /// aliases say, and the notices of the aliases taken. Districts' DataV forms are read too:
  /// an integer `adcode` becomes the text digits, a `parent` object its `adcode`.
  public static func apply(_ fc: FeatureCollection, entry: LayerManifest?, vocabulary: LayerVocabulary) throws
    -> (collection: FeatureCollection, notices: [String], changed: Bool)
  {
    var keys: [String] = []
    var seen = Set<String>()
    for f in fc.features {
      for (k, _) in f.properties where seen.insert(k).inserted { keys.append(k) }
    }
    let plan = try plan(keys: keys, file: fc.file, entry: entry, vocabulary: vocabulary)
    let values = entry?.values ?? [:]
    let dataV = vocabulary.layer == .districts
    if plan.isEmpty && values.isEmpty && !dataV { return (fc, [], false) }
    var out = fc
    for i in out.features.indices {
      var props: [(String, JSON)] = []
      props.reserveCapacity(out.features[i].properties.count)
      for (k, v) in out.features[i].properties {
        if let to = plan.renames[k] {
          props.append((to, v))
        } else if !plan.displaced.contains(k) {
          props.append((k, v))
        }
      }
      for (field, map) in values {
        let target = props.contains { $0.0 == field } ? [field] : vocabulary.readerNative[field] ?? []
        for j in props.indices where target.contains(props[j].0) {
          if let t = translated(props[j].1, map) { props[j].1 = t }
        }
      }
      if dataV { props = props.map { ($0.0, districtValue($0.0, $0.1)) } }
      out.features[i].properties = props
    }
    return (out, plan.notices, true)
  }

  /// A CSV table with columns renamed and cells translated likewise.
  public static func apply(
    _ table: CSVTable, file: String, entry: LayerManifest?, vocabulary: LayerVocabulary
  )
    throws -> (table: CSVTable, notices: [String], changed: Bool)
  {
    let plan = try plan(
      keys: table.header, file: file, entry: entry, vocabulary: vocabulary, caseInsensitive: true)
    let values = entry?.values ?? [:]
    if plan.isEmpty && values.isEmpty { return (table, [], false) }
    var out = table
    var keep = Array(repeating: true, count: table.header.count)
    for (c, name) in table.header.enumerated() {
      if let to = plan.renames[name] {
        out.header[c] = to
      } else if plan.displaced.contains(name.lowercased()) {
        keep[c] = false
      }
    }
    for (field, map) in values {
      let names = [field] + (vocabulary.readerNative[field] ?? [])
      guard let name = names.first(where: { n in out.header.contains { $0.lowercased() == n.lowercased() } }),
        let c = out.header.firstIndex(where: { $0.lowercased() == name.lowercased() })
      else { continue }
      for r in out.rows.indices {
        if let t = map[out.rows[r][c]] ?? map[out.rows[r][c].trimmingCharacters(in: .whitespaces)] {
          out.rows[r][c] = t
        }
      }
    }
    if keep.contains(false) {
      out.header = zip(out.header, keep).filter(\.1).map(\.0)
      out.rows = out.rows.map { row in zip(row, keep).filter(\.1).map(\.0) }
    }
    return (out, plan.notices, true)
  }

  /// A value as the manifest's map translates it: nil when the map does not name it,
  /// `.null` (absent) for an empty camgap value.
  static func translated(_ v: JSON, _ map: [String: String]) -> JSON? {
    let text: String
    switch v {
    case .string(let s): text = s
    case .number(let d): text = JSONWriter.number(d)
    case .integerLiteral(let digits): text = digits
    case .bool(let b): text = b ? "true" : "false"
    default: return nil
    }
    guard let to = map[text] ?? map[text.trimmingCharacters(in: .whitespaces)] else { return nil }
    return to.isEmpty ? .null : .string(to)
  }

  /// DataV's district values in SPEC form: codes as text digits, `parent` from its object.
  static func districtValue(_ key: String, _ v: JSON) -> JSON {
    guard key == "code" || key == "parent" else { return v }
    if key == "parent", case .object = v, let inner = v["adcode"] {
      if let s = inner.string { return .string(s) }
      return inner.integerDigits.map { .string($0) } ?? v
    }
    if case .string = v { return v }
    return v.integerDigits.map { .string($0) } ?? v
  }

  /// The text of a property as a reader would compare it; nil when absent or empty.
  static func text(_ v: JSON?) -> String? {
    guard let v else { return nil }
    let s: String?
    switch v {
    case .string(let t): s = t.trimmingCharacters(in: .whitespaces)
    case .integerLiteral(let d): s = d
    case .number(let d): s = JSONWriter.number(d)
    default: s = nil
    }
    return s?.isEmpty == false ? s : nil
  }
}
