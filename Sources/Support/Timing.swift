import Foundation

/// Phase timings on stderr when `CAMGAP_TIMING` is set: where an audit spends its time,
/// without a profiler.
public enum Timing {
  public static let enabled = ProcessInfo.processInfo.environment["CAMGAP_TIMING"] != nil
  nonisolated(unsafe) static var last = Date()

  public static func mark(_ phase: String) {
    guard enabled else { return }
    let now = Date()
    FileHandle.standardError.write(
      String(format: "%-28@ %7.3f s\n", phase as NSString, now.timeIntervalSince(last)).data(using: .utf8)!)
    last = now
  }
}
