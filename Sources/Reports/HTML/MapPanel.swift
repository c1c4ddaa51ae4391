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

  static func layerToggles(_ r: AuditResult, data: MapData, context: MapContext) -> [LayerToggle] {
    let box = "x=\"1\" y=\"1\" width=\"22\" height=\"12\""
    var t = [
      LayerToggle(
        key: "districts", label: "Districts 辖区", swatch: swatch("<rect class=\"district\" \(box)/>"))
    ]
    if !r.zones.isEmpty {
      t.append(
        LayerToggle(
          key: "zones", label: "Zones (dashed: below target)",
          swatch: swatch(
            "<rect class=\"zone pass\" x=\"1\" y=\"1\" width=\"10\" height=\"12\"/>"
              + "<rect class=\"zone fail\" x=\"13\" y=\"1\" width=\"10\" height=\"12\"/>")))
    }
    t.append(LayerToggle(key: "gaps", label: "Gaps 盲区", swatch: swatch("<rect class=\"gap\" \(box)/>")))
    if data.footprints != .none && !r.footprints.isEmpty {
      let where_ = data.footprints == .all ? "" : " (near zones, zoom ≥ \(data.footprintZoom))"
      t.append(
        LayerToggle(
          key: "footprints", label: "Camera footprints\(where_)",
          swatch: swatch("<polygon class=\"cam\" points=\"3,12 21,3 21,12\"/>")))
    }
    if data.footprints != .all {
      t.append(
        LayerToggle(
          key: "density", label: "Cameras per \(HTMLText.length(data.cellMetres)) cell",
          swatch: swatch("<rect class=\"dens d2\" \(box)/>")))
    }
    let from = data.contextZoom > 0 ? " (zoom ≥ \(data.contextZoom))" : ""
    if !context.buildings.isEmpty {
      t.append(
        LayerToggle(
          key: "buildings", label: "Buildings" + from, swatch: swatch("<rect class=\"building\" \(box)/>"))
      )
    }
    if !context.roads.isEmpty {
      t.append(
        LayerToggle(
          key: "roads", label: "Roads" + from,
          swatch: swatch("<line class=\"street\" x1=\"1\" y1=\"7\" x2=\"23\" y2=\"7\"/>")))
    }
    if !r.uncoveredRoads.isEmpty {
      t.append(
        LayerToggle(
          key: "uncovered", label: "Road not covered" + from,
          swatch: swatch("<line class=\"road\" x1=\"1\" y1=\"7\" x2=\"23\" y2=\"7\"/>")))
    }
    if !r.entries.isEmpty {
      t.append(
        LayerToggle(
          key: "entries", label: "Entry points (green covered)",
          swatch: swatch(
            "<circle class=\"entry covered\" cx=\"6\" cy=\"7\" r=\"4\"/><circle class=\"entry open\" cx=\"18\" cy=\"7\" r=\"4\"/>"
          )))
    }
    if !context.planned.isEmpty {
      t.append(
        LayerToggle(
          key: "planned", label: "Planned cameras",
          swatch: swatch("<polygon class=\"plan\" points=\"3,12 21,3 21,12\"/>")))
    }
    return t
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
