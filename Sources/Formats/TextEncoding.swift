/// What a layer file is when it is not UTF-8 text, told from its first bytes, so that a
/// planner reads "save it as UTF-8" instead of a JSON or CSV syntax error at byte 1.
/// Windows tools save UTF-16 ("Unicode") by default, and bureau exports arrive gzipped.
public enum TextEncoding {
  /// The message for a file that is not UTF-8 text, nil when it may be.
  public static func problem<C: Collection>(_ bytes: C) -> String? where C.Element == UInt8 {
    let b = Array(bytes.prefix(4))
    guard b.count >= 2 else { return nil }
    if b[0] == 0x1F && b[1] == 0x8B { return "file is gzip-compressed; unpack it first" }
    if b.count >= 4 && b[0] == 0x50 && b[1] == 0x4B && b[2] == 0x03 && b[3] == 0x04 {
      return "file is a zip archive; unpack it first"
    }
    if b.count >= 4
      && ((b[0] == 0xFF && b[1] == 0xFE && b[2] == 0 && b[3] == 0) || b[0...3] == [0, 0, 0xFE, 0xFF])
    {
      return "file is UTF-32; save it as UTF-8"
    }
    if (b[0] == 0xFF && b[1] == 0xFE) || (b[0] == 0xFE && b[1] == 0xFF) {
      return "file is UTF-16; save it as UTF-8"
    }
    // Without a byte-order mark, ASCII text in UTF-32 or UTF-16 has NUL in fixed places.
    if b.count >= 4
      && ((b[0] == 0 && b[1] == 0 && b[2] == 0 && b[3] != 0)
        || (b[0] != 0 && b[1] == 0 && b[2] == 0 && b[3] == 0))
    {
      return "file is UTF-32; save it as UTF-8"
    }
    if (b[0] == 0 && b[1] != 0) || (b[0] != 0 && b[1] == 0) { return "file is UTF-16; save it as UTF-8" }
    return nil
  }
}
