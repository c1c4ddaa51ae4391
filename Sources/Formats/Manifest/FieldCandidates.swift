import Support

/// What to say when a required field is absent from every record (SPEC §5): one message
/// naming the properties that could serve, instead of one "missing" per record.
public enum FieldCandidates {
  /// Properties whose values are non-empty in every record, in file order; for an identity
  /// field (an id, a district code) also unique.
  public static func candidates(keys: [String], records: Int, value: (String, Int) -> String?, unique: Bool)
    -> [String]
  {
    guard records > 0 else { return [] }
    return keys.filter { key in
      var seen = Set<String>()
      for r in 0..<records {
        guard let v = value(key, r) else { return false }
        if unique && !seen.insert(v).inserted { return false }
      }
      return true
    }
  }

  public static func candidates(_ fc: FeatureCollection, unique: Bool, excluding: Set<String> = [])
    -> [String]
  {
    var keys: [String] = []
    var seen = Set<String>()
    for f in fc.features {
      for (k, _) in f.properties where !excluding.contains(k) && seen.insert(k).inserted { keys.append(k) }
    }
    return candidates(
      keys: keys, records: fc.features.count, value: { FieldMapping.text(fc.features[$1].property($0)) },
      unique: unique)
  }

  public static func candidates(_ table: CSVTable, unique: Bool, excluding: Set<String> = []) -> [String] {
    let keys = table.header.filter { !excluding.contains($0.lowercased()) }
    return candidates(
      keys: keys, records: table.rows.count,
      value: { key, r in
        guard let c = table.header.firstIndex(of: key) else { return nil }
        let s = table.rows[r][c].trimmingCharacters(in: .whitespaces)
        return s.isEmpty ? nil : s
      }, unique: unique)
  }

  /// `field "id": missing from every feature; …` with the candidates and how to name one;
  /// `what` says what is missing (`missing from every feature`).
  public static func missing(
    field: String, layer: ManifestLayer, file: String, location: InputLocation = .file, what: String,
    candidates: [String], unique: Bool
  ) -> InputError {
    let kind = unique ? "unique, non-empty values" : "non-empty values"
    let l = layer.rawValue
    let advice: String
    if let first = candidates.first {
      advice =
        "properties that could serve (\(kind)): \(candidates.joined(separator: ", ")); name one in camgap.toml ([\(l).fields] \(field) = \"\(first)\") or with --field \(l).\(field)=\(first)"
    } else {
      advice = "no property has \(kind); add the field or name its source with --field \(l).\(field)=SOURCE"
    }
    return InputError(
      file: file, location: location, field: field, message: "\(what); \(advice)")
  }

  /// The required fields of `vocabulary` that no feature has after mapping, each as the
  /// message above, when some property could serve; with none to name, the reader's own
  /// message per record stands. A feature's `id` member serves an identity when
  /// `featureIDServes`.
  public static func check(
    _ fc: FeatureCollection, vocabulary: LayerVocabulary, featureIDServes: Bool = false
  )
    -> [InputError]
  {
    guard !fc.features.isEmpty else { return [] }
    var present = Set<String>()
    for f in fc.features {
      for (k, v) in f.properties where !v.isNull { present.insert(k) }
    }
    var errors: [InputError] = []
    for field in vocabulary.required where !present.contains(field) {
      if (vocabulary.readerNative[field] ?? []).contains(where: present.contains) { continue }
      if featureIDServes && field == vocabulary.identity && fc.features.contains(where: { $0.id != nil }) {
        continue
      }
      let unique = field == vocabulary.identity
      let serving = candidates(fc, unique: unique, excluding: Set(vocabulary.fields))
      if serving.isEmpty { continue }
      errors.append(
        missing(
          field: field, layer: vocabulary.layer, file: fc.file, location: .feature(fc.features[0].index),
          what: "missing from every feature", candidates: serving, unique: unique))
    }
    return errors
  }
}
