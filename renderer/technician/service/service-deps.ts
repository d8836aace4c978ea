import type { Bridge, RendererSyncStatus } from '../../../core';
import type { HymyDb } from '../../store/db';

/** Storage the page's origin uses and may use, in bytes (navigator.storage.estimate()). */
export type StorageEstimate = { usage: number | null; quota: number | null };

/**
 * What the technician's service screens need from outside; the app's integrator builds it in
 * renderer/app/start.ts, tests hand in a scripted bridge and a HymyDb of their own.
 */
export type ServiceDeps = {
  bridge: Bridge;
  /** Every local answer, for the export, the unsent counts and the factory reset. */
  db: HymyDb;
  sync: {
    /** Runs a sync now; resolves when it is done (however it ended). */
    syncNow: () => Promise<void>;
    /** The outbox and the engine as last counted, or null before the first count. */
    status: () => RendererSyncStatus | null;
    /** Called whenever `status()` may have changed; returns the function that stops it. */
    onChange: (listener: () => void) => () => void;
  };
  storage: () => Promise<StorageEstimate>;
  now: () => number;
};
