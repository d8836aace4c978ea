import type { Generated } from 'kysely';

/**
 * The server's tables as Kysely sees them, the same on SQLite and PostgreSQL. Booleans are
 * 0/1 integers and times RFC 3339 text (with a millisecond twin where they are ranged over),
 * so one query reads the same on both engines.
 */

export type TerminalsTable = {
  id: string;
  token_hash: string;
  unit_id: string;
  hardware_id: string;
  enrolled_at: string;
  revoked: Generated<number>;
  config_json: string;
  config_etag: string;
  app_version: string;
  last_seen_at: string | null;
  queued: number | null;
  oldest_queued_at: string | null;
  last_sync_at: string | null;
  clock: string | null;
  button_box_json: string | null;
  health_json: string | null;
};

export type EnrollmentCodesTable = {
  code_hash: string;
  unit_id: string;
  config_json: string;
  created_at: string;
  expires_at: string;
  expires_at_ms: number;
  used_at: string | null;
  terminal_id: string | null;
};

export type SurveyQuestionsTable = {
  terminal_id: string;
  survey_id: string;
  survey_version: number;
  question_id: string;
  scale: string;
  /** The question's place in its survey (0 = first); null for rows recorded before it was kept. */
  position: number | null;
};

export type ResponsesTable = {
  seq: Generated<number>;
  id: string;
  terminal_id: string;
  unit_id: string;
  received_at: string;
  survey_id: string;
  survey_version: number;
  question_id: string;
  scale: string;
  value: number;
  language: string;
  source: string;
  answered_at: string;
  answered_at_ms: number;
  flag_repeat: number;
  flag_test: number;
  flag_clock_unsynced: number;
  respondent: string | null;
  follow_up_question_id: string | null;
  follow_up_value: string | null;
  comment: string | null;
};

/** A unit as the configs made for it name it; its time zone buckets its reports. */
export type UnitsTable = {
  id: string;
  name_json: string;
  time_zone: Generated<string>;
  /** The first question of the survey the unit's terminals were last given. */
  first_question_id: string | null;
  created_at: string;
  /** `{"measure": "positiveShare" | "nps", "value"}`, set by a county account; NULL for none. */
  target_json: Generated<string | null>;
  /** 1 when a county account published its results (central-reports.md, Public results). */
  public: Generated<number>;
};

/** A person's account: `county` sees every unit, `unit` those of account_units. */
export type AccountsTable = {
  /** In lower case. */
  email: string;
  role: string;
  /** scrypt (server/accounts/password.ts); NULL for an account that signs in only by OpenID. */
  password_hash: string | null;
  language: Generated<string>;
  created_at: string;
};

export type AccountUnitsTable = { email: string; unit_id: string };

/** A signed-in session, by the SHA-256 of its cookie's token. */
export type SessionsTable = {
  token_hash: string;
  email: string;
  created_at_ms: number;
  last_seen_ms: number;
};

/** A failed login, for the lockout (more than 10 in 15 minutes). */
export type LoginFailuresTable = { email: string; at_ms: number };

/** Logins and every change a person (or the admin token, or the command line) made. */
export type AuditLogTable = {
  seq: Generated<number>;
  at: string;
  /** The account's e-mail, `admin-token` or `command-line`. */
  actor: string;
  action: string;
  target: string | null;
  detail_json: string | null;
};

/**
 * The rollup's key columns shared by every level. Absent respondent and follow-up are '' (not
 * NULL): a NULL never equals another in a unique key, so ON CONFLICT could not add to it.
 */
type RollupKey = {
  unit_id: string;
  survey_id: string;
  question_id: string;
  scale: string;
  value: number;
  /** `ok` counts in reports; `repeat` only when asked; `test` never. */
  flag_class: string;
  n: number;
};

/** Counts per local hour: what the hour × weekday heat map and a range's whole hours read. */
export type RollupHourTable = RollupKey & {
  respondent: string;
  /** UTC ms of the local hour's start: unambiguous where the local clock repeats an hour. */
  hour_start_ms: number;
  local_date: string;
  local_hour: number;
  /** ISO weekday, 1 = Monday. */
  weekday: number;
};

/**
 * Counts per local day of the answers that carry a follow-up choice, by that choice: the
 * follow-up reasons read these, so the hour rollup (which every answer adds to) need not carry
 * the choice in its key.
 */
export type RollupFollowUpTable = RollupKey & {
  respondent: string;
  follow_up_question_id: string;
  follow_up_value: string;
  day_start_ms: number;
  local_date: string;
};

/** Counts per local day. */
export type RollupDayTable = RollupKey & {
  respondent: string;
  day_start_ms: number;
  local_date: string;
};

/** Counts per local day without the respondent split: a range's days, when not filtered by it. */
export type RollupDayTotalTable = RollupKey & {
  day_start_ms: number;
  local_date: string;
};

/** Counts per ISO week (Monday 00:00 local to the next): the units page's 12-week trend. */
export type RollupWeekTable = RollupKey & {
  week_start_ms: number;
};

/** Counts per local month, weekday and hour: the hour × weekday heat map over whole months. */
export type RollupHeatTable = RollupKey & {
  month_start_ms: number;
  /** ISO weekday, 1 = Monday. */
  weekday: number;
  local_hour: number;
};

/** Counts per local month: what the all-units comparison over a year reads. */
export type RollupMonthTable = RollupKey & {
  month_start_ms: number;
};

/** An answer with a comment or a contact request (not a test's): the inbox's item. */
export type FeedbackItemsTable = {
  /** The response's id, in lower case as responses.id. */
  response_id: string;
  unit_id: string;
  answered_at: string;
  answered_at_ms: number;
  question_id: string;
  scale: string;
  value: number;
  has_contact: Generated<number>;
  state: Generated<string>;
  due_at: string | null;
  due_at_ms: number | null;
  read_at: string | null;
  handled_at: string | null;
  handled_by: string | null;
  note: string | null;
  contact_deleted_at: string | null;
};

/** A sealed contact, until it is deleted (its item handled, or 30 days after the answer). */
export type ContactRequestsTable = {
  response_id: string;
  /** Standard base64 of the sealed box, as the terminal sent it. */
  sealed: string;
  delete_after_ms: number;
};

export type AlertsTable = {
  id: string;
  unit_id: string;
  question_id: string;
  opened_at: string;
  opened_at_ms: number;
  negative_in_window: number;
  answers_in_window: number;
  /** p0, the negative share the sum measured against. */
  baseline: number;
  state: Generated<string>;
  acknowledged_by: string | null;
  acknowledged_at: string | null;
  comment: string | null;
  /** The server's time when it opened. */
  created_at: string;
};

/** Each unit's Bernoulli CUSUM, after the last answer it counted (in answer-time order). */
export type AlertCusumTable = {
  unit_id: string;
  question_id: string;
  sum: number;
  /** The last answer counted: its time and id (the order is time, then id). */
  last_ms: number;
  last_id: string;
  /** Where the sum last restarted from 0 (an alert, or the first answer counted). */
  anchor_ms: number;
  anchor_id: string;
  /** Negative answers, and answers, since the sum last stood at 0. */
  run_negative: number;
  run_answers: number;
  p0: number;
  /** The local date p0 was computed on: it is computed again the next day. */
  p0_day: string;
};

/** E-mail on its way: sent by the mailer, tried again with backoff until its server takes it. */
export type MailOutboxTable = {
  id: Generated<number>;
  /** `alert` or `digest`. */
  kind: string;
  to_address: string;
  subject: string;
  text_body: string;
  html_body: string;
  created_at: string;
  attempts: Generated<number>;
  next_attempt_ms: number;
  last_error: string | null;
  last_error_at: string | null;
  sent_at: string | null;
  /** Made when the mail is sent: `{"kind": "month-report", "unitId", "month", "filename"}`. */
  attachment_json: Generated<string | null>;
};

/** The monthly report mails queued: one per account, unit and month. */
export type MailMonthReportsTable = {
  email: string;
  unit_id: string;
  month: string;
  queued_at: string;
};

/** "You said, we did": what a unit changed after feedback, for its public page. */
export type UnitNotesTable = {
  id: string;
  unit_id: string;
  /** NoteText (core/public-api.ts) as JSON. */
  you_said_json: string;
  we_did_json: string;
  created_at: string;
  created_at_ms: number;
  /** The account's e-mail, or `admin-token`. */
  created_by: string;
};

/** The morning digests made: one per account and local date. */
export type MailDigestsTable = { email: string; local_date: string; sent_at: string };

/** Small facts about the database itself (the rollups' version, say). */
export type MetaTable = { key: string; value: string };

export type Schema = {
  terminals: TerminalsTable;
  enrollment_codes: EnrollmentCodesTable;
  survey_questions: SurveyQuestionsTable;
  responses: ResponsesTable;
  units: UnitsTable;
  rollup_hour: RollupHourTable;
  rollup_day: RollupDayTable;
  rollup_month: RollupMonthTable;
  rollup_follow_up: RollupFollowUpTable;
  rollup_day_total: RollupDayTotalTable;
  rollup_week: RollupWeekTable;
  rollup_heat: RollupHeatTable;
  meta: MetaTable;
  accounts: AccountsTable;
  account_units: AccountUnitsTable;
  sessions: SessionsTable;
  login_failures: LoginFailuresTable;
  audit_log: AuditLogTable;
  feedback_items: FeedbackItemsTable;
  contact_requests: ContactRequestsTable;
  alerts: AlertsTable;
  alert_cusum: AlertCusumTable;
  mail_outbox: MailOutboxTable;
  mail_digests: MailDigestsTable;
  mail_month_reports: MailMonthReportsTable;
  unit_notes: UnitNotesTable;
};
