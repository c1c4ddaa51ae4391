import CGEOS

/// One reentrant GEOS context. GEOS reports errors through a per-context callback, so
/// the context keeps the last message for the throwing wrapper to pick up. A context
/// (and every `Geom` made with it) belongs to one thread at a time: parallel jobs make
/// their own.
public final class GEOSContext {
  public let handle: GEOSContextHandle_t
  fileprivate(set) var lastMessage: String = ""

  public init() {
    guard let h = GEOS_init_r() else { fatalError("GEOS_init_r returned NULL: out of memory") }
    handle = h
    let me = Unmanaged.passUnretained(self).toOpaque()
    GEOSContext_setErrorMessageHandler_r(
      handle,
      { message, userdata in
        guard let userdata, let message else { return }
        let ctx = Unmanaged<GEOSContext>.fromOpaque(userdata).takeUnretainedValue()
        ctx.lastMessage = String(cString: message)
      }, me)
  }

  deinit { GEOS_finish_r(handle) }

  /// The GEOS library version, e.g. "3.11.1-CAPI-1.17.1".
  public static var version: String { String(cString: GEOSversion()) }

  // MARK: checked calls, one per GEOS failure convention

  func error(_ function: String) -> GeometryError {
    let msg = lastMessage.isEmpty ? "unknown error" : lastMessage
    lastMessage = ""
    return .geos(function: function, message: msg)
  }

  /// For functions returning a pointer (NULL on failure).
  func check<T>(_ function: String, _ result: T?) throws -> T {
    guard let result else { throw error(function) }
    return result
  }

  /// For predicates returning `char` (2 on failure).
  func checkBool(_ function: String, _ result: CChar) throws -> Bool {
    if result == 2 { throw error(function) }
    return result == 1
  }

  /// For functions returning `int` status (0 on failure).
  func checkStatus(_ function: String, _ result: Int32) throws {
    if result == 0 { throw error(function) }
  }

  /// For functions returning a count (-1 on failure).
  func checkCount(_ function: String, _ result: Int32) throws -> Int {
    if result < 0 { throw error(function) }
    return Int(result)
  }
}
