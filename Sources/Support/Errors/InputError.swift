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
