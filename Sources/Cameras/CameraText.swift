import Foundation

/// SPEC §1's rules for text read from a camera file, shared by the full reader and the
/// byte decoder so that both read every value alike.
public enum CameraText {
  /// The id as it is compared and stored: Unicode NFC, surrounding white space (including
  /// no-break and ideographic spaces, tabs and line ends) removed. Exports from different
  /// systems write the same device code in NFD or with a trailing space; without this they
  /// would be two cameras, and the registry's own export would be refused as duplicates.
  public static func normalizedID(_ s: String) -> String {
    if isPlainASCII(s.utf8) { return s }
    return s.trimmingCharacters(in: .whitespacesAndNewlines).precomposedStringWithCanonicalMapping
  }

  /// Whether text is printable ASCII with no white space at either end, so that
  /// `normalizedID` returns it unchanged (the case of nearly every device code).
  static func isPlainASCII<C: Collection>(_ bytes: C) -> Bool where C.Element == UInt8 {
    guard let f = bytes.first, f != 0x20 else { return bytes.isEmpty }
    var last: UInt8 = 0
    for b in bytes {
      if b < 0x20 || b >= 0x7F { return false }
      last = b
    }
    return last != 0x20
  }

  /// The first control character (Unicode Cc: U+0000–U+001F, U+007F–U+009F) of the text.
  /// A NUL cut ids short in SQLite and C tools, and an escape sequence or line break in a
  /// name rewrites a planner's terminal; SPEC §1 makes either an error.
  public static func controlCharacter(in s: String) -> Unicode.Scalar? {
    for u in s.utf8 where u < 0x20 || u == 0x7F || u == 0xC2 {
      return s.unicodeScalars.first { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }
    }
    return nil
  }

  /// The message for a control character, naming it by code point.
  public static func controlMessage(_ c: Unicode.Scalar) -> String {
    "holds the control character U+\(String(format: "%04X", c.value)); remove it from the file"
  }

  /// A decimal number as a planner writes it (`12`, `-0.5`, `1e3`). Swift's `Double(_:)` also
  /// reads hexadecimal (`0x10` as 16), `nan` and `inf`, which no export means as a number.
  public static func decimal<S: StringProtocol>(_ s: S) -> Double? {
    guard !s.isEmpty,
      s.utf8.allSatisfy({
        ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2E || $0 == 0x2B || $0 == 0x2D || $0 == 0x65 || $0 == 0x45
      }),
      let d = Double(s), d.isFinite
    else { return nil }
    return d
  }
}
