import Foundation

/// A failure reported by libpq or the PostgreSQL server, carrying the server's own words so
/// a planner sees what PostgreSQL said (a refused password, a violated constraint) rather than
/// a camgap paraphrase. `target` is the connection string with any password replaced by
/// `***`, and `message` has every password the string held scrubbed out, so an error printed
/// to a terminal or a CI log never leaks a credential.
public struct PGError: Error, Equatable, CustomStringConvertible, Sendable {
  /// The connection string as given, password redacted.
  public var target: String
  /// The five-character SQLSTATE (`23514` a CHECK violation, `28P01` a wrong password);
  /// nil when libpq failed on the client side (no server at the socket, a malformed URI).
  public var sqlState: String?
  /// The server's primary message, or libpq's when there was no server response.
  public var message: String
  /// The server's DETAIL line, when it sent one (the failing row of a constraint).
  public var detail: String?
  /// The violated constraint's name, so a caller can map a CHECK back to a camera field.
  public var constraint: String?

  public init(
    target: String, sqlState: String? = nil, message: String, detail: String? = nil,
    constraint: String? = nil
  ) {
    self.target = target
    self.sqlState = sqlState
    self.message = message
    self.detail = detail
    self.constraint = constraint
  }

  public var description: String {
    var text = "\(target): \(message)"
    if let detail, !detail.isEmpty { text += " (\(detail))" }
    return text
  }

  /// The registry's error for this failure: `RegistryError.database` is exit 1, as a locked
  /// or unwritable SQLite registry is.
  public var registryError: RegistryError { .database(path: target, message: message) }
}

/// Finds and hides passwords in libpq connection strings, both forms libpq accepts: URIs
/// (`postgresql://user:secret@host/db?password=secret`) and `key=value` conninfo
/// (`password='s e c'`). Parsing is done here rather than by `PQconninfoParse` because a
/// string libpq cannot parse is exactly the one whose error message must still be safe.
enum PGRedaction {
  static let mask = "***"

  static func isURI(_ s: String) -> Bool {
    s.hasPrefix("postgresql://") || s.hasPrefix("postgres://")
  }

  /// `conninfo` with every password value replaced by `***`.
  static func redact(_ conninfo: String) -> String {
    var out = conninfo
    for range in passwordRanges(conninfo).reversed() { out.replaceSubrange(range, with: mask) }
    return out
  }

  /// Every password value in `conninfo`, raw and percent-decoded, for scrubbing messages.
  static func secrets(_ conninfo: String) -> [String] {
    var found: [String] = []
    for range in passwordRanges(conninfo) {
      var value = String(conninfo[range])
      if value.hasPrefix("'") && value.hasSuffix("'") && value.count >= 2 {
        value = String(value.dropFirst().dropLast()).replacingOccurrences(of: "\\'", with: "'")
      }
      found.append(value)
      if let decoded = value.removingPercentEncoding { found.append(decoded) }
    }
    return Array(Set(found.filter { !$0.isEmpty })).sorted { $0.count > $1.count }
  }

  /// `message` with each secret replaced by `***`.
  static func scrub(_ message: String, secrets: [String]) -> String {
    secrets.reduce(message) { $0.replacingOccurrences(of: $1, with: mask) }
  }

  static func passwordRanges(_ s: String) -> [Range<String.Index>] {
    isURI(s) ? uriPasswordRanges(s) : conninfoPasswordRanges(s)
  }

  /// The password of the URI's user-info part and of any `password=` query parameter.
  static func uriPasswordRanges(_ s: String) -> [Range<String.Index>] {
    var ranges: [Range<String.Index>] = []
    guard let schemeEnd = s.range(of: "://")?.upperBound else { return [] }
    let authorityEnd = s[schemeEnd...].firstIndex(where: { $0 == "/" || $0 == "?" }) ?? s.endIndex
    let authority = s[schemeEnd..<authorityEnd]
    if let at = authority.lastIndex(of: "@"), let colon = authority[..<at].firstIndex(of: ":") {
      ranges.append(s.index(after: colon)..<at)
    }
    guard let query = s[authorityEnd...].firstIndex(of: "?") else { return ranges }
    var start = s.index(after: query)
    while start < s.endIndex {
      let end = s[start...].firstIndex(of: "&") ?? s.endIndex
      let pair = s[start..<end]
      if let eq = pair.firstIndex(of: "="), pair[..<eq].removingPercentEncoding == "password" {
        ranges.append(s.index(after: eq)..<end)
      }
      start = end < s.endIndex ? s.index(after: end) : end
    }
    return ranges
  }

  /// The value of each `password = value` keyword, quoted (`'…'`, with `\'` escapes) or bare.
  static func conninfoPasswordRanges(_ s: String) -> [Range<String.Index>] {
    var ranges: [Range<String.Index>] = []
    var i = s.startIndex
    while let hit = s[i...].range(of: "password") {
      i = hit.upperBound
      let atTokenStart = hit.lowerBound == s.startIndex || s[s.index(before: hit.lowerBound)].isWhitespace
      var j = hit.upperBound
      while j < s.endIndex && s[j].isWhitespace { j = s.index(after: j) }
      guard atTokenStart, j < s.endIndex, s[j] == "=" else { continue }
      j = s.index(after: j)
      while j < s.endIndex && s[j].isWhitespace { j = s.index(after: j) }
      let valueStart = j
      if j < s.endIndex && s[j] == "'" {
        j = s.index(after: j)
        while j < s.endIndex && s[j] != "'" {
          if s[j] == "\\" && s.index(after: j) < s.endIndex { j = s.index(after: j) }
          j = s.index(after: j)
        }
        if j < s.endIndex { j = s.index(after: j) }
      } else {
        while j < s.endIndex && !s[j].isWhitespace { j = s.index(after: j) }
      }
      if valueStart < j { ranges.append(valueStart..<j) }
      i = j
    }
    return ranges
  }
}
