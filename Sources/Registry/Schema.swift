import GRDB

/// The registry's schema, as GRDB migrations registered in order. A released migration is
/// never edited: a later change of schema is a new migration appended below.
enum Schema {
  /// The values of SQLite's `user_version` these migrations leave: 0 before the GeoPackage
  /// layer (v1), GeoPackage 1.3's 10300 from v2 on. Any other value was written by something
  /// else, or a later camgap, and is refused rather than misread; a later camgap's schema is
  /// also known by migrations this one does not have.
  static let userVersions: Set<Int> = [0, GeoPackageLayer.userVersion]

  static let migrator: DatabaseMigrator = {
    var m = DatabaseMigrator()
    m.registerMigration("v1: cameras and history") { db in
      // One column per camera field of SPEC §1, typed so that SQL filters work, with the
      // same limits the readers enforce as CHECK constraints: a bug that slipped past
      // validation fails the write instead of storing a camera the audit cannot use.
      // `heading` keeps the views as text ("90", "305;175;240", "243-288") so several
      // cameras on one node and panning ranges survive the round trip.
      // `district` is not a camera field: it is an index for `list --district`, derived
      // when a camera is written (see README, Registry).
      // Allowed values are spelled as OR chains, not IN lists: SQLite checks an IN list of
      // three or more through a temporary index built for every row inserted, which made
      // the checks cost as much as the insert itself.
      try db.execute(
        sql: """
          CREATE TABLE camera (
            id TEXT NOT NULL PRIMARY KEY CHECK (length(id) > 0),
            name TEXT NOT NULL DEFAULT '',
            lon REAL NOT NULL CHECK (lon BETWEEN -180 AND 180),
            lat REAL NOT NULL CHECK (lat BETWEEN -90 AND 90),
            kind TEXT NOT NULL DEFAULT 'fixed'
              CHECK (kind = 'fixed' OR kind = 'dome' OR kind = 'ptz' OR kind = 'panoramic'),
            heading TEXT CHECK (heading IS NULL OR length(heading) > 0),
            fov REAL CHECK (fov IS NULL OR (fov > 0 AND fov <= 360)),
            "range" REAL CHECK ("range" IS NULL OR "range" > 0),
            resolution REAL CHECK (resolution IS NULL OR resolution > 0),
            min_range REAL CHECK (min_range IS NULL OR min_range >= 0),
            height REAL CHECK (height IS NULL OR (height >= 0 AND height < 1000)),
            tilt REAL CHECK (tilt IS NULL OR tilt BETWEEN -90 AND 90),
            "class" INTEGER CHECK ("class" IS NULL OR "class" = 1 OR "class" = 2 OR "class" = 3),
            status TEXT NOT NULL DEFAULT 'active'
              CHECK (
                status = 'active' OR status = 'offline' OR status = 'maintenance' OR status = 'retired'
                OR status = 'planned'),
            installed TEXT CHECK (installed IS NULL OR installed GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
            removed TEXT CHECK (removed IS NULL OR removed GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
            district TEXT,
            CHECK (installed IS NULL OR removed IS NULL OR removed >= installed)
          ) WITHOUT ROWID;
          CREATE INDEX camera_district ON camera(district);
          CREATE INDEX camera_status ON camera(status);

          CREATE TABLE history (
            seq INTEGER PRIMARY KEY,
            camera_id TEXT NOT NULL,
            at TEXT NOT NULL,
            "by" TEXT NOT NULL,
            action TEXT NOT NULL
              CHECK (action = 'add' OR action = 'import' OR action = 'update' OR action = 'retire'),
            field TEXT,
            old TEXT,
            new TEXT,
            note TEXT
          );
          CREATE INDEX history_camera ON history(camera_id, seq);

          -- The audit trail is append-only: nothing camgap runs edits or deletes it, and a
          -- hand-made UPDATE or DELETE in the sqlite3 shell fails too. With no row ever
          -- deleted, a plain INTEGER PRIMARY KEY grows monotonically without AUTOINCREMENT's
          -- bookkeeping on every insert.
          CREATE TRIGGER history_no_update BEFORE UPDATE ON history
            BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;
          CREATE TRIGGER history_no_delete BEFORE DELETE ON history
            BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;
          """)
    }
    // The file becomes a GeoPackage: QGIS and ogrinfo show the cameras as a point layer.
    m.registerMigration("v2: GeoPackage cameras layer") { db in try GeoPackageLayer.migrate(db) }
    // Each camera's version counts its changes, so `update --if-version N` can refuse to
    // overwrite what another planner changed since it was read (SPEC §6). A trigger bumps it
    // on every update of the row, whichever command or process writes.
    m.registerMigration("v3: camera versions") { db in
      try db.execute(
        sql: """
          ALTER TABLE camera ADD COLUMN version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1);
          CREATE TRIGGER camera_version AFTER UPDATE ON camera WHEN NEW.version = OLD.version BEGIN
            UPDATE camera SET version = OLD.version + 1 WHERE id = NEW.id;
          END;
          """)
    }
    return m
  }()

  /// What every connection to a registry needs before it reads or writes: the function the
  /// GeoPackage layer's triggers call.
  static func prepare(_ db: Database) {
    db.add(function: GeoPackageLayer.pointFunction)
  }
}
