import Audit
import Foundation
import Geometry

/// What one atlas page shows: a zone below target, its gaps, the cameras whose footprint
/// reaches into it and the planned cameras whose footprint would.
struct AtlasPage {
  var zone: Int
  var gaps: [Int]
  var cameras: [Int]
  var planned: [Int]
}

/// The zone atlas: one printed page per zone below target, furthest below first, for the
/// planner who walks the site. The print stylesheet shows only the summary and these
/// pages; on screen they stay hidden behind a print button.
enum ZoneAtlas {
  static func pages(_ r: AuditResult, context: MapContext, limit: Int) -> [AtlasPage] {
    let below = r.zones.indices.filter { !r.zones[$0].meetsTarget && $0 < r.zoneShapes.count }.sorted {
      a, b in
      let x = r.zones[a].target - r.zones[a].coverage
      let y = r.zones[b].target - r.zones[b].coverage
      return x != y ? x > y : r.zones[a].id < r.zones[b].id
    }
    .prefix(limit).map { $0 }
    guard !below.isEmpty else { return [] }
    var gapsByZone: [String: [Int]] = [:]
    for (i, g) in r.gaps.enumerated() { gapsByZone[g.zone, default: []].append(i) }
    let cams = touching(r.footprints.map(\.polygons), zones: below, r)
    let planned = touching(context.planned.map(\.polygons), zones: below, r)
    return below.enumerated().map { k, zi in
      AtlasPage(zone: zi, gaps: gapsByZone[r.zones[zi].id] ?? [], cameras: cams[k], planned: planned[k])
    }
  }

  /// For each zone of `zones`, the shapes whose interior meets it (GEOS, prepared zone),
  /// found through their boxes first.
  static func touching(_ shapes: [[PlanarPolygon]], zones: [Int], _ r: AuditResult) -> [[Int]] {
    let boxes = shapes.map { s -> BBox in
      var b = BBox.empty
      for p in s { b.add(p.bbox) }
      return b
    }
    let grid = BoxGrid(boxes, cell: 0.005)
    let ctx = GEOSContext()
    return zones.map { zi in
      var zb = BBox.empty
      for p in r.zoneShapes[zi] { zb.add(p.bbox) }
      guard let zone = try? PreparedGeom(Geom.multiPolygon(r.zoneShapes[zi], context: ctx)) else { return [] }
      return grid.query(zb).filter { i in
        guard boxes[i].intersects(zb), let g = try? Geom.multiPolygon(shapes[i], context: ctx) else {
          return false
        }
        return (try? zone.intersects(g)) ?? false
      }
    }
  }

  /// The pages, each one `<article>`; `maxRows` (table rows per page) keeps a zone ringed by hundreds of
  /// cameras to a page that prints.
  static func render(
    _ pages: [AtlasPage], _ r: AuditResult, context: MapContext, districtNames: [String: String],
    maxRows: Int
  ) -> String {
    guard !pages.isEmpty else { return "" }
    var h = "<section class=\"atlas\" id=\"atlas\">\n"
    let below = r.zones.filter { !$0.meetsTarget }.count
    h +=
      "<p class=\"atlas-note\">Zone atlas: \(pages.count == below ? "the" : "the first \(pages.count) of the")"
    h += " \(below) zones below target, furthest below first, one to a page.</p>\n"
    for (k, page) in pages.enumerated() {
      h += pageHTML(
        page, number: k + 1, of: pages.count, r, context: context, districtNames: districtNames,
        maxRows: maxRows)
    }
    return h + "</section>\n"
  }

  static func pageHTML(
    _ page: AtlasPage, number: Int, of total: Int, _ r: AuditResult, context: MapContext,
    districtNames: [String: String], maxRows: Int
  ) -> String {
    let z = r.zones[page.zone]
    let e = HTMLText.escape
    let districts = z.districts.map { MapData.name($0, in: districtNames) }
    var h =
      "<article class=\"atlas-page\" data-zone=\"\(page.zone)\" data-planned=\"\(page.planned.count)\">\n"
    h += "<h2>\(e(z.name.isEmpty ? z.id : z.name)) <span class=\"count\">\(e(z.id)) · "
    h += "\(HTMLReport.kind(z.kind)) · \(e(districts.joined(separator: ", "))) · page \(number) of \(total)"
    h += "</span></h2>\n<p class=\"atlas-figures\">Coverage <b class=\"no\">\(HTMLText.pct(z.coverage))</b>"
    h += " of a \(HTMLText.pct(z.target, decimals: 0)) target · \(HTMLText.int(z.gapCount)) gaps, "
    h += "\(HTMLText.area(z.gapArea)) · zone \(HTMLText.area(z.area))</p>\n"
    h += "<div class=\"atlas-map\">\(SVGMap(page, r, context: context).svg)</div>\n"

    // Tables share one budget of rows so the page prints whole: gaps and planned cameras
    // first (what the planner acts on), the cameras already there with the rest.
    let gapRows = min(page.gaps.count, 10)
    let planRows = context.planFile == nil ? 0 : min(page.planned.count, 8)
    h += gapTable(page, r, rows: gapRows)
    h += cameraTable(page, r, rows: max(5, maxRows - gapRows - planRows))
    if let file = context.planFile {
      h += planTable(page, context, file: (file as NSString).lastPathComponent, rows: planRows)
    }
    return h + "</article>\n"
  }

  static func gapTable(_ page: AtlasPage, _ r: AuditResult, rows: Int) -> String {
    var t = HTMLReport.Table(columns: [
      ("No.", true), ("Gap", false), ("Area", true), ("Longitude", true), ("Latitude", true),
    ])
    for (k, gi) in page.gaps.prefix(rows).enumerated() {
      let g = r.gaps[gi]
      t.rows.append([
        HTMLReport.num("\(k + 1)", Double(k + 1)), HTMLReport.txt(g.id),
        HTMLReport.num(HTMLText.area(g.area), g.area),
        HTMLReport.num(String(format: "%.6f", g.centroid.x), g.centroid.x),
        HTMLReport.num(String(format: "%.6f", g.centroid.y), g.centroid.y),
      ])
    }
    var cap = "gaps, numbered as on the map"
    if page.gaps.count > rows { cap += "; the \(rows) largest of \(page.gaps.count) listed" }
    return t.render(caption: cap)
  }

  static func cameraTable(_ page: AtlasPage, _ r: AuditResult, rows: Int) -> String {
    var t = HTMLReport.Table(columns: [("Camera", false), ("Name", false), ("Kind", false), ("Range", true)])
    for ci in page.cameras.prefix(rows) {
      let c = r.footprints[ci]
      t.rows.append([
        HTMLReport.txt(c.cameraID), HTMLReport.txt(c.name), HTMLReport.txt(c.kind.rawValue),
        HTMLReport.num(HTMLText.length(c.range), c.range),
      ])
    }
    var cap = "\(page.cameras.count) active cameras reach into the zone"
    if page.cameras.count > rows { cap += "; the first \(rows) listed" }
    return t.render(caption: cap)
  }

  static func planTable(_ page: AtlasPage, _ context: MapContext, file: String, rows: Int) -> String {
    let name = HTMLText.escape(file)
    if page.planned.isEmpty {
      return "<p class=\"note\">No planned camera of \(name) reaches into the zone.</p>\n"
    }
    var t = HTMLReport.Table(columns: [
      ("Planned camera", false), ("Name", false), ("Kind", false), ("Heading", true), ("FOV", true),
      ("Range", true),
    ])
    for pi in page.planned.prefix(rows) {
      let c = context.planned[pi]
      t.rows.append([
        HTMLReport.txt(c.id), HTMLReport.txt(c.name), HTMLReport.txt(c.kind),
        c.heading.map { HTMLReport.num(String(format: "%.0f°", $0), $0) } ?? ("–", nil),
        HTMLReport.num(String(format: "%.0f°", c.fov), c.fov),
        HTMLReport.num(HTMLText.length(c.range), c.range),
      ])
    }
    var cap = "\(page.planned.count) planned cameras of \(name) reach into the zone"
    if page.planned.count > rows { cap += "; the first \(rows) listed" }
    return t.render(caption: cap)
  }
}
