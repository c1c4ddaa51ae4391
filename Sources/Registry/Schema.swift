import GRDB

/// The registry's schema, as GRDB migrations registered in order. A released migration is
/// never edited: a later change of schema is a new migration appended below.
enum Schema {
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
      try db.execute(
        sql: """
          CREATE TABLE camera (
            id TEXT NOT NULL PRIMARY KEY CHECK (length(id) > 0),
            name TEXT NOT NULL DEFAULT '',
            lon REAL NOT NULL CHECK (lon BETWEEN -180 AND 180),
            lat REAL NOT NULL CHECK (lat BETWEEN -90 AND 90),
            kind TEXT NOT NULL DEFAULT 'fixed' CHECK (kind IN ('fixed', 'dome', 'ptz', 'panoramic')),
            heading TEXT CHECK (heading IS NULL OR length(heading) > 0),
            fov REAL CHECK (fov IS NULL OR (fov > 0 AND fov <= 360)),
            "range" REAL CHECK ("range" IS NULL OR "range" > 0),
            resolution REAL CHECK (resolution IS NULL OR resolution > 0),
            min_range REAL CHECK (min_range IS NULL OR min_range >= 0),
            height REAL CHECK (height IS NULL OR (height >= 0 AND height < 1000)),
            tilt REAL CHECK (tilt IS NULL OR tilt BETWEEN -90 AND 90),
            "class" INTEGER CHECK ("class" IS NULL OR "class" IN (1, 2, 3)),
            status TEXT NOT NULL DEFAULT 'active'
              CHECK (status IN ('active', 'offline', 'maintenance', 'retired', 'planned')),
            installed TEXT CHECK (installed IS NULL OR installed GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
            removed TEXT CHECK (removed IS NULL OR removed GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
            district TEXT,
            CHECK (installed IS NULL OR removed IS NULL OR removed >= installed)
          ) WITHOUT ROWID;
          CREATE INDEX camera_district ON camera(district);
          CREATE INDEX camera_status ON camera(status);

          CREATE TABLE history (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            camera_id TEXT NOT NULL,
            at TEXT NOT NULL,
            "by" TEXT NOT NULL,
            action TEXT NOT NULL CHECK (action IN ('add', 'import', 'update', 'retire')),
            field TEXT,
            old TEXT,
            new TEXT,
            note TEXT
          );
          CREATE INDEX history_camera ON history(camera_id, seq);

          -- The audit trail is append-only: nothing camgap runs edits or deletes it, and a
          -- hand-made UPDATE or DELETE in the sqlite3 shell fails too.
          CREATE TRIGGER history_no_update BEFORE UPDATE ON history
            BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;
          CREATE TRIGGER history_no_delete BEFORE DELETE ON history
            BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;
          """)
    }
    return m
  }()
}
