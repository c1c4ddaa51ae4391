import Foundation

struct AuditBundle {
  var title: String
  var about: String
  var frame: Frame
  var districts: [District]
  var zones: [Zone]
  var roads: [Road]
  var cameras: [Camera]
  var cameraIds: [String]
  var buildings: [Building]?
  /// Buildings carry their height (`height`, or every fifth `building:levels` at 3 m a
  /// level, as OSM maps many); without it they are footprints only.
  var heights = false
}

/// Writes the bundle's files into `directory` (created if needed). `command` goes into the
/// README so that anyone holding the bundle can regenerate it.
func write(_ bundle: AuditBundle, to directory: String, csv: Bool, command: String) throws {
  let dir = URL(fileURLWithPath: directory, isDirectory: true)
  try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
  let frame = bundle.frame

  var districts = FeatureWriter(capacity: 1 << 16)
  for d in bundle.districts.sorted(by: { $0.code < $1.code }) {
    districts.feature(
      properties: { m in
        m.string("code", d.code)
        m.string("name", d.name)
        m.string("parent", d.parent)
      },
      geometry: { $0.putPolygon(d.ring.map(frame.e7)) })
  }
  try districts.finish().write(to: dir.appendingPathComponent("districts.geojson"))

  var zones = FeatureWriter(capacity: 1 << 16)
  for z in bundle.zones.sorted(by: { $0.id < $1.id }) {
    zones.feature(
      properties: { m in
        m.string("id", z.id)
        m.string("name", z.name)
        m.string("kind", z.kind.rawValue)
        m.number("target", z.target, decimals: 2)
        m.string("valid_from", z.validFrom)
        m.string("valid_to", z.validTo)
      },
      geometry: { $0.putPolygon(z.ring.map(frame.e7)) })
  }
  try zones.finish().write(to: dir.appendingPathComponent("zones.geojson"))

  var roads = FeatureWriter(capacity: 1 << 20)
  let roadDigits = max(4, String(bundle.roads.count).count)
  for (i, r) in bundle.roads.enumerated() {
    roads.feature(
      properties: { m in
        m.string("id", "R" + zeroPadded(i + 1, roadDigits))
        m.string("name", r.name)
        m.string("highway", r.highway)
      },
      geometry: { $0.putLineString(r.points.map(frame.e7)) })
  }
  try roads.finish().write(to: dir.appendingPathComponent("roads.geojson"))

  if csv {
    let out = Output(capacity: bundle.cameras.count * 160)
    out.put(
      "id,name,lon,lat,kind,heading,fov,range,resolution,min_range,height,tilt,class,status,installed,removed\n"
    )
    for (i, c) in bundle.cameras.enumerated() {
      let e = frame.e7(c.position)
      out.put(csvCell(bundle.cameraIds[i]))
      out.put(",")
      out.put(csvCell(c.name))
      out.put(",")
      out.putE7(e.lon)
      out.put(",")
      out.putE7(e.lat)
      out.put(",")
      out.put(c.kind.rawValue)
      for (v, decimals) in [(c.heading, 1), (c.fov, 1), (c.range, 1), (c.resolution.map(Double.init), 0)] {
        out.put(",")
        if let v { out.putNumber(v, decimals: decimals) }
      }
      for (v, decimals) in [(c.minRange, 1), (c.height, 1), (c.tilt, 1), (c.cls.map(Double.init), 0)] {
        out.put(",")
        if let v { out.putNumber(v, decimals: decimals) }
      }
      out.put(",")
      out.put(c.status.rawValue)
      out.put(",")
      if let d = c.installed { out.put(isoDate(d)) }
      out.put(",")
      if let d = c.removed { out.put(isoDate(d)) }
      out.put("\n")
    }
    try out.write(to: dir.appendingPathComponent("cameras.csv"))
  } else {
    var cameras = FeatureWriter(capacity: bundle.cameras.count * 300)
    for (i, c) in bundle.cameras.enumerated() {
      cameras.feature(
        properties: { m in
          m.string("id", bundle.cameraIds[i])
          m.string("name", c.name)
          m.string("kind", c.kind.rawValue)
          m.number("heading", c.heading, decimals: 1)
          m.number("fov", c.fov, decimals: 1)
          m.number("range", c.range, decimals: 1)
          m.int("resolution", c.resolution)
          m.number("min_range", c.minRange, decimals: 1)
          m.number("height", c.height, decimals: 1)
          m.number("tilt", c.tilt, decimals: 1)
          m.int("class", c.cls)
          m.string("status", c.status.rawValue)
          m.string("installed", c.installed.map(isoDate))
          m.string("removed", c.removed.map(isoDate))
        },
        geometry: { $0.putPointGeometry(frame.e7(c.position)) })
    }
    try cameras.finish().write(to: dir.appendingPathComponent("cameras.geojson"))
  }

  if let buildings = bundle.buildings {
    var out = FeatureWriter(capacity: buildings.count * 260)
    let digits = max(6, String(buildings.count).count)
    for (i, b) in buildings.enumerated() {
      out.feature(
        properties: { m in
          m.string("id", "B" + zeroPadded(i + 1, digits))
          if bundle.heights && i % 5 == 4 {
            m.int("building:levels", max(1, Int((b.height / 3).rounded(.down))))
          } else if bundle.heights {
            m.number("height", b.height, decimals: 1)
          }
        },
        geometry: { $0.putPolygon(b.outline.map(frame.e7)) })
    }
    try out.finish().write(to: dir.appendingPathComponent("buildings.geojson"))
  }

  let text = Output()
  text.put(readme(for: bundle, csv: csv, command: command))
  try text.write(to: dir.appendingPathComponent("README.md"))
}

func zeroPadded(_ v: Int, _ width: Int) -> String {
  let s = String(v)
  return String(repeating: "0", count: max(0, width - s.count)) + s
}

private func readme(for bundle: AuditBundle, csv: Bool, command: String) -> String {
  func tally<T>(_ values: [T], _ name: (T) -> String, order: [String]) -> String {
    var counts = [Int](repeating: 0, count: order.count)
    for v in values {
      if let i = order.firstIndex(of: name(v)) { counts[i] += 1 }
    }
    return zip(order, counts).map { "\($0) \($1)" }.joined(separator: ", ")
  }
  let cams = bundle.cameras
  var lines: [String] = []
  lines.append("# \(bundle.title)")
  lines.append("")
  lines.append(bundle.about)
  lines.append("")
  lines.append("Generated by `camgap-gen` (tools/gen in the camgap repository). The same command")
  lines.append("gives byte-identical files:")
  lines.append("")
  lines.append("    \(command)")
  lines.append("")
  lines.append("Everything here is synthetic: no position, name or id belongs to a real camera.")
  lines.append("Coordinates are WGS84 longitude/latitude; dates are relative to \(isoDate(referenceDay)).")
  lines.append("")
  lines.append("| file | features |")
  lines.append("|---|---|")
  lines.append("| districts.geojson | \(bundle.districts.count) |")
  lines.append("| zones.geojson | \(bundle.zones.count) |")
  lines.append("| roads.geojson | \(bundle.roads.count) |")
  lines.append("| \(csv ? "cameras.csv" : "cameras.geojson") | \(cams.count) |")
  if let b = bundle.buildings { lines.append("| buildings.geojson | \(b.count) |") }
  lines.append("")
  lines.append(
    "- zones by kind: "
      + tally(bundle.zones, { $0.kind.rawValue }, order: ZoneKind.allCases.map(\.rawValue)))
  lines.append(
    "- cameras by kind: " + tally(cams, { $0.kind.rawValue }, order: CameraKind.allCases.map(\.rawValue)))
  lines.append(
    "- cameras by status: "
      + tally(cams, { $0.status.rawValue }, order: CameraStatus.allCases.map(\.rawValue)))
  let noHeading = cams.filter { $0.heading == nil && ($0.kind == .fixed || $0.kind == .dome) }.count
  let withRemoved = cams.filter { $0.removed != nil }.count
  lines.append(
    "- fixed or dome cameras without a heading: \(noHeading); cameras with a removed date: \(withRemoved)")
  lines.append("")
  return lines.joined(separator: "\n")
}
