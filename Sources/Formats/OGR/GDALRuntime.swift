import CGDAL
import Foundation
import Support

/// GDAL's process-wide state: drivers registered once, and an error handler installed
/// before anything else runs, so that GDAL never writes to stderr by itself — camgap's
/// stderr carries only its own messages (and stdout only the result).
enum GDALRuntime {
  private static let setup: Void = {
    CPLSetErrorHandler(silentHandler)
    GDALAllRegister()
  }()

  /// Registers the drivers and the handler; cheap after the first call, safe from any
  /// thread (a Swift static is initialised exactly once).
  static func prepare() { _ = setup }

  /// Runs `body` with this thread's GDAL messages collected: warnings come back for the
  /// caller to pass on, and the last failure's text is at hand for the thrown error.
  static func capturing<T>(_ body: (ErrorLog) throws -> T) rethrows -> T {
    prepare()
    let log = ErrorLog()
    let box = Unmanaged.passRetained(log)
    CPLPushErrorHandlerEx(collectingHandler, box.toOpaque())
    CPLErrorReset()
    defer {
      CPLPopErrorHandler()
      box.release()
    }
    return try body(log)
  }

  /// GDAL's text for the last failure on this thread, or `fallback` when it gave none.
  static func lastError(_ fallback: String) -> String {
    guard let p = CPLGetLastErrorMsg() else { return fallback }
    let s = String(cString: p).trimmingCharacters(in: .whitespacesAndNewlines)
    return s.isEmpty ? fallback : s
  }
}

/// What GDAL said on one thread while a file was read or written.
final class ErrorLog: @unchecked Sendable {
  var warnings: [String] = []
  var failures: [String] = []

  /// The most recent failure, else GDAL's last message, else `fallback`.
  func failure(_ fallback: String) -> String {
    failures.last ?? GDALRuntime.lastError(fallback)
  }
}

private let silentHandler: CPLErrorHandler = { _, _, _ in }

private let collectingHandler: CPLErrorHandler = { cls, _, message in
  guard let user = CPLGetErrorHandlerUserData() else { return }
  let log = Unmanaged<ErrorLog>.fromOpaque(user).takeUnretainedValue()
  let text = message.map { String(cString: $0) } ?? ""
  switch cls {
  case CE_Warning: log.warnings.append(text)
  case CE_Failure, CE_Fatal: log.failures.append(text)
  default: break
  }
}
