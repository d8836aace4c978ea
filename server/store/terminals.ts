import { ContactConfigSchema, DEFAULT_REPLY_WITHIN_DAYS } from '../../core/contact';
import { HeartbeatSchema, type Heartbeat, type TerminalStatus } from '../../core/central-api';
import { StoreHealthSchema } from '../../core/durability';
import { queueHealthOf } from '../../core/queue-health';
import { DEFAULT_TIME_ZONE } from '../../core/local-time';
import type { Executor } from './executor';
import { storedJson } from './stored-json';

/** The terminals table: who may upload, for which unit, with which config, last heard when. */

export type TerminalRecord = {
  id: string;
  unitId: string;
  revoked: boolean;
  configJson: string;
  configEtag: string;
  /** Its unit's time zone, read with it: an upload buckets its answers by it. */
  timeZone: string;
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
  time_zone: string | null;
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

/**
 * Within how many days the terminal's unit promises to answer a contact request: its config's
 * `contact.replyWithinDays`, else the default. Only that part of the stored config is read.
 */
export function replyWithinDaysOf(terminal: Pick<TerminalRecord, 'configJson'>): number {
  const contact = ContactConfigSchema.safeParse(
    (JSON.parse(terminal.configJson) as { contact?: unknown }).contact ?? {},
  );
  return contact.success ? contact.data.replyWithinDays : DEFAULT_REPLY_WITHIN_DAYS;
}

function toRecord(row: RecordRow | undefined): TerminalRecord | undefined {
  return row
    ? {
        id: row.id,
        unitId: row.unit_id,
        revoked: row.revoked === 1,
        configJson: row.config_json,
        configEtag: row.config_etag,
        timeZone: row.time_zone ?? DEFAULT_TIME_ZONE,
      }
    : undefined;
}

const ButtonBoxStatusSchema = HeartbeatSchema.shape.buttonBox.unwrap();

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

export function createTerminalStore(db: Executor) {
  const records = () =>
    db
      .selectFrom('terminals')
      .leftJoin('units', 'units.id', 'terminals.unit_id')
      .select([
        'terminals.id as id',
        'terminals.unit_id as unit_id',
        'terminals.revoked as revoked',
        'terminals.config_json as config_json',
        'terminals.config_etag as config_etag',
        'units.time_zone as time_zone',
      ]);
  return {
    byTokenHash: async (hash: string) =>
      toRecord(await records().where('token_hash', '=', hash).executeTakeFirst()),
    byId: async (id: string) =>
      toRecord(await records().where('terminals.id', '=', id).executeTakeFirst()),
    insert: async (terminal: NewTerminal): Promise<void> => {
      await db
        .insertInto('terminals')
        .values({
          id: terminal.id,
          token_hash: terminal.tokenHash,
          unit_id: terminal.unitId,
          hardware_id: terminal.hardwareId,
          enrolled_at: terminal.enrolledAt,
          config_json: terminal.configJson,
          config_etag: terminal.configEtag,
          app_version: terminal.appVersion,
          last_seen_at: terminal.enrolledAt,
        })
        .execute();
    },
    updateConfig: async (id: string, configJson: string, configEtag: string): Promise<void> => {
      await db
        .updateTable('terminals')
        .set({ config_json: configJson, config_etag: configEtag })
        .where('id', '=', id)
        .execute();
    },
    setRevoked: async (id: string, revoked: boolean): Promise<void> => {
      await db.updateTable('terminals').set({ revoked: +revoked }).where('id', '=', id).execute();
    },
    touch: async (id: string, at: string): Promise<void> => {
      await db.updateTable('terminals').set({ last_seen_at: at }).where('id', '=', id).execute();
    },
    heartbeat: async (id: string, at: string, beat: Heartbeat): Promise<void> => {
      const queue = queueHealthOf(beat);
      await db
        .updateTable('terminals')
        .set({
          last_seen_at: at,
          app_version: beat.appVersion,
          queued: queue.queued,
          oldest_queued_at: queue.oldestQueuedAt,
          last_sync_at: queue.lastSyncAt,
          clock: beat.clock,
          button_box_json: beat.buttonBox === null ? null : JSON.stringify(beat.buttonBox),
          // Replaced by every heartbeat: one from an app too old to report health clears it,
          // rather than an old reading being shown as the terminal's state now.
          health_json: beat.health === undefined ? null : JSON.stringify(beat.health),
        })
        .where('id', '=', id)
        .execute();
    },
    list: async (): Promise<TerminalStatus[]> => {
      const rows = await db
        .selectFrom('terminals')
        .select([
          'id',
          'unit_id',
          'hardware_id',
          'enrolled_at',
          'last_seen_at',
          'app_version',
          'queued',
          'oldest_queued_at',
          'last_sync_at',
          'clock',
          'button_box_json',
          'health_json',
          'revoked',
        ])
        .orderBy('enrolled_at')
        .orderBy('id')
        .execute();
      return rows.map(toStatus);
    },
  };
}

export type TerminalStore = ReturnType<typeof createTerminalStore>;
