import Foundation

/// The web-map library the report's interactive map runs on: Leaflet, as Debian's
/// `libjs-leaflet` installs it. It is read when the report is written and inlined, so the
/// page still opens on a bureau's closed network, and camgap does not carry a copy of its
/// own that would age apart from the system's security updates.
public struct MapLibrary: Sendable {
  public static let defaultDirectory = "/usr/share/javascript/leaflet"
  /// Names another directory holding `leaflet.js` (or `leaflet.min.js`) and `leaflet.css`.
  public static let environmentKey = "CAMGAP_LEAFLET_DIR"

  public var script: String
  public var style: String

  public init(script: String, style: String) {
    self.script = script
    self.style = style
  }

  /// The library is missing or unusable; the CLI exits 1 with this message.
  public struct Missing: Error, CustomStringConvertible {
    public var description: String
  }

  /// Reads Leaflet from `directory`, else `$CAMGAP_LEAFLET_DIR`, else the Debian path.
  public static func load(directory: String? = nil) throws -> MapLibrary {
    let dir =
      directory ?? ProcessInfo.processInfo.environment[environmentKey].flatMap { $0.isEmpty ? nil : $0 }
      ?? defaultDirectory
    func read(_ names: [String]) -> String? {
      for n in names {
        let p = (dir as NSString).appendingPathComponent(n)
        if let text = try? String(contentsOfFile: p, encoding: .utf8) { return text }
      }
      return nil
    }
    let hint =
      "the HTML report inlines Leaflet: install Debian's libjs-leaflet (apt-get install libjs-leaflet) "
      + "or set \(environmentKey) to a directory holding leaflet.js and leaflet.css"
    guard let js = read(["leaflet.min.js", "leaflet.js"]), let css = read(["leaflet.css"]) else {
      throw Missing(description: "\(dir): no leaflet.js and leaflet.css; \(hint)")
    }
    let lib = MapLibrary(script: stripSourceMaps(js), style: offlineStyle(stripSourceMaps(css)))
    // Inlined text must not be able to end its own element.
    for (text, tag) in [(lib.script, "</script"), (lib.style, "</style")]
    where text.range(of: tag, options: .caseInsensitive) != nil || text.contains("<!--") {
      throw Missing(description: "\(dir): the library contains \"\(tag)\" or \"<!--\" and cannot be inlined")
    }
    return lib
  }

  /// Source-map comments would make a browser's developer tools ask for files the page
  /// does not have.
  static func stripSourceMaps(_ text: String) -> String {
    text.split(separator: "\n", omittingEmptySubsequences: false).filter {
      !$0.hasPrefix("//# sourceMappingURL=") && !$0.hasPrefix("/*# sourceMappingURL=")
    }.joined(separator: "\n")
  }

  /// Leaflet's stylesheet points at marker and layer-switcher images and an old IE
  /// behaviour; the report uses neither (circle markers, its own layer panel), and a
  /// reference left in would be a request for a file that is not there.
  static func offlineStyle(_ css: String) -> String {
    var out = ""
    var rest = Substring(css)
    while let r = rest.range(of: "url(") {
      out += rest[..<r.lowerBound]
      guard let close = rest[r.upperBound...].firstIndex(of: ")") else {
        rest = rest[r.lowerBound...]
        break
      }
      out += "none"
      rest = rest[rest.index(after: close)...]
    }
    return out + rest
  }
}
