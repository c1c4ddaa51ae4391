/// Where in an input file a problem sits. Planners fix their exports by hand, so every
/// message must point at the exact feature or CSV line and field.
public enum InputLocation: Equatable, Sendable {
  case file
  case feature(Int)
  case line(Int)
  case byte(line: Int, column: Int)

  public var text: String {
    switch self {
    case .file: return ""
    case .feature(let i): return "feature \(i)"
    case .line(let n): return "line \(n)"
    case .byte(let line, let column): return "line \(line), column \(column)"
    }
  }
}

/// Bad input: the CLI maps it to exit code 2. The description reads
/// `FILE: feature 3: field "heading": must be in [0, 360), got 400`.
public struct InputError: Error, Equatable, CustomStringConvertible, Sendable {
  public var file: String
  public var location: InputLocation
  public var field: String?
  public var message: String

  public init(file: String, location: InputLocation = .file, field: String? = nil, message: String) {
    self.file = file
    self.location = location
    self.field = field
    self.message = message
  }

  public var description: String {
    var parts = [file]
    let place = location.text
    if !place.isEmpty { parts.append(place) }
    if let field { parts.append("field \"\(field)\"") }
    parts.append(message)
    return parts.joined(separator: ": ")
  }
}

/// Several input errors reported at once, so one run lists every problem of a file.
public struct InputErrors: Error, CustomStringConvertible, Sendable {
  public var errors: [InputError]
  public init(_ errors: [InputError]) { self.errors = errors }
  public var description: String { errors.map(\.description).joined(separator: "\n") }
}

extension InputErrors {
  /// Every problem of a file, grouped by field in the order the fields first fail, at most
  /// `perField` of each followed by `… and N more` (SPEC §5): 1,107 cameras without an id
  /// read as 25 lines and a count, and a bad heading further down is not hidden behind them.
  public init(grouping errors: [InputError], perField: Int) {
    var order: [String?] = []
    var byField: [String?: [InputError]] = [:]
    for e in errors {
      if byField[e.field] == nil { order.append(e.field) }
      byField[e.field, default: []].append(e)
    }
    var out: [InputError] = []
    for field in order {
      let group = byField[field] ?? []
      out += group.prefix(perField)
      if group.count > perField {
        out.append(
          InputError(file: group[0].file, field: field, message: "… and \(group.count - perField) more"))
      }
    }
    self.init(out)
  }
}
