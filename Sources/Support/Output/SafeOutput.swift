import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// An output that could not be written: the CLI maps it to exit code 1 with the path and the
/// reason (SPEC §3), never a crash and never a half-written file presented as whole.
public struct OutputError: Error, CustomStringConvertible, Sendable {
  public var path: String
  public var reason: String
  public init(path: String, reason: String) {
    self.path = path
    self.reason = reason
  }
  public var description: String { "cannot write \(path): \(reason)" }
}

/// Writes results where a planner asked for them without destroying anything on the way.
///
/// A regular file is written to a temporary file beside it and renamed over the old one only
/// once every byte is on disk, so a full disk or a killed run leaves the old file whole. A
/// device, FIFO or socket (`/dev/null`, a pipe a script made) is written through, as any
/// program would; it is never replaced by a regular file. A symbolic link is refused rather
/// than replaced or followed, and so is any file the run reads (its inputs, the registry):
/// `--out b/cameras.geojson` must not overwrite the cameras being audited.
public enum SafeOutput {
  /// Files a run must not overwrite, compared by device and inode so another path to the same
  /// file (`./b/../b/cameras.geojson`, a hard link) is caught too.
  public struct Protected: Sendable {
    var identities: [(dev: UInt64, ino: UInt64, path: String)] = []

    public init(_ paths: [String] = []) {
      for p in paths { add(p) }
    }

    /// Adds a file (ignored when it does not exist yet: a registry `init` will create it).
    public mutating func add(_ path: String) {
      var st = stat()
      guard stat(path, &st) == 0 else { return }
      identities.append((UInt64(st.st_dev), UInt64(st.st_ino), path))
    }

    /// Adds the files of an audit bundle that camgap reads: every file in `dir` whose name
    /// before the first dot is a layer's (`districts.shp`, `districts.dbf`, `cameras.csv`, …)
    /// and the manifest.
    public mutating func addBundle(_ dir: String) {
      let stems: Set<String> = ["districts", "zones", "cameras", "roads", "buildings", "camgap"]
      guard let names = try? FileManager.default.contentsOfDirectory(atPath: dir) else { return }
      for name in names.sorted() {
        let stem = String(name.split(separator: ".", maxSplits: 1).first ?? "")
        if stems.contains(stem) { add((dir as NSString).appendingPathComponent(name)) }
      }
    }

    /// Adds a registry file with the journal files SQLite keeps beside it.
    public mutating func addRegistry(_ path: String) {
      for suffix in ["", "-wal", "-shm", "-journal"] { add(path + suffix) }
    }

    func input(matching st: stat) -> String? {
      identities.first { $0.dev == UInt64(st.st_dev) && $0.ino == UInt64(st.st_ino) }?.path
    }
  }

  /// Writes `text` to `path` by the rules above.
  public static func write(_ text: String, to path: String, protecting protected: Protected = Protected())
    throws
  {
    var st = stat()
    if lstat(path, &st) != 0 {
      guard errno == ENOENT else { throw OutputError(path: path, reason: reason(errno)) }
      try replaceRegular(path, with: text, mode: nil)
      return
    }
    switch st.st_mode & S_IFMT {
    case S_IFLNK:
      let target = (try? FileManager.default.destinationOfSymbolicLink(atPath: path)) ?? "?"
      throw OutputError(
        path: path,
        reason:
          "is a symbolic link (to \(target)); camgap does not replace or follow links, give the file's own path"
      )
    case S_IFDIR:
      throw OutputError(path: path, reason: "is a directory; give a file name")
    case S_IFREG:
      if let input = protected.input(matching: st) {
        let same = input == path ? "" : " (\(input))"
        throw OutputError(path: path, reason: "is an input of this run\(same); write the result elsewhere")
      }
      try replaceRegular(path, with: text, mode: st.st_mode & 0o7777)
    default:
      try writeThrough(path, text)
    }
  }

  /// Applies `write`'s rules to a file another library writes (GDAL's GeoPackage driver
  /// makes its own temporary file and renames it): a link, a directory, a missing directory,
  /// an input of the run, and a device (a database file cannot be streamed) are refused.
  public static func checkFileTarget(_ path: String, protecting protected: Protected = Protected()) throws {
    var st = stat()
    if lstat(path, &st) != 0 {
      guard errno == ENOENT else { throw OutputError(path: path, reason: reason(errno)) }
      let dir = URL(fileURLWithPath: path).deletingLastPathComponent().path
      var dst = stat()
      guard stat(dir, &dst) == 0, dst.st_mode & S_IFMT == S_IFDIR else {
        throw OutputError(path: path, reason: "no such directory \(dir)")
      }
      return
    }
    switch st.st_mode & S_IFMT {
    case S_IFREG:
      if let input = protected.input(matching: st) {
        let same = input == path ? "" : " (\(input))"
        throw OutputError(path: path, reason: "is an input of this run\(same); write the result elsewhere")
      }
    case S_IFLNK:
      throw OutputError(
        path: path,
        reason: "is a symbolic link; camgap does not replace or follow links, give the file's own path")
    case S_IFDIR:
      throw OutputError(path: path, reason: "is a directory; give a file name")
    default:
      throw OutputError(path: path, reason: "is not a regular file; a GeoPackage is written to a file")
    }
  }

  /// Writes `text` to standard output, reporting a failed write (a full disk, a closed pipe
  /// reader) instead of trapping as `FileHandle.write` does.
  public static func writeStandardOutput(_ text: String) throws {
    try writeAll(fd: 1, text, path: "standard output")
  }

  /// Writes a message to standard error. A failure there has nowhere to be reported, so it
  /// is ignored rather than trapping the process.
  public static func writeStandardError(_ text: String) {
    try? writeAll(fd: 2, text, path: "standard error")
  }

  static func replaceRegular(_ path: String, with text: String, mode: mode_t?) throws {
    let url = URL(fileURLWithPath: path)
    let dir = url.deletingLastPathComponent().path
    var dst = stat()
    guard stat(dir, &dst) == 0, dst.st_mode & S_IFMT == S_IFDIR else {
      throw OutputError(path: path, reason: "no such directory \(dir)")
    }
    var template = Array(
      (dir as NSString).appendingPathComponent(".\(url.lastPathComponent).camgap-XXXXXX").utf8CString)
    let fd = mkstemp(&template)
    guard fd >= 0 else { throw OutputError(path: path, reason: reason(errno)) }
    let temp = String(cString: template)
    do {
      try writeAll(fd: fd, text, path: path)
      // A new file gets the permissions any program's would (umask applied); a replaced one
      // keeps its own, so a 0600 export of sensitive positions stays 0600.
      let m = mode ?? (0o666 & ~currentUmask())
      guard fchmod(fd, m) == 0, fsync(fd) == 0 else { throw OutputError(path: path, reason: reason(errno)) }
      guard close(fd) == 0 else {
        unlink(temp)
        throw OutputError(path: path, reason: reason(errno))
      }
    } catch {
      close(fd)
      unlink(temp)
      throw error
    }
    guard rename(temp, path) == 0 else {
      let e = errno
      unlink(temp)
      throw OutputError(path: path, reason: reason(e))
    }
  }

  static func writeThrough(_ path: String, _ text: String) throws {
    let fd = open(path, O_WRONLY | O_NOCTTY)
    guard fd >= 0 else { throw OutputError(path: path, reason: reason(errno)) }
    defer { close(fd) }
    try writeAll(fd: fd, text, path: path)
  }

  static func writeAll(fd: Int32, _ text: String, path: String) throws {
    var text = text
    try text.withUTF8 { buf in
      var off = 0
      while off < buf.count {
        let n = Glibc.write(fd, buf.baseAddress! + off, buf.count - off)
        if n < 0 {
          if errno == EINTR || errno == EAGAIN { continue }
          throw OutputError(path: path, reason: reason(errno))
        }
        off += n
      }
    }
  }

  static func currentUmask() -> mode_t {
    let m = umask(0o022)
    umask(m)
    return m
  }

  static func reason(_ code: Int32) -> String { String(cString: strerror(code)) }
}
