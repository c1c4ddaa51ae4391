import Formats
import Foundation
import Geometry
import Support

extension CameraReader {
  enum FieldValue {
    case text(String)
    case number(Double)
    /// A JSON `true`/`false`: `yes`/`no` to an OSM tag, a wrong type to a SPEC field.
    case bool(Bool)
    case other(String)
  }

  struct FieldSource {
    var values: [String: FieldValue] = [:]
  }

  /// One record's fields read against the field table (`CameraFields`), every problem
  /// collected with its location and field rather than stopping at the first.
  struct RecordReader {
    let source: FieldSource
    let file: String
    let location: InputLocation
    var errors: [InputError] = []
    var warnings: [String] = []

    mutating func bad(_ field: String, _ message: String) {
      errors.append(InputError(file: file, location: location, field: field, message: message))
    }

    /// `.some(nil)` when absent, nil when present but not a number.
    mutating func number(_ key: String) -> Double?? {
      guard let v = source.values[key] else { return .some(nil) }
      switch v {
      case .number(let d):
        if !d.isFinite {
          bad(key, "not a finite number")
          return nil
        }
        return .some(d)
      case .text(let t):
        let trimmed = t.trimmedFast
        if let d = CameraText.decimal(trimmed) { return .some(d) }
        // OSM heights come as "5 m" or "5m".
        if key == CameraField.height.rawValue, let d = CameraReader.leadingNumber(trimmed) { return .some(d) }
        bad(key, "not a number: \"\(t)\"")
        return nil
      case .bool(let b):
        bad(key, "must be a number, got \(b)")
        return nil
      case .other(let type):
        bad(key, "must be a number, got \(type)")
        return nil
      }
    }

    /// A text value; a control character anywhere in it is an error (SPEC §1).
    mutating func text(_ key: String) -> String? {
      guard let v = source.values[key] else { return nil }
      switch v {
      case .text(let t):
        if let c = CameraText.controlCharacter(in: t) {
          bad(key, CameraText.controlMessage(c))
          return nil
        }
        return t
      case .number(let d): return JSONWriter.number(d)
      case .bool(let b): return b ? "yes" : "no"
      case .other(let type):
        bad(key, "must be a string, got \(type)")
        return nil
      }
    }

    /// A number or integer field, within its limits (read under `key`, an OSM tag that
    /// stands for the field).
    mutating func limited(_ f: CameraField, key: String? = nil) -> Double? {
      let key = key ?? f.rawValue
      guard case .some(let v?) = number(key) else { return nil }
      if f.spec.allows(v) { return v }
      bad(key, "must be \(f.spec.rule), got \(JSONWriter.number(v))")
      return nil
    }

    /// One of a choice field's names, as spelled or in other case and with blanks around.
    mutating func choice<T: RawRepresentable>(_ f: CameraField, _ s: String, _: T.Type) -> T?
    where T.RawValue == String {
      if case .bool(let b)? = source.values[f.rawValue] {
        bad(f.rawValue, "must be \(f.spec.rule), got \(b)")
        return nil
      }
      if let v = T(rawValue: s) ?? T(rawValue: s.lowercased().trimmedFast) { return v }
      bad(f.rawValue, "unknown \(f.rawValue) \"\(s)\"; expected \(f.spec.rule)")
      return nil
    }

    mutating func date(_ f: CameraField) -> ISODate? {
      guard let s = text(f.rawValue) else { return nil }
      if let d = ISODate(s) { return d }
      bad(f.rawValue, "not an ISO date YYYY-MM-DD: \"\(s)\"")
      return nil
    }

    /// The id, else an OSM node's, else one made from the file name when asked.
    mutating func id(options: CameraReadOptions) -> String? {
      let before = errors.count
      var id = (text("id") ?? text("@id") ?? text("osm_id")).map(CameraText.normalizedID)
      // An id that is there but unreadable has its error already.
      if id == nil && errors.count > before { return nil }
      if let s = id, s.isEmpty { id = nil }
      if id == nil {
        if options.generateMissingIDs {
          let stem = (file as NSString).deletingPathExtension
          switch location {
          case .feature(let i): id = "\(stem)-\(i)"
          case .line(let l): id = "\(stem)-L\(l)"
          default: id = "\(stem)-?"
          }
        } else {
          bad("id", "missing; every camera needs a unique id (or import with --generate-ids)")
        }
      }
      if let s = id, options.strictIDs, let p = DeviceID.problem(in: s) {
        bad("id", "not a GB/T 28181 camera code: \(p.message)")
      }
      return id
    }

    /// `kind`, else the OSM tags `camera:type` and `revolving`.
    mutating func kind() -> CameraKind {
      if let k = text(CameraField.kind.rawValue) {
        return choice(.kind, k, CameraKind.self) ?? .fixed
      }
      var kind = CameraKind.fixed
      if let t = text("camera:type")?.lowercased() {
        switch t {
        case "fixed": kind = .fixed
        case "dome": kind = .dome
        case "panning", "ptz": kind = .ptz
        case "panoramic", "fisheye", "360": kind = .panoramic
        default:
          warnings.append(
            "\(file): \(location.text): camera:type \"\(t)\" is not fixed/dome/panning; taken as fixed")
        }
      }
      if text("revolving")?.lowercased() == "yes" { kind = .ptz }
      return kind
    }

    /// `heading` (a number within its limits or an OSM direction string), else the OSM
    /// tags `camera:direction` and `direction`.
    mutating func views() -> [ViewDirection] {
      let spec = CameraField.heading.spec
      guard let v = source.values[spec.name] else {
        guard let t = text("camera:direction") ?? text("direction") else { return [] }
        let key = source.values["camera:direction"] != nil ? "camera:direction" : "direction"
        do { return try OSMDirection.parse(t) } catch { bad(key, "\(error)") }
        return []
      }
      switch v {
      case .number(let d):
        if spec.allows(d) { return [.plain(d)] }
        bad(spec.name, "must be \(spec.rule), got \(JSONWriter.number(d))")
      case .text(let t):
        let trimmed = t.trimmedFast
        if let d = CameraText.decimal(trimmed) {
          if spec.allows(d) { return [.plain(d)] }
          bad(spec.name, "must be \(spec.rule), got \(trimmed)")
        } else if trimmed.lowercased().hasPrefix("0x") {
          bad(spec.name, "must be a number in degrees, got \"\(t)\" (hexadecimal is not read as degrees)")
        } else if !trimmed.isEmpty {
          do { return try OSMDirection.parse(trimmed) } catch { bad(spec.name, "\(error)") }
        }
      case .bool(let b):
        bad(spec.name, "must be a number, got \(b)")
      case .other(let type):
        bad(spec.name, "must be a number, got \(type)")
      }
      return []
    }

    /// Rules between fields, once each field is read.
    mutating func crossCheck(_ cam: Camera, position: XY?) {
      if let a = cam.installed, let b = cam.removed, b < a {
        bad(CameraField.removed.rawValue, "\(b) is before installed \(a)")
      }
      if let r = cam.range, let m = cam.minRange, m >= r {
        warnings.append(
          "\(file): \(location.text): min_range \(JSONWriter.number(m)) ≥ range \(JSONWriter.number(r)); the camera covers nothing"
        )
      }
      if position == nil, errors.isEmpty {
        bad("geometry", "no position")
      }
    }

    func record(_ cam: Camera) -> ParsedRecord {
      // The fields as read matter only for reporting a bad record; building them for
      // 150,000 good ones would cost more than the parse.
      var fields: [(String, String)] = []
      for (k, v) in errors.isEmpty ? [] : source.values.sorted(by: { $0.key < $1.key }) {
        switch v {
        case .text(let t): fields.append((k, t))
        case .number(let d): fields.append((k, JSONWriter.number(d)))
        case .bool(let b): fields.append((k, b ? "true" : "false"))
        case .other(let t): fields.append((k, "<\(t)>"))
        }
      }
      return ParsedRecord(
        location: location, camera: errors.isEmpty ? cam : nil, errors: errors, warnings: warnings,
        source: fields)
    }
  }

  /// The number and integer fields a record carries as properties, in table order.
  static let numberFields = CameraField.allCases.filter { $0.isNumber && !$0.isPosition }

  static func parseRecord(
    _ f: FieldSource, position: XY?, file: String, location: InputLocation, options: CameraReadOptions
  ) -> ParsedRecord {
    var r = RecordReader(source: f, file: file, location: location)
    let id = r.id(options: options)
    var cam = Camera(id: id ?? "", lon: position?.x ?? 0, lat: position?.y ?? 0)
    cam.name = r.text(CameraField.name.rawValue) ?? ""
    cam.kind = r.kind()
    cam.views = r.views()
    // OSM writes the tilt below horizontal as `camera:angle`.
    let tiltKey = f.values[CameraField.tilt.rawValue] != nil ? CameraField.tilt.rawValue : "camera:angle"
    for field in numberFields {
      if let v = r.limited(field, key: field == .tilt ? tiltKey : nil) { cam.setNumber(field, v) }
    }
    if let s = r.text(CameraField.status.rawValue) {
      cam.status = r.choice(.status, s, CameraStatus.self) ?? .active
    }
    cam.installed = r.date(.installed)
    cam.removed = r.date(.removed)
    r.crossCheck(cam, position: position)
    return r.record(cam)
  }
}
