import Formats
import Foundation
import Geometry
import Support

/// Reads camera features of the shape camgap itself writes, and most registers export
/// (SPEC §1 properties, a Point, every value valid), straight from the file's bytes on all
/// cores: no JSON tree, no dictionary of fields. A city's 150,000 cameras are read on
/// every audit, and building trees for them cost more than the rest of the reading.
///
/// It only ever accepts: a feature it is not sure of (an OSM tag, a value given as a
/// string where a number belongs, a repeated member, anything invalid, a duplicate id)
/// makes it give up on the file, and `CameraReader` reads the file again in full, so every
/// message, warning and repair is the full reader's. Whatever it accepts, the full reader
/// reads to the same cameras (a test holds the two side by side).
enum CameraFeatureDecoder {
  /// The cameras of a GeoJSON file, or nil when the full reader must read it.
  static func read(bytes: [UInt8], file: String, options: CameraReadOptions) -> CameraFile? {
    bytes.withUnsafeBufferPointer { buf -> CameraFile? in
      guard let spans = GeoJSONReader.featureSpans(bytes: buf, file: file) else { return nil }
      guard let cameras = decodeAll(buf, spans, options: options) else { return nil }
      var ids = Set<String>(minimumCapacity: cameras.count)
      for c in cameras where !ids.insert(c.id).inserted { return nil }
      return CameraFile(
        cameras: cameras, locations: spans.indices.map { .feature($0) }, skippedNonCameras: 0, warnings: [])
    }
  }

  /// A feature the decoder leaves to the full reader; stops the other chunks early.
  struct NotPlain: Error {}

  /// Features decoded in contiguous chunks, one per core for a large file; nil as soon as
  /// any chunk meets a feature it cannot take.
  static func decodeAll(_ buf: UnsafeBufferPointer<UInt8>, _ spans: [Range<Int>], options: CameraReadOptions)
    -> [Camera]?
  {
    let n = spans.count
    let chunks = n < 20_000 ? 1 : max(1, min(options.threads, 64))
    /// The file's bytes, read (never written) by every worker while the caller holds them.
    struct Shared: @unchecked Sendable { let bytes: UnsafeBufferPointer<UInt8> }
    let shared = Shared(bytes: buf)
    let parts = try? Parallel.chunks(count: n, threads: chunks) { range -> [Camera] in
      var out: [Camera] = []
      out.reserveCapacity(range.count)
      for r in spans[range] {
        var cursor = JSONCursor(bytes: shared.bytes, position: r.lowerBound, depth: 2)
        guard let cam = feature(&cursor, end: r.upperBound, options: options) else { throw NotPlain() }
        out.append(cam)
      }
      return out
    }
    guard let parts else { return nil }
    var all: [Camera] = []
    all.reserveCapacity(n)
    for p in parts { all += p }
    return all
  }

  /// One feature that ends at `end`: `{"type":"Feature","properties":{…},"geometry":{…}}`
  /// in any member order, other members checked and passed over.
  static func feature(_ c: inout JSONCursor, end: Int, options: CameraReadOptions) -> Camera? {
    var typed = false
    var camera: Camera?
    var position: XY?
    var seenID = false
    var others: [String] = []
    let read = object(&c) { c, key in
      if c.equals(key, "type") { return type(&c, "Feature", seen: &typed) }
      if c.equals(key, "properties") {
        guard camera == nil, let cam = properties(&c, options: options) else { return false }
        camera = cam
      } else if c.equals(key, "geometry") {
        guard position == nil, let p = point(&c) else { return false }
        position = p
      } else if c.equals(key, "id") {
        // Used by the full reader only when the properties have no id, which this
        // reader never accepts; the value is checked, not kept.
        guard !seenID, c.skipValue() else { return false }
        seenID = true
      } else {
        // A repeated member is the full reader's to refuse, with its place.
        guard let name = c.string(key), !others.contains(name), c.skipValue() else { return false }
        others.append(name)
      }
      return true
    }
    guard read, typed, c.atEnd(end), var cam = camera, let position else { return nil }
    cam.lon = position.x
    cam.lat = position.y
    return cam
  }

  /// `{"type":"Point","coordinates":[lon,lat]}` with the position in range.
  static func point(_ c: inout JSONCursor) -> XY? {
    var typed = false
    var position: XY?
    let read = object(&c) { c, key in
      if c.equals(key, "type") { return type(&c, "Point", seen: &typed) }
      if c.equals(key, "coordinates") {
        guard position == nil, c.consume(UInt8(ascii: "[")), c.enter(), let lon = c.number(),
          c.consume(UInt8(ascii: ",")), let lat = c.number()
        else { return false }
        // An altitude, or anything else after the two numbers, is read and passed over
        // as the full reader does.
        while c.consume(UInt8(ascii: ",")) {
          guard c.skipValue() else { return false }
        }
        guard c.consume(UInt8(ascii: "]")) else { return false }
        c.leave()
        guard abs(lon) <= 180, abs(lat) <= 90 else { return false }
        position = XY(lon, lat)
        return true
      }
      return c.string(key) != nil && c.skipValue()
    }
    return read && typed ? position : nil
  }

  /// One object, member by member, as each of a feature's three objects is read: a key
  /// without escapes, `:`, the value (which `member` reads, given the key), then `,` or the
  /// closing `}`. False for an empty object (no camera is one), any other shape, or as soon
  /// as `member` is false.
  static func object(_ c: inout JSONCursor, _ member: (inout JSONCursor, Range<Int>) -> Bool) -> Bool {
    guard c.consume(UInt8(ascii: "{")), c.enter() else { return false }
    while true {
      guard let key = c.plainString(), c.consume(UInt8(ascii: ":")), member(&c, key) else { return false }
      if c.consume(UInt8(ascii: ",")) { continue }
      guard c.consume(UInt8(ascii: "}")) else { return false }
      c.leave()
      return true
    }
  }

  /// A `"type"` member, which must name `word` and come once.
  static func type(_ c: inout JSONCursor, _ word: StaticString, seen: inout Bool) -> Bool {
    guard !seen, let v = c.plainString(), c.equals(v, word) else { return false }
    seen = true
    return true
  }

  /// The SPEC §1 members this reader takes (every field but the position, which is the
  /// Point), by their property names, each with its bit in the set of fields seen; any
  /// other name is passed over, except the OSM tags in `osmTags`, which change how the full
  /// reader reads a camera.
  static let fields: [(name: [UInt8], field: CameraField, bit: UInt32)] = CameraField.allCases.filter {
    !$0.isPosition
  }.enumerated().map { (Array($1.rawValue.utf8), $1, 1 << UInt32($0)) }
  static let kinds = CameraKind.allCases.map { (Array($0.rawValue.utf8), $0) }
  static let statuses = CameraStatus.allCases.map { (Array($0.rawValue.utf8), $0) }

  /// The value whose name the bytes spell exactly (kinds and statuses as SPEC §1 writes
  /// them; the full reader also takes other cases and spaces).
  static func named<T>(_ c: JSONCursor, _ r: Range<Int>, in table: [([UInt8], T)]) -> T? {
    for (name, value) in table where c.equals(r, name) { return value }
    return nil
  }

  /// Names the full reader gives a meaning this reader does not handle.
  static let osmTags: Set<String> = [
    "@id", "osm_id", "camera:type", "revolving", "camera:direction", "direction", "camera:angle",
    "surveillance:type",
  ]

  static func properties(_ c: inout JSONCursor, options: CameraReadOptions) -> Camera? {
    var cam = Camera(id: "", lon: 0, lat: 0)
    var hasID = false
    var seen: UInt32 = 0
    var others: [String] = []
    let read = object(&c) { c, key in
      if let (_, f, bit) = fields.first(where: { c.equals(key, $0.name) }) {
        guard seen & bit == 0 else { return false }
        seen |= bit
        if !c.null() {
          guard value(&c, f, into: &cam) else { return false }
          if f == .id { hasID = !cam.id.isEmpty }
        }
      } else {
        guard let name = c.string(key), !osmTags.contains(name), !others.contains(name), c.skipValue()
        else { return false }
        others.append(name)
      }
      return true
    }
    guard read else { return nil }
    guard hasID, !cam.id.isEmpty else { return nil }
    if options.strictIDs, DeviceID.problem(in: cam.id) != nil { return nil }
    if let a = cam.installed, let b = cam.removed, b < a { return nil }
    // The full reader warns about a camera that covers nothing.
    if let r = cam.range, let m = cam.minRange, m >= r { return nil }
    return cam
  }

  /// The value of field `f`, of the type and within the limits the field table gives it:
  /// text fields as plain strings, choices spelled exactly, dates exactly `YYYY-MM-DD`,
  /// numbers (and a heading) as JSON numbers. False for anything else.
  static func value(_ c: inout JSONCursor, _ f: CameraField, into cam: inout Camera) -> Bool {
    let spec = f.spec
    switch spec.type {
    case .number, .integer, .heading:
      guard let v = c.number(), spec.allows(v) else { return false }
      cam.setNumber(f, v)
      return true
    case .text, .choice, .date:
      guard let r = c.plainString() else { return false }
      // A blank value is an absent one, as in the full reader.
      if r.allSatisfy({ c.bytes[$0] == 0x20 || c.bytes[$0] == 0x09 }) { return true }
      switch f {
      // The full reader's text rules (NFC and trimmed ids, no control character), applied
      // by the same functions; a control character is its error to report.
      case .id:
        guard let s = c.string(r), CameraText.controlCharacter(in: s) == nil else { return false }
        cam.id = CameraText.normalizedID(s)
      case .name:
        guard let s = c.string(r), CameraText.controlCharacter(in: s) == nil else { return false }
        cam.name = s
      case .kind:
        guard let k = named(c, r, in: kinds) else { return false }
        cam.kind = k
      case .status:
        guard let st = named(c, r, in: statuses) else { return false }
        cam.status = st
      case .installed, .removed:
        guard let d = ISODate(exactly: UnsafeBufferPointer(rebasing: c.bytes[r])) else { return false }
        if f == .installed { cam.installed = d } else { cam.removed = d }
      default: return false
      }
      return true
    }
  }
}
