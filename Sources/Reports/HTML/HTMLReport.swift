import Audit
import Foundation
import Geometry
import Support

/// `camgap audit --format html`: one self-contained page for planners and their leadership
/// — headline figures in the terms a bureau reports (覆盖率, 完好率, 圈层查控), a map to
/// move around, sortable tables whose rows fly the map to what they name, and a zone
/// atlas to print. Nothing is fetched: Leaflet (read from the system at report time), the
/// map's data, CSS and script are inline, so the file can be mailed or opened on an
/// isolated network; only a basemap asked for with `--tiles` comes from a server. The same
/// audit gives the same bytes (no clock, no random ids).
public enum HTMLReport {
  public struct Options: Sendable {
    /// The `--on` date, shown in the heading.
    public var on: String?
    /// `--district-target`: the coverage each district should reach; without it the
    /// district card and shading carry no pass or fail.
    public var districtTarget: Double?
    /// `--tiles`: an XYZ tile URL template for a basemap, and its attribution.
    public var tiles: String?
    public var tilesAttribution: String?
    /// Up to this many cameras every footprint is on the map; above, those near zones.
    public var footprintsEverywhere = 20_000
    /// Bytes the footprints layer may take; it is simplified, then cut, to fit.
    public var footprintBudget = 6_000_000
    /// Bytes the gaps layer may take (districts and zones a quarter each); they are
    /// simplified until they fit.
    public var shapeBudget = 4_000_000
    /// Zones in the printed atlas, furthest below target first.
    public var maxAtlasPages = 500
    /// Zoom from which footprints replace density cells when not every camera has one.
    public var footprintZoom = 15
    /// Above this many roads, uncovered stretches and buildings, they appear from
    /// `contextZoom` on.
    public var contextLimit = 5000
    public var contextZoom = 13
    public var maxGapRows = 100
    public var maxEntryRows = 200
    public var maxWarnings = 100
    /// Table rows on one atlas page (gaps, planned cameras, then the cameras there).
    public var maxAtlasRows = 26
    /// Leaflet; read from the system (`MapLibrary.load`) when nil.
    public var library: MapLibrary?

    public init() {}
  }

  static let kindNames: [String: String] = [
    "town-renovation": "小城镇整治", "demolition": "城区拆迁", "road-construction": "道路施工",
    "key-site": "重点场所", "residential": "智安小区", "other": "其他", "district": "辖区",
  ]
  static let classNames = [1: "一类 class 1", 2: "二类 class 2", 3: "三类 class 3"]

  static func kind(_ k: String) -> String {
    let zh = kindNames[k].map { " " + $0 } ?? ""
    return HTMLText.escape(k) + zh
  }

  /// Throws `MapLibrary.Missing` when Leaflet is not installed.
  public static func render(
    _ r: AuditResult, context: MapContext = MapContext(), options: Options = Options()
  )
    throws -> String
  {
    let library = try options.library ?? MapLibrary.load()
    let data = MapData(r, context: context, options: options)
    Timing.mark("report: map data")
    let districtNames = Dictionary(r.districts.map { ($0.code, $0.name) }, uniquingKeysWith: { a, _ in a })
    let roadNames = context.roadNames
    let pages = ZoneAtlas.pages(r, context: context, limit: options.maxAtlasPages)
    Timing.mark("report: atlas pages")
    var h = "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
    h += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
    h += "<meta name=\"generator\" content=\"camgap\">\n"
    h += "<title>camgap coverage audit — \(HTMLText.escape(title(r)))</title>\n"
    h += "<style>\n\(library.style)\n</style>\n<style>\n\(ReportStyle.css)</style>\n</head>\n<body>\n"

    h += "<header>\n<h1>Video coverage audit <span class=\"zh\">视频监控覆盖审计</span></h1>\n"
    h += "<p class=\"meta\">\(HTMLText.escape(title(r))) · \(HTMLText.escape(r.crs))"
    if let on = options.on { h += " · as of \(HTMLText.escape(on))" }
    h += "</p>\n</header>\n"

    h += figures(r, districtTarget: options.districtTarget)
    h += mapSection(r, data: data, context: context, options: options, atlasPages: pages.count)

    h += zonesTable(r, districtNames: districtNames)
    h += gapsTable(r, districtNames: districtNames, limit: options.maxGapRows)
    h += districtsTable(r, target: options.districtTarget)
    h += classesTable(r)
    h += entriesTable(r, districtNames: districtNames, roadNames: roadNames, limit: options.maxEntryRows)
    if !r.warnings.isEmpty {
      h +=
        "<section class=\"screen\">\n<h2>Warnings <span class=\"count\">\(r.warnings.count)</span></h2>\n<ul class=\"warnings\">\n"
      for w in r.warnings.prefix(options.maxWarnings) { h += "<li>\(HTMLText.escape(w))</li>\n" }
      if r.warnings.count > options.maxWarnings {
        h += "<li>… \(r.warnings.count - options.maxWarnings) more in <code>--format json</code></li>\n"
      }
      h += "</ul>\n</section>\n"
    }
    h += ZoneAtlas.render(
      pages, r, context: context, districtNames: districtNames, maxRows: options.maxAtlasRows)
    h += "<footer>camgap · areas and lengths measured in the metric plane \(HTMLText.escape(r.crs)); "
    h += "the map is drawn in Web Mercator from WGS84, simplified to half a metre for display — use "
    h += "<code>--format geojson</code> for exact geometry.</footer>\n"
    h += "<script type=\"application/json\" id=\"camgap-data\">\(data.json)</script>\n"
    for (name, json) in data.details {
      h += "<script type=\"application/json\" id=\"camgap-\(name)\">\(json)</script>\n"
    }
    h += "<script>\n\(library.script)\n</script>\n"
    h += "<script>\n\(MapScript.source)</script>\n</body>\n</html>\n"
    return h
  }

  static func title(_ r: AuditResult) -> String {
    guard let first = r.districts.first else { return "no districts" }
    let name = first.name.isEmpty ? first.code : first.name
    return r.districts.count == 1 ? name : "\(name) and \(r.districts.count - 1) more districts"
  }

  /// A card is red when its figure misses its target, green when it meets it, and plain
  /// when there is no target to meet (a count, or districts without `--district-target`).
  enum Verdict: String {
    case pass, fail, plain
    init(meets: Bool) { self = meets ? .pass : .fail }
  }

  static func card(_ label: String, _ value: String, _ sub: String, _ verdict: Verdict = .plain) -> String {
    "<div class=\"card \(verdict.rawValue)\"><div class=\"label\">\(label)</div><div class=\"value\">\(value)</div>"
      + "<div class=\"sub\">\(sub)</div></div>\n"
  }

  static func figures(_ r: AuditResult, districtTarget: Double?) -> String {
    let s = r.summary
    var h = "<section class=\"figures\">\n"
    var camSub = "\(HTMLText.int(s.activeCameras)) active"
    if s.defaultRangeCameras > 0 { camSub += ", \(HTMLText.int(s.defaultRangeCameras)) on default range" }
    if s.unknownHeading > 0 { camSub += ", \(HTMLText.int(s.unknownHeading)) without heading" }
    h += card("Cameras 摄像机", HTMLText.int(s.cameras), camSub)
    h += card(
      "Working rate 完好率", HTMLText.pct(s.workingRate), "target ≥ 98%", Verdict(meets: s.workingRate >= 0.98))
    var sub = "\(HTMLText.area(s.covered)) of \(HTMLText.area(s.districtArea))"
    var verdict = Verdict.plain
    if let t = districtTarget {
      sub += "; target ≥ \(HTMLText.pct(t, decimals: 0))"
      verdict = Verdict(meets: s.coverage >= t)
    } else {
      sub += "; no target set"
    }
    h += card("District coverage 覆盖率", HTMLText.pct(s.coverage), sub, verdict)
    if s.zones > 0 {
      h += card(
        "Zones below target", "\(HTMLText.int(s.zonesBelowTarget)) / \(HTMLText.int(s.zones))",
        "zones \(HTMLText.pct(s.zoneCoverage)) covered", Verdict(meets: s.zonesBelowTarget == 0))
    }
    h += card("Gaps 盲区", HTMLText.int(s.gaps), HTMLText.area(s.gapArea))
    if s.roadLength > 0 {
      h += card(
        "Roads covered", HTMLText.pct(s.roadCovered / s.roadLength),
        "\(HTMLText.length(s.roadCovered)) of \(HTMLText.length(s.roadLength))")
    }
    if s.entries > 0 {
      h += card(
        "Entry points 圈层查控", "\(HTMLText.int(s.entriesCovered)) / \(HTMLText.int(s.entries))",
        "covered; target all", Verdict(meets: s.entriesCovered == s.entries))
    }
    h += "</section>\n"
    return h
  }

  /// A table whose columns sort on click; numeric cells carry their value in `data-v`. A
  /// row may name a map feature (`data-gap="3"`): clicking it flies the map there.
  struct Table {
    var columns: [(title: String, numeric: Bool)]
    var rows: [[(text: String, key: String?)]] = []
    /// Per row, an attribute of camgap's own (`data-zone="0"`), or "".
    var rowAttributes: [String] = []

    func render(caption: String) -> String {
      var h =
        "<div class=\"tablewrap\"><table class=\"sortable\">\n<caption>\(caption)</caption>\n<thead><tr>"
      for c in columns { h += c.numeric ? "<th class=\"num\">\(c.title)</th>" : "<th>\(c.title)</th>" }
      h += "</tr></thead>\n<tbody>\n"
      for (k, row) in rows.enumerated() {
        let attr = k < rowAttributes.count ? rowAttributes[k] : ""
        h += attr.isEmpty ? "<tr>" : "<tr class=\"fly\" \(attr) tabindex=\"0\">"
        for (i, cell) in row.enumerated() {
          let cls = columns[i].numeric ? " class=\"num\"" : ""
          let key = cell.key.map { " data-v=\"\($0)\"" } ?? ""
          h += "<td\(cls)\(key)>\(cell.text)</td>"
        }
        h += "</tr>\n"
      }
      h += "</tbody>\n</table></div>\n"
      return h
    }
  }

  static func num(_ text: String, _ v: Double) -> (text: String, key: String?) { (text, HTMLText.key(v)) }
  static func txt(_ s: String) -> (text: String, key: String?) { (HTMLText.escape(s), nil) }

  static func zonesTable(_ r: AuditResult, districtNames: [String: String]) -> String {
    guard !r.zones.isEmpty else { return "" }
    var t = Table(columns: [
      ("Zone", false), ("Name", false), ("Kind", false), ("Districts", false), ("Area", true),
      ("Coverage", true),
      ("Target", true), ("Shortfall", true), ("Meets", false), ("Gaps", true), ("Gap area", true),
    ])
    let order = r.zones.indices.sorted {
      let a = r.zones[$0].target - r.zones[$0].coverage
      let b = r.zones[$1].target - r.zones[$1].coverage
      return a != b ? a > b : r.zones[$0].id < r.zones[$1].id
    }
    for zi in order {
      let z = r.zones[zi]
      let short = z.target - z.coverage
      let names = z.districts.map { code in districtNames[code].map { $0.isEmpty ? code : $0 } ?? code }
      t.rowAttributes.append("data-zone=\"\(zi)\"")
      t.rows.append([
        txt(z.id), txt(z.name), (kind(z.kind), nil), txt(names.joined(separator: ", ")),
        num(HTMLText.area(z.area), z.area), num(HTMLText.pct(z.coverage), z.coverage),
        num(HTMLText.pct(z.target, decimals: 0), z.target),
        num(short > 0 ? String(format: "%.1f pp", short * 100) : "–", short),
        (z.meetsTarget ? "<span class=\"ok\">yes</span>" : "<span class=\"no\">no</span>", nil),
        num(HTMLText.int(z.gapCount), Double(z.gapCount)), num(HTMLText.area(z.gapArea), z.gapArea),
      ])
    }
    return "<section>\n<h2>Zones by shortfall</h2>\n"
      + t.render(
        caption:
          "\(r.summary.zonesBelowTarget) of \(r.zones.count) zones below target; click a heading to sort, a row to see it on the map"
      )
      + "</section>\n"
  }

  static func gapsTable(_ r: AuditResult, districtNames: [String: String], limit: Int) -> String {
    guard !r.gaps.isEmpty else { return "" }
    var t = Table(columns: [
      ("Gap", false), ("Zone", false), ("Kind", false), ("District", false), ("Area", true),
      ("Longitude", true),
      ("Latitude", true),
    ])
    let zoneNames = Dictionary(r.zones.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
    for (i, g) in r.gaps.prefix(limit).enumerated() {
      let d = districtNames[g.district].map { $0.isEmpty ? g.district : $0 } ?? g.district
      let zone = MapData.name(g.zone, in: zoneNames)
      t.rowAttributes.append("data-gap=\"\(i)\"")
      t.rows.append([
        txt(g.id), txt(zone), (kind(g.kind), nil), txt(d), num(HTMLText.area(g.area), g.area),
        num(String(format: "%.6f", g.centroid.x), g.centroid.x),
        num(String(format: "%.6f", g.centroid.y), g.centroid.y),
      ])
    }
    let cap =
      r.gaps.count > limit
      ? "the \(limit) largest of \(HTMLText.int(r.gaps.count)) gaps"
      : r.gaps.count == 1 ? "1 gap" : "\(r.gaps.count) gaps"
    return "<section>\n<h2>Largest gaps</h2>\n"
      + t.render(caption: cap + "; centroids WGS84; click a row to see the gap on the map")
      + "</section>\n"
  }

  static func districtsTable(_ r: AuditResult, target: Double?) -> String {
    var t = Table(columns: [
      ("Code", false), ("Name", false), ("Area", true), ("Covered", true), ("Coverage", true),
      ("Cameras", true),
    ])
    for (i, d) in r.districts.enumerated() {
      t.rowAttributes.append("data-district=\"\(i)\"")
      t.rows.append([
        txt(d.code), txt(d.name), num(HTMLText.area(d.area), d.area),
        num(HTMLText.area(d.covered), d.covered),
        num(HTMLText.pct(d.coverage), d.coverage), num(HTMLText.int(d.cameras), Double(d.cameras)),
      ])
    }
    let cap =
      "cameras: active cameras standing inside"
      + (target.map { "; target \(HTMLText.pct($0, decimals: 0))" } ?? "; no district target set")
    return "<section>\n<h2>Districts</h2>\n" + t.render(caption: cap)
      + "</section>\n"
  }

  static func classesTable(_ r: AuditResult) -> String {
    guard r.classes.contains(where: { $0.cameras > 0 }) else { return "" }
    var t = Table(columns: [
      ("Class", false), ("Cameras", true), ("Active", true), ("Covers", true), ("Of districts", true),
    ])
    for c in r.classes {
      let share = r.summary.districtArea > 0 ? c.covered / r.summary.districtArea : 0
      t.rows.append([
        (classNames[c.cameraClass] ?? "class \(c.cameraClass)", nil),
        num(HTMLText.int(c.cameras), Double(c.cameras)),
        num(HTMLText.int(c.active), Double(c.active)), num(HTMLText.area(c.covered), c.covered),
        num(HTMLText.pct(share, decimals: 2), share),
      ])
    }
    return "<section>\n<h2>Camera classes <span class=\"zh\">一类 / 二类 / 三类点位</span></h2>\n"
      + t.render(caption: "district area covered by each class's active cameras alone") + "</section>\n"
  }

  static func entriesTable(
    _ r: AuditResult, districtNames: [String: String], roadNames: [String: String], limit: Int
  ) -> String {
    guard !r.entries.isEmpty else { return "" }
    var t = Table(columns: [
      ("District", false), ("Road", false), ("Longitude", true), ("Latitude", true), ("Covered", false),
    ])
    let sorted = r.entries.enumerated().sorted { a, b in
      a.element.covered != b.element.covered ? !a.element.covered : a.offset < b.offset
    }
    for (i, e) in sorted.prefix(limit) {
      let d = districtNames[e.district].map { $0.isEmpty ? e.district : $0 } ?? e.district
      t.rowAttributes.append("data-entry=\"\(i)\"")
      t.rows.append([
        txt(d), txt(roadNames[e.road] ?? e.road), num(String(format: "%.6f", e.point.x), e.point.x),
        num(String(format: "%.6f", e.point.y), e.point.y),
        (e.covered ? "<span class=\"ok\">yes</span>" : "<span class=\"no\">no</span>", nil),
      ])
    }
    let s = r.summary
    var cap = "\(s.entriesCovered) of \(s.entries) road crossings of district boundaries covered"
    if r.entries.count > limit { cap += "; the first \(limit) shown, uncovered first" }
    return "<section>\n<h2>Entry points <span class=\"zh\">圈层查控</span></h2>\n" + t.render(caption: cap)
      + "</section>\n"
  }
}
