/// A failure inside GEOS or PROJ. camgap never lets a C library abort the run: every
/// failing call becomes one of these, carrying the library's own message so that a
/// warning can name the feature that triggered it.
public enum GeometryError: Error, Equatable, CustomStringConvertible {
  case geos(function: String, message: String)
  case proj(function: String, message: String)
  case invalidInput(String)

  public var description: String {
    switch self {
    case .geos(let function, let message): return "GEOS \(function): \(message)"
    case .proj(let function, let message): return "PROJ \(function): \(message)"
    case .invalidInput(let message): return message
    }
  }
}
