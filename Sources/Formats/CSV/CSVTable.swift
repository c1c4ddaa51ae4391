import Foundation

/// A CSV problem with the physical line it was found on, so `camgap validate` and the importers
/// can point a user at the exact line of a file with 150,000 cameras.
public struct CSVError: Error, Equatable, CustomStringConvertible {
  public var line: Int
  public var message: String

  public var description: String { "line \(line): \(message)" }
}

/// RFC 4180 CSV as bureaus export camera lists (Excel, WPS, GIS tools): CRLF or LF, an optional
/// UTF-8 BOM, quoted fields that may hold commas, quotes and line breaks.
///
/// Unquoted cells are trimmed of spaces and tabs; quoted cells keep their content exactly,
/// line breaks included. Spaces or tabs around a quoted cell are tolerated. Lines that are empty
/// or hold only spaces and tabs are skipped but still counted. A lone CR also ends a line.
public struct CSVTable: Sendable {
  /// Trimmed column names (a UTF-8 BOM before the first is dropped).
  public var header: [String]
  /// Cells exactly as read; every row has as many cells as the header.
  public var rows: [[String]]
  /// Physical 1-based line on which each row starts (the header's line is 1 unless blank lines
  /// precede it).
  public var lineNumbers: [Int]

  /// Parses bytes. Throws CSVError for bytes that are not valid UTF-8, an unterminated quoted
  /// field (on the line it started), a quote inside an unquoted field or text after a closing
  /// quote, a row with more or fewer cells than the header, an empty file, and duplicate
  /// (case-insensitively, since `column(_:)` ignores case) or empty header names.
  public init(bytes: [UInt8]) throws {
    if let problem = TextEncoding.problem(bytes) { throw CSVError(line: 1, message: problem) }
    let parsed = try bytes.withUnsafeBufferPointer { buffer -> CSVParser.Result in
      var start = 0
      if buffer.count >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF {
        start = 3
      }
      if let (line, column, byte) = CSVParser.firstInvalidUTF8(buffer, from: start) {
        throw CSVError(
          line: line,
          message:
            "not valid UTF-8 (byte 0x\(String(byte, radix: 16, uppercase: true)) at byte \(column) of the line); save the file as UTF-8"
        )
      }
      var parser = CSVParser(buffer: buffer, position: start)
      return try parser.parse()
    }
    header = parsed.header
    rows = parsed.rows
    lineNumbers = parsed.lineNumbers
  }

  /// Case-insensitive lookup of a header, so `ID`, `Lon` or `LAT` from a spreadsheet still match.
  public func column(_ name: String) -> Int? {
    let wanted = name.trimmingCharacters(in: .whitespaces).lowercased()
    return header.firstIndex { $0.lowercased() == wanted }
  }
}

/// Works on raw bytes with a single forward pass and no recursion: a bureau's full camera list
/// must load in a fraction of a second.
struct CSVParser {
  struct Result {
    var header: [String]
    var rows: [[String]]
    var lineNumbers: [Int]
  }

  static let comma = UInt8(ascii: ",")
  static let quote = UInt8(ascii: "\"")
  static let cr = UInt8(ascii: "\r")
  static let lf = UInt8(ascii: "\n")
  static let space = UInt8(ascii: " ")
  static let tab = UInt8(ascii: "\t")

  let buffer: UnsafeBufferPointer<UInt8>
  var position: Int
  var line = 1
  /// Reused between cells that need unescaping, to avoid an allocation per doubled quote.
  var scratch: [UInt8] = []

  init(buffer: UnsafeBufferPointer<UInt8>, position: Int) {
    self.buffer = buffer
    self.position = position
  }

  mutating func parse() throws -> Result {
    var header: [String]? = nil
    var headerLine = 1
    var rows: [[String]] = []
    var lineNumbers: [Int] = []
    while position < buffer.count {
      let recordLine = line
      if skipBlankLine() { continue }
      var record: [String] = []
      record.reserveCapacity(header?.count ?? 16)
      try readRecord(into: &record)
      if let columns = header {
        if record.count != columns.count {
          throw CSVError(
            line: recordLine,
            message:
              "row has \(record.count) \(record.count == 1 ? "cell" : "cells"), the header (line \(headerLine)) has \(columns.count)"
          )
        }
        rows.append(record)
        lineNumbers.append(recordLine)
      } else {
        // Quoted names are trimmed too: a stray space must not hide a column from `column(_:)`.
        let names = record.map { $0.trimmingCharacters(in: .whitespaces) }
        try Self.checkHeader(names, line: recordLine)
        header = names
        headerLine = recordLine
      }
    }
    guard let header else {
      throw CSVError(line: 1, message: "the file is empty: a header line with column names is required")
    }
    return Result(header: header, rows: rows, lineNumbers: lineNumbers)
  }

  static func checkHeader(_ names: [String], line: Int) throws {
    var seen: [String: Int] = [:]
    for (index, name) in names.enumerated() {
      if name.isEmpty {
        throw CSVError(line: line, message: "header column \(index + 1) has no name")
      }
      let key = name.lowercased()
      if let first = seen[key] {
        throw CSVError(
          line: line,
          message: "header column \(index + 1) \"\(name)\" repeats column \(first + 1) \"\(names[first])\"")
      }
      seen[key] = index
    }
  }

  /// Consumes a line made only of spaces and tabs, with its line break, and counts it.
  mutating func skipBlankLine() -> Bool {
    var index = position
    while index < buffer.count, buffer[index] == Self.space || buffer[index] == Self.tab {
      index += 1
    }
    if index == buffer.count {
      position = index
      return true
    }
    let byte = buffer[index]
    guard byte == Self.lf || byte == Self.cr else { return false }
    position = index
    consumeLineBreak()
    return true
  }

  /// At a CR or LF: steps over CRLF, LF or a lone CR and counts one line.
  mutating func consumeLineBreak() {
    if buffer[position] == Self.cr && position + 1 < buffer.count && buffer[position + 1] == Self.lf {
      position += 2
    } else {
      position += 1
    }
    line += 1
  }

  /// Reads cells up to and including the record's line break (or the end of the bytes).
  mutating func readRecord(into record: inout [String]) throws {
    while true {
      // Leading blanks of a cell.
      while position < buffer.count, buffer[position] == Self.space || buffer[position] == Self.tab {
        position += 1
      }
      if position < buffer.count && buffer[position] == Self.quote {
        record.append(try readQuotedCell())
      } else {
        record.append(try readUnquotedCell())
      }
      // After a cell: a comma, a line break or the end.
      if position >= buffer.count { return }
      let byte = buffer[position]
      if byte == Self.comma {
        position += 1
        continue
      }
      consumeLineBreak()
      return
    }
  }

  /// Stops at a comma, a line break or the end; the position is left there.
  mutating func readUnquotedCell() throws -> String {
    let start = position
    var end = position
    let count = buffer.count
    while position < count {
      let byte = buffer[position]
      // Every byte with a meaning here sorts at or below the comma; ordinary text skips the tests.
      if byte > Self.comma {
        position += 1
        end = position
        continue
      }
      if byte == Self.comma || byte == Self.lf || byte == Self.cr { break }
      if byte == Self.quote {
        throw CSVError(
          line: line,
          message:
            "a quote inside an unquoted cell (\(excerpt(from: start, stopAtComma: true))); quote the whole cell and double the quote"
        )
      }
      position += 1
      if byte != Self.space && byte != Self.tab { end = position }
    }
    return string(start, end)
  }

  /// Enters on the opening quote; leaves the position on the comma, line break or end after the
  /// closing quote and any trailing blanks.
  mutating func readQuotedCell() throws -> String {
    let startLine = line
    position += 1
    let contentStart = position
    var runStart = position
    var unescaped = false
    scratch.removeAll(keepingCapacity: true)
    while true {
      guard position < buffer.count else {
        throw CSVError(line: startLine, message: "a quoted cell opened on this line is never closed")
      }
      let byte = buffer[position]
      if byte > Self.quote {
        position += 1
        continue
      }
      if byte == Self.quote {
        if position + 1 < buffer.count && buffer[position + 1] == Self.quote {
          // A doubled quote stands for one quote character.
          scratch.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[runStart...position]))
          unescaped = true
          position += 2
          runStart = position
          continue
        }
        break
      }
      if byte == Self.lf {
        line += 1
      } else if byte == Self.cr && !(position + 1 < buffer.count && buffer[position + 1] == Self.lf) {
        line += 1
      }
      position += 1
    }
    let contentEnd = position
    position += 1  // closing quote
    while position < buffer.count, buffer[position] == Self.space || buffer[position] == Self.tab {
      position += 1
    }
    if position < buffer.count {
      let byte = buffer[position]
      if byte != Self.comma && byte != Self.lf && byte != Self.cr {
        throw CSVError(
          line: line,
          message:
            "text after the closing quote of a quoted cell (\(excerpt(from: line == startLine ? contentStart - 1 : contentEnd, stopAtComma: false)))"
        )
      }
    }
    if !unescaped { return CSVWriter.undefused(string(contentStart, contentEnd)) }
    scratch.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[runStart..<contentEnd]))
    return CSVWriter.undefused(scratch.withUnsafeBufferPointer { String(decoding: $0, as: UTF8.self) })
  }

  func string(_ start: Int, _ end: Int) -> String {
    if start == end { return "" }
    return String(decoding: UnsafeBufferPointer(rebasing: buffer[start..<end]), as: UTF8.self)
  }

  /// The start of the offending cell up to the line's end, shortened, to show in a message.
  func excerpt(from start: Int, stopAtComma: Bool) -> String {
    var end = start
    while end < buffer.count && end - start < 40 {
      let byte = buffer[end]
      if byte == Self.lf || byte == Self.cr || (stopAtComma && byte == Self.comma) { break }
      end += 1
    }
    // Never cut a character in half.
    while end > start && end < buffer.count && buffer[end] & 0xC0 == 0x80 { end -= 1 }
    let text = string(start, end)
    return end - start >= 40 ? text + "…" : text
  }

  /// Finds the first byte sequence that is not UTF-8 and reports its line (counted like the
  /// parser counts) and its 1-based byte position within that line. Lines are only counted once
  /// a bad byte is found: almost every file is valid and this pass runs over all of it.
  static func firstInvalidUTF8(_ buffer: UnsafeBufferPointer<UInt8>, from start: Int) -> (
    line: Int, column: Int, byte: UInt8
  )? {
    guard let bad = firstInvalidUTF8Index(buffer, from: start) else { return nil }
    var line = 1
    var lineStart = start
    var index = start
    while index < bad {
      let byte = buffer[index]
      if byte == lf || (byte == cr && !(index + 1 < buffer.count && buffer[index + 1] == lf)) {
        line += 1
        lineStart = index + 1
      }
      index += 1
    }
    return (line, bad - lineStart + 1, buffer[bad])
  }

  static func firstInvalidUTF8Index(_ buffer: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
    guard let base = buffer.baseAddress else { return nil }
    let raw = UnsafeRawPointer(base)
    let count = buffer.count
    var index = start
    while index < count {
      // Eight ASCII bytes at a time: the bulk of a camera list is digits and Latin letters.
      if index + 8 <= count
        && raw.loadUnaligned(fromByteOffset: index, as: UInt64.self) & 0x8080_8080_8080_8080 == 0
      {
        index += 8
        continue
      }
      let byte = buffer[index]
      if byte < 0x80 {
        index += 1
        continue
      }
      let length: Int
      var lower: UInt8 = 0x80
      var upper: UInt8 = 0xBF
      switch byte {
      case 0xC2...0xDF: length = 2
      case 0xE0:
        length = 3
        lower = 0xA0  // overlong
      case 0xE1...0xEC, 0xEE...0xEF: length = 3
      case 0xED:
        length = 3
        upper = 0x9F  // UTF-16 surrogates
      case 0xF0:
        length = 4
        lower = 0x90  // overlong
      case 0xF1...0xF3: length = 4
      case 0xF4:
        length = 4
        upper = 0x8F  // beyond U+10FFFF
      default:
        return index
      }
      guard index + length <= count else { return index }
      let second = buffer[index + 1]
      guard second >= lower && second <= upper else { return index }
      var continuation = 2
      while continuation < length {
        let next = buffer[index + continuation]
        guard next >= 0x80 && next <= 0xBF else { return index }
        continuation += 1
      }
      index += length
    }
    return nil
  }
}
