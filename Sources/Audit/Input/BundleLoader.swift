import Cameras
import Formats
import Foundation
import Geometry
import Support

public struct LoadOptions: Sendable {
  /// A cameras file other than the bundle's own.
  public var camerasPath: String?
  /// Cameras already read (from the registry): the bundle's cameras file is not needed.
  public var cameras: [Camera]?
  public var crs: String?
  public var inputCRS: InputCRS = .wgs84
  /// Convert districts, zones, roads and buildings too, not only cameras.
  public var inputCRSAll = false
  public var cameraRead = CameraReadOptions()
  /// Cores for projecting a city's cameras (`--threads`).
  public var threads = Parallel.defaultThreads
  /// The CRS of an area layer's file by layer name (`--source-crs districts=EPSG:4549`), over
  /// the manifest's and the file's own; the cameras' is `cameraRead.sourceCRS`.
  public var sourceCRS: [String: String] = [:]
  /// The manifest to follow (`--manifest`); nil: the bundle's `camgap.toml` when present.
  public var manifest: Manifest?
  /// `--field LAYER.FIELD=SOURCE` options, over the manifest.
  public var fieldOptions = Manifest()

  public init() {}
}

/// Everything an audit reads, in the metric plane.
public struct AuditInput: Sendable {
  public var crs: String
  public var districts: [District]
  public var zones: [Zone]
  public var roads: [Road]
  public var buildings: [Building]
  public var cameras: [PlacedCamera]
  /// OSM nodes that are not cameras (guards, outposts), counted and left out.
  public var skippedNonCameras: Int
  public var warnings: [String]
  /// Districts spread over several UTM zones: each zone's part, measured in its own plane
  /// (SPEC §2, Scale). Empty when one plane serves every district; the fields above then
  /// hold the whole bundle in `crs`, as they also do here for commands that need one plane.
  public var groups: [AuditInput] = []
  /// In a group: the cameras at the end that belong to another group and are here only
  /// for the footprints reaching in, not counted again.
  public var guestCameras = 0
  /// In a group: the input position of each of its districts and zones.
  public var districtIndices: [Int] = []
  public var zoneIndices: [Int] = []

  /// The plane or planes areas are measured in: "EPSG:32651+EPSG:32631" for two groups.
  public var measuredCRS: String { groups.isEmpty ? crs : groups.map(\.crs).joined(separator: "+") }

  /// The cameras counted in this input's summary (every one but the guests).
  public var homeCameras: Range<Int> { 0..<(cameras.count - guestCameras) }
}

/// Reads an audit bundle (SPEC §1): validates every file, converts Chinese map
/// coordinates, projects once into the metric plane and repairs invalid polygons with a
/// warning naming the feature.
public enum BundleLoader {
  public static func load(directory dir: String, options: LoadOptions = LoadOptions()) throws -> AuditInput {
    let manifest = try manifest(dir, options: options)
    let bundle = try BundleDirectory(dir, manifest: manifest, sourceCRS: options.sourceCRS)
    Timing.mark("start")
    let files = try AreaFiles(bundle)
    Timing.mark("areas")
    var warnings = files.warnings
    var cameras = try readCameras(bundle, options: options, warnings: &warnings)
    Timing.mark("cameras: records")
    // Chinese web-map coordinates to WGS84, before anything is measured.
    let convert = converter(options.inputCRS)
    if let convert {
      for i in cameras.cameras.indices {
        let p = convert(XY(cameras.cameras[i].lon, cameras.cameras[i].lat))
        cameras.cameras[i].lon = p.x
        cameras.cameras[i].lat = p.y
      }
    }
    var areas = try files.parsed(threads: options.threads)
    // The files' features are a city's worth of small allocations: freed on another core.
    Parallel.releaseInBackground(consume files)
    warnings += areas.warnings
    if options.inputCRSAll, let convert { areas.convert(convert) }
    let zoned = try ZoneGroups(areas.districts, explicit: options.crs)
    warnings += zoned.warnings
    let lonlat = areas
    let crs = zoned.groups.count == 1 ? zoned.groups[0].crs : areas.utmCRS(convert: nil)
    let proj = try Projector(crs: crs)
    try areas.project(proj, convert: nil, threads: options.threads)
    Timing.mark("project areas")
    let placed = try place(cameras.cameras, crs: crs, main: proj, threads: options.threads)
    Timing.mark("project")
    let loadWarnings = warnings
    try areas.repair(proj, warnings: &warnings)
    Timing.mark("repair")
    var input = AuditInput(
      crs: crs, districts: areas.districts, zones: areas.zones, roads: areas.roads,
      buildings: areas.buildings,
      cameras: placed, skippedNonCameras: cameras.skipped, warnings: warnings)
    if zoned.groups.count > 1 {
      let base = AuditInput(
        crs: crs, districts: [], zones: [], roads: [], buildings: [], cameras: [],
        skippedNonCameras: cameras.skipped, warnings: loadWarnings)
      let shares = try share(lonlat, cameras: cameras.cameras, groups: zoned.groups)
      input.groups = try zip(zoned.groups, shares).map { g, s in
        try groupInput(
          lonlat, cameras: cameras.cameras, share: s, crs: g.crs, base: base, threads: options.threads)
      }
      Timing.mark("zone groups")
    }
    Parallel.releaseInBackground(consume lonlat)
    return input
  }

  /// A bundle directory that exists and holds its districts.
  struct BundleDirectory {
    let dir: String
    let districts: String
    let manifest: Manifest
    let sourceCRS: [String: String]

    init(_ dir: String, manifest: Manifest = Manifest(), sourceCRS: [String: String] = [:]) throws {
      var isDir: ObjCBool = false
      guard FileManager.default.fileExists(atPath: dir, isDirectory: &isDir), isDir.boolValue else {
        throw InputError(
          file: dir,
          message: "not a directory; an audit bundle is a directory holding districts.geojson and cameras")
      }
      self.dir = dir
      self.manifest = manifest
      self.sourceCRS = sourceCRS
      districts =
        try BundleLoader.layerPath(dir, .districts, manifest)
        ?? (dir as NSString).appendingPathComponent("districts.geojson")
      guard FileManager.default.fileExists(atPath: LayerFiles.file(of: districts)) else {
        throw InputError(file: districts, message: "missing: the bundle needs its districts")
      }
    }

    /// The path of a file of the bundle, if it is there.
    func path(_ name: String) -> String? {
      let p = (dir as NSString).appendingPathComponent(name)
      return FileManager.default.fileExists(atPath: p) ? p : nil
    }
  }

  /// The bundle's area files as read, before their features are checked.
  struct AreaFiles {
    var districts: FeatureCollection
    var zones: FeatureCollection?
    var roads: FeatureCollection?
    var buildings: FeatureCollection?
    var warnings: [String] = []

    init(_ bundle: BundleDirectory) throws {
      let m = bundle.manifest
      districts = try LayerFiles.read(bundle.districts, .districts, bundle)
      warnings += districts.warnings
      districts = try BundleLoader.mapped(districts, .districts, m, warnings: &warnings)
      zones = try BundleLoader.layerPath(bundle.dir, .zones, m).map {
        try LayerFiles.read($0, .zones, bundle)
      }
      warnings += zones?.warnings ?? []
      zones = try zones.map { try BundleLoader.mapped($0, .zones, m, warnings: &warnings) }
      roads = try BundleLoader.layerPath(bundle.dir, .roads, m).map {
        try LayerFiles.read($0, .roads, bundle)
      }
      roads = try roads.map { try BundleLoader.mapped($0, .roads, m, warnings: &warnings) }
      buildings = try BundleLoader.layerPath(bundle.dir, .buildings, m).map {
        try LayerFiles.read($0, .buildings, bundle)
      }
      warnings += buildings?.warnings ?? []
      buildings = try buildings.map { try BundleLoader.mapped($0, .buildings, m, warnings: &warnings) }
    }

    /// Every feature checked, the problems of all four files reported together.
    func parsed(threads: Int = 1) throws -> Areas {
      var problems = AreaProblems()
      var heightWarnings: [String] = []
      var areas = Areas(
        districts: parseDistricts(districts, &problems), zones: zones.map { parseZones($0, &problems) } ?? [],
        roads: roads.map { parseRoads($0, &problems) } ?? [],
        buildings: try buildings.map {
          try parseBuildings($0, &problems, warnings: &heightWarnings, threads: threads)
        }
          ?? [])
      areas.warnings = heightWarnings
      try problems.throwIfAny()
      return areas
    }
  }

  /// Districts, zones, roads and buildings, first in lon/lat, then in the metric plane.
  struct Areas {
    var districts: [District]
    var zones: [Zone]
    var roads: [Road]
    var buildings: [Building]
    /// Buildings' heights that are not heights, each naming its feature.
    var warnings: [String] = []

    /// UTM of the districts' bounding-box centre.
    func utmCRS(convert: ((XY) -> XY)?) -> String {
      var box = BBox.empty
      for d in districts {
        for p in d.polygons { box.add(BBox(points: p.exterior.map { convert?($0) ?? $0 })) }
      }
      return Projector.utmCRS(lon: box.center.x, lat: box.center.y)
    }

    /// Chinese map coordinates of every area to WGS84 (`--input-crs-all`).
    mutating func convert(_ f: (XY) -> XY) {
      func polys(_ ps: [PlanarPolygon]) -> [PlanarPolygon] {
        ps.map { PlanarPolygon(rings: $0.rings.map { $0.map(f) }) }
      }
      for i in districts.indices { districts[i].polygons = polys(districts[i].polygons) }
      for i in zones.indices { zones[i].polygons = polys(zones[i].polygons) }
      for i in roads.indices { roads[i].lines = roads[i].lines.map { $0.map(f) } }
      for i in buildings.indices { buildings[i].polygons = polys(buildings[i].polygons) }
    }

    /// Every area in the metric plane. A city's buildings are a million vertices or more:
    /// they go to PROJ a few thousand buildings per call, spread over `threads` cores with
    /// a projector each. PROJ projects each point on its own, so how the points are
    /// batched changes no coordinate.
    mutating func project(_ proj: Projector, convert: ((XY) -> XY)?, threads: Int = 1) throws {
      func project(_ pts: [XY]) throws -> [XY] {
        var q = convert.map { f in pts.map(f) } ?? pts
        try proj.forward(&q)
        return q
      }
      func project(_ polys: [PlanarPolygon]) throws -> [PlanarPolygon] {
        try polys.map { PlanarPolygon(rings: try $0.rings.map(project)) }
      }
      for i in districts.indices { districts[i].polygons = try project(districts[i].polygons) }
      for i in zones.indices { zones[i].polygons = try project(zones[i].polygons) }
      for i in roads.indices { roads[i].lines = try roads[i].lines.map(project) }
      if convert == nil, let batched = try? Self.projected(buildings, proj, threads: threads) {
        buildings = batched
        return
      }
      // Ring by ring, also to throw the error PROJ gives for the first ring that fails.
      for i in buildings.indices { buildings[i].polygons = try project(buildings[i].polygons) }
    }

    /// `buildings` projected in batches of whole buildings, in order.
    static func projected(_ buildings: [Building], _ proj: Projector, threads: Int) throws -> [Building] {
      let batch = 4096
      let batches = (buildings.count + batch - 1) / batch
      let workers = buildings.count < 20_000 ? 1 : max(1, min(threads, batches))
      let pool = WorkerPool([proj] + (try (1..<max(1, workers)).map { _ in try Projector(crs: proj.crs) }))
      let parts = try pool.map(count: batches) { p, k -> Result<[Building], any Error> in
        Result { try projected(buildings[(k * batch)..<min(buildings.count, (k + 1) * batch)], p) }
      }
      var out: [Building] = []
      out.reserveCapacity(buildings.count)
      for part in parts { out += try part.get() }
      return out
    }

    /// One batch: every vertex in one array through one PROJ call, then cut back into rings.
    static func projected(_ buildings: ArraySlice<Building>, _ proj: Projector) throws -> [Building] {
      var pts: [XY] = []
      for b in buildings {
        for p in b.polygons {
          for r in p.rings { pts += r }
        }
      }
      try proj.forward(&pts)
      var at = 0
      return buildings.map { b in
        var b = b
        b.polygons = b.polygons.map { p in
          PlanarPolygon(
            rings: p.rings.map { r in
              defer { at += r.count }
              return Array(pts[at..<(at + r.count)])
            })
        }
        return b
      }
    }
  }

  /// The cameras given, or those of the cameras file (`--cameras`, else the bundle's own).
  static func readCameras(_ bundle: BundleDirectory, options: LoadOptions, warnings: inout [String]) throws
    -> (cameras: [Camera], skipped: Int)
  {
    if let given = options.cameras { return (given, 0) }
    let camPath: String
    if let p = options.camerasPath {
      camPath = p
    } else if let file = bundle.manifest[.cameras]?.file {
      camPath = file.hasPrefix("/") ? file : (bundle.dir as NSString).appendingPathComponent(file)
    } else if let p = try BundleFiles.locate(directory: bundle.dir, stem: "cameras") {
      camPath = p
    } else {
      throw InputError(
        file: (bundle.dir as NSString).appendingPathComponent("cameras.geojson"),
        message:
          "missing: the bundle needs cameras.geojson or cameras.csv (or use --cameras FILE or --db PATH)")
    }
    let cf = try CameraSource.read(
      path: camPath, manifest: bundle.manifest[.cameras], options: options.cameraRead)
    warnings += cf.warnings
    return (cf.cameras, cf.skippedNonCameras)
  }

  /// Chinese web-map coordinates to WGS84; nil for input already in WGS84.
  static func converter(_ crs: InputCRS) -> ((XY) -> XY)? {
    switch crs {
    case .wgs84: return nil
    case .gcj02:
      return { p in
        let r = ChineseCoordinates.gcj02ToWGS84(lon: p.x, lat: p.y)
        return XY(r.lon, r.lat)
      }
    case .bd09:
      return { p in
        let r = ChineseCoordinates.bd09ToWGS84(lon: p.x, lat: p.y)
        return XY(r.lon, r.lat)
      }
    }
  }

  /// Cameras in the metric plane with their meridian convergence. A city's worth is
  /// projected on all cores, each worker with its own PROJ objects (they are not shared
  /// between threads: a worker is used by one thread at a time).
  static func place(_ cameras: [Camera], crs: String, main: Projector, threads: Int) throws -> [PlacedCamera]
  {
    @Sendable func run(_ range: Range<Int>, _ proj: Projector) throws -> [PlacedCamera] {
      var pts = cameras[range].map { XY($0.lon, $0.lat) }
      try proj.forward(&pts)
      var out: [PlacedCamera] = []
      out.reserveCapacity(range.count)
      for (k, i) in range.enumerated() {
        let c = cameras[i]
        out.append(
          PlacedCamera(camera: c, position: pts[k], convergence: try proj.convergence(lon: c.lon, lat: c.lat))
        )
      }
      return out
    }
    let threads = cameras.count < 20_000 ? 1 : max(1, threads)
    if threads == 1 { return try run(0..<cameras.count, main) }
    let size = (cameras.count + threads - 1) / threads
    // The caller's projector is the first worker's: building one costs as much as
    // projecting thousands of cameras.
    let pool = WorkerPool([main] + (try (1..<threads).map { _ in try Projector(crs: crs) }))
    let parts = try pool.map(count: threads) { proj, k in
      try run((k * size)..<min(cameras.count, (k + 1) * size), proj)
    }
    return parts.flatMap { $0 }
  }

  // MARK: per-file parsing

  static func str(_ f: Feature, _ key: String, file: String, required: Bool) throws -> String? {
    guard let v = f.property(key) else {
      if required {
        throw InputError(file: file, location: .feature(f.index), field: key, message: "missing")
      }
      return nil
    }
    if let s = v.string {
      if required && s.trimmingCharacters(in: .whitespaces).isEmpty {
        throw InputError(file: file, location: .feature(f.index), field: key, message: "empty")
      }
      return s
    }
    if let n = v.number, n == n.rounded(), abs(n) < 1e15 { return JSONWriter.number(n) }
    throw InputError(
      file: file, location: .feature(f.index), field: key, message: "must be a string, got \(v.typeName)")
  }

  static func polygons(_ f: Feature, file: String) throws -> [PlanarPolygon] {
    guard let g = f.geometry else {
      throw InputError(
        file: file, location: .feature(f.index), field: "geometry",
        message: "missing; expected a Polygon or MultiPolygon")
    }
    guard let polys = g.polygons else {
      throw InputError(
        file: file, location: .feature(f.index), field: "geometry",
        message: "must be a Polygon or MultiPolygon, got \(g.typeName)")
    }
    return polys.map { PlanarPolygon(rings: $0) }
  }

  static func parseDistricts(_ fc: FeatureCollection, _ problems: inout AreaProblems) -> [District] {
    let file = fc.file
    if fc.features.isEmpty {
      problems.append(InputError(file: file, field: "features", message: "no districts: nothing to audit"))
    }
    var seen: [String: Int] = [:]
    var out: [District] = []
    for f in fc.features {
      let code = problems.check { try str(f, "code", file: file, required: true)! }
      let name = problems.check { try str(f, "name", file: file, required: true)! }
      let parent = problems.check { try str(f, "parent", file: file, required: false) } ?? nil
      let polys = problems.check { try polygons(f, file: file) }
      if let code, !firstUse(code, f, field: "code", of: "district code", file: file, &seen, &problems) {
        continue
      }
      guard let code, let name, let polys else { continue }
      out.append(District(code: code, name: name, parent: parent, featureIndex: f.index, polygons: polys))
    }
    return out
  }

  /// Whether `key` is met here first; a repeat is a problem that names the feature that
  /// holds the key already, and the first holder keeps it.
  @discardableResult
  static func firstUse(
    _ key: String, _ f: Feature, field: String, of what: String, file: String, _ seen: inout [String: Int],
    _ problems: inout AreaProblems
  ) -> Bool {
    if let j = seen[key] {
      problems.append(
        InputError(
          file: file, location: .feature(f.index), field: field,
          message: "duplicate \(what) \"\(key)\" (also at feature \(j))"))
      return false
    }
    seen[key] = f.index
    return true
  }

  static func parseZones(_ fc: FeatureCollection, _ problems: inout AreaProblems) -> [Zone] {
    let file = fc.file
    var seen: [String: Int] = [:]
    var out: [Zone] = []
    for f in fc.features {
      let id = problems.check { try str(f, "id", file: file, required: true)! }
      if let id { firstUse(id, f, field: "id", of: "zone id", file: file, &seen, &problems) }
      let name = (problems.check { try str(f, "name", file: file, required: false) } ?? nil) ?? ""
      let kind = problems.check { try zoneKind(f, file: file) }
      let target = problems.check { try zoneTarget(f, file: file, kind: kind ?? .other) }
      let dates = problems.check { try zoneDates(f, file: file) }
      let polys = problems.check { try polygons(f, file: file) }
      guard let id, seen[id] == f.index, let kind, let target, let dates, let polys else { continue }
      out.append(
        Zone(
          id: id, name: name, kind: kind, target: target, validFrom: dates.0, validTo: dates.1,
          featureIndex: f.index, polygons: polys))
    }
    return out
  }

  static func zoneKind(_ f: Feature, file: String) throws -> ZoneKind {
    guard let k = try str(f, "kind", file: file, required: false) else { return .other }
    guard let zk = ZoneKind(rawValue: k) else {
      throw InputError(
        file: file, location: .feature(f.index), field: "kind",
        message:
          "unknown zone kind \"\(k)\"; expected one of \(ZoneKind.allCases.map(\.rawValue).joined(separator: ", "))"
      )
    }
    return zk
  }

  static func zoneTarget(_ f: Feature, file: String, kind: ZoneKind) throws -> Double {
    guard let t = f.property("target") else { return kind.defaultTarget }
    guard let n = t.number else {
      throw InputError(
        file: file, location: .feature(f.index), field: "target",
        message: "must be a number in [0, 1], got \(t.typeName)")
    }
    guard n >= 0 && n <= 1 else {
      throw InputError(
        file: file, location: .feature(f.index), field: "target",
        message: "must be a fraction in [0, 1], got \(JSONWriter.number(n))")
    }
    return n
  }

  static func zoneDates(_ f: Feature, file: String) throws -> (ISODate?, ISODate?) {
    var dates: [ISODate?] = []
    for key in ["valid_from", "valid_to"] {
      if let s = try str(f, key, file: file, required: false) {
        guard let d = ISODate(s) else {
          throw InputError(
            file: file, location: .feature(f.index), field: key,
            message: "not an ISO date YYYY-MM-DD: \"\(s)\"")
        }
        dates.append(d)
      } else {
        dates.append(nil)
      }
    }
    if let a = dates[0], let b = dates[1], b < a {
      throw InputError(
        file: file, location: .feature(f.index), field: "valid_to", message: "\(b) is before valid_from \(a)")
    }
    return (dates[0], dates[1])
  }

  static func parseRoads(_ fc: FeatureCollection, _ problems: inout AreaProblems) -> [Road] {
    let file = fc.file
    var out: [Road] = []
    for f in fc.features {
      guard let lines = f.geometry?.lines else {
        let got = f.geometry.map { "must be a LineString or MultiLineString, got \($0.typeName)" }
        problems.append(
          InputError(
            file: file, location: .feature(f.index), field: "geometry",
            message: got ?? "missing; expected a LineString or MultiLineString"))
        continue
      }
      var id = (try? str(f, "id", file: file, required: false)) ?? nil
      if id == nil { id = (try? str(f, "osm_id", file: file, required: false)) ?? nil }
      if id == nil, let fid = f.id { id = fid.string ?? fid.number.map(JSONWriter.number) }
      let name = ((try? str(f, "name", file: file, required: false)) ?? nil) ?? ""
      out.append(Road(id: id ?? "road-\(f.index)", name: name, lines: lines))
    }
    return out
  }

  /// A city's buildings are read on `threads` cores, each a run of features; problems and
  /// warnings come out in feature order as from one pass.
  static func parseBuildings(
    _ fc: FeatureCollection, _ problems: inout AreaProblems, warnings: inout [String], threads: Int = 1
  ) throws
    -> [Building]
  {
    let n = fc.features.count
    // The body throws nothing: problems are kept, not thrown.
    let parts = try Parallel.chunks(count: n, threads: n < 20_000 ? 1 : threads) { range in
      var problems = AreaProblems()
      var warnings: [String] = []
      let out = fc.features[range].compactMap { f -> Building? in
        guard let polys = problems.check({ try polygons(f, file: fc.file) }) else { return nil }
        let h = BuildingHeights.read(f, file: fc.file, warnings: &warnings)
        return Building(featureIndex: f.index, polygons: polys, height: h.height, levels: h.levels)
      }
      return (out, problems, warnings)
    }
    var out: [Building] = []
    out.reserveCapacity(n)
    for (b, p, w) in parts {
      out += b
      problems.errors += p.errors
      warnings += w
    }
    return out
  }
}
