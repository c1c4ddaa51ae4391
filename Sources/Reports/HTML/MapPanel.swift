import Audit
import Foundation
import Geometry

extension HTMLReport {
  /// A map layer the panel can switch: its key in the map's data and script, its label
  /// and the swatch that is also its legend.
  struct LayerToggle {
    var key: String
    var label: String
    var swatch: String
    var on: Bool = true
  }

  static func swatch(_ inner: String) -> String {
    "<svg class=\"sw\" viewBox=\"0 0 24 14\" aria-hidden=\"true\">\(inner)</svg>"
  }

  /// The panel's layers in drawing order, each shown when the audit or its context has
  /// something to draw in it.
  static func layerToggles(_ r: AuditResult, data: MapData, context: MapContext) -> [LayerToggle] {
    let box = "x=\"1\" y=\"1\" width=\"22\" height=\"12\""
    let near = data.footprints == .all ? "" : " (near zones, zoom ≥ \(data.footprintZoom))"
    let from = data.contextZoom > 0 ? " (zoom ≥ \(data.contextZoom))" : ""
    let layers: [(shown: Bool, key: String, label: String, swatch: String)] = [
      (true, "districts", "Districts 辖区", "<rect class=\"district\" \(box)/>"),
      (
        !r.zones.isEmpty, "zones", "Zones (dashed: below target)",
        "<rect class=\"zone pass\" x=\"1\" y=\"1\" width=\"10\" height=\"12\"/>"
          + "<rect class=\"zone fail\" x=\"13\" y=\"1\" width=\"10\" height=\"12\"/>"
      ),
      (true, "gaps", "Gaps 盲区", "<rect class=\"gap\" \(box)/>"),
      (
        data.footprints != .none && !r.footprints.isEmpty, "footprints", "Camera footprints\(near)",
        "<polygon class=\"cam\" points=\"3,12 21,3 21,12\"/>"
      ),
      (
        data.footprints != .all, "density", "Cameras per \(HTMLText.length(data.cellMetres)) cell",
        "<rect class=\"dens d2\" \(box)/>"
      ),
      (!context.buildings.isEmpty, "buildings", "Buildings" + from, "<rect class=\"building\" \(box)/>"),
      (
        !context.roads.isEmpty, "roads", "Roads" + from,
        "<line class=\"street\" x1=\"1\" y1=\"7\" x2=\"23\" y2=\"7\"/>"
      ),
      (
        !r.uncoveredRoads.isEmpty, "uncovered", "Road not covered" + from,
        "<line class=\"road\" x1=\"1\" y1=\"7\" x2=\"23\" y2=\"7\"/>"
      ),
      (
        !r.entries.isEmpty, "entries", "Entry points (green covered)",
        "<circle class=\"entry covered\" cx=\"6\" cy=\"7\" r=\"4\"/><circle class=\"entry open\" cx=\"18\" cy=\"7\" r=\"4\"/>"
      ),
      (
        !context.planned.isEmpty, "planned", "Planned cameras",
        "<polygon class=\"plan\" points=\"3,12 21,3 21,12\"/>"
      ),
    ]
    return layers.filter(\.shown).map { LayerToggle(key: $0.key, label: $0.label, swatch: swatch($0.swatch)) }
  }

  static func mapSection(
    _ r: AuditResult, data: MapData, context: MapContext, options: Options, atlasPages: Int
  ) -> String {
    var h = "<section class=\"mapwrap screen\">\n"
    h +=
      "<div id=\"map\" class=\"mapbox\" role=\"application\" aria-label=\"Coverage map\" tabindex=\"0\"></div>\n"
    h += "<aside class=\"legend\">\n<h3>Layers</h3>\n<ul class=\"layers\">\n"
    for t in layerToggles(r, data: data, context: context) {
      h += "<li><label><input type=\"checkbox\" data-layer=\"\(t.key)\"\(t.on ? " checked" : "")>"
      h += "\(t.swatch)\(t.label)</label></li>\n"
    }
    h += "</ul>\n<h3>District coverage</h3>\n<ul>\n"
    let bins = coverageBins
    for (i, lo) in bins.enumerated() {
      let label = i + 1 < bins.count ? "\(Int(lo * 100))–\(Int(bins[i + 1] * 100))%" : "≥ \(Int(lo * 100))%"
      h +=
        "<li>\(swatch("<rect class=\"district c\(i)\" x=\"1\" y=\"1\" width=\"22\" height=\"12\"/>"))\(label)</li>\n"
    }
    h += "</ul>\n"
    if data.footprints != .all {
      h += "<h3>Cameras per \(HTMLText.length(data.cellMetres)) cell</h3>\n<ul>\n"
      let bins = MapData.densityBins
      for (i, lo) in bins.enumerated() {
        let label =
          i + 1 < bins.count ? (bins[i + 1] - 1 == lo ? "\(lo)" : "\(lo)–\(bins[i + 1] - 1)") : "≥ \(lo)"
        h +=
          "<li>\(swatch("<rect class=\"dens d\(i)\" x=\"1\" y=\"1\" width=\"22\" height=\"12\"/>"))\(label)</li>\n"
      }
      h += "</ul>\n"
    }
    h += "<p class=\"note\">"
    if let tiles = options.tiles {
      h += "Basemap: <code>\(HTMLText.escape(tiles))</code>"
      if let a = options.tilesAttribution, !a.isEmpty { h += " (\(HTMLText.escape(a)))" }
      h += ". "
    } else {
      h += "No basemap (the report fetches nothing; <code>--tiles URL</code> adds one). "
    }
    switch data.footprints {
    case .all: h += "Every camera's footprint is drawn. "
    case .nearZones:
      h += "Footprints of "
      h +=
        data.footprintCount == data.footprintCandidates
        ? "the \(HTMLText.int(data.footprintCount))"
        : "\(HTMLText.int(data.footprintCount)) of the \(HTMLText.int(data.footprintCandidates))"
      h += " cameras that reach a zone (furthest below target first) appear from zoom "
      h += String(data.footprintZoom) + "; elsewhere, camera density. "
    case .none: h += "Camera density only. "
    }
    h += "Drag to pan, wheel or +/− to zoom (arrow keys and +/− when the map has focus); hover for figures, "
    h += "click a table row to fly there.</p>\n"
    h += "<p class=\"buttons\"><button type=\"button\" id=\"fit-all\">Show all districts</button>"
    if atlasPages > 0 {
      h += " <button type=\"button\" id=\"print-atlas\">Print zone atlas (\(atlasPages) pages)</button>"
    }
    h += "</p>\n</aside>\n</section>\n"
    return h
  }

  /// Coverage classes for district shading, lower bounds; fixed so two months' maps compare.
  static let coverageBins: [Double] = [0, 0.05, 0.1, 0.2, 0.4, 0.6]

  static func coverageClass(_ c: Double) -> Int {
    var k = 0
    for (i, b) in coverageBins.enumerated() where c >= b { k = i }
    return k
  }
}
