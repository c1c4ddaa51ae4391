import Foundation

/// The registry's schema in PostgreSQL, as versioned migrations recorded in
/// `camgap_migrations`. It mirrors `Schema` (the SQLite registry) column for column, so the
/// two backends hold the same cameras and the same history; a released migration is never
/// edited, and a later change of schema is a new migration appended to `migrations`.
public enum PGSchema {
  public struct Migration: Sendable {
    public let id: String
    public let sql: String
  }

  /// Every migration this build knows, in the order they apply.
  public static let migrations: [Migration] = [Migration(id: "v1: cameras and history", sql: v1)]

  /// Brings the database up to this build's schema in one transaction and returns the ids of
  /// the migrations it applied (empty when the schema was already current). An advisory lock
  /// queues two camgaps that open a new registry at once, so the second finds the first's
  /// tables instead of failing on them. A database whose `camgap_migrations` names a migration
  /// this build does not know, or that holds `camera` or `history` tables camgap did not
  /// make, is refused (`RegistryError.notARegistry`, exit 2) before anything is written.
  @discardableResult
  public static func migrate(_ db: PGConnection) throws -> [String] {
    try db.transaction {
      try db.execute("SELECT pg_advisory_xact_lock(\(advisoryLock))")
      try db.executeScript("CREATE EXTENSION IF NOT EXISTS postgis")
      let applied = try check(db)
      if applied.isEmpty {
        try db.executeScript(
          "CREATE TABLE camgap_migrations (id text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())"
        )
      }
      var done: [String] = []
      for m in migrations where !applied.contains(m.id) {
        try db.executeScript(m.sql)
        try db.execute("INSERT INTO camgap_migrations (id) VALUES ($1)", [m.id])
        done.append(m.id)
      }
      return done
    }
  }

  /// The ids of the migrations applied to the database (empty for a database camgap has not
  /// touched), refusing one made by a newer camgap or holding foreign registry tables.
  public static func check(_ db: PGConnection) throws -> [String] {
    let tables = try db.execute(
      """
      SELECT c.relname FROM pg_class c
      WHERE c.relname IN ('camgap_migrations', 'camera', 'history') AND c.relkind IN ('r', 'p', 'v')
        AND c.relnamespace = current_schema()::regnamespace
      """)
    let names = Set((0..<tables.rowCount).compactMap { tables.string($0, 0) })
    guard names.contains("camgap_migrations") else {
      if !names.isEmpty {
        throw RegistryError.notARegistry(
          path: db.target,
          reason: "it holds \(names.sorted().joined(separator: " and ")) tables camgap did not make")
      }
      return []
    }
    let rows = try db.execute("SELECT id FROM camgap_migrations ORDER BY applied_at, id")
    let applied = (0..<rows.rowCount).compactMap { rows.string($0, 0) }
    let known = Set(migrations.map(\.id))
    if let unknown = applied.first(where: { !known.contains($0) }) {
      throw RegistryError.notARegistry(
        path: db.target,
        reason: "made by a newer camgap (migration \"\(unknown)\"); upgrade camgap to open it")
    }
    return applied
  }

  /// True when every migration of this build is applied (a read-only command can proceed).
  public static func isCurrent(_ db: PGConnection) throws -> Bool {
    try check(db).count == migrations.count
  }

  /// The key of the transaction-scoped advisory lock taken while migrating ("camgap" in ASCII).
  static let advisoryLock: Int64 = 0x63_61_6d_67_61_70

  /// One column per camera field, as in `Schema`, with the same CHECK constraints written for
  /// PostgreSQL (`IN` lists, a regular expression for the dates instead of GLOB). Added here:
  /// `version`, which every UPDATE bumps through a trigger, so `--if-version` also notices an
  /// edit made in psql or QGIS; and `geom`, a stored generated point, so PostGIS clients and
  /// spatial queries see each camera where lon/lat say it is after every write, with no code
  /// path able to forget it.
  static let v1 = """
    CREATE TABLE camera (
      id text NOT NULL PRIMARY KEY CHECK (length(id) > 0),
      name text NOT NULL DEFAULT '',
      lon double precision NOT NULL CHECK (lon BETWEEN -180 AND 180),
      lat double precision NOT NULL CHECK (lat BETWEEN -90 AND 90),
      kind text NOT NULL DEFAULT 'fixed' CHECK (kind IN ('fixed', 'dome', 'ptz', 'panoramic')),
      heading text CHECK (heading IS NULL OR length(heading) > 0),
      fov double precision CHECK (fov IS NULL OR (fov > 0 AND fov <= 360)),
      "range" double precision CHECK ("range" IS NULL OR "range" > 0),
      resolution double precision CHECK (resolution IS NULL OR resolution > 0),
      min_range double precision CHECK (min_range IS NULL OR min_range >= 0),
      height double precision CHECK (height IS NULL OR (height >= 0 AND height < 1000)),
      tilt double precision CHECK (tilt IS NULL OR tilt BETWEEN -90 AND 90),
      "class" integer CHECK ("class" IS NULL OR "class" IN (1, 2, 3)),
      status text NOT NULL DEFAULT 'active'
        CHECK (status IN ('active', 'offline', 'maintenance', 'retired', 'planned')),
      installed text CHECK (installed IS NULL OR installed ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
      removed text CHECK (removed IS NULL OR removed ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
      district text,
      version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
      geom geometry(Point, 4326) GENERATED ALWAYS AS (ST_SetSRID(ST_MakePoint(lon, lat), 4326)) STORED,
      CHECK (installed IS NULL OR removed IS NULL OR removed >= installed)
    );
    CREATE INDEX camera_district ON camera (district);
    CREATE INDEX camera_status ON camera (status);
    CREATE INDEX camera_geom ON camera USING gist (geom);

    CREATE FUNCTION camera_bump_version() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN NEW.version := OLD.version + 1; RETURN NEW; END $$;
    CREATE TRIGGER camera_version BEFORE UPDATE ON camera
      FOR EACH ROW EXECUTE FUNCTION camera_bump_version();

    CREATE TABLE history (
      seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      camera_id text NOT NULL,
      "at" text NOT NULL,
      "by" text NOT NULL,
      action text NOT NULL CHECK (action IN ('add', 'import', 'update', 'retire')),
      field text,
      old text,
      new text,
      note text
    );
    CREATE INDEX history_camera ON history (camera_id, seq);

    -- The audit trail is append-only, as in the SQLite registry: an UPDATE, DELETE or
    -- TRUNCATE fails, from camgap or from psql, unless an administrator drops the triggers.
    CREATE FUNCTION history_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'history is append-only'; END $$;
    CREATE TRIGGER history_no_update BEFORE UPDATE OR DELETE ON history
      FOR EACH ROW EXECUTE FUNCTION history_append_only();
    CREATE TRIGGER history_no_truncate BEFORE TRUNCATE ON history
      FOR EACH STATEMENT EXECUTE FUNCTION history_append_only();
    """
}
