import type { z } from 'zod';
import { HeartbeatSchema, type Heartbeat, type TerminalStatus } from '../../core/central-api';
import { StoreHealthSchema } from '../../core/durability';
import { queueHealthOf } from '../../core/queue-health';
import type { Db } from '../db';

/** The terminals table: who may upload, for which unit, with which config, last heard when. */

export type TerminalRecord = {
  id: string;
  unitId: string;
  revoked: boolean;
  configJson: string;
  configEtag: string;
};

export type NewTerminal = {
  id: string;
  tokenHash: string;
  unitId: string;
  hardwareId: string;
  enrolledAt: string;
  configJson: string;
  configEtag: string;
  appVersion: string;
};

type RecordRow = {
  id: string;
  unit_id: string;
  revoked: number;
  config_json: string;
  config_etag: string;
};

type StatusRow = {
  id: string;
  unit_id: string;
  hardware_id: string;
  enrolled_at: string;
  last_seen_at: string | null;
  app_version: string;
  queued: number | null;
  oldest_queued_at: string | null;
  last_sync_at: string | null;
  clock: string | null;
  button_box_json: string | null;
  health_json: string | null;
  revoked: number;
};

const RECORD_COLUMNS = 'id, unit_id, revoked, config_json, config_etag';

function toRecord(row: RecordRow | undefined): TerminalRecord | undefined {
  return row
    ? {
        id: row.id,
        unitId: row.unit_id,
        revoked: row.revoked === 1,
        configJson: row.config_json,
        configEtag: row.config_etag,
      }
    : undefined;
}

const ButtonBoxStatusSchema = HeartbeatSchema.shape.buttonBox.unwrap();

/** A stored heartbeat part, parsed back rather than trusted; unreadable reads as unknown. */
function storedJson<T>(schema: z.ZodType<T>, json: string | null): T | null {
  if (json === null) {
    return null;
  }
  try {
    const parsed = schema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

function toStatus(row: StatusRow): TerminalStatus {
  return {
    terminalId: row.id,
    unitId: row.unit_id,
    hardwareId: row.hardware_id,
    enrolledAt: row.enrolled_at,
    lastSeenAt: row.last_seen_at,
    appVersion: row.app_version,
    queued: row.queued,
    oldestQueuedAt: row.oldest_queued_at,
    lastSyncAt: row.last_sync_at,
    clock: row.clock,
    buttonBox: storedJson(ButtonBoxStatusSchema, row.button_box_json),
    revoked: row.revoked === 1,
    health: storedJson(StoreHealthSchema, row.health_json),
  };
}

export function createTerminalStore(db: Db) {
  const byTokenHash = db.prepare<[string], RecordRow>(
    `SELECT ${RECORD_COLUMNS} FROM terminals WHERE token_hash = ?`,
  );
  const byId = db.prepare<[string], RecordRow>(
    `SELECT ${RECORD_COLUMNS} FROM terminals WHERE id = ?`,
  );
  const insert = db.prepare<NewTerminal>(
    `INSERT INTO terminals (id, token_hash, unit_id, hardware_id, enrolled_at, config_json,
       config_etag, app_version, last_seen_at)
     VALUES (@id, @tokenHash, @unitId, @hardwareId, @enrolledAt, @configJson, @configEtag,
       @appVersion, @enrolledAt)`,
  );
  const updateConfig = db.prepare<{ id: string; configJson: string; configEtag: string }>(
    'UPDATE terminals SET config_json = @configJson, config_etag = @configEtag WHERE id = @id',
  );
  const setRevoked = db.prepare<{ id: string; revoked: number }>(
    'UPDATE terminals SET revoked = @revoked WHERE id = @id',
  );
  const touch = db.prepare<{ id: string; at: string }>(
    'UPDATE terminals SET last_seen_at = @at WHERE id = @id',
  );
  const heartbeat = db.prepare<Record<string, string | number | null>>(
    `UPDATE terminals SET last_seen_at = @at, app_version = @appVersion, queued = @queued,
       oldest_queued_at = @oldestQueuedAt, last_sync_at = @lastSyncAt, clock = @clock,
       button_box_json = @buttonBox, health_json = @health
     WHERE id = @id`,
  );
  const list = db.prepare<[], StatusRow>(
    `SELECT id, unit_id, hardware_id, enrolled_at, last_seen_at, app_version, queued,
       oldest_queued_at, last_sync_at, clock, button_box_json, health_json, revoked
     FROM terminals ORDER BY enrolled_at, id`,
  );

  return {
    byTokenHash: (hash: string) => toRecord(byTokenHash.get(hash)),
    byId: (id: string) => toRecord(byId.get(id)),
    insert: (terminal: NewTerminal) => void insert.run(terminal),
    updateConfig: (id: string, configJson: string, configEtag: string) =>
      void updateConfig.run({ id, configJson, configEtag }),
    setRevoked: (id: string, revoked: boolean) => void setRevoked.run({ id, revoked: +revoked }),
    touch: (id: string, at: string) => void touch.run({ id, at }),
    heartbeat: (id: string, at: string, beat: Heartbeat) =>
      void heartbeat.run({
        id,
        at,
        appVersion: beat.appVersion,
        ...queueHealthOf(beat),
        clock: beat.clock,
        buttonBox: beat.buttonBox === null ? null : JSON.stringify(beat.buttonBox),
        // Replaced by every heartbeat: one from an app too old to report health clears it,
        // rather than an old reading being shown as the terminal's state now.
        health: beat.health === undefined ? null : JSON.stringify(beat.health),
      }),
    list: () => list.all().map(toStatus),
  };
}

export type TerminalStore = ReturnType<typeof createTerminalStore>;
