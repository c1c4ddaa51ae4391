import Foundation
import Support

extension ManifestGuess {
  struct Guess {
    var field: String
    var source: String
    /// Why, when not an alias of SPEC §5.
    var why: String?
  }

  /// Words in a property's name that hint at a field, for properties no alias names.
  static let hints: [String: [String]] = [
    "id": ["id", "code", "编码", "编号", "no"], "code": ["code", "adcode", "dm", "代码"],
    "name": ["name", "mc", "名"], "heading": ["dir", "head", "azim", "bearing", "方向", "朝向"],
    "lon": ["lon", "lng", "经"], "lat": ["lat", "纬"],
  ]

  /// The `[LAYER.fields]` lines a file needs: nothing for a field the file has under
  /// camgap's name; an alias of SPEC §5 as it is; otherwise a property whose values fit.
  static func guessFields(_ s: Source, vocabulary: LayerVocabulary) -> [Guess] {
    let lower = Set(s.keys.map { $0.lowercased() })
    var used = Set<String>()
    var out: [Guess] = []
    for field in vocabulary.fields where !lower.contains(field) {
      if let native = vocabulary.readerNative[field], native.contains(where: lower.contains) { continue }
      let present = vocabulary.aliases(of: field).filter { a in
        s.keys.contains { $0.lowercased() == a.lowercased() }
      }
      if let first = present.first {
        let real = s.keys.first { $0.lowercased() == first.lowercased() }!
        used.insert(real)
        out.append(
          Guess(
            field: field, source: real, why: present.count > 1 ? "\"\(present[1])\" could serve too" : nil))
        continue
      }
      guard vocabulary.required.contains(field) || field == "heading" || field == "name" else { continue }
      let native = Set(
        vocabulary.readerNative.values.flatMap { $0 }
          + vocabulary.aliases.flatMap(\.names).map { $0.lowercased() })
      let free = s.keys.filter {
        !used.contains($0) && !vocabulary.fields.contains($0.lowercased())
          && !native.contains($0.lowercased())
      }
      if let g = fitting(field, s, free, identity: field == vocabulary.identity) {
        used.insert(g.source)
        out.append(g)
      }
    }
    return out
  }

  /// A property whose values fit `field`: unique and non-empty for an identity (adcode-like
  /// for a district code), numbers in [0, 360] for a heading, in range for lon/lat, text
  /// for a name. Among several, one whose name hints at the field comes first.
  static func fitting(_ field: String, _ s: Source, _ keys: [String], identity: Bool) -> Guess? {
    func numbers(_ k: String) -> [Double]? {
      let vs = (s.values[k] ?? []).compactMap(FieldMapping.text)
      let ds = vs.compactMap(Double.init)
      return ds.count == vs.count && !ds.isEmpty ? ds : nil
    }
    var fits: [String]
    var why: String
    switch field {
    case "heading":
      fits = keys.filter { numbers($0)?.allSatisfy { $0 >= 0 && $0 <= 360 } == true }
      why = "numbers in [0, 360]"
    case "lon", "lat":
      let limit: Double = field == "lon" ? 180 : 90
      fits = keys.filter { numbers($0)?.allSatisfy { abs($0) <= limit } == true }
      why = "numbers within ±\(Int(limit))"
    case "code":
      fits = keys.filter { isAdcodeLike(s.values[$0] ?? []) }
      why = "6-, 9- or 12-digit codes, all different"
    default:
      let unique = identity
      fits = FieldCandidates.candidates(
        keys: keys, records: s.records, value: { k, r in FieldMapping.text(s.values[k]?[r]) }, unique: unique)
      why = unique ? "unique, non-empty values" : "non-empty values"
    }
    let hinted = fits.filter { k in (hints[field] ?? []).contains { k.lowercased().contains($0) } }
    // A heading or a name is only taken from a property whose name says so: any column of
    // small numbers fits [0, 360] and any text fits a name.
    guard (field != "heading" && field != "name") || !hinted.isEmpty, let pick = hinted.first ?? fits.first
    else { return nil }
    let others = fits.filter { $0 != pick }
    if !others.isEmpty { why += "; also fit: \(others.prefix(3).joined(separator: ", "))" }
    return Guess(field: field, source: pick, why: why)
  }

  /// `[cameras.values.heading]` when more than 10 % of at least 10 headings are exactly 0
  /// (exports
  /// write 0 for unknown, SPEC §5), and `[cameras.values.kind]` for kinds camgap does not
  /// name, left absent so the camera takes the default kind.
  static func cameraValues(_ s: Source, fields: [Guess], vocabulary: LayerVocabulary) -> String {
    func source(_ field: String) -> String? {
      let names = [field] + (vocabulary.readerNative[field] ?? [])
      return fields.first { $0.field == field }?.source
        ?? names.lazy.compactMap { n in s.keys.first { $0.lowercased() == n } }.first
    }
    var out = ""
    if let h = source("heading") {
      let vs = (s.values[h] ?? []).compactMap(FieldMapping.text)
      let zeros = vs.filter { Double($0) == 0 }.count
      if vs.count >= 10, zeros * 10 > vs.count {
        out += "[cameras.values.heading]\n"
        out +=
          "\"0\" = \"\"  # guessed: \(zeros) of \(vs.count) headings are 0, which exports often write for unknown\n"
      }
    }
    let kinds = ["fixed", "dome", "ptz", "panoramic"]
    if let k = source("kind") {
      var odd: [String] = []
      for v in (s.values[k] ?? []).compactMap(FieldMapping.text)
      where !kinds.contains(v.lowercased()) && !odd.contains(v) {
        odd.append(v)
      }
      if !odd.isEmpty {
        out += "[cameras.values.kind]\n"
        for v in odd.sorted() {
          out +=
            "\(quoted(v)) = \"\"  # guessed: not a camgap kind; \"\" leaves the default (fixed); or fixed, dome, ptz, panoramic\n"
        }
      }
    }
    return out
  }
}
