import CPQ
import Foundation

extension PGConnection {
  /// Runs `COPY … FROM STDIN` (`sql`) and streams what `body` writes into it; returns the rows
  /// the server stored. One COPY is how 150,000 cameras load in seconds: a statement per
  /// camera is a network round trip each. If `body` throws, the COPY is aborted (nothing of it
  /// is stored) and the error is rethrown; a row the server rejects is a `PGError` naming it.
  @discardableResult
  public func copyIn(_ sql: String, _ body: (PGCopyIn) throws -> Void) throws -> Int {
    _ = try checked(PQexec(conn, sql), accepting: [PGRES_COPY_IN])
    let writer = PGCopyIn(connection: self)
    do {
      try body(writer)
      try writer.flush()
    } catch {
      PQputCopyEnd(conn, "camgap aborted the copy")
      drainResults()
      throw error
    }
    guard PQputCopyEnd(conn, nil) == 1 else {
      let failure = connectionError()
      drainResults()
      throw failure
    }
    return try finalResult().affectedRows
  }

  /// Runs `COPY … TO STDOUT` (`sql`) and hands `body` each chunk the server sends: one row per
  /// chunk in text and CSV format. Returns the number of rows. If `body` throws, the rest of
  /// the copy is read and dropped so the connection stays usable, then the error is rethrown.
  @discardableResult
  public func copyOut(_ sql: String, _ body: (UnsafeRawBufferPointer) throws -> Void) throws -> Int {
    _ = try checked(PQexec(conn, sql), accepting: [PGRES_COPY_OUT])
    var failure: Error?
    while true {
      var buffer: UnsafeMutablePointer<CChar>?
      let n = PQgetCopyData(conn, &buffer, 0)
      if n == -1 { break }
      guard n >= 0, let buffer else {
        drainResults()
        throw connectionError()
      }
      defer { PQfreemem(buffer) }
      if failure == nil {
        do { try body(UnsafeRawBufferPointer(start: buffer, count: Int(n))) } catch { failure = error }
      }
    }
    let result = try finalResult()
    if let failure { throw failure }
    return result.affectedRows
  }

  /// Runs a text-format `COPY … TO STDOUT` and hands `row` each row's fields decoded (nil for
  /// `\N`). Returns the number of rows.
  @discardableResult
  public func copyOutRows(_ sql: String, _ row: ([String?]) throws -> Void) throws -> Int {
    try copyOut(sql) { chunk in try row(PGCopyText.decodeRow(chunk)) }
  }

  /// The result that ends a COPY, checked; any further results are read and dropped.
  func finalResult() throws -> PGResult {
    let result = try checked(PQgetResult(conn), accepting: [PGRES_COMMAND_OK])
    drainResults()
    return result
  }

  func drainResults() {
    while let r = PQgetResult(conn) { PQclear(r) }
  }
}

/// The sending end of `COPY … FROM STDIN`: bytes are buffered and sent in chunks of
/// `chunkSize`, because a `PQputCopyData` per field costs a function call and a buffer check
/// per value of 150,000 × 19. Text rows go through `row(_:)`; binary-format COPY through
/// `PGCopyBinary`'s encoders and `write(_:)`.
public final class PGCopyIn {
  unowned let connection: PGConnection
  var buffer: [UInt8] = []
  public static let chunkSize = 1 << 16

  init(connection: PGConnection) {
    self.connection = connection
    buffer.reserveCapacity(Self.chunkSize + 4096)
  }

  /// Appends raw bytes (binary-format COPY, or pre-encoded text).
  public func write(_ bytes: [UInt8]) throws {
    buffer.append(contentsOf: bytes)
    if buffer.count >= Self.chunkSize { try flush() }
  }

  /// Appends one text-format row: fields escaped, tab-separated, nil as `\N`.
  public func row(_ fields: [String?]) throws {
    PGCopyText.encodeRow(fields, into: &buffer)
    if buffer.count >= Self.chunkSize { try flush() }
  }

  func flush() throws {
    guard !buffer.isEmpty else { return }
    let ok = buffer.withUnsafeBufferPointer { b in
      b.baseAddress!.withMemoryRebound(to: CChar.self, capacity: b.count) {
        PQputCopyData(connection.conn, $0, Int32(b.count))
      }
    }
    guard ok == 1 else { throw connectionError() }
    buffer.removeAll(keepingCapacity: true)
  }

  func connectionError() -> PGError { connection.connectionError() }
}

/// PostgreSQL's text COPY format: fields separated by tabs, rows ended by newlines, NULL as
/// `\N`, and backslash, tab, newline and carriage return escaped with a backslash.
public enum PGCopyText {
  static let backslash = UInt8(ascii: "\\")
  static let tab = UInt8(ascii: "\t")
  static let newline = UInt8(ascii: "\n")

  public static func encodeRow(_ fields: [String?], into out: inout [UInt8]) {
    for (i, field) in fields.enumerated() {
      if i > 0 { out.append(tab) }
      guard let field else {
        out.append(contentsOf: [backslash, UInt8(ascii: "N")])
        continue
      }
      for byte in field.utf8 {
        switch byte {
        case backslash: out.append(contentsOf: [backslash, backslash])
        case tab: out.append(contentsOf: [backslash, UInt8(ascii: "t")])
        case newline: out.append(contentsOf: [backslash, UInt8(ascii: "n")])
        case UInt8(ascii: "\r"): out.append(contentsOf: [backslash, UInt8(ascii: "r")])
        default: out.append(byte)
        }
      }
    }
    out.append(newline)
  }

  /// One row as the server sends it (with or without its trailing newline), fields decoded.
  public static func decodeRow(_ line: UnsafeRawBufferPointer) -> [String?] {
    var bytes = line[...]
    if bytes.last == newline { bytes = bytes.dropLast() }
    return bytes.split(separator: tab, omittingEmptySubsequences: false).map { decodeField($0) }
  }

  static func decodeField(_ raw: Slice<UnsafeRawBufferPointer>) -> String? {
    if raw.count == 2 && raw.first == backslash && raw.last == UInt8(ascii: "N") { return nil }
    guard raw.contains(backslash) else { return String(decoding: raw, as: UTF8.self) }
    var out: [UInt8] = []
    out.reserveCapacity(raw.count)
    var i = raw.startIndex
    while i < raw.endIndex {
      let byte = raw[i]
      i += 1
      guard byte == backslash, i < raw.endIndex else {
        out.append(byte)
        continue
      }
      let escaped = raw[i]
      i += 1
      switch escaped {
      case UInt8(ascii: "t"): out.append(tab)
      case UInt8(ascii: "n"): out.append(newline)
      case UInt8(ascii: "r"): out.append(UInt8(ascii: "\r"))
      case UInt8(ascii: "b"): out.append(8)
      case UInt8(ascii: "f"): out.append(12)
      case UInt8(ascii: "v"): out.append(11)
      default: out.append(escaped)
      }
    }
    return String(decoding: out, as: UTF8.self)
  }
}

/// PostgreSQL's binary COPY format, for loads where parsing text numbers on the server would
/// cost more than sending eight bytes: a signature header, per row a field count and per field
/// a length (-1 for NULL) and the value in the type's binary form (big-endian), then a trailer.
public enum PGCopyBinary {
  public static let header: [UInt8] =
    Array("PGCOPY\n".utf8) + [0xFF, 0x0D, 0x0A, 0x00] + [0, 0, 0, 0] + [0, 0, 0, 0]
  public static let trailer: [UInt8] = [0xFF, 0xFF]

  public static func rowStart(fields: Int, into out: inout [UInt8]) { append(UInt16(fields), &out) }
  public static func null(into out: inout [UInt8]) { append(UInt32.max, &out) }

  /// A `text` value (UTF-8 bytes).
  public static func text(_ value: String, into out: inout [UInt8]) {
    let utf8 = Array(value.utf8)
    append(UInt32(utf8.count), &out)
    out.append(contentsOf: utf8)
  }

  /// A `double precision` value.
  public static func double(_ value: Double, into out: inout [UInt8]) {
    append(UInt32(8), &out)
    append(value.bitPattern, &out)
  }

  /// An `integer` value.
  public static func int32(_ value: Int32, into out: inout [UInt8]) {
    append(UInt32(4), &out)
    append(UInt32(bitPattern: value), &out)
  }

  static func append<T: FixedWidthInteger>(_ value: T, _ out: inout [UInt8]) {
    withUnsafeBytes(of: value.bigEndian) { out.append(contentsOf: $0) }
  }
}
