import type {
  ButtonBoxStatus,
  CentralStatus,
  HostStatus,
  JournalStatus,
  RendererStatus,
  RendererSyncStatus,
  ShellStatus,
  StorageStatus,
  TerminalConfig,
} from '../../../core';
import type { StorageEstimate } from './service-deps';

/**
 * The technician's status at a glance: each row of the status screen gets a light and, when it
 * is not green, a stable reason the screen translates. Pure, so the rules have a table test.
 */

export type Light = 'green' | 'amber' | 'red';

export const LIGHT_REASONS = [
  'unknown',
  'no_config',
  'sync_stopped',
  'sync_waiting',
  'sync_not_enrolled',
  'oldest_unsent_old',
  'store_fault',
  'not_persisted',
  'journal_fault',
  'store_restored',
  'storage_high',
  'storage_full',
  'disk_low',
  'disk_unmeasured',
  'box_missing',
  'config_refused',
  'config_poll_failed',
  'clock_unknown',
  'clock_stale',
  'clock_skewed',
  'clock_far',
  'shell_restarted',
  'shell_restarts_many',
] as const;
export type LightReason = (typeof LIGHT_REASONS)[number];

export type Verdict = { light: Light; reason: LightReason | null };

export const STATUS_ROWS = [
  'unit',
  'terminal',
  'app',
  'queue',
  'sync',
  'config',
  'box',
  'store',
  'journal',
  'storage',
  'disk',
  'clock',
  'shell',
] as const;
export type StatusRowId = (typeof STATUS_ROWS)[number];

const HOUR_MS = 3600_000;
/** An answer unsent for longer than this is worth a look. */
export const OLD_UNSENT_MS = 24 * HOUR_MS;
/** A clock within this of the server's, measured within CLOCK_FRESH_MS, is trusted. */
export const CLOCK_TRUSTED_MS = 60_000;
export const CLOCK_FRESH_MS = 24 * HOUR_MS;
/** A clock this far off stamps answers with the wrong day's hour: red. */
export const CLOCK_FAR_MS = 5 * 60_000;
/** Kiosk window restarts within this are news for the technician. */
export const SHELL_RECENT_MS = 24 * HOUR_MS;
/** More restarts than this, the latest within SHELL_RECENT_MS, is a fault. */
export const SHELL_RESTARTS_RED = 5;
/** A restore of the page's store within this is news: a technician who comes weekly sees it. */
export const RESTORE_RECENT_MS = 7 * 24 * HOUR_MS;
export const STORAGE_AMBER = 0.8;
export const STORAGE_RED = 0.95;

const GREEN: Verdict = { light: 'green', reason: null };
const amber = (reason: LightReason): Verdict => ({ light: 'amber', reason });
const red = (reason: LightReason): Verdict => ({ light: 'red', reason });

const RANK: Record<Light, number> = { green: 0, amber: 1, red: 2 };

/** The worst of the lights (green when there are none). */
export function worstLight(lights: readonly Light[]): Light {
  return lights.reduce<Light>(
    (worst, light) => (RANK[light] > RANK[worst] ? light : worst),
    'green',
  );
}

export function syncLight(sync: RendererSyncStatus | null): Verdict {
  if (!sync) {
    return amber('unknown');
  }
  if (
    sync.state === 'stopped' ||
    sync.lastError === 'revoked' ||
    sync.lastError === 'unauthorized'
  ) {
    return red('sync_stopped');
  }
  if (sync.state === 'waiting') {
    return amber('sync_waiting');
  }
  if (sync.state === 'not_enrolled') {
    return amber('sync_not_enrolled');
  }
  return GREEN;
}

export function queueLight(sync: RendererSyncStatus | null, now: number): Verdict {
  if (!sync) {
    return amber('unknown');
  }
  const oldest = sync.oldestQueuedAt === null ? null : Date.parse(sync.oldestQueuedAt);
  return oldest !== null && now - oldest > OLD_UNSENT_MS ? amber('oldest_unsent_old') : GREEN;
}

export function storeLight(renderer: RendererStatus | null): Verdict {
  if (!renderer) {
    return amber('unknown');
  }
  if (!renderer.store.ok) {
    return red('store_fault');
  }
  // The browser may evict a store that is not persisted when the disk runs low.
  return renderer.persisted === false ? amber('not_persisted') : GREEN;
}

export function storageLight(storage: StorageEstimate | null): Verdict {
  if (!storage || storage.usage === null || !storage.quota) {
    return amber('unknown');
  }
  const share = storage.usage / storage.quota;
  if (share > STORAGE_RED) {
    return red('storage_full');
  }
  return share > STORAGE_AMBER ? amber('storage_high') : GREEN;
}

/**
 * The host's copy of every answer: red while it cannot keep answers (the kiosk then asks people
 * to answer again), amber for a week after it put back answers the page's store had lost.
 */
export function journalLight(journal: JournalStatus | null, now: number): Verdict {
  if (!journal) {
    return amber('unknown');
  }
  if (journal.problem !== null) {
    return red('journal_fault');
  }
  const restore = journal.lastRestore;
  return restore !== null && restore.count > 0 && now - Date.parse(restore.at) <= RESTORE_RECENT_MS
    ? amber('store_restored')
    : GREEN;
}

/** Free space where the terminal writes: red under the reserve kept for answers. */
export function diskLight(storage: StorageStatus | null): Verdict {
  if (!storage) {
    return amber('unknown');
  }
  if (storage.low) {
    return red('disk_low');
  }
  return storage.places.some((place) => place.freeBytes === null)
    ? amber('disk_unmeasured')
    : GREEN;
}

/** A box is expected when a port is set or the driver has a problem to tell. */
export function boxLight(box: ButtonBoxStatus | null): Verdict {
  if (!box || box.connected) {
    return GREEN;
  }
  return box.port !== null || box.problem !== null ? amber('box_missing') : GREEN;
}

export function configLight(config: TerminalConfig | null, central: CentralStatus | null): Verdict {
  if (!config) {
    return amber('no_config');
  }
  const error = central?.configPoll?.error ?? null;
  if (error === 'invalid') {
    return amber('config_refused');
  }
  return error === null ? GREEN : amber('config_poll_failed');
}

export function clockLight(central: CentralStatus | null, now: number): Verdict {
  const clock = central?.clock ?? null;
  if (!clock) {
    return amber('clock_unknown');
  }
  const skew = Math.abs(clock.skewMs);
  if (skew > CLOCK_FAR_MS) {
    return red('clock_far');
  }
  if (skew > CLOCK_TRUSTED_MS) {
    return amber('clock_skewed');
  }
  return now - Date.parse(clock.at) > CLOCK_FRESH_MS ? amber('clock_stale') : GREEN;
}

/**
 * The kiosk window's healing (Electron only). The host counts restarts since the app started;
 * the latest within a day makes the count news: amber, and red past five. An old restart is
 * history and stays green.
 */
export function shellLight(shell: ShellStatus | null, now: number): Verdict {
  if (!shell || shell.rendererRestarts === 0 || shell.lastRestartAt === null) {
    return GREEN;
  }
  if (now - Date.parse(shell.lastRestartAt) > SHELL_RECENT_MS) {
    return GREEN;
  }
  return shell.rendererRestarts > SHELL_RESTARTS_RED
    ? red('shell_restarts_many')
    : amber('shell_restarted');
}

export type StatusFacts = {
  host: HostStatus | null;
  /** The outbox: the host's copy of the renderer's report, else the renderer's own. */
  sync: RendererSyncStatus | null;
  storage: StorageEstimate | null;
  config: TerminalConfig | null;
  now: number;
};

/** Every row's light; with no word from the host yet, what the host tells is unknown. */
export function statusLights(facts: StatusFacts): Record<StatusRowId, Verdict> {
  const { host } = facts;
  const hostKnown = (verdict: Verdict): Verdict => (host ? verdict : amber('unknown'));
  return {
    unit: facts.config ? GREEN : amber('no_config'),
    terminal: GREEN,
    app: hostKnown(GREEN),
    queue: queueLight(facts.sync, facts.now),
    sync: syncLight(facts.sync),
    config: configLight(facts.config, host?.central ?? null),
    box: hostKnown(boxLight(host?.buttonBox ?? null)),
    store: storeLight(host?.renderer ?? null),
    journal: journalLight(host?.journal ?? null, facts.now),
    storage: storageLight(facts.storage),
    disk: diskLight(host?.storage ?? null),
    clock: clockLight(host?.central ?? null, facts.now),
    shell: shellLight(host?.shell ?? null, facts.now),
  };
}

/** The rows the screen shows: the kiosk window's only where there is one (Electron). */
export function shownRows(host: HostStatus | null): StatusRowId[] {
  return STATUS_ROWS.filter((row) => row !== 'shell' || (host?.shell ?? null) !== null);
}

export function overallLight(lights: Record<StatusRowId, Verdict>): Light {
  return worstLight(STATUS_ROWS.map((row) => lights[row].light));
}
