import GRDB

/// The registry's schema, as GRDB migrations registered in order. A released migration is
/// never edited: a later change of schema is a new migration appended below.
enum Schema {
  /// SQLite's `user_version` of the schema these migrations build. camgap leaves it 0; a file
  /// with a higher one was written by a later camgap and is refused rather than misread.
  static let userVersion = 0

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
    return m
  }()
}
