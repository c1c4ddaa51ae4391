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

    var cg = {};
    (function (cg) {
      "use strict";
      var ESC = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
      cg.esc = function (s) { return String(s).replace(/[&<>"']/g, function (c) { return ESC[c]; }); };
      cg.pct = function (x, d) { return (x * 100).toFixed(d === undefined ? 1 : d) + "%"; };
      cg.grouped = function (n) { return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, "\u202f"); };
      cg.area = function (a) { return a >= 1e6 ? (a / 1e6).toFixed(2) + " km²" : cg.grouped(a) + " m²"; };
      cg.len = function (l) { return l >= 1000 ? (l / 1000).toFixed(2) + " km" : Math.round(l) + " m"; };
      var KINDS = { "town-renovation": "小城镇整治", "demolition": "城区拆迁", "road-construction": "道路施工",
        "key-site": "重点场所", "residential": "智安小区", "other": "其他", "district": "辖区" };
      cg.kind = function (k) { return cg.esc(k) + (KINDS[k] ? " " + KINDS[k] : ""); };
      cg.SHADES = ["#f7fbff", "#deebf7", "#c6dbef", "#9ecae1", "#6baed6", "#3182bd"];
      cg.DENSITY = [0.08, 0.16, 0.26, 0.38, 0.52];
      cg.groups = {};
      cg.features = {};
      cg.shown = {};
      cg.builders = {};
      cg.minZoom = {};
      // One tooltip per layer group, its text made on hover from the shape under the pointer:
      // tens of thousands of shapes would otherwise each carry one.
      cg.tip = function (group, text) {
        group.bindTooltip(function (layer) { return text(layer.feature ? layer.feature.properties : layer.cgProps); },
          { sticky: true, className: "cg-tip" });
      };
      cg.showTip = function (key, i) {
        var layer = cg.features[key][i];
        cg.groups[key].openTooltip(layer, layer.getBounds ? layer.getBounds().getCenter() : layer.getLatLng());
      };
      // A layer kept in a script element of its own, parsed the first time it is shown.
      cg.detail = function (name) {
        var e = document.getElementById("camgap-" + name);
        return e ? JSON.parse(e.textContent)[name] : { type: "FeatureCollection", features: [] };
      };
      cg.svg = function (p) { return L.svg({ pane: p, padding: 0.5 }); };
      cg.canvas = function (p) { return L.canvas({ pane: p, padding: 0.5 }); };

      // One GeoJSON layer: its shapes kept in order (table rows name them by index).
      cg.geo = function (key, fc, opts) {
        var list = [];
        var g = L.geoJSON(fc, {
          renderer: opts.renderer, interactive: opts.interactive !== false,
          style: opts.style, pointToLayer: opts.point,
          onEachFeature: function (f, layer) {
            layer.cgStyle = typeof opts.style === "function" ? opts.style(f) : opts.style;
            list.push(layer);
          }
        });
        if (opts.tip) { cg.tip(g, opts.tip); }
        cg.features[key] = list;
        cg.groups[key] = g;
        return g;
      };

      // The map, its panes (fixed drawing order, one renderer each) and the basemap if any.
      cg.makeMap = function (meta) {
        var map = L.map("map", { zoomSnap: 0.25, minZoom: 3, maxZoom: 20, attributionControl: false,
          keyboard: true });
        L.control.attribution({ prefix: "Leaflet" }).addTo(map);
        L.control.scale({ imperial: false }).addTo(map);
        [["districts", 401], ["density", 402], ["buildings", 403], ["roads", 404], ["footprints", 405],
          ["planned", 406], ["zones", 407], ["gaps", 408], ["uncovered", 409], ["entries", 410],
          ["labels", 615]].forEach(function (p) { map.createPane(p[0]).style.zIndex = p[1]; });
        if (meta.tiles) {
          L.tileLayer(meta.tiles.url, { attribution: cg.esc(meta.tiles.attribution), maxZoom: 20 }).addTo(map);
        } else {
          map.attributionControl.addAttribution("no basemap");
        }
        return map;
      };

      cg.districts = function (data, meta) {
        cg.geo("districts", data.districts, {
          renderer: cg.svg("districts"),
          style: function (f) {
            var p = f.properties, outline = "#4a5568";
            if (p.meets === true) { outline = "#1a7f3c"; } else if (p.meets === false) { outline = "#c62828"; }
            return { color: outline, weight: 1.5, fillColor: cg.SHADES[p.cls], fillOpacity: 0.55,
              className: "cg-district" };
          },
          tip: function (p) {
            var t = "<strong>" + cg.esc(p.name) + "</strong> <span class=\"k\">" + cg.esc(p.code) + "</span><br>coverage " +
              cg.pct(p.coverage);
            if (meta.districtTarget !== null) { t += " of a " + cg.pct(meta.districtTarget, 0) + " target"; }
            return t + "<br>" + cg.area(p.area) + " · " + cg.grouped(p.cameras) + " cameras";
          }
        });
        cg.labels = L.layerGroup();
        data.districts.features.forEach(function (f) {
          if (!f.properties.label) { return; }
          var c = f.properties.label;
          L.marker([c[1], c[0]], { pane: "labels", interactive: false, keyboard: false,
            icon: L.divIcon({ className: "cg-label", iconSize: [0, 0],
              html: "<span>" + cg.esc(f.properties.name) + "</span>" }) }).addTo(cg.labels);
        });
      };

      cg.context = function (data, meta) {
        if (meta.cell) {
          var cells = L.featureGroup(), cr = cg.canvas("density"), dx = meta.cell[0] / 2, dy = meta.cell[1] / 2;
          data.density.features.forEach(function (f) {
            var c = f.geometry.coordinates, p = f.properties;
            var r = L.rectangle([[c[1] - dy, c[0] - dx], [c[1] + dy, c[0] + dx]], { renderer: cr,
              stroke: false, fillColor: "#00441b", fillOpacity: cg.DENSITY[p.k] });
            r.cgProps = p;
            cells.addLayer(r);
          });
          cg.tip(cells, function (p) {
            return cg.grouped(p.n) + " cameras in this " + cg.len(meta.cellMetres) + " cell";
          });
          cg.groups.density = cells;
        }
        // Context layers are built the first time they are shown (see cg.panel).
        cg.builders.buildings = function () {
          cg.geo("buildings", cg.detail("buildings"), { renderer: cg.canvas("buildings"), interactive: false,
            style: { color: "#7a7165", weight: 0.5, fillColor: "#b0a89c", fillOpacity: 0.8 } });
        };
        cg.builders.roads = function () {
          cg.geo("roads", cg.detail("roads"), { renderer: cg.canvas("roads"),
            style: { color: "#8a8f98", weight: 1.5, opacity: 0.9 },
            tip: function (p) { return "<strong>" + cg.esc(p.name || p.id) + "</strong>"; } });
        };
        cg.builders.uncovered = function () {
          cg.geo("uncovered", cg.detail("uncovered"), { renderer: cg.canvas("uncovered"),
            style: { color: "#7f2704", weight: 2.5, opacity: 0.85 },
            tip: function (p) { return "<strong>" + cg.esc(p.name) + "</strong><br>not covered: " + cg.len(p.length); } });
        };
        cg.minZoom.buildings = cg.minZoom.roads = cg.minZoom.uncovered = meta.contextZoom;
      };

      // Footprints in buckets of 0.01°, each built the first time the view reaches it, so a
      // city's tens of thousands cost nothing until a planner zooms in.
      cg.footprints = function (data, meta, map) {
        var renderer = cg.canvas("footprints"), group = L.layerGroup(), buckets = {}, built = {};
        var style = { color: "#00441b", weight: 0.6, fillColor: "#238b45", fillOpacity: 0.4 };
        cg.minZoom.footprints = meta.footprints === "all" ? 0 : meta.footprintZoom;
        var filed = false;
        function file() {
          cg.detail("footprints").features.forEach(function (f) {
            var c = f.geometry.coordinates[0][0];
            if (f.geometry.type === "MultiPolygon") { c = c[0]; }
            var k = Math.floor(c[0] * 100) + ":" + Math.floor(c[1] * 100);
            (buckets[k] = buckets[k] || []).push(f);
          });
          filed = true;
        }
        cg.features.footprints = [];
        function tip(p) {
          return "<strong>" + cg.esc(p.id) + "</strong> " + cg.esc(p.name) + "<br>" + cg.esc(p.kind) + " · range " +
            cg.len(p.range);
        }
        cg.loadFootprints = function () {
          if (!filed) { file(); }
          var b = map.getBounds();
          for (var x = Math.floor(b.getWest() * 100) - 1; x <= Math.floor(b.getEast() * 100); x++) {
            for (var y = Math.floor(b.getSouth() * 100) - 1; y <= Math.floor(b.getNorth() * 100); y++) {
              var k = x + ":" + y;
              if (built[k] || !buckets[k]) { continue; }
              built[k] = true;
              var bucket = L.geoJSON({ type: "FeatureCollection", features: buckets[k] }, { renderer: renderer,
                style: style, onEachFeature: function (f, layer) { cg.features.footprints.push(layer); } });
              cg.tip(bucket, tip);
              bucket.addTo(group);
            }
          }
        };
        cg.groups.footprints = group;
      };

      cg.planned = function (data) {
        var g = cg.geo("planned", data.planned, { renderer: cg.svg("planned"),
          style: { color: "#1a237e", weight: 1.5, dashArray: "4 3", fillColor: "#3f51b5", fillOpacity: 0.3,
            className: "cg-planned" },
          tip: function (p) {
            return "<strong>planned " + cg.esc(p.id) + "</strong> " + cg.esc(p.name) + "<br>" + cg.esc(p.kind) + " · fov " +
              Math.round(p.fov) + "° · range " + cg.len(p.range);
          } });
        data.planned.features.forEach(function (f) {
          var c = f.properties.at;
          L.circleMarker([c[1], c[0]], { renderer: g.options.renderer, radius: 4, weight: 1.5, color: "#fff",
            fillColor: "#1a237e", fillOpacity: 1 }).addTo(g);
        });
      };

      cg.results = function (data) {
        cg.geo("zones", data.zones, { renderer: cg.svg("zones"),
          style: function (f) {
            var ok = f.properties.meets;
            return { color: ok ? "#1a9850" : "#d73027", weight: 2.5, dashArray: ok ? null : "6 3",
              fill: true, fillOpacity: 0.04, className: ok ? "cg-zone pass" : "cg-zone fail" };
          },
          tip: function (p) {
            return "<strong>" + cg.esc(p.name || p.id) + "</strong> <span class=\"k\">" + cg.esc(p.id) + "</span><br>" +
              cg.kind(p.kind) + "<br>coverage " + cg.pct(p.coverage) + " of a " + cg.pct(p.target, 0) +
              " target" + (p.meets ? " ✓" : " ✗") + "<br>" + cg.grouped(p.gaps) + " gaps, " + cg.area(p.gapArea);
          } });
        cg.geo("gaps", data.gaps, { renderer: cg.svg("gaps"),
          style: { color: "#b30000", weight: 1, fillColor: "#e34a33", fillOpacity: 0.45, className: "cg-gap" },
          tip: function (p) {
            return "<strong>gap " + cg.esc(p.id) + "</strong><br>" + cg.esc(p.zone) + " · " + cg.kind(p.kind) + "<br>" +
              cg.esc(p.district) + "<br>gap area " + cg.area(p.area);
          } });
        cg.geo("entries", data.entries, { renderer: cg.svg("entries"),
          point: function (f, ll) {
            var ok = f.properties.covered;
            return L.circleMarker(ll, { radius: 5, weight: 1.5, color: "#fff", fillOpacity: 1,
              fillColor: ok ? "#1a9850" : "#d73027", className: ok ? "cg-entry covered" : "cg-entry open" });
          },
          tip: function (p) {
            return "<strong>entry: " + cg.esc(p.road) + "</strong><br>" + cg.esc(p.district) + "<br>" +
              (p.covered ? "covered" : "not covered");
          } });
      };

      // The panel's switches; footprints also wait for their zoom.
      cg.panel = function (map) {
        cg.setLayer = function (key, on) {
          cg.shown[key] = on;
          on = on && map.getZoom() >= (cg.minZoom[key] || 0);
          if (on && !cg.groups[key] && cg.builders[key]) { cg.builders[key](); }
          var g = cg.groups[key];
          if (!g) { return; }
          if (on) { if (!map.hasLayer(g)) { map.addLayer(g); } } else if (map.hasLayer(g)) { map.removeLayer(g); }
          if (key === "districts") { if (on) { map.addLayer(cg.labels); } else { map.removeLayer(cg.labels); } }
        };
        document.querySelectorAll("input[data-layer]").forEach(function (box) {
          box.addEventListener("change", function () { cg.setLayer(box.dataset.layer, box.checked); });
          cg.setLayer(box.dataset.layer, box.checked);
        });
        function refresh() {
          if (cg.shown.footprints && map.getZoom() >= cg.minZoom.footprints) { cg.loadFootprints(); }
          for (var key in cg.minZoom) { cg.setLayer(key, !!cg.shown[key]); }
        }
        map.on("moveend zoomend", refresh);
        refresh();
      };

      // Table rows fly the map to the shape they name and outline it.
      cg.tables = function (map, bounds) {
        var current = null, currentRow = null;
        function highlight(layer, key, i) {
          if (current && current.setStyle) { current.setStyle(current.cgStyle); }
          current = layer;
          if (layer.setStyle) {
            layer.setStyle({ color: "#ffb300", weight: 5, dashArray: null });
            if (layer.bringToFront) { layer.bringToFront(); }
          }
          cg.showTip(key, i);
        }
        function flyTo(key, i) {
          var layer = cg.features[key] && cg.features[key][i];
          if (!layer) { return; }
          var box = document.querySelector("input[data-layer=\"" + key + "\"]");
          if (box && !box.checked) { box.checked = true; cg.setLayer(key, true); }
          var b = layer.getBounds ? layer.getBounds() : L.latLngBounds([layer.getLatLng(), layer.getLatLng()]);
          map.flyToBounds(b, { maxZoom: key === "districts" ? 16 : 18, padding: [40, 40], duration: 0.6 });
          map.once("moveend", function () { highlight(layer, key, i); });
          document.getElementById("map").scrollIntoView({ block: "nearest" });
        }
        var KEYS = { zone: "zones", gap: "gaps", entry: "entries", district: "districts" };
        document.querySelectorAll("tr.fly").forEach(function (row) {
          function go() {
            for (var k in KEYS) {
              if (row.dataset[k] === undefined) { continue; }
              if (currentRow) { currentRow.classList.remove("current"); }
              currentRow = row;
              row.classList.add("current");
              flyTo(KEYS[k], +row.dataset[k]);
            }
          }
          row.addEventListener("click", go);
          row.addEventListener("keydown", function (e) { if (e.key === "Enter") { go(); } });
        });
        document.getElementById("fit-all").addEventListener("click", function () { map.flyToBounds(bounds); });
        var printButton = document.getElementById("print-atlas");
        if (printButton) { printButton.addEventListener("click", function () { window.print(); }); }
      };

      cg.main = function () {
        var data = JSON.parse(document.getElementById("camgap-data").textContent);
        var meta = data.meta;
        var map = cg.makeMap(meta);
        var bounds = L.latLngBounds(meta.bounds);
        map.fitBounds(bounds);
        cg.districts(data, meta);
        cg.context(data, meta);
        cg.footprints(data, meta, map);
        cg.planned(data);
        cg.results(data);
        cg.panel(map);
        cg.tables(map, bounds);
        window.camgap = { map: map, groups: cg.groups, features: cg.features, showTip: cg.showTip, moving: false,
          painted: null };
        map.on("movestart", function () { window.camgap.moving = true; });
        map.on("moveend", function () { window.camgap.moving = false; });
        requestAnimationFrame(function () {
          requestAnimationFrame(function () { window.camgap.painted = performance.now(); });
        });
      };
    })(cg);
    cg.main();

    """#
}
