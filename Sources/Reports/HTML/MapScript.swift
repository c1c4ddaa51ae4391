/// The report's own script: the Leaflet map built from the `camgap-data` JSON, the layer
/// panel, table rows that fly the map to what they name, and the table sorter. Text from
/// the user's files reaches the page only through `esc` (tooltips, labels) or
/// `textContent`, never as markup. `window.camgap` exposes the map for the browser tests.
enum MapScript {
  static let source = #"""
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

    (function () {
      "use strict";
      var data = JSON.parse(document.getElementById("camgap-data").textContent);
      var meta = data.meta;
      var ESC = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
      function esc(s) { return String(s).replace(/[&<>"']/g, function (c) { return ESC[c]; }); }
      function pct(x, d) { return (x * 100).toFixed(d === undefined ? 1 : d) + "%"; }
      function grouped(n) { return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, "\u202f"); }
      function area(a) { return a >= 1e6 ? (a / 1e6).toFixed(2) + " km²" : grouped(a) + " m²"; }
      function len(l) { return l >= 1000 ? (l / 1000).toFixed(2) + " km" : Math.round(l) + " m"; }
      var KINDS = { "town-renovation": "小城镇整治", "demolition": "城区拆迁", "road-construction": "道路施工",
        "key-site": "重点场所", "residential": "智安小区", "other": "其他", "district": "辖区" };
      function kind(k) { return esc(k) + (KINDS[k] ? " " + KINDS[k] : ""); }
      var SHADES = ["#f7fbff", "#deebf7", "#c6dbef", "#9ecae1", "#6baed6", "#3182bd"];
      var DENSITY = [0.2, 0.35, 0.5, 0.7, 0.9];

      var map = L.map("map", { zoomSnap: 0.25, minZoom: 3, maxZoom: 20, attributionControl: false,
        keyboard: true });
      L.control.attribution({ prefix: "Leaflet" }).addTo(map);
      L.control.scale({ imperial: false }).addTo(map);
      var panes = {};
      [["districts", 401], ["density", 402], ["buildings", 403], ["roads", 404], ["footprints", 405],
        ["planned", 406], ["zones", 407], ["gaps", 408], ["uncovered", 409], ["entries", 410],
        ["labels", 615]].forEach(function (p) {
        map.createPane(p[0]).style.zIndex = p[1];
        panes[p[0]] = p[0];
      });
      function svg(p) { return L.svg({ pane: p, padding: 0.5 }); }
      function canvas(p) { return L.canvas({ pane: p, padding: 0.5 }); }
      if (meta.tiles) {
        L.tileLayer(meta.tiles.url, { attribution: esc(meta.tiles.attribution), maxZoom: 20 }).addTo(map);
      } else {
        map.attributionControl.addAttribution("no basemap");
      }

      var groups = {};
      var features = {};
      function tip(layer, html) { layer.bindTooltip(html, { sticky: true, className: "cg-tip" }); }
      function styled(layer, style) { layer.cgStyle = style; layer.setStyle(style); return layer; }

      function geo(key, fc, opts) {
        var list = [];
        var g = L.geoJSON(fc, {
          renderer: opts.renderer, interactive: opts.interactive !== false,
          style: opts.style, pointToLayer: opts.point,
          onEachFeature: function (f, layer) {
            layer.cgStyle = typeof opts.style === "function" ? opts.style(f) : opts.style;
            if (opts.tip) { tip(layer, opts.tip(f.properties)); }
            list.push(layer);
          }
        });
        features[key] = list;
        groups[key] = g;
        return g;
      }

      var labels = L.layerGroup();
      geo("districts", data.districts, {
        renderer: svg("districts"),
        style: function (f) {
          var p = f.properties, outline = "#4a5568";
          if (p.meets === true) { outline = "#1a7f3c"; } else if (p.meets === false) { outline = "#c62828"; }
          return { color: outline, weight: 1.5, fillColor: SHADES[p.cls], fillOpacity: 0.55,
            className: "cg-district" };
        },
        tip: function (p) {
          var t = "<b>" + esc(p.name) + "</b> <span class=\"k\">" + esc(p.code) + "</span><br>coverage " +
            pct(p.coverage);
          if (meta.districtTarget !== null) { t += " of a " + pct(meta.districtTarget, 0) + " target"; }
          return t + "<br>" + area(p.area) + " · " + grouped(p.cameras) + " cameras";
        }
      });
      data.districts.features.forEach(function (f) {
        if (!f.properties.label) { return; }
        var c = f.properties.label;
        L.marker([c[1], c[0]], { pane: "labels", interactive: false, keyboard: false,
          icon: L.divIcon({ className: "cg-label", iconSize: [0, 0],
            html: "<span>" + esc(f.properties.name) + "</span>" }) }).addTo(labels);
      });

      if (meta.cell) {
        var cells = L.layerGroup(), cr = canvas("density"), dx = meta.cell[0] / 2, dy = meta.cell[1] / 2;
        data.density.features.forEach(function (f) {
          var c = f.geometry.coordinates, p = f.properties;
          var r = L.rectangle([[c[1] - dy, c[0] - dx], [c[1] + dy, c[0] + dx]], { renderer: cr,
            stroke: false, fillColor: "#00441b", fillOpacity: DENSITY[p.k] });
          tip(r, grouped(p.n) + " cameras in this " + len(meta.cellMetres) + " cell");
          cells.addLayer(r);
        });
        groups.density = cells;
      }

      geo("buildings", data.buildings, { renderer: canvas("buildings"), interactive: false,
        style: { color: "#7a7165", weight: 0.5, fillColor: "#b0a89c", fillOpacity: 0.8 } });
      geo("roads", data.roads, { renderer: canvas("roads"),
        style: { color: "#8a8f98", weight: 1.5, opacity: 0.9 },
        tip: function (p) { return "<b>" + esc(p.name || p.id) + "</b>"; } });

      // Footprints, in buckets of 0.01° built the first time the view reaches them.
      var footRenderer = canvas("footprints"), footGroup = L.layerGroup(), buckets = {}, built = {};
      var footZoom = meta.footprints === "all" ? 0 : meta.footprintZoom;
      var footStyle = { color: "#00441b", weight: 0.6, fillColor: "#238b45", fillOpacity: 0.4 };
      data.footprints.features.forEach(function (f) {
        var c = f.geometry.coordinates[0][0];
        if (f.geometry.type === "MultiPolygon") { c = c[0]; }
        var k = Math.floor(c[0] * 100) + ":" + Math.floor(c[1] * 100);
        (buckets[k] = buckets[k] || []).push(f);
      });
      features.footprints = [];
      function footprintTip(p) {
        return "<b>" + esc(p.id) + "</b> " + esc(p.name) + "<br>" + esc(p.kind) + " · range " + len(p.range);
      }
      function loadFootprints() {
        var b = map.getBounds();
        for (var x = Math.floor(b.getWest() * 100) - 1; x <= Math.floor(b.getEast() * 100); x++) {
          for (var y = Math.floor(b.getSouth() * 100) - 1; y <= Math.floor(b.getNorth() * 100); y++) {
            var k = x + ":" + y;
            if (built[k] || !buckets[k]) { continue; }
            built[k] = true;
            L.geoJSON({ type: "FeatureCollection", features: buckets[k] }, { renderer: footRenderer,
              style: footStyle, onEachFeature: function (f, layer) {
                tip(layer, footprintTip(f.properties));
                features.footprints.push(layer);
              } }).addTo(footGroup);
          }
        }
      }
      groups.footprints = footGroup;

      geo("planned", data.planned, { renderer: svg("planned"),
        style: { color: "#1a237e", weight: 1.5, dashArray: "4 3", fillColor: "#3f51b5", fillOpacity: 0.3,
          className: "cg-planned" },
        tip: function (p) {
          return "<b>planned " + esc(p.id) + "</b> " + esc(p.name) + "<br>" + esc(p.kind) + " · fov " +
            Math.round(p.fov) + "° · range " + len(p.range);
        } });
      data.planned.features.forEach(function (f) {
        var c = f.properties.at;
        L.circleMarker([c[1], c[0]], { renderer: groups.planned.options.renderer, radius: 4, weight: 1.5,
          color: "#fff", fillColor: "#1a237e", fillOpacity: 1 }).addTo(groups.planned);
      });

      function zoneTip(p) {
        return "<b>" + esc(p.name || p.id) + "</b> <span class=\"k\">" + esc(p.id) + "</span><br>" + kind(p.kind) +
          "<br>coverage " + pct(p.coverage) + " of a " + pct(p.target, 0) + " target" +
          (p.meets ? " ✓" : " ✗") + "<br>" + grouped(p.gaps) + " gaps, " + area(p.gapArea);
      }
      geo("zones", data.zones, { renderer: svg("zones"),
        style: function (f) {
          var ok = f.properties.meets;
          return { color: ok ? "#1a9850" : "#d73027", weight: 2.5, dashArray: ok ? null : "6 3",
            fill: true, fillOpacity: 0.04, className: ok ? "cg-zone pass" : "cg-zone fail" };
        }, tip: zoneTip });
      geo("gaps", data.gaps, { renderer: svg("gaps"),
        style: { color: "#b30000", weight: 1, fillColor: "#e34a33", fillOpacity: 0.45, className: "cg-gap" },
        tip: function (p) {
          return "<b>gap " + esc(p.id) + "</b><br>" + esc(p.zone) + " · " + kind(p.kind) + "<br>" +
            esc(p.district) + "<br>gap area " + area(p.area);
        } });
      geo("uncovered", data.uncovered, { renderer: canvas("uncovered"),
        style: { color: "#7f2704", weight: 2.5, opacity: 0.85 },
        tip: function (p) { return "<b>" + esc(p.name) + "</b><br>not covered: " + len(p.length); } });
      geo("entries", data.entries, { renderer: svg("entries"),
        point: function (f, ll) {
          var ok = f.properties.covered;
          return L.circleMarker(ll, { radius: 5, weight: 1.5, color: "#fff", fillOpacity: 1,
            fillColor: ok ? "#1a9850" : "#d73027", className: ok ? "cg-entry covered" : "cg-entry open" });
        },
        tip: function (p) {
          return "<b>entry: " + esc(p.road) + "</b><br>" + esc(p.district) + "<br>" +
            (p.covered ? "covered" : "not covered");
        } });

      var shown = {};
      function setLayer(key, on) {
        shown[key] = on;
        var g = groups[key];
        if (!g) { return; }
        if (key === "footprints") { on = on && map.getZoom() >= footZoom; }
        if (on) { if (!map.hasLayer(g)) { map.addLayer(g); } } else if (map.hasLayer(g)) { map.removeLayer(g); }
        if (key === "districts") { setLayerGroup(labels, on); }
      }
      function setLayerGroup(g, on) { if (on) { map.addLayer(g); } else { map.removeLayer(g); } }
      var bounds = L.latLngBounds(meta.bounds);
      map.fitBounds(bounds);
      document.querySelectorAll("input[data-layer]").forEach(function (box) {
        box.addEventListener("change", function () { setLayer(box.dataset.layer, box.checked); });
        setLayer(box.dataset.layer, box.checked);
      });
      function refresh() {
        if (shown.footprints && map.getZoom() >= footZoom) { loadFootprints(); }
        setLayer("footprints", !!shown.footprints);
      }
      map.on("moveend zoomend", refresh);
      refresh();

      var current = null, currentRow = null;
      function highlight(layer) {
        if (current && current.setStyle) { current.setStyle(current.cgStyle); }
        current = layer;
        if (layer.setStyle) {
          layer.setStyle({ color: "#ffb300", weight: 5, dashArray: null });
          if (layer.bringToFront) { layer.bringToFront(); }
        }
        layer.openTooltip(layer.getBounds ? layer.getBounds().getCenter() : layer.getLatLng());
      }
      function flyTo(key, i) {
        var layer = features[key] && features[key][i];
        if (!layer) { return; }
        var box = document.querySelector("input[data-layer=\"" + key + "\"]");
        if (box && !box.checked) { box.checked = true; setLayer(key, true); }
        var b = layer.getBounds ? layer.getBounds() : L.latLngBounds([layer.getLatLng(), layer.getLatLng()]);
        map.flyToBounds(b, { maxZoom: key === "districts" ? 16 : 18, padding: [40, 40], duration: 0.6 });
        map.once("moveend", function () { highlight(layer); });
        document.getElementById("map").scrollIntoView({ block: "nearest" });
      }
      var KEYS = { zone: "zones", gap: "gaps", entry: "entries", district: "districts" };
      document.querySelectorAll("tr.fly").forEach(function (row) {
        function go() {
          for (var k in KEYS) {
            if (row.dataset[k] !== undefined) {
              if (currentRow) { currentRow.classList.remove("current"); }
              currentRow = row;
              row.classList.add("current");
              flyTo(KEYS[k], +row.dataset[k]);
            }
          }
        }
        row.addEventListener("click", go);
        row.addEventListener("keydown", function (e) { if (e.key === "Enter") { go(); } });
      });
      document.getElementById("fit-all").addEventListener("click", function () { map.flyToBounds(bounds); });
      var printButton = document.getElementById("print-atlas");
      if (printButton) { printButton.addEventListener("click", function () { window.print(); }); }

      window.camgap = { map: map, groups: groups, features: features, moving: false, painted: null };
      map.on("movestart", function () { window.camgap.moving = true; });
      map.on("moveend", function () { window.camgap.moving = false; });
      requestAnimationFrame(function () {
        requestAnimationFrame(function () { window.camgap.painted = performance.now(); });
      });
    })();

    """#
}
