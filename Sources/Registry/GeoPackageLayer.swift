import Foundation
import GRDB

/// The registry as a GeoPackage (OGC 12-128r18, version 1.3): the same SQLite file opens in
/// QGIS and `ogrinfo` as a point layer `cameras` in EPSG:4326 with every SPEC §1 field as a
/// column, beside camgap's own `camera` and `history` tables.
///
/// The layer is written by triggers on `camera`, so it changes in the very transaction that
/// changes a camera (an import, an edit, a retirement) and can never drift from it: a rolled
/// back import leaves both as they were. The triggers build each point's GeoPackage geometry
/// blob with `camgap_gpkg_point(lon, lat)`, a function every camgap connection registers;
/// the R-tree is kept by triggers on plain columns, so they need none of GDAL's `ST_`
/// functions. The layer is for reading: planners edit cameras through camgap, which keeps
/// the history.
enum GeoPackageLayer {
  /// 'GPKG' (GeoPackage 1.2 and later) and 1.3.0.
  static let applicationID = 0x4750_4B47
  static let userVersion = 10300

  /// The columns of the `cameras` layer, in `camera`'s order, with their GeoPackage types.
  static let columns: [(name: String, type: String)] = [
    ("id", "TEXT NOT NULL UNIQUE"), ("name", "TEXT"), ("lon", "DOUBLE"), ("lat", "DOUBLE"), ("kind", "TEXT"),
    ("heading", "TEXT"), ("fov", "DOUBLE"), ("range", "DOUBLE"), ("resolution", "DOUBLE"),
    ("min_range", "DOUBLE"), ("height", "DOUBLE"), ("tilt", "DOUBLE"), ("class", "INTEGER"),
    ("status", "TEXT"), ("installed", "DATE"), ("removed", "DATE"),
  ]

  static var quotedNames: String { columns.map { "\"\($0.name)\"" }.joined(separator: ", ") }
  static var newValues: String { columns.map { "NEW.\"\($0.name)\"" }.joined(separator: ", ") }

  /// A GeoPackage point: the binary header (`GP`, version 0, little-endian, no envelope,
  /// SRS 4326) and the WKB point, 29 bytes.
  static func pointBlob(lon: Double, lat: Double) -> Data {
    var d = Data([0x47, 0x50, 0x00, 0x01])
    withUnsafeBytes(of: Int32(4326).littleEndian) { d.append(contentsOf: $0) }
    d.append(0x01)
    withUnsafeBytes(of: UInt32(1).littleEndian) { d.append(contentsOf: $0) }
    withUnsafeBytes(of: lon.bitPattern.littleEndian) { d.append(contentsOf: $0) }
    withUnsafeBytes(of: lat.bitPattern.littleEndian) { d.append(contentsOf: $0) }
    return d
  }

  /// `camgap_gpkg_point(lon, lat)` for the triggers; NULL for a missing coordinate.
  static let pointFunction = DatabaseFunction("camgap_gpkg_point", argumentCount: 2, pure: true) { values in
    guard let lon = Double.fromDatabaseValue(values[0]), let lat = Double.fromDatabaseValue(values[1]) else {
      return nil
    }
    return pointBlob(lon: lon, lat: lat)
  }

  /// The WGS 84 definition GeoPackage requires for SRS 4326.
  static let wgs84 = """
    GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,AUTHORITY["EPSG","7030"]],\
    AUTHORITY["EPSG","6326"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,\
    AUTHORITY["EPSG","9122"]],AXIS["Latitude",NORTH],AXIS["Longitude",EAST],AUTHORITY["EPSG","4326"]]
    """

  /// Migration v2: the GeoPackage core tables, the `cameras` layer filled from the cameras
  /// already registered, its R-tree and the triggers that keep both in step.
  static func migrate(_ db: Database) throws {
    try db.execute(sql: "PRAGMA application_id = \(applicationID); PRAGMA user_version = \(userVersion)")
    try createCoreTables(db)
    try createLayer(db)
    try createTriggers(db)
    try db.execute(
      sql: """
        INSERT INTO cameras (geom, \(quotedNames))
          SELECT camgap_gpkg_point(lon, lat), \(quotedNames) FROM camera ORDER BY id;
        """)
  }

  static func createCoreTables(_ db: Database) throws {
    try db.execute(
      sql: """
        CREATE TABLE gpkg_spatial_ref_sys (
          srs_name TEXT NOT NULL, srs_id INTEGER NOT NULL PRIMARY KEY, organization TEXT NOT NULL,
          organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL, description TEXT);
        INSERT INTO gpkg_spatial_ref_sys VALUES
          ('Undefined cartesian SRS', -1, 'NONE', -1, 'undefined', 'undefined cartesian coordinate reference system'),
          ('Undefined geographic SRS', 0, 'NONE', 0, 'undefined', 'undefined geographic coordinate reference system'),
          ('WGS 84 geodetic', 4326, 'EPSG', 4326, ?, 'longitude/latitude coordinates in decimal degrees on the WGS 84 spheroid');
        CREATE TABLE gpkg_contents (
          table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL, identifier TEXT UNIQUE,
          description TEXT DEFAULT '',
          last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
          min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER,
          CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id));
        CREATE TABLE gpkg_geometry_columns (
          table_name TEXT NOT NULL, column_name TEXT NOT NULL, geometry_type_name TEXT NOT NULL,
          srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL,
          CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name),
          CONSTRAINT uk_gc_table_name UNIQUE (table_name),
          CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),
          CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id));
        CREATE TABLE gpkg_extensions (
          table_name TEXT, column_name TEXT, extension_name TEXT NOT NULL, definition TEXT NOT NULL,
          scope TEXT NOT NULL, CONSTRAINT ge_tce UNIQUE (table_name, column_name, extension_name));
        """, arguments: [wgs84])
  }

  static func createLayer(_ db: Database) throws {
    let defs = columns.map { "\"\($0.name)\" \($0.type)" }.joined(separator: ", ")
    try db.execute(
      sql: """
        CREATE TABLE cameras (fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, geom POINT, \(defs));
        INSERT INTO gpkg_contents (table_name, data_type, identifier, description, srs_id)
          VALUES ('cameras', 'features', 'cameras', 'camgap camera registry (kept by camgap; edit with camgap registry)', 4326);
        INSERT INTO gpkg_geometry_columns VALUES ('cameras', 'geom', 'POINT', 4326, 0, 0);
        CREATE VIRTUAL TABLE rtree_cameras_geom USING rtree(id, minx, maxx, miny, maxy);
        INSERT INTO gpkg_extensions VALUES
          ('cameras', 'geom', 'gpkg_rtree_index', 'http://www.geopackage.org/spec120/#extension_rtree', 'write-only');
        """)
  }

  static func createTriggers(_ db: Database) throws {
    let sets = columns.filter { $0.name != "id" }.map { "\"\($0.name)\" = NEW.\"\($0.name)\"" }
      .joined(separator: ", ")
    try db.execute(
      sql: """
        CREATE TRIGGER camera_layer_insert AFTER INSERT ON camera BEGIN
          INSERT INTO cameras (geom, \(quotedNames)) VALUES (camgap_gpkg_point(NEW.lon, NEW.lat), \(newValues));
        END;
        CREATE TRIGGER camera_layer_update AFTER UPDATE ON camera BEGIN
          UPDATE cameras SET geom = camgap_gpkg_point(NEW.lon, NEW.lat), \(sets) WHERE id = OLD.id;
        END;
        CREATE TRIGGER camera_layer_delete AFTER DELETE ON camera BEGIN
          DELETE FROM cameras WHERE id = OLD.id;
        END;
        CREATE TRIGGER cameras_rtree_insert AFTER INSERT ON cameras BEGIN
          INSERT OR REPLACE INTO rtree_cameras_geom VALUES (NEW.fid, NEW.lon, NEW.lon, NEW.lat, NEW.lat);
        END;
        CREATE TRIGGER cameras_rtree_update AFTER UPDATE ON cameras BEGIN
          INSERT OR REPLACE INTO rtree_cameras_geom VALUES (NEW.fid, NEW.lon, NEW.lon, NEW.lat, NEW.lat);
        END;
        CREATE TRIGGER cameras_rtree_delete AFTER DELETE ON cameras BEGIN
          DELETE FROM rtree_cameras_geom WHERE id = OLD.fid;
        END;
        """)
  }
}
