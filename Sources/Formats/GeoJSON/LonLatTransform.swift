import Geometry

extension LonLatGeometry {
  /// The same geometry with every position passed through `f` (a datum shift such as
  /// GCJ-02 → WGS84), vertex for vertex.
  public func mapped(_ f: (XY) -> XY) -> LonLatGeometry {
    switch self {
    case .point(let p): return .point(f(p))
    case .multiPoint(let ps): return .multiPoint(ps.map(f))
    case .lineString(let ps): return .lineString(ps.map(f))
    case .multiLineString(let ls): return .multiLineString(ls.map { $0.map(f) })
    case .polygon(let rs): return .polygon(rs.map { $0.map(f) })
    case .multiPolygon(let ps): return .multiPolygon(ps.map { $0.map { $0.map(f) } })
    }
  }
}

extension FeatureCollection {
  /// Every feature's geometry passed through `f`.
  public func mapped(_ f: (XY) -> XY) -> FeatureCollection {
    var out = self
    for i in out.features.indices { out.features[i].geometry = out.features[i].geometry?.mapped(f) }
    return out
  }
}
