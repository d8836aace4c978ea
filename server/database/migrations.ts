/**
 * The schema, one step per version, for both engines side by side. SQLite keeps its version in
 * `PRAGMA user_version` (as it always has); PostgreSQL in the one-row table `hymy_schema`.
 * Never edit a step that has shipped: add the next one. Steps 1–3 are SQLite's history; a
 * PostgreSQL database starts at step 1 like any other and passes through the same versions.
 */

export type Migration = { name: string; sqlite: string; postgres: string };

export const MIGRATIONS: readonly Migration[] = [
  {
    name: 'terminals, enrollment codes, survey questions and responses',
    sqlite: `
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
  -- SQLite keeps the rowid (seq) at the end of every index: pages of a unit's answers in
  -- (answered_at_ms, seq) order read this index alone.
  CREATE INDEX responses_by_unit_and_time ON responses (unit_id, answered_at_ms);
  `,
    postgres: `
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
  );

  CREATE TABLE enrollment_codes (
    code_hash TEXT PRIMARY KEY,
    unit_id TEXT NOT NULL,
    config_json TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    expires_at_ms BIGINT NOT NULL,
    used_at TEXT,
    terminal_id TEXT REFERENCES terminals (id)
  );

  CREATE TABLE survey_questions (
    terminal_id TEXT NOT NULL REFERENCES terminals (id),
    survey_id TEXT NOT NULL,
    survey_version INTEGER NOT NULL,
    question_id TEXT NOT NULL,
    scale TEXT NOT NULL,
    PRIMARY KEY (terminal_id, survey_id, survey_version, question_id)
  );

  CREATE TABLE responses (
    seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
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
    answered_at_ms BIGINT NOT NULL,
    flag_repeat INTEGER NOT NULL,
    flag_test INTEGER NOT NULL,
    flag_clock_unsynced INTEGER NOT NULL,
    respondent TEXT,
    follow_up_question_id TEXT,
    follow_up_value TEXT,
    comment TEXT
  );
  CREATE INDEX responses_by_unit_and_time ON responses (unit_id, answered_at_ms, seq);
  `,
  },
  {
    // Ids are compared in lower case from now on (a UUID's case carries no meaning). A row whose
    // lower-case id is already taken is a second copy stored before that, and keeps its id.
    name: 'ids in lower case',
    sqlite: `UPDATE OR IGNORE responses SET id = lower(id) WHERE id <> lower(id);`,
    postgres: `
  UPDATE responses r SET id = lower(r.id)
  WHERE r.id <> lower(r.id)
    AND NOT EXISTS (SELECT 1 FROM responses o WHERE o.id = lower(r.id));`,
  },
  {
    // The store health of the terminal's last heartbeat (HeartbeatSchema.health), as JSON.
    name: 'terminal health',
    sqlite: `ALTER TABLE terminals ADD COLUMN health_json TEXT;`,
    postgres: `ALTER TABLE terminals ADD COLUMN health_json TEXT;`,
  },
  {
    // Reports read counts kept as answers arrive, per local hour, day and month of the unit's
    // time zone (server/rollups.ts fills them, and rebuilds them when `meta.rollups` is not
    // current). Units get a row of their own, named by the configs made for them. SQLite keeps
    // each rollup in its key's order (WITHOUT ROWID); on PostgreSQL the key INCLUDEs what a
    // report reads, so a unit's year is an index-only scan of a few hundred pages instead of a
    // heap page per row (measured on 10M answers: 260 pages read cold instead of 14,139).
    name: 'units and rollups',
    sqlite: `
  ALTER TABLE survey_questions ADD COLUMN position INTEGER;

  CREATE TABLE units (
    id TEXT PRIMARY KEY,
    name_json TEXT NOT NULL,
    time_zone TEXT NOT NULL DEFAULT 'Europe/Helsinki',
    first_question_id TEXT,
    created_at TEXT NOT NULL
  ) STRICT;
  INSERT INTO units (id, name_json, first_question_id, created_at)
    SELECT unit_id, json_extract(config_json, '$.unit.name'),
      json_extract(config_json, '$.survey.questions[0].id'), min(enrolled_at)
    FROM terminals GROUP BY unit_id;
  INSERT INTO units (id, name_json, first_question_id, created_at)
    SELECT unit_id, json_extract(config_json, '$.unit.name'),
      json_extract(config_json, '$.survey.questions[0].id'), min(created_at)
    FROM enrollment_codes WHERE unit_id NOT IN (SELECT id FROM units) GROUP BY unit_id;

  CREATE TABLE rollup_hour (
    unit_id TEXT NOT NULL,
    question_id TEXT NOT NULL,
    hour_start_ms INTEGER NOT NULL,
    survey_id TEXT NOT NULL,
    scale TEXT NOT NULL,
    value INTEGER NOT NULL,
    respondent TEXT NOT NULL,
    follow_up_question_id TEXT NOT NULL,
    follow_up_value TEXT NOT NULL,
    flag_class TEXT NOT NULL,
    local_date TEXT NOT NULL,
    local_hour INTEGER NOT NULL,
    weekday INTEGER NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (unit_id, question_id, hour_start_ms, survey_id, scale, value, respondent,
      follow_up_question_id, follow_up_value, flag_class)
  ) STRICT, WITHOUT ROWID;

  CREATE TABLE rollup_day (
    unit_id TEXT NOT NULL,
    question_id TEXT NOT NULL,
    day_start_ms INTEGER NOT NULL,
    survey_id TEXT NOT NULL,
    scale TEXT NOT NULL,
    value INTEGER NOT NULL,
    respondent TEXT NOT NULL,
    flag_class TEXT NOT NULL,
    local_date TEXT NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (unit_id, question_id, day_start_ms, survey_id, scale, value, respondent,
      flag_class)
  ) STRICT, WITHOUT ROWID;

  CREATE TABLE rollup_month (
    unit_id TEXT NOT NULL,
    question_id TEXT NOT NULL,
    month_start_ms INTEGER NOT NULL,
    survey_id TEXT NOT NULL,
    scale TEXT NOT NULL,
    value INTEGER NOT NULL,
    flag_class TEXT NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (unit_id, question_id, month_start_ms, survey_id, scale, value, flag_class)
  ) STRICT, WITHOUT ROWID;

  CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
  `,
    postgres: `
  ALTER TABLE survey_questions ADD COLUMN position INTEGER;

  CREATE TABLE units (
    id TEXT PRIMARY KEY,
    name_json TEXT NOT NULL,
    time_zone TEXT NOT NULL DEFAULT 'Europe/Helsinki',
    first_question_id TEXT,
    created_at TEXT NOT NULL
  );
  INSERT INTO units (id, name_json, first_question_id, created_at)
    SELECT DISTINCT ON (unit_id) unit_id, (config_json::jsonb -> 'unit' -> 'name')::text,
      config_json::jsonb -> 'survey' -> 'questions' -> 0 ->> 'id', enrolled_at
    FROM terminals ORDER BY unit_id, enrolled_at;
  INSERT INTO units (id, name_json, first_question_id, created_at)
    SELECT DISTINCT ON (unit_id) unit_id, (config_json::jsonb -> 'unit' -> 'name')::text,
      config_json::jsonb -> 'survey' -> 'questions' -> 0 ->> 'id', created_at
    FROM enrollment_codes WHERE unit_id NOT IN (SELECT id FROM units)
    ORDER BY unit_id, created_at;

  CREATE TABLE rollup_hour (
    unit_id TEXT NOT NULL,
    question_id TEXT NOT NULL,
    hour_start_ms BIGINT NOT NULL,
    survey_id TEXT NOT NULL,
    scale TEXT NOT NULL,
    value INTEGER NOT NULL,
    respondent TEXT NOT NULL,
    follow_up_question_id TEXT NOT NULL,
    follow_up_value TEXT NOT NULL,
    flag_class TEXT NOT NULL,
    local_date TEXT NOT NULL,
    local_hour INTEGER NOT NULL,
    weekday INTEGER NOT NULL,
    n BIGINT NOT NULL,
    PRIMARY KEY (unit_id, question_id, hour_start_ms, survey_id, scale, value, respondent,
      follow_up_question_id, follow_up_value, flag_class)
      INCLUDE (local_date, local_hour, weekday, n)
  );

  CREATE TABLE rollup_day (
    unit_id TEXT NOT NULL,
    question_id TEXT NOT NULL,
    day_start_ms BIGINT NOT NULL,
    survey_id TEXT NOT NULL,
    scale TEXT NOT NULL,
    value INTEGER NOT NULL,
    respondent TEXT NOT NULL,
    flag_class TEXT NOT NULL,
    local_date TEXT NOT NULL,
    n BIGINT NOT NULL,
    PRIMARY KEY (unit_id, question_id, day_start_ms, survey_id, scale, value, respondent,
      flag_class)
      INCLUDE (local_date, n)
  );

  CREATE TABLE rollup_month (
    unit_id TEXT NOT NULL,
    question_id TEXT NOT NULL,
    month_start_ms BIGINT NOT NULL,
    survey_id TEXT NOT NULL,
    scale TEXT NOT NULL,
    value INTEGER NOT NULL,
    flag_class TEXT NOT NULL,
    n BIGINT NOT NULL,
    PRIMARY KEY (unit_id, question_id, month_start_ms, survey_id, scale, value, flag_class)
      INCLUDE (n)
  );

  CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  `,
  },
  {
    // The hour rollup had the follow-up choice in its key: 0.74 rows an answer in the bench's
    // county-year, so an upload rewrote nearly a page per answer and a unit's heat map read
    // nearly a row per answer. The choice moves to a day-level table of its own that holds only
    // the answers that have one. The rollups are rebuilt at the next start (ROLLUPS_VERSION).
    name: 'follow-up choices by day, not by hour',
    sqlite: `
  DROP TABLE rollup_hour;
  CREATE TABLE rollup_hour (
    unit_id TEXT NOT NULL,
    question_id TEXT NOT NULL,
    hour_start_ms INTEGER NOT NULL,
    survey_id TEXT NOT NULL,
    scale TEXT NOT NULL,
    value INTEGER NOT NULL,
    respondent TEXT NOT NULL,
    flag_class TEXT NOT NULL,
    local_date TEXT NOT NULL,
    local_hour INTEGER NOT NULL,
    weekday INTEGER NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (unit_id, question_id, hour_start_ms, survey_id, scale, value, respondent,
      flag_class)
  ) STRICT, WITHOUT ROWID;

  CREATE TABLE rollup_follow_up (
    unit_id TEXT NOT NULL,
    question_id TEXT NOT NULL,
    day_start_ms INTEGER NOT NULL,
    survey_id TEXT NOT NULL,
    scale TEXT NOT NULL,
    value INTEGER NOT NULL,
    respondent TEXT NOT NULL,
    follow_up_question_id TEXT NOT NULL,
    follow_up_value TEXT NOT NULL,
    flag_class TEXT NOT NULL,
    local_date TEXT NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (unit_id, question_id, day_start_ms, survey_id, scale, value, respondent,
      follow_up_question_id, follow_up_value, flag_class)
  ) STRICT, WITHOUT ROWID;

  DELETE FROM meta WHERE key = 'rollups';
  `,
    postgres: `
  DROP TABLE rollup_hour;
  CREATE TABLE rollup_hour (
    unit_id TEXT NOT NULL,
    question_id TEXT NOT NULL,
    hour_start_ms BIGINT NOT NULL,
    survey_id TEXT NOT NULL,
    scale TEXT NOT NULL,
    value INTEGER NOT NULL,
    respondent TEXT NOT NULL,
    flag_class TEXT NOT NULL,
    local_date TEXT NOT NULL,
    local_hour INTEGER NOT NULL,
    weekday INTEGER NOT NULL,
    n BIGINT NOT NULL,
    PRIMARY KEY (unit_id, question_id, hour_start_ms, survey_id, scale, value, respondent,
      flag_class)
      INCLUDE (local_date, local_hour, weekday, n)
  );

  CREATE TABLE rollup_follow_up (
    unit_id TEXT NOT NULL,
    question_id TEXT NOT NULL,
    day_start_ms BIGINT NOT NULL,
    survey_id TEXT NOT NULL,
    scale TEXT NOT NULL,
    value INTEGER NOT NULL,
    respondent TEXT NOT NULL,
    follow_up_question_id TEXT NOT NULL,
    follow_up_value TEXT NOT NULL,
    flag_class TEXT NOT NULL,
    local_date TEXT NOT NULL,
    n BIGINT NOT NULL,
    PRIMARY KEY (unit_id, question_id, day_start_ms, survey_id, scale, value, respondent,
      follow_up_question_id, follow_up_value, flag_class)
      INCLUDE (local_date, n)
  );

  DELETE FROM meta WHERE key = 'rollups';
  `,
  },
  {
    // Two narrower rollups for what reports read most. A unit's year read its heat map from
    // the hour rollup (17,000 rows for one question of a busy unit in the bench's county-year,
    // 18 ms on SQLite) and its days from the day rollup with its respondent split (4,800 rows):
    // per local month, weekday and hour it is 3,800 rows (4 ms), and days without the split
    // 1,900 (4 ms); an all-units week reads about half the day rows too. The rollups are
    // rebuilt at the next start (ROLLUPS_VERSION).
    name: 'heat map and day totals',
    sqlite: `
  CREATE TABLE rollup_heat (
    unit_id TEXT NOT NULL,
    question_id TEXT NOT NULL,
    month_start_ms INTEGER NOT NULL,
    survey_id TEXT NOT NULL,
    scale TEXT NOT NULL,
    value INTEGER NOT NULL,
    weekday INTEGER NOT NULL,
    local_hour INTEGER NOT NULL,
    flag_class TEXT NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (unit_id, question_id, month_start_ms, survey_id, scale, value, weekday,
      local_hour, flag_class)
  ) STRICT, WITHOUT ROWID;

  CREATE TABLE rollup_day_total (
    unit_id TEXT NOT NULL,
    question_id TEXT NOT NULL,
    day_start_ms INTEGER NOT NULL,
    survey_id TEXT NOT NULL,
    scale TEXT NOT NULL,
    value INTEGER NOT NULL,
    flag_class TEXT NOT NULL,
    local_date TEXT NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (unit_id, question_id, day_start_ms, survey_id, scale, value, flag_class)
  ) STRICT, WITHOUT ROWID;

  DELETE FROM meta WHERE key = 'rollups';
  `,
    postgres: `
  CREATE TABLE rollup_heat (
    unit_id TEXT NOT NULL,
    question_id TEXT NOT NULL,
    month_start_ms BIGINT NOT NULL,
    survey_id TEXT NOT NULL,
    scale TEXT NOT NULL,
    value INTEGER NOT NULL,
    weekday INTEGER NOT NULL,
    local_hour INTEGER NOT NULL,
    flag_class TEXT NOT NULL,
    n BIGINT NOT NULL,
    PRIMARY KEY (unit_id, question_id, month_start_ms, survey_id, scale, value, weekday,
      local_hour, flag_class)
      INCLUDE (n)
  );

  CREATE TABLE rollup_day_total (
    unit_id TEXT NOT NULL,
    question_id TEXT NOT NULL,
    day_start_ms BIGINT NOT NULL,
    survey_id TEXT NOT NULL,
    scale TEXT NOT NULL,
    value INTEGER NOT NULL,
    flag_class TEXT NOT NULL,
    local_date TEXT NOT NULL,
    n BIGINT NOT NULL,
    PRIMARY KEY (unit_id, question_id, day_start_ms, survey_id, scale, value, flag_class)
      INCLUDE (local_date, n)
  );

  DELETE FROM meta WHERE key = 'rollups';
  `,
  },
  {
    // The people of central-reports.md: accounts with the units they may see, their sessions
    // (by the SHA-256 of the cookie's token; the token itself is never stored), failed logins
    // for the lockout, the audit log, and a unit's target.
    name: 'accounts, sessions, audit log and unit targets',
    sqlite: `
  CREATE TABLE accounts (
    email TEXT PRIMARY KEY,
    role TEXT NOT NULL CHECK (role IN ('county', 'unit')),
    password_hash TEXT,
    language TEXT NOT NULL DEFAULT 'fi',
    created_at TEXT NOT NULL
  ) STRICT;

  CREATE TABLE account_units (
    email TEXT NOT NULL REFERENCES accounts (email) ON DELETE CASCADE,
    unit_id TEXT NOT NULL,
    PRIMARY KEY (email, unit_id)
  ) STRICT, WITHOUT ROWID;

  CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    email TEXT NOT NULL REFERENCES accounts (email) ON DELETE CASCADE,
    created_at_ms INTEGER NOT NULL,
    last_seen_ms INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX sessions_by_email ON sessions (email);

  CREATE TABLE login_failures (
    email TEXT NOT NULL,
    at_ms INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX login_failures_by_email ON login_failures (email, at_ms);

  CREATE TABLE audit_log (
    seq INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    target TEXT,
    detail_json TEXT
  ) STRICT;

  ALTER TABLE units ADD COLUMN target_json TEXT;
  `,
    postgres: `
  CREATE TABLE accounts (
    email TEXT PRIMARY KEY,
    role TEXT NOT NULL CHECK (role IN ('county', 'unit')),
    password_hash TEXT,
    language TEXT NOT NULL DEFAULT 'fi',
    created_at TEXT NOT NULL
  );

  CREATE TABLE account_units (
    email TEXT NOT NULL REFERENCES accounts (email) ON DELETE CASCADE,
    unit_id TEXT NOT NULL,
    PRIMARY KEY (email, unit_id)
  );

  CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    email TEXT NOT NULL REFERENCES accounts (email) ON DELETE CASCADE,
    created_at_ms BIGINT NOT NULL,
    last_seen_ms BIGINT NOT NULL
  );
  CREATE INDEX sessions_by_email ON sessions (email);

  CREATE TABLE login_failures (
    email TEXT NOT NULL,
    at_ms BIGINT NOT NULL
  );
  CREATE INDEX login_failures_by_email ON login_failures (email, at_ms);

  CREATE TABLE audit_log (
    seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    target TEXT,
    detail_json TEXT
  );

  ALTER TABLE units ADD COLUMN target_json TEXT;
  `,
  },
  {
    // ISO weeks (Monday 00:00 local, in the unit's zone) for the units page's 12-week trend,
    // which read 150 units × 11 weeks of day totals (94 ms at p50 on 10M answers). Filled here
    // from the day totals, a local day lying within one week: on 10M answers 650k rows, seconds,
    // where rebuilding every rollup from the answers takes minutes. SQLite has no time zones:
    // the Monday's midnight comes from core/local-time.ts through `hymy_local_midnight_ms`
    // (sqlite.ts). PostgreSQL's AT TIME ZONE agrees with it wherever a Monday's midnight occurs
    // once (every zone at present); the key is built after the rows are in, a sort instead of
    // an index insert per row.
    name: 'weekly rollup',
    sqlite: `
  CREATE TABLE rollup_week (
    unit_id TEXT NOT NULL,
    question_id TEXT NOT NULL,
    week_start_ms INTEGER NOT NULL,
    survey_id TEXT NOT NULL,
    scale TEXT NOT NULL,
    value INTEGER NOT NULL,
    flag_class TEXT NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (unit_id, question_id, week_start_ms, survey_id, scale, value, flag_class)
  ) STRICT, WITHOUT ROWID;

  INSERT INTO rollup_week
    (unit_id, question_id, week_start_ms, survey_id, scale, value, flag_class, n)
  SELECT d.unit_id, d.question_id,
    hymy_local_midnight_ms(date(d.local_date, '-6 days', 'weekday 1'),
      coalesce(u.time_zone, 'Europe/Helsinki')) AS week_start,
    d.survey_id, d.scale, d.value, d.flag_class, sum(d.n)
  FROM rollup_day_total d LEFT JOIN units u ON u.id = d.unit_id
  GROUP BY d.unit_id, d.question_id, week_start, d.survey_id, d.scale, d.value, d.flag_class;
  `,
    postgres: `
  CREATE TABLE rollup_week (
    unit_id TEXT NOT NULL,
    question_id TEXT NOT NULL,
    week_start_ms BIGINT NOT NULL,
    survey_id TEXT NOT NULL,
    scale TEXT NOT NULL,
    value INTEGER NOT NULL,
    flag_class TEXT NOT NULL,
    n BIGINT NOT NULL
  );

  INSERT INTO rollup_week
    (unit_id, question_id, week_start_ms, survey_id, scale, value, flag_class, n)
  SELECT d.unit_id, d.question_id,
    (extract(epoch FROM date_trunc('week', d.local_date::date::timestamp)
      AT TIME ZONE coalesce(u.time_zone, 'Europe/Helsinki')) * 1000)::int8,
    d.survey_id, d.scale, d.value, d.flag_class, sum(d.n)
  FROM rollup_day_total d LEFT JOIN units u ON u.id = d.unit_id
  GROUP BY 1, 2, 3, 4, 5, 6, 7;

  ALTER TABLE rollup_week
    ADD PRIMARY KEY (unit_id, question_id, week_start_ms, survey_id, scale, value, flag_class)
    INCLUDE (n);
  `,
  },
  {
    // Feedback handling, contact requests, alerts and e-mail (central-reports.md): an answer
    // with a comment or a contact request is a feedback item with a state; the sealed contact
    // lives apart from it, so deleting it (handled, or 30 days on) removes the row and leaves
    // the item. Alerts and each unit's CUSUM; e-mail waits in an outbox until its server took
    // it, and each account's digest is written down once sent, so a restart neither skips nor
    // repeats one. The comments already stored become items, `new`.
    name: 'feedback items, contact requests, alerts and mail',
    sqlite: `
  CREATE TABLE feedback_items (
    response_id TEXT PRIMARY KEY,
    unit_id TEXT NOT NULL,
    answered_at TEXT NOT NULL,
    answered_at_ms INTEGER NOT NULL,
    question_id TEXT NOT NULL,
    scale TEXT NOT NULL,
    value INTEGER NOT NULL,
    has_contact INTEGER NOT NULL DEFAULT 0 CHECK (has_contact IN (0, 1)),
    state TEXT NOT NULL DEFAULT 'new' CHECK (state IN ('new', 'read', 'handled')),
    due_at TEXT,
    due_at_ms INTEGER,
    read_at TEXT,
    handled_at TEXT,
    handled_by TEXT,
    note TEXT,
    contact_deleted_at TEXT
  ) STRICT;
  CREATE INDEX feedback_by_unit ON feedback_items (unit_id, answered_at_ms, response_id);
  CREATE INDEX feedback_by_time ON feedback_items (answered_at_ms, response_id);
  CREATE INDEX feedback_due ON feedback_items (due_at_ms) WHERE due_at_ms IS NOT NULL;

  CREATE TABLE contact_requests (
    response_id TEXT PRIMARY KEY REFERENCES feedback_items (response_id),
    sealed TEXT NOT NULL,
    delete_after_ms INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX contact_requests_expiry ON contact_requests (delete_after_ms);

  CREATE TABLE alerts (
    id TEXT PRIMARY KEY,
    unit_id TEXT NOT NULL,
    question_id TEXT NOT NULL,
    opened_at TEXT NOT NULL,
    opened_at_ms INTEGER NOT NULL,
    negative_in_window INTEGER NOT NULL,
    answers_in_window INTEGER NOT NULL,
    baseline REAL NOT NULL,
    state TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'acknowledged')),
    acknowledged_by TEXT,
    acknowledged_at TEXT,
    comment TEXT,
    created_at TEXT NOT NULL
  ) STRICT;
  CREATE INDEX alerts_by_unit ON alerts (unit_id, opened_at_ms);

  CREATE TABLE alert_cusum (
    unit_id TEXT PRIMARY KEY,
    question_id TEXT NOT NULL,
    sum REAL NOT NULL,
    last_ms INTEGER NOT NULL,
    last_id TEXT NOT NULL,
    anchor_ms INTEGER NOT NULL,
    anchor_id TEXT NOT NULL,
    run_negative INTEGER NOT NULL,
    run_answers INTEGER NOT NULL,
    p0 REAL NOT NULL,
    p0_day TEXT NOT NULL
  ) STRICT;

  CREATE TABLE mail_outbox (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    to_address TEXT NOT NULL,
    subject TEXT NOT NULL,
    text_body TEXT NOT NULL,
    html_body TEXT NOT NULL,
    created_at TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_ms INTEGER NOT NULL,
    last_error TEXT,
    last_error_at TEXT,
    sent_at TEXT
  ) STRICT;
  CREATE INDEX mail_outbox_due ON mail_outbox (next_attempt_ms) WHERE sent_at IS NULL;

  CREATE TABLE mail_digests (
    email TEXT NOT NULL,
    local_date TEXT NOT NULL,
    sent_at TEXT NOT NULL,
    PRIMARY KEY (email, local_date)
  ) STRICT;

  INSERT INTO feedback_items
    (response_id, unit_id, answered_at, answered_at_ms, question_id, scale, value)
  SELECT id, unit_id, answered_at, answered_at_ms, question_id, scale, value
  FROM responses WHERE comment IS NOT NULL AND comment <> '' AND flag_test = 0;
  `,
    postgres: `
  CREATE TABLE feedback_items (
    response_id TEXT PRIMARY KEY,
    unit_id TEXT NOT NULL,
    answered_at TEXT NOT NULL,
    answered_at_ms BIGINT NOT NULL,
    question_id TEXT NOT NULL,
    scale TEXT NOT NULL,
    value INTEGER NOT NULL,
    has_contact INTEGER NOT NULL DEFAULT 0 CHECK (has_contact IN (0, 1)),
    state TEXT NOT NULL DEFAULT 'new' CHECK (state IN ('new', 'read', 'handled')),
    due_at TEXT,
    due_at_ms BIGINT,
    read_at TEXT,
    handled_at TEXT,
    handled_by TEXT,
    note TEXT,
    contact_deleted_at TEXT
  );
  CREATE INDEX feedback_by_unit ON feedback_items (unit_id, answered_at_ms, response_id);
  CREATE INDEX feedback_by_time ON feedback_items (answered_at_ms, response_id);
  CREATE INDEX feedback_due ON feedback_items (due_at_ms) WHERE due_at_ms IS NOT NULL;

  CREATE TABLE contact_requests (
    response_id TEXT PRIMARY KEY REFERENCES feedback_items (response_id),
    sealed TEXT NOT NULL,
    delete_after_ms BIGINT NOT NULL
  );
  CREATE INDEX contact_requests_expiry ON contact_requests (delete_after_ms);

  CREATE TABLE alerts (
    id TEXT PRIMARY KEY,
    unit_id TEXT NOT NULL,
    question_id TEXT NOT NULL,
    opened_at TEXT NOT NULL,
    opened_at_ms BIGINT NOT NULL,
    negative_in_window INTEGER NOT NULL,
    answers_in_window INTEGER NOT NULL,
    baseline DOUBLE PRECISION NOT NULL,
    state TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'acknowledged')),
    acknowledged_by TEXT,
    acknowledged_at TEXT,
    comment TEXT,
    created_at TEXT NOT NULL
  );
  CREATE INDEX alerts_by_unit ON alerts (unit_id, opened_at_ms);

  CREATE TABLE alert_cusum (
    unit_id TEXT PRIMARY KEY,
    question_id TEXT NOT NULL,
    sum DOUBLE PRECISION NOT NULL,
    last_ms BIGINT NOT NULL,
    last_id TEXT NOT NULL,
    anchor_ms BIGINT NOT NULL,
    anchor_id TEXT NOT NULL,
    run_negative INTEGER NOT NULL,
    run_answers INTEGER NOT NULL,
    p0 DOUBLE PRECISION NOT NULL,
    p0_day TEXT NOT NULL
  );

  CREATE TABLE mail_outbox (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind TEXT NOT NULL,
    to_address TEXT NOT NULL,
    subject TEXT NOT NULL,
    text_body TEXT NOT NULL,
    html_body TEXT NOT NULL,
    created_at TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_ms BIGINT NOT NULL,
    last_error TEXT,
    last_error_at TEXT,
    sent_at TEXT
  );
  CREATE INDEX mail_outbox_due ON mail_outbox (next_attempt_ms) WHERE sent_at IS NULL;

  CREATE TABLE mail_digests (
    email TEXT NOT NULL,
    local_date TEXT NOT NULL,
    sent_at TEXT NOT NULL,
    PRIMARY KEY (email, local_date)
  );

  INSERT INTO feedback_items
    (response_id, unit_id, answered_at, answered_at_ms, question_id, scale, value)
  SELECT id, unit_id, answered_at, answered_at_ms, question_id, scale, value
  FROM responses WHERE comment IS NOT NULL AND comment <> '' AND flag_test = 0;
  `,
  },
  {
    // Public results (central-reports.md): a county account publishes a unit; its managers
    // write "You said, we did" notes for its public page. A mail may carry an attachment made
    // when it is sent (the month's report: a reference, never the PDF itself), and each
    // account's monthly report mail is written down once queued, so a restart repeats none.
    name: 'public units, notes and monthly report mail',
    sqlite: `
  ALTER TABLE units ADD COLUMN public INTEGER NOT NULL DEFAULT 0 CHECK (public IN (0, 1));

  CREATE TABLE unit_notes (
    id TEXT PRIMARY KEY,
    unit_id TEXT NOT NULL,
    you_said_json TEXT NOT NULL,
    we_did_json TEXT NOT NULL,
    created_at TEXT NOT NULL,
    created_at_ms INTEGER NOT NULL,
    created_by TEXT NOT NULL
  ) STRICT;
  CREATE INDEX unit_notes_by_unit ON unit_notes (unit_id, created_at_ms);

  ALTER TABLE mail_outbox ADD COLUMN attachment_json TEXT;

  CREATE TABLE mail_month_reports (
    email TEXT NOT NULL,
    unit_id TEXT NOT NULL,
    month TEXT NOT NULL,
    queued_at TEXT NOT NULL,
    PRIMARY KEY (email, unit_id, month)
  ) STRICT;
  `,
    postgres: `
  ALTER TABLE units ADD COLUMN public INTEGER NOT NULL DEFAULT 0 CHECK (public IN (0, 1));

  CREATE TABLE unit_notes (
    id TEXT PRIMARY KEY,
    unit_id TEXT NOT NULL,
    you_said_json TEXT NOT NULL,
    we_did_json TEXT NOT NULL,
    created_at TEXT NOT NULL,
    created_at_ms BIGINT NOT NULL,
    created_by TEXT NOT NULL
  );
  CREATE INDEX unit_notes_by_unit ON unit_notes (unit_id, created_at_ms);

  ALTER TABLE mail_outbox ADD COLUMN attachment_json TEXT;

  CREATE TABLE mail_month_reports (
    email TEXT NOT NULL,
    unit_id TEXT NOT NULL,
    month TEXT NOT NULL,
    queued_at TEXT NOT NULL,
    PRIMARY KEY (email, unit_id, month)
  );
  `,
  },
];

export const SCHEMA_VERSION = MIGRATIONS.length;
