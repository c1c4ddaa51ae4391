import Foundation
import Geometry
import Support

/// Reads a FeatureCollection of polygons (a city's buildings: hundreds of thousands of
/// footprints, millions of positions) straight from the file's bytes on all cores, without
/// a JSON tree for the coordinates, which cost more than the rest of the reading.
///
/// It only ever accepts: every feature must be `Feature` with a Polygon or MultiPolygon
/// whose rings are closed and whose positions are two numbers in range, properties an
/// object without repeated names (or null), no member twice. Anything else (another
/// geometry, a ring to close, a third coordinate, an escape in a member name, any error)
/// makes it give up on the file, and `GeoJSONReader` reads it again in full, so every
/// message and warning is the full reader's. Properties and `id` are read by the full
/// parser's own value reader; whatever this reader accepts, the full reader reads to the
/// same features (a test holds the two side by side).
enum PolygonFeatureDecoder {
  /// The features of a GeoJSON file, or nil when the full reader must read it.
  static func read(bytes buf: UnsafeBufferPointer<UInt8>, file: String, threads: Int) -> FeatureCollection? {
    guard let spans = GeoJSONReader.featureSpans(bytes: buf, file: file) else { return nil }
    let n = spans.count
    /// The file's bytes, read (never written) by every worker while the caller holds them.
    struct Shared: @unchecked Sendable { let bytes: UnsafeBufferPointer<UInt8> }
    let shared = Shared(bytes: buf)
    let parts = try? Parallel.chunks(count: n, threads: n < 20_000 ? 1 : max(1, threads)) { range in
      try range.map { k in
        var c = JSONCursor(bytes: shared.bytes, position: spans[k].lowerBound, depth: 2)
        guard let f = feature(&c, index: k, end: spans[k].upperBound) else { throw NotPlain() }
        return f
      }
    }
    guard let parts else { return nil }
    return FeatureCollection(file: file, features: Array(parts.joined()), warnings: [])
  }

  /// A feature the decoder leaves to the full reader; stops the other chunks early.
  struct NotPlain: Error {}

  /// One feature that ends at `end`, members in any order.
  static func feature(_ c: inout JSONCursor, index: Int, end: Int) -> Feature? {
    var typed = false
    var geometry: LonLatGeometry?
    var properties: [(String, JSON)]?
    var id: JSON?
    var others: [String] = []
    let read = object(&c) { c, key in
      if c.equals(key, "type") {
        guard !typed, let v = c.plainString(), c.equals(v, "Feature") else { return false }
        typed = true
      } else if c.equals(key, "geometry") {
        guard geometry == nil, let g = polygons(&c) else { return false }
        geometry = g
      } else if c.equals(key, "properties") {
        guard properties == nil, let v = c.value() else { return false }
        switch v {
        case .object(let m):
          guard GeoJSONReader.repeatedKey(m) == nil else { return false }
          properties = m
        case .null: properties = []
        default: return false
        }
      } else if c.equals(key, "id") {
        guard id == nil, let v = c.value() else { return false }
        id = v
      } else {
        // A repeated member is the full reader's to refuse, with its place.
        guard let name = c.string(key), !others.contains(name), c.skipValue() else { return false }
        others.append(name)
      }
      return true
    }
    guard read, typed, c.atEnd(end), let geometry else { return nil }
    return Feature(index: index, id: id, geometry: geometry, properties: properties ?? [])
  }

  /// `{"type":"Polygon"|"MultiPolygon","coordinates":…}`, the type first.
  static func polygons(_ c: inout JSONCursor) -> LonLatGeometry? {
    var geometry: LonLatGeometry?
    var multi: Bool?
    var others: [String] = []
    let read = object(&c) { c, key in
      if c.equals(key, "type") {
        guard multi == nil, let v = c.plainString() else { return false }
        if c.equals(v, "Polygon") {
          multi = false
        } else if c.equals(v, "MultiPolygon") {
          multi = true
        } else {
          return false
        }
      } else if c.equals(key, "coordinates") {
        guard geometry == nil, let multi else { return false }
        if multi {
          guard let parts = array(&c, { c in polygon(&c) }), !parts.isEmpty else { return false }
          geometry = .multiPolygon(parts)
        } else {
          guard let rings = polygon(&c) else { return false }
          geometry = .polygon(rings)
        }
      } else {
        guard let name = c.string(key), !others.contains(name), c.skipValue() else { return false }
        others.append(name)
      }
      return true
    }
    return read ? geometry : nil
  }

  /// At least one ring, each closed, of at least four positions.
  static func polygon(_ c: inout JSONCursor) -> [[XY]]? {
    guard
      let rings = array(
        &c,
        { c -> [XY]? in
          guard let ring = array(&c, { c in position(&c) }), ring.count >= 4, ring.first == ring.last else {
            return nil
          }
          return ring
        }), !rings.isEmpty
    else { return nil }
    return rings
  }

  /// `[lon, lat]`, finite and in range.
  static func position(_ c: inout JSONCursor) -> XY? {
    guard c.consume(UInt8(ascii: "[")), c.enter(), let lon = c.number(), c.consume(UInt8(ascii: ",")),
      let lat = c.number(), c.consume(UInt8(ascii: "]"))
    else { return nil }
    c.leave()
    guard lon.isFinite, lat.isFinite, abs(lon) <= 180, abs(lat) <= 90 else { return nil }
    return XY(lon, lat)
  }

  /// An array whose every element `element` reads; empty when it is `[]`.
  static func array<T>(_ c: inout JSONCursor, _ element: (inout JSONCursor) -> T?) -> [T]? {
    guard c.consume(UInt8(ascii: "[")), c.enter() else { return nil }
    var out: [T] = []
    if c.consume(UInt8(ascii: "]")) {
      c.leave()
      return out
    }
    repeat {
      guard let v = element(&c) else { return nil }
      out.append(v)
    } while c.consume(UInt8(ascii: ","))
    guard c.consume(UInt8(ascii: "]")) else { return nil }
    c.leave()
    return out
  }

  /// One object, member by member: a key without escapes, `:`, the value (which `member`
  /// reads, given the key), then `,` or the closing `}`. False for an empty object or any
  /// other shape, or as soon as `member` is false.
  static func object(_ c: inout JSONCursor, _ member: (inout JSONCursor, Range<Int>) -> Bool) -> Bool {
    guard c.consume(UInt8(ascii: "{")), c.enter() else { return false }
    repeat {
      guard let key = c.plainString(), c.consume(UInt8(ascii: ":")), member(&c, key) else { return false }
    } while c.consume(UInt8(ascii: ","))
    guard c.consume(UInt8(ascii: "}")) else { return false }
    c.leave()
    return true
  }
}
