import Cameras
import Geometry

/// The outcome of an audit, in the shape of SPEC §4 (plus the geometry the reports draw).
/// Areas m², lengths m, ratios 0–1, coordinates WGS84.
public struct AuditResult: Sendable {
  public struct Summary: Sendable {
    public var cameras = 0
    public var activeCameras = 0
    public var defaultRangeCameras = 0
    public var districts = 0
    public var districtArea = 0.0
    public var covered = 0.0
    public var coverage = 0.0
    public var zones = 0
    public var zoneArea = 0.0
    public var zoneCovered = 0.0
    public var zoneCoverage = 0.0
    public var zonesBelowTarget = 0
    public var gaps = 0
    public var gapArea = 0.0
    public var roadLength = 0.0
    public var roadCovered = 0.0
    public var entries = 0
    public var entriesCovered = 0
    public var workingRate = 0.0
    public var unknownHeading = 0
  }

  public struct DistrictRow: Sendable {
    public var code: String
    public var name: String
    public var area: Double
    public var covered: Double
    public var coverage: Double
    public var cameras: Int
  }

  public struct ZoneRow: Sendable {
    public var id: String
    public var name: String
    public var kind: String
    public var districts: [String]
    public var area: Double
    public var covered: Double
    public var coverage: Double
    public var target: Double
    public var meetsTarget: Bool
    public var gapCount: Int
    public var gapArea: Double
  }

  public struct Gap: Sendable {
    public var id: String
    /// The zone's id, or "" when districts are audited without zones.
    public var zone: String
    public var kind: String
    public var district: String
    public var area: Double
    public var centroid: XY
    /// WGS84, exteriors counter-clockwise.
    public var polygon: PlanarPolygon
  }

  public struct ClassRow: Sendable {
    public var cameraClass: Int
    public var cameras: Int
    public var active: Int
    public var covered: Double
  }

  public struct Entry: Sendable {
    public var district: String
    public var road: String
    public var point: XY
    public var covered: Bool
  }

  public struct RoadStretch: Sendable {
    public var road: String
    public var name: String
    public var district: String
    public var length: Double
    /// WGS84.
    public var line: [XY]
  }

  public var crs: String
  public var summary = Summary()
  public var districts: [DistrictRow] = []
  public var zones: [ZoneRow] = []
  public var gaps: [Gap] = []
  public var classes: [ClassRow] = []
  public var entries: [Entry] = []
  public var warnings: [String] = []
  /// Uncovered road stretches inside the districts.
  public var uncoveredRoads: [RoadStretch] = []
  /// Gap parts dropped for being smaller than `--min-gap-area`.
  public var droppedGapParts = 0
  /// Active cameras and their footprints (WGS84), for maps.
  public var footprints: [CameraFootprint] = []
  /// District outlines (WGS84), for maps.
  public var districtShapes: [[PlanarPolygon]] = []
  public var zoneShapes: [[PlanarPolygon]] = []
  /// Coverage dissolved per district (WGS84), when asked for.
  public var districtCoverage: [[PlanarPolygon]] = []

  public init(crs: String) { self.crs = crs }
}

/// One active camera's visible area, for maps and `camgap coverage`.
public struct CameraFootprint: Sendable {
  public var cameraID: String
  public var name: String
  public var kind: CameraKind
  public var cameraClass: Int?
  public var position: XY
  public var range: Double
  public var polygons: [PlanarPolygon]
}
