import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Decodes the Chinese national encodings (GB2312, GBK, GB18030) that video platforms still
/// declare in their GB/T 28181 XML. Foundation on Linux has no GB18030 converter; glibc's
/// iconv has, and GB18030 is a superset of GBK and GB2312, so one converter reads all three.
enum LegacyEncoding {
  /// The text of `bytes` in GB18030, or nil at the first byte sequence that is not.
  static func gb18030(_ bytes: [UInt8]) -> String? {
    guard !bytes.isEmpty else { return "" }
    let cd = iconv_open("UTF-8", "GB18030")
    guard cd != iconv_t(bitPattern: -1) else { return nil }
    defer { iconv_close(cd) }
    var input = bytes
    var output = [UInt8](repeating: 0, count: bytes.count * 2 + 16)
    let produced: Int? = input.withUnsafeMutableBufferPointer { inBuf in
      output.withUnsafeMutableBufferPointer { outBuf in
        var inPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBuf.baseAddress!)
          .assumingMemoryBound(to: CChar.self)
        var outPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBuf.baseAddress!)
          .assumingMemoryBound(to: CChar.self)
        var inLeft = inBuf.count
        var outLeft = outBuf.count
        guard iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft) != -1, inLeft == 0 else { return nil }
        return outBuf.count - outLeft
      }
    }
    guard let produced else { return nil }
    return String(decoding: output[..<produced], as: UTF8.self)
  }
}
