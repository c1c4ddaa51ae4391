import Foundation
import Geometry

/// A layer to write through OGR: plain Swift values in, typed columns out. Positions are
/// WGS84 longitude/latitude; the file's CRS is EPSG:4326.
public struct VectorLayer: Sendable {
  public enum GeometryType: Sendable, Equatable {
    /// A table without geometry (a GeoPackage "attributes" table).
    case none
    case point, multiPoint, lineString, multiLineString, polygon, multiPolygon
    /// Features of different types in one layer (GeoPackage `GEOMETRY`).
    case any
  }

  public enum FieldType: Sendable, Equatable {
    case string
    /// 64-bit (GeoPackage INTEGER).
    case integer
    case real
    /// An integer column of subtype boolean, which QGIS shows as true/false.
    case boolean
  }

  public struct Field: Sendable, Equatable {
    public var name: String
    public var type: FieldType
    public init(_ name: String, _ type: FieldType) {
      self.name = name
      self.type = type
    }
  }

  public enum Value: Sendable, Equatable {
    case null
    case string(String)
    case integer(Int)
    case real(Double)
    case boolean(Bool)
  }

  public struct Row: Sendable {
    public var geometry: LonLatGeometry?
    /// One value per field, in the fields' order.
    public var values: [Value]
    public init(geometry: LonLatGeometry?, values: [Value]) {
      self.geometry = geometry
      self.values = values
    }
  }

  public var name: String
  public var geometryType: GeometryType
  public var fields: [Field]
  public var rows: [Row]

  public init(name: String, geometryType: GeometryType, fields: [Field], rows: [Row] = []) {
    self.name = name
    self.geometryType = geometryType
    self.fields = fields
    self.rows = rows
  }

  /// A geometry in the layer's declared type: a Polygon in a MultiPolygon layer becomes a
  /// one-part MultiPolygon (and likewise for lines and points), because a GeoPackage
  /// layer holds exactly its declared type and GDAL warns about anything else.
  func conformed(_ g: LonLatGeometry) -> LonLatGeometry {
    switch (geometryType, g) {
    case (.multiPolygon, .polygon(let p)): return .multiPolygon([p])
    case (.multiLineString, .lineString(let l)): return .multiLineString([l])
    case (.multiPoint, .point(let p)): return .multiPoint([p])
    default: return g
    }
  }
}
