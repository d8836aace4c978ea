import Database from 'better-sqlite3';

/**
 * The server's one SQLite file. WAL lets reports read while uploads write; synchronous=FULL
 * makes an upload's `accepted` a promise that survives a power cut, not just a crash.
 */

export type Db = Database.Database;

export const DB_FILE = 'central.sqlite';

/**
 * The schema, one step per version (PRAGMA user_version). Never edit a step that has shipped:
 * add the next one.
 */
const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE terminals (
    id TEXT PRIMARY KEY,
    token_hash TEXT NOT NULL UNIQUE,
    unit_id TEXT NOT NULL,
    hardware_id TEXT NOT NULL,
    enrolled_at TEXT NOT NULL,
    revoked INTEGER NOT NULL DEFAULT 0 CHECK (revoked IN (0, 1)),
    config_json TEXT NOT NULL,
    config_etag TEXT NOT NULL,
    app_version TEXT NOT NULL,
    last_seen_at TEXT,
    queued INTEGER,
    oldest_queued_at TEXT,
    last_sync_at TEXT,
    clock TEXT,
    button_box_json TEXT
  ) STRICT;

  CREATE TABLE enrollment_codes (
    code_hash TEXT PRIMARY KEY,
    unit_id TEXT NOT NULL,
    config_json TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    expires_at_ms INTEGER NOT NULL,
    used_at TEXT,
    terminal_id TEXT REFERENCES terminals (id)
  ) STRICT;

  -- Every survey question a terminal was ever configured with: an answer is accepted only for
  -- a (survey, version, question) its terminal was given, on that question's scale.
  CREATE TABLE survey_questions (
    terminal_id TEXT NOT NULL REFERENCES terminals (id),
    survey_id TEXT NOT NULL,
    survey_version INTEGER NOT NULL,
    question_id TEXT NOT NULL,
    scale TEXT NOT NULL,
    PRIMARY KEY (terminal_id, survey_id, survey_version, question_id)
  ) STRICT, WITHOUT ROWID;

  -- seq is the arrival order (an explicit INTEGER PRIMARY KEY survives VACUUM); id is the
  -- terminal's UUID, the idempotency key.
  CREATE TABLE responses (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    terminal_id TEXT NOT NULL REFERENCES terminals (id),
    unit_id TEXT NOT NULL,
    received_at TEXT NOT NULL,
    survey_id TEXT NOT NULL,
    survey_version INTEGER NOT NULL,
    question_id TEXT NOT NULL,
    scale TEXT NOT NULL,
    value INTEGER NOT NULL,
    language TEXT NOT NULL,
    source TEXT NOT NULL,
    answered_at TEXT NOT NULL,
    answered_at_ms INTEGER NOT NULL,
    flag_repeat INTEGER NOT NULL,
    flag_test INTEGER NOT NULL,
    flag_clock_unsynced INTEGER NOT NULL,
    respondent TEXT,
    follow_up_question_id TEXT,
    follow_up_value TEXT,
    comment TEXT
  ) STRICT;
  CREATE INDEX responses_by_unit_and_time ON responses (unit_id, answered_at_ms);
  `,
  // Ids are compared in lower case from now on (a UUID's case carries no meaning). A row whose
  // lower-case id is already taken is a second copy stored before that, and keeps its id.
  `
  UPDATE OR IGNORE responses SET id = lower(id) WHERE id <> lower(id);
  `,
  // The store health of the terminal's last heartbeat (HeartbeatSchema.health), as JSON.
  `
  ALTER TABLE terminals ADD COLUMN health_json TEXT;
  `,
];

export const SCHEMA_VERSION = MIGRATIONS.length;

/** Brings the schema up to `target` (the newest by default; tests build older databases). */
export function migrate(db: Db, target = MIGRATIONS.length): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > MIGRATIONS.length) {
    throw new Error(
      `the database has schema version ${current}; this server knows versions up to ${MIGRATIONS.length}`,
    );
  }
  for (let version = current; version < target; version += 1) {
    db.transaction(() => {
      db.exec(MIGRATIONS[version]!);
      db.pragma(`user_version = ${version + 1}`);
    })();
  }
}

export function openDatabase(file: string): Db {
  const db = new Database(file);
  try {
    const mode = db.pragma('journal_mode = WAL', { simple: true });
    if (mode !== 'wal') {
      throw new Error(`SQLite refused WAL mode (got ${String(mode)})`);
    }
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
