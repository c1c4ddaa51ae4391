/// How many terminal columns a string takes, so that tables of Chinese district and zone
/// names line up: East Asian Wide and Fullwidth characters (CJK ideographs, kana, Hangul,
/// fullwidth forms, most emoji) take two, combining marks and format characters none,
/// everything else one. Counting `Character`s instead puts a column of 试验街道 four
/// columns short.
public enum DisplayWidth {
  /// Wide and Fullwidth blocks of Unicode's EastAsianWidth.txt, merged where adjacent,
  /// in ascending order. The scattered wide symbols of U+2300–U+2BFF (watch, hourglass,
  /// zodiac…) are not listed: they are exactly the ones drawn as emoji by default, which
  /// `Unicode.Scalar.Properties.isEmojiPresentation` knows.
  static let wide: [ClosedRange<UInt32>] = [
    0x1100...0x115F, 0x2329...0x232A, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF,
    0x4E00...0x9FFF, 0xA000...0xA4CF, 0xA960...0xA97F, 0xAC00...0xD7A3, 0xF900...0xFAFF,
    0xFE10...0xFE19, 0xFE30...0xFE6F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x16FE0...0x16FE4,
    0x17000...0x18CFF, 0x1B000...0x1B2FF, 0x1F004...0x1F004, 0x1F0CF...0x1F0CF, 0x1F18E...0x1F18E,
    0x1F191...0x1F19A, 0x1F200...0x1F251, 0x1F300...0x1F64F, 0x1F680...0x1F6FF, 0x1F900...0x1F9FF,
    0x20000...0x2FFFD, 0x30000...0x3FFFD,
  ]

  /// Columns of one scalar: 0, 1 or 2.
  public static func of(_ u: Unicode.Scalar) -> Int {
    let v = u.value
    if v < 0x300 { return 1 }
    switch u.properties.generalCategory {
    case .nonspacingMark, .enclosingMark, .format: return 0
    default: break
    }
    if (0x1160...0x11FF).contains(v) { return 0 }  // Hangul vowels and finals join the syllable
    if (0x2300..<0x2C00).contains(v) && u.properties.isEmojiPresentation { return 2 }
    var lo = 0
    var hi = wide.count
    while lo < hi {
      let mid = (lo + hi) / 2
      if wide[mid].upperBound < v { lo = mid + 1 } else { hi = mid }
    }
    return lo < wide.count && wide[lo].contains(v) ? 2 : 1
  }

  /// Columns of `s` as a terminal draws it; `s` is expected to have passed through
  /// `SafeText.visible`, since a control character has no width of its own.
  public static func of(_ s: String) -> Int {
    s.unicodeScalars.reduce(0) { $0 + of($1) }
  }
}
