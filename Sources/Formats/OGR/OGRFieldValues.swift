import CGDAL
import Foundation
import Support

/// How text from a file becomes Swift strings.
enum TextDecoding {
  /// OGR recodes to UTF-8 itself (a `.cpg`, a GeoPackage, any format with a declared encoding).
  case utf8
  /// OGR hands over the raw bytes (a Shapefile without `.cpg`): valid UTF-8 stays as it
  /// is, anything else is taken as GB18030 — the superset of the GBK/CP936 that Chinese
  /// GIS software writes into `.dbf` files without saying so.
  case utf8OrGBK

  func string(_ p: UnsafePointer<CChar>) -> String {
    switch self {
    case .utf8:
      return String(cString: p)
    case .utf8OrGBK:
      if let s = String(validatingCString: p) { return s }
      let recoded = CPLRecode(p, "GB18030", CPL_ENC_UTF8)
      defer { VSIFree(recoded) }
      return String(cString: recoded)
    }
  }
}

/// One attribute column of a layer, resolved once so that each feature's values are read
/// without asking OGR for the definition again.
struct FieldColumn {
  var name: String
  var type: OGRFieldType
  var boolean: Bool

  static func columns(of layer: OGRLayerH, decoding: TextDecoding) -> [FieldColumn] {
    guard let defn = OGR_L_GetLayerDefn(layer) else { return [] }
    return (0..<OGR_FD_GetFieldCount(defn)).map { i in
      let field = OGR_FD_GetFieldDefn(defn, i)
      let name = OGR_Fld_GetNameRef(field).map(decoding.string) ?? "field\(i)"
      return FieldColumn(
        name: name, type: OGR_Fld_GetType(field), boolean: OGR_Fld_GetSubType(field) == OFSTBoolean)
    }
  }
}

/// Feature attributes as JSON values, typed as SPEC consumers expect them: integers and
/// reals as numbers, booleans as booleans, text as strings, dates as ISO 8601 text, null as
/// null; a field the feature leaves unset is omitted. Integers of more than 15 digits — a
/// 20-digit GB/T 28181 device code stored as a 64-bit integer, say — come back as strings
/// of their exact digits, because a JSON number here is a Double and would round them.
/// CSV columns arrive from OGR as text; a cell that is a JSON number literal becomes a
/// number (again: an integer literal of more than 15 digits stays a string, its digits as
/// written), anything else stays a string.
struct FieldReader {
  var columns: [FieldColumn]
  var decoding: TextDecoding
  var typeCSVLiterals: Bool
  /// Columns consumed as the position of a table without geometry; left out of properties.
  var skipped: Set<Int> = []

  func properties(_ f: OGRFeatureH) -> [(String, JSON)] {
    var out: [(String, JSON)] = []
    out.reserveCapacity(columns.count)
    for (i, c) in columns.enumerated() where !skipped.contains(i) {
      let idx = Int32(i)
      guard OGR_F_IsFieldSet(f, idx) != 0 else { continue }
      if OGR_F_IsFieldNull(f, idx) != 0 {
        out.append((c.name, .null))
        continue
      }
      out.append((c.name, value(f, idx, c)))
    }
    return out
  }

  /// The field's text as OGR gives it (decoded), for positions read from columns.
  func text(_ f: OGRFeatureH, _ i: Int) -> String? {
    let idx = Int32(i)
    guard OGR_F_IsFieldSetAndNotNull(f, idx) != 0, let p = OGR_F_GetFieldAsString(f, idx) else { return nil }
    return decoding.string(p)
  }

  func value(_ f: OGRFeatureH, _ i: Int32, _ c: FieldColumn) -> JSON {
    switch c.type {
    case OFTInteger:
      let v = OGR_F_GetFieldAsInteger(f, i)
      return c.boolean ? .bool(v != 0) : .number(Double(v))
    case OFTInteger64:
      let v = OGR_F_GetFieldAsInteger64(f, i)
      if c.boolean { return .bool(v != 0) }
      return v.magnitude < 1_000_000_000_000_000 ? .number(Double(v)) : .string(String(v))
    case OFTReal:
      return .number(OGR_F_GetFieldAsDouble(f, i))
    case OFTString:
      guard let p = OGR_F_GetFieldAsString(f, i) else { return .null }
      let s = decoding.string(p)
      if typeCSVLiterals, let n = FieldReader.numberLiteral(s) { return .number(n) }
      return .string(s)
    case OFTDate, OFTDateTime, OFTTime:
      return FieldReader.isoDate(f, i, c.type).map(JSON.string) ?? .null
    case OFTIntegerList, OFTInteger64List, OFTRealList, OFTStringList:
      return list(f, i, c)
    default:
      guard let p = OGR_F_GetFieldAsString(f, i) else { return .null }
      return .string(decoding.string(p))
    }
  }

  func list(_ f: OGRFeatureH, _ i: Int32, _ c: FieldColumn) -> JSON {
    var n: Int32 = 0
    switch c.type {
    case OFTIntegerList:
      guard let p = OGR_F_GetFieldAsIntegerList(f, i, &n) else { return .array([]) }
      return .array((0..<Int(n)).map { .number(Double(p[$0])) })
    case OFTInteger64List:
      guard let p = OGR_F_GetFieldAsInteger64List(f, i, &n) else { return .array([]) }
      return .array(
        (0..<Int(n)).map {
          p[$0].magnitude < 1_000_000_000_000_000 ? .number(Double(p[$0])) : .string(String(p[$0]))
        })
    case OFTRealList:
      guard let p = OGR_F_GetFieldAsDoubleList(f, i, &n) else { return .array([]) }
      return .array((0..<Int(n)).map { .number(p[$0]) })
    default:
      guard let p = OGR_F_GetFieldAsStringList(f, i) else { return .array([]) }
      var items: [JSON] = []
      var k = 0
      while let s = p[k] {
        items.append(.string(decoding.string(s)))
        k += 1
      }
      return .array(items)
    }
  }

  /// `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM:SS[.sss][Z|±HH:MM]` or `HH:MM:SS`, as the field's
  /// type says; OGR's time-zone flag 100 is UTC and each step of 1 from it 15 minutes.
  /// Built digit by digit: `String(format:)` took most of the time of reading a city's
  /// cameras, which carry two dates each.
  static func isoDate(_ f: OGRFeatureH, _ i: Int32, _ type: OGRFieldType) -> String? {
    var y: Int32 = 0
    var mo: Int32 = 0
    var d: Int32 = 0
    var h: Int32 = 0
    var mi: Int32 = 0
    var s: Float = 0
    var tz: Int32 = 0
    guard OGR_F_GetFieldAsDateTimeEx(f, i, &y, &mo, &d, &h, &mi, &s, &tz) != 0 else { return nil }
    if type == OFTDate, (0...9999).contains(y) { return plainDate(y, mo, d) }
    let date = pad(y, 4) + "-" + pad(mo, 2) + "-" + pad(d, 2)
    let whole = Int32(s.rounded(.down))
    let millis = min(999, Int32(((s - Float(whole)) * 1000).rounded()))
    var time = pad(h, 2) + ":" + pad(mi, 2) + ":" + pad(whole, 2)
    if millis > 0 { time += "." + pad(millis, 3) }
    if type == OFTTime { return time }
    var zone = ""
    if tz == 100 {
      zone = "Z"
    } else if tz > 1 {
      let minutes = (tz - 100) * 15
      zone = (minutes < 0 ? "-" : "+") + pad(abs(minutes) / 60, 2) + ":" + pad(abs(minutes) % 60, 2)
    }
    return date + "T" + time + zone
  }

  /// `YYYY-MM-DD` written straight into the string's storage: most dates are plain dates
  /// (cameras' `installed`/`removed`, zones' `valid_from`/`valid_to`).
  static func plainDate(_ y: Int32, _ m: Int32, _ d: Int32) -> String {
    String(unsafeUninitializedCapacity: 10) { b in
      func put(_ value: Int32, at: Int, width: Int) {
        var v = value
        for k in stride(from: at + width - 1, through: at, by: -1) {
          b[k] = UInt8(0x30 + v % 10)
          v /= 10
        }
      }
      put(y, at: 0, width: 4)
      put(m, at: 5, width: 2)
      put(d, at: 8, width: 2)
      b[4] = 0x2D
      b[7] = 0x2D
      return 10
    }
  }

  /// `n` with leading zeros to `width` digits (a negative year keeps its sign in front).
  static func pad(_ n: Int32, _ width: Int) -> String {
    let digits = String(n.magnitude)
    let zeros = String(repeating: "0", count: max(0, width - digits.count))
    return (n < 0 ? "-" : "") + zeros + digits
  }

  /// A JSON number literal's value; nil for any other text and for integer literals of
  /// more than 15 digits, whose exact digits a Double would not keep.
  static func numberLiteral(_ s: String) -> Double? {
    let u = Array(s.utf8)
    var i = 0
    func digits() -> Int {
      let start = i
      while i < u.count, u[i] >= 0x30, u[i] <= 0x39 { i += 1 }
      return i - start
    }
    if i < u.count, u[i] == 0x2D { i += 1 }
    let intStart = i
    let intDigits = digits()
    guard intDigits > 0, !(intDigits > 1 && u[intStart] == 0x30) else { return nil }
    var integer = true
    if i < u.count, u[i] == 0x2E {
      i += 1
      integer = false
      guard digits() > 0 else { return nil }
    }
    if i < u.count, u[i] == 0x65 || u[i] == 0x45 {
      i += 1
      integer = false
      if i < u.count, u[i] == 0x2B || u[i] == 0x2D { i += 1 }
      guard digits() > 0 else { return nil }
    }
    guard i == u.count, !(integer && intDigits > 15) else { return nil }
    guard let v = Double(s), v.isFinite else { return nil }
    return v
  }
}
