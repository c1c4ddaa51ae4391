/// What camgap calls a layer's fields and what other systems call them (SPEC §5 "Aliases"),
/// for the field mapping to rename a planner's properties by.
public struct LayerVocabulary: Sendable {
  public var layer: ManifestLayer
  /// camgap's field names, in SPEC order.
  public var fields: [String]
  /// Fields a record cannot do without: absent from every record, they are reported once,
  /// with the properties that could serve.
  public var required: [String]
  /// The field that names a record (unique, non-empty), whose candidates must be unique.
  public var identity: String?
  /// camgap field → the names other systems give it, in SPEC order.
  public var aliases: [(field: String, names: [String])]
  /// Names the layer's reader interprets itself with their own rules (OSM's `direction`
  /// takes `"-20"` and `"305;175;240"`, `camera:type` takes `panning`): never renamed, but
  /// a field's `[LAYER.values.FIELD]` map applies to them when the field itself is absent.
  public var readerNative: [String: [String]]

  public init(
    layer: ManifestLayer, fields: [String], required: [String], identity: String?,
    aliases: [(field: String, names: [String])], readerNative: [String: [String]] = [:]
  ) {
    self.layer = layer
    self.fields = fields
    self.required = required
    self.identity = identity
    self.aliases = aliases
    self.readerNative = readerNative
  }

  public func aliases(of field: String) -> [String] {
    aliases.first { $0.field == field }?.names ?? []
  }
}

/// The area layers' vocabularies (SPEC §1 fields, SPEC §5 district aliases).
public enum AreaFields {
  public static let districts = LayerVocabulary(
    layer: .districts, fields: ["code", "name", "parent"], required: ["code", "name"], identity: "code",
    aliases: [
      ("code", ["adcode", "area_code", "XZQDM", "行政区划代码"]), ("name", ["XZQMC", "名称"]),
      ("parent", ["parent_code"]),
    ])
  public static let zones = LayerVocabulary(
    layer: .zones, fields: ["id", "name", "kind", "target", "valid_from", "valid_to"], required: ["id"],
    identity: "id", aliases: [])
  public static let roads = LayerVocabulary(
    layer: .roads, fields: ["id", "name"], required: [], identity: nil, aliases: [])
  public static let buildings = LayerVocabulary(
    layer: .buildings, fields: ["height", "building:levels"], required: [], identity: nil, aliases: [])

  public static func vocabulary(_ layer: ManifestLayer) -> LayerVocabulary? {
    switch layer {
    case .districts: return districts
    case .zones: return zones
    case .roads: return roads
    case .buildings: return buildings
    case .cameras: return nil
    }
  }
}
