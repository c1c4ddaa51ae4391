import Audit
import Foundation
import Geometry

/// `camgap audit --format html`: one self-contained page for planners and their leadership
/// — headline figures in the terms a bureau reports (覆盖率, 完好率, 圈层查控), a map, and
/// sortable tables. Nothing is fetched: CSS, SVG and a few lines of JavaScript (table
/// sorting only) are inline, so the file can be mailed or opened on an isolated network.
/// The same audit gives the same bytes (no clock, no random ids).
public enum HTMLReport {
  public struct Options: Sendable {
    /// The `--on` date, shown in the heading.
    public var on: String?
    /// Above this many cameras with a footprint, the map shows density cells instead of
    /// one wedge per camera.
    public var wedgeLimit = 5000
    /// Bytes the map may take; layers are simplified until they fit.
    public var mapBudget = 8_000_000
    public var maxGapRows = 100
    public var maxEntryRows = 200
    public var maxWarnings = 100

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

  public static func render(_ r: AuditResult, options: Options = Options()) -> String {
    let map = SVGMap(r, wedgeLimit: options.wedgeLimit, budget: options.mapBudget)
    let districtNames = Dictionary(r.districts.map { ($0.code, $0.name) }, uniquingKeysWith: { a, _ in a })
    var h = "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
    h += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
    h += "<meta name=\"generator\" content=\"camgap\">\n"
    h += "<title>camgap coverage audit — \(HTMLText.escape(title(r)))</title>\n"
    h += "<style>\n\(css)</style>\n</head>\n<body>\n"

    h += "<header>\n<h1>Video coverage audit <span class=\"zh\">视频监控覆盖审计</span></h1>\n"
    h += "<p class=\"meta\">\(HTMLText.escape(title(r))) · \(HTMLText.escape(r.crs))"
    if let on = options.on { h += " · as of \(HTMLText.escape(on))" }
    h += "</p>\n</header>\n"

    h += figures(r)

    h += "<section class=\"mapwrap\">\n<div class=\"mapbox\">\n\(map.svg)</div>\n"
    h += legend(r, map: map)
    h += "</section>\n"

    h += zonesTable(r, districtNames: districtNames)
    h += gapsTable(r, districtNames: districtNames, limit: options.maxGapRows)
    h += districtsTable(r)
    h += classesTable(r)
    h += entriesTable(r, districtNames: districtNames, limit: options.maxEntryRows)
    if !r.warnings.isEmpty {
      h +=
        "<section>\n<h2>Warnings <span class=\"count\">\(r.warnings.count)</span></h2>\n<ul class=\"warnings\">\n"
      for w in r.warnings.prefix(options.maxWarnings) { h += "<li>\(HTMLText.escape(w))</li>\n" }
      if r.warnings.count > options.maxWarnings {
        h += "<li>… \(r.warnings.count - options.maxWarnings) more in <code>--format json</code></li>\n"
      }
      h += "</ul>\n</section>\n"
    }
    h +=
      "<footer>camgap · areas in the metric plane \(HTMLText.escape(r.crs)); map in a local equirectangular "
    h += "projection (longitude scaled by cos latitude), simplified for display — use "
    h += "<code>--format geojson</code> for exact geometry.</footer>\n"
    h += "<script>\n\(script)</script>\n</body>\n</html>\n"
    return h
  }

  static func title(_ r: AuditResult) -> String {
    guard let first = r.districts.first else { return "no districts" }
    let name = first.name.isEmpty ? first.code : first.name
    return r.districts.count == 1 ? name : "\(name) and \(r.districts.count - 1) more districts"
  }

  static func card(_ label: String, _ value: String, _ sub: String, bad: Bool = false) -> String {
    "<div class=\"card\(bad ? " bad" : "")\"><div class=\"label\">\(label)</div><div class=\"value\">\(value)</div>"
      + "<div class=\"sub\">\(sub)</div></div>\n"
  }

  static func figures(_ r: AuditResult) -> String {
    let s = r.summary
    var h = "<section class=\"figures\">\n"
    var camSub = "\(HTMLText.int(s.activeCameras)) active"
    if s.defaultRangeCameras > 0 { camSub += ", \(HTMLText.int(s.defaultRangeCameras)) on default range" }
    if s.unknownHeading > 0 { camSub += ", \(HTMLText.int(s.unknownHeading)) without heading" }
    h += card("Cameras 摄像机", HTMLText.int(s.cameras), camSub)
    h += card("Working rate 完好率", HTMLText.pct(s.workingRate), "target ≥ 98%", bad: s.workingRate < 0.98)
    h += card(
      "District coverage 覆盖率", HTMLText.pct(s.coverage),
      "\(HTMLText.area(s.covered)) of \(HTMLText.area(s.districtArea))")
    if s.zones > 0 {
      h += card(
        "Zones below target", "\(HTMLText.int(s.zonesBelowTarget)) / \(HTMLText.int(s.zones))",
        "zones \(HTMLText.pct(s.zoneCoverage)) covered", bad: s.zonesBelowTarget > 0)
    }
    h += card("Gaps 盲区", HTMLText.int(s.gaps), HTMLText.area(s.gapArea), bad: s.gaps > 0)
    if s.roadLength > 0 {
      h += card(
        "Roads covered", HTMLText.pct(s.roadCovered / s.roadLength),
        "\(HTMLText.length(s.roadCovered)) of \(HTMLText.length(s.roadLength))")
    }
    if s.entries > 0 {
      h += card(
        "Entry points 圈层查控", "\(HTMLText.int(s.entriesCovered)) / \(HTMLText.int(s.entries))", "covered",
        bad: s.entriesCovered < s.entries)
    }
    h += "</section>\n"
    return h
  }

  static func legend(_ r: AuditResult, map: SVGMap) -> String {
    func sw(_ inner: String) -> String {
      "<svg class=\"sw\" viewBox=\"0 0 24 14\" aria-hidden=\"true\">\(inner)</svg>"
    }
    var h = "<aside class=\"legend\">\n<h3>District coverage</h3>\n<ul>\n"
    let bins = SVGMap.coverageBins
    for (i, lo) in bins.enumerated() {
      let label = i + 1 < bins.count ? "\(Int(lo * 100))–\(Int(bins[i + 1] * 100))%" : "≥ \(Int(lo * 100))%"
      h +=
        "<li>\(sw("<rect class=\"district c\(i)\" x=\"1\" y=\"1\" width=\"22\" height=\"12\"/>"))\(label)</li>\n"
    }
    h += "</ul>\n<h3>Map</h3>\n<ul>\n"
    if !r.zones.isEmpty {
      h +=
        "<li>\(sw("<rect class=\"zone pass\" x=\"2\" y=\"2\" width=\"20\" height=\"10\"/>"))zone meets target</li>\n"
      h +=
        "<li>\(sw("<rect class=\"zone fail\" x=\"2\" y=\"2\" width=\"20\" height=\"10\"/>"))zone below target</li>\n"
    }
    h += "<li>\(sw("<rect class=\"gap\" x=\"1\" y=\"1\" width=\"22\" height=\"12\"/>"))gap (uncovered)</li>\n"
    switch map.cameraMode {
    case .wedges:
      h += "<li>\(sw("<polygon class=\"cam\" points=\"3,12 21,3 21,12\"/>"))camera footprint</li>\n"
    case .density(let cell):
      h += "</ul>\n<h3>Cameras per \(HTMLText.length(cell)) cell</h3>\n<ul>\n"
      let bins = SVGMap.densityBins
      for (i, lo) in bins.enumerated() {
        let label =
          i + 1 < bins.count ? (bins[i + 1] - 1 == lo ? "\(lo)" : "\(lo)–\(bins[i + 1] - 1)") : "≥ \(lo)"
        h +=
          "<li>\(sw("<rect class=\"dens d\(i)\" x=\"1\" y=\"1\" width=\"22\" height=\"12\"/>"))\(label)</li>\n"
      }
    }
    if !r.uncoveredRoads.isEmpty {
      h += "<li>\(sw("<line class=\"road\" x1=\"1\" y1=\"7\" x2=\"23\" y2=\"7\"/>"))road not covered</li>\n"
    }
    if !r.entries.isEmpty {
      h +=
        "<li>\(sw("<circle class=\"entry covered\" cx=\"12\" cy=\"7\" r=\"4\"/>"))entry point covered</li>\n"
      h +=
        "<li>\(sw("<circle class=\"entry open\" cx=\"12\" cy=\"7\" r=\"4\"/>"))entry point not covered</li>\n"
    }
    h += "</ul>\n</aside>\n"
    return h
  }

  /// A table whose columns sort on click; numeric cells carry their value in `data-v`.
  struct Table {
    var columns: [(title: String, numeric: Bool)]
    var rows: [[(text: String, key: String?)]] = []

    func render(caption: String) -> String {
      var h =
        "<div class=\"tablewrap\"><table class=\"sortable\">\n<caption>\(caption)</caption>\n<thead><tr>"
      for c in columns { h += c.numeric ? "<th class=\"num\">\(c.title)</th>" : "<th>\(c.title)</th>" }
      h += "</tr></thead>\n<tbody>\n"
      for row in rows {
        h += "<tr>"
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
    let zones = r.zones.sorted {
      let a = $0.target - $0.coverage
      let b = $1.target - $1.coverage
      return a != b ? a > b : $0.id < $1.id
    }
    for z in zones {
      let short = z.target - z.coverage
      let names = z.districts.map { code in districtNames[code].map { $0.isEmpty ? code : $0 } ?? code }
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
          "\(r.summary.zonesBelowTarget) of \(r.zones.count) zones below target; click a heading to sort")
      + "</section>\n"
  }

  static func gapsTable(_ r: AuditResult, districtNames: [String: String], limit: Int) -> String {
    guard !r.gaps.isEmpty else { return "" }
    var t = Table(columns: [
      ("Gap", false), ("Zone", false), ("Kind", false), ("District", false), ("Area", true),
      ("Longitude", true),
      ("Latitude", true),
    ])
    for g in r.gaps.prefix(limit) {
      let d = districtNames[g.district].map { $0.isEmpty ? g.district : $0 } ?? g.district
      t.rows.append([
        txt(g.id), txt(g.zone), (kind(g.kind), nil), txt(d), num(HTMLText.area(g.area), g.area),
        num(String(format: "%.6f", g.centroid.x), g.centroid.x),
        num(String(format: "%.6f", g.centroid.y), g.centroid.y),
      ])
    }
    let cap =
      r.gaps.count > limit
      ? "the \(limit) largest of \(HTMLText.int(r.gaps.count)) gaps"
      : r.gaps.count == 1 ? "1 gap" : "\(r.gaps.count) gaps"
    return "<section>\n<h2>Largest gaps</h2>\n" + t.render(caption: cap + "; centroids WGS84")
      + "</section>\n"
  }

  static func districtsTable(_ r: AuditResult) -> String {
    var t = Table(columns: [
      ("Code", false), ("Name", false), ("Area", true), ("Covered", true), ("Coverage", true),
      ("Cameras", true),
    ])
    for d in r.districts {
      t.rows.append([
        txt(d.code), txt(d.name), num(HTMLText.area(d.area), d.area),
        num(HTMLText.area(d.covered), d.covered),
        num(HTMLText.pct(d.coverage), d.coverage), num(HTMLText.int(d.cameras), Double(d.cameras)),
      ])
    }
    return "<section>\n<h2>Districts</h2>\n" + t.render(caption: "cameras: active cameras standing inside")
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

  static func entriesTable(_ r: AuditResult, districtNames: [String: String], limit: Int) -> String {
    guard !r.entries.isEmpty else { return "" }
    var t = Table(columns: [
      ("District", false), ("Road", false), ("Longitude", true), ("Latitude", true), ("Covered", false),
    ])
    let sorted = r.entries.enumerated().sorted { a, b in
      a.element.covered != b.element.covered ? !a.element.covered : a.offset < b.offset
    }.map(\.element)
    for e in sorted.prefix(limit) {
      let d = districtNames[e.district].map { $0.isEmpty ? e.district : $0 } ?? e.district
      t.rows.append([
        txt(d), txt(e.road), num(String(format: "%.6f", e.point.x), e.point.x),
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

  static let css = """
    :root{--ink:#1d2733;--muted:#5b6675;--line:#d5dbe3;--bad:#c62828;--ok:#1a7f3c}
    *{box-sizing:border-box}
    body{margin:0 auto;max-width:1280px;padding:20px 24px 40px;color:var(--ink);background:#fff;
    font-family:"Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Hiragino Sans GB","Microsoft YaHei",\
    "WenQuanYi Micro Hei",system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;
    font-size:14px;line-height:1.45}
    h1{font-size:22px;margin:0 0 2px}h2{font-size:17px;margin:28px 0 8px}h3{font-size:13px;margin:12px 0 4px}
    .zh{color:var(--muted);font-weight:normal}.meta{color:var(--muted);margin:0 0 14px}
    .count{color:var(--muted);font-weight:normal;font-size:14px}
    .figures{display:grid;grid-template-columns:repeat(auto-fill,minmax(165px,1fr));gap:10px;margin-bottom:16px}
    .card{border:1px solid var(--line);border-radius:6px;padding:10px 12px;border-left:4px solid var(--ok)}
    .card.bad{border-left-color:var(--bad)}
    .card .label{color:var(--muted);font-size:12px}.card .value{font-size:24px;font-weight:600}
    .card .sub{color:var(--muted);font-size:12px}
    .mapwrap{display:flex;gap:14px;align-items:flex-start}
    .mapbox{flex:1;min-width:0;border:1px solid var(--line)}
    .legend{width:190px;font-size:12px}.legend ul{list-style:none;margin:0;padding:0}
    .legend li{display:flex;align-items:center;gap:6px;margin:3px 0}.sw{width:24px;height:14px;flex:none}
    @media (max-width:800px){.mapwrap{flex-direction:column}.legend{width:auto}}
    .map{display:block;width:100%;height:auto}
    .map text{font-family:inherit}
    .bg{fill:#eef1f4}
    path{fill-rule:evenodd;stroke-linejoin:round}
    .district{stroke:#4a5568;stroke-width:1}
    .c0{fill:#f7fbff}.c1{fill:#deebf7}.c2{fill:#c6dbef}.c3{fill:#9ecae1}.c4{fill:#6baed6}.c5{fill:#3182bd}
    .gap{fill:#e34a33;fill-opacity:.55;stroke:#b30000;stroke-width:.5}
    .cam{fill:#238b45;fill-opacity:.5;stroke:#00441b;stroke-width:.4}
    .dens{stroke:none;fill:#00441b}.d0{fill-opacity:.2}.d1{fill-opacity:.35}.d2{fill-opacity:.5}.d3{fill-opacity:.7}
    .d4{fill-opacity:.9}
    .zone{fill:none;stroke-width:2}.zone.pass{stroke:#1a9850}.zone.fail{stroke:#d73027;stroke-dasharray:6 3}
    .road{fill:none;stroke:#7f2704;stroke-width:1.2;stroke-opacity:.85}
    .entry{stroke:#fff;stroke-width:1.5}.entry.covered{fill:#1a9850}.entry.open{fill:#d73027}
    .label{font-size:14px;fill:var(--ink);paint-order:stroke;stroke:#fff;stroke-width:3px;text-anchor:middle}
    .scalebar text,.north text{font-size:12px;fill:#222}
    .bar{fill:#222}.bar.alt{fill:#fff;stroke:#222;stroke-width:1}.halo{fill:#fff;fill-opacity:.8}
    .north polygon{fill:#222}
    .tablewrap{overflow-x:auto}
    table{border-collapse:collapse;width:100%;font-size:13px}
    caption{text-align:left;color:var(--muted);padding:0 0 4px}
    th,td{padding:4px 8px;border-bottom:1px solid var(--line);text-align:left;white-space:nowrap}
    th{background:#f3f5f8;cursor:pointer;user-select:none}
    th[aria-sort=ascending]::after{content:" ▲"}th[aria-sort=descending]::after{content:" ▼"}
    .num{text-align:right;font-variant-numeric:tabular-nums}
    .ok{color:var(--ok)}.no{color:var(--bad);font-weight:600}
    .warnings{color:var(--muted);font-size:12px}
    footer{margin-top:28px;color:var(--muted);font-size:12px}

    """

  static let script = """
    document.querySelectorAll("table.sortable").forEach(function (t) {
      var heads = t.querySelectorAll("th");
      heads.forEach(function (th, i) {
        th.addEventListener("click", function () {
          var body = t.tBodies[0], rows = Array.prototype.slice.call(body.rows);
          var asc = th.getAttribute("aria-sort") !== "ascending", numeric = th.classList.contains("num");
          heads.forEach(function (h) { h.removeAttribute("aria-sort"); });
          th.setAttribute("aria-sort", asc ? "ascending" : "descending");
          rows.sort(function (a, b) {
            var x = a.cells[i], y = b.cells[i];
            var p = x.hasAttribute("data-v") ? x.getAttribute("data-v") : x.textContent;
            var q = y.hasAttribute("data-v") ? y.getAttribute("data-v") : y.textContent;
            var d = numeric ? parseFloat(p) - parseFloat(q) : p.localeCompare(q, "zh");
            return asc ? d : -d;
          });
          rows.forEach(function (r) { body.appendChild(r); });
        });
      });
    });

    """
}
