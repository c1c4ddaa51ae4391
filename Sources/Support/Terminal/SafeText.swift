/// Text read from a user's file (a camera's name, a zone's id, a message quoting either)
/// before it reaches a terminal. Control characters and bidirectional overrides are shown
/// as `\u001b`-style escapes, so a name can never move the cursor, clear the screen, set
/// the window title, start a new line or reorder the columns around it (SPEC §3).
public enum SafeText {
  /// C0 (tab and newline included), DEL and C1, and the bidirectional marks, embeddings,
  /// overrides and isolates: U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069.
  public static func isUnsafe(_ u: Unicode.Scalar) -> Bool {
    switch u.value {
    case 0x00...0x1F, 0x7F...0x9F: return true
    case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: return true
    default: return false
    }
  }

  /// `s` with every unsafe scalar written as `\u` and four lowercase hex digits;
  /// everything else, including the backslash, unchanged.
  public static func visible(_ s: String) -> String {
    if !s.unicodeScalars.contains(where: isUnsafe) { return s }
    return Escaping.escape(s) { isUnsafe($0) ? Escaping.unicodeEscape($0) : nil }
  }
}
