import Foundation

/// How a program ended and what it wrote.
public struct ProcessResult {
  /// The exit status, or the signal number when `signalled`.
  public var code: Int32
  public var signalled: Bool
  public var stdout: String
  public var stderr: String
}

/// A program started now and finished later, for runs that overlap, get killed or may hang.
/// Both pipes are drained at once (stderr on its own thread), so a chatty child never
/// blocks on a full pipe.
public final class RunningProcess {
  public let process = Process()
  let out = Pipe()
  let err = Pipe()

  /// `env` adds to (or, with nil, removes from) this process's environment.
  public init(_ executable: URL, _ args: [String], env: [String: String?] = [:], cwd: URL? = nil) throws {
    process.executableURL = executable
    process.arguments = args
    var environment = ProcessInfo.processInfo.environment
    for (k, v) in env { environment[k] = v }
    process.environment = environment
    if let cwd { process.currentDirectoryURL = cwd }
    process.standardOutput = out
    process.standardError = err
    try process.run()
  }

  public var pid: Int32 { process.processIdentifier }

  /// Waits for the program to end; with a `timeout`, kills it (SIGKILL) once that many
  /// seconds have passed.
  public func finish(timeout: TimeInterval? = nil) -> ProcessResult {
    if let timeout {
      let pid = pid
      let p = process
      DispatchQueue.global().asyncAfter(deadline: .now() + timeout) { if p.isRunning { kill(pid, SIGKILL) } }
    }
    final class Drained: @unchecked Sendable { var data = Data() }
    let errData = Drained()
    let done = DispatchSemaphore(value: 0)
    let handle = err.fileHandleForReading
    Thread {
      errData.data = handle.readDataToEndOfFile()
      done.signal()
    }.start()
    let o = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    done.wait()
    return ProcessResult(
      code: process.terminationStatus, signalled: process.terminationReason == .uncaughtSignal,
      stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: errData.data, as: UTF8.self))
  }
}

/// Other programs the tests call (sqlite3, ogrinfo, a browser).
public enum Processes {
  /// Runs a program to its end (or kills it after `timeout` seconds).
  public static func run(
    _ executable: URL, _ args: [String], env: [String: String?] = [:], cwd: URL? = nil,
    timeout: TimeInterval? = nil
  ) throws -> ProcessResult {
    try RunningProcess(executable, args, env: env, cwd: cwd).finish(timeout: timeout)
  }

  /// The first executable called `name` on PATH.
  public static func find(_ name: String) -> URL? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    for dir in path.split(separator: ":") {
      let u = URL(fileURLWithPath: String(dir)).appendingPathComponent(name)
      if FileManager.default.isExecutableFile(atPath: u.path) { return u }
    }
    return nil
  }
}
