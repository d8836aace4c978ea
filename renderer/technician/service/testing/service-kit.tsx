import { act, render, type RenderResult } from '@testing-library/react';
import type { TFunction } from 'i18next';
import type { ReactElement } from 'react';
import { I18nextProvider } from 'react-i18next';
import type { HostStatus, LanguageCode, RendererSyncStatus } from '../../../../core';
import { sampleResponse, sampleResponseId } from '../../../../core/sample-response';
import { createI18n } from '../../../i18n/i18n';
import { HymyDb, type StoredResponse, type SyncState } from '../../../store/db';
import { ScriptedServiceBridge, hostStatus } from '../../../testing/scripted-service-bridge';
import type { ServiceDeps, StorageEstimate } from '../service-deps';

/** For tests: the service screens' languages, each test run in all three. */
export const LANGUAGES = ['fi', 'sv', 'en'] as const satisfies readonly LanguageCode[];

export const NOW = Date.parse('2026-11-23T10:00:00.000Z');

/** The renderer's sync as a test drives it: a status it sets, and a syncNow it scripts. */
export class FakeSync {
  private current: RendererSyncStatus | null;
  private readonly listeners = new Set<() => void>();
  runs = 0;
  /** What syncNow does; by default, nothing. */
  run: () => Promise<void> = () => Promise.resolve();

  constructor(status: RendererSyncStatus | null = null) {
    this.current = status;
  }

  readonly deps: ServiceDeps['sync'] = {
    syncNow: () => {
      this.runs += 1;
      return this.run();
    },
    status: () => this.current,
    onChange: (listener) => {
      this.listeners.add(listener);
      return () => {
        this.listeners.delete(listener);
      };
    },
  };

  set(next: Partial<RendererSyncStatus>): void {
    this.current = { ...idleSync(), ...this.current, ...next };
    act(() => {
      for (const listener of this.listeners) {
        listener();
      }
    });
  }
}

export function idleSync(over: Partial<RendererSyncStatus> = {}): RendererSyncStatus {
  return {
    state: 'idle',
    queued: 0,
    oldestQueuedAt: null,
    lastSyncAt: '2026-11-23T09:59:00.000Z',
    lastError: null,
    ...over,
  };
}

let dbCount = 0;
const opened: HymyDb[] = [];

/** A store of its own for each test; `closeDbs` in afterEach deletes them. */
export function freshDb(): HymyDb {
  dbCount += 1;
  const db = new HymyDb(`hymy-service-${dbCount}`);
  opened.push(db);
  return db;
}

export async function closeDbs(): Promise<void> {
  for (const db of opened.splice(0)) {
    db.close();
    await db.delete();
  }
}

/** The n-th stored answer, a second apart, in the given state. */
export function storedAnswer(n: number, syncState: SyncState = 'pending'): StoredResponse {
  return {
    ...sampleResponse({
      id: sampleResponseId(n),
      answeredAt: new Date(Date.UTC(2026, 10, 20, 8, 0, n)).toISOString(),
    }),
    syncState,
    ...(syncState === 'pending' ? {} : { syncedAt: '2026-11-21T00:00:00.000Z' }),
  };
}

export type TestDeps = ServiceDeps & { bridge: ScriptedServiceBridge; fakeSync: FakeSync };

export function testDeps(
  options: {
    status?: HostStatus;
    sync?: RendererSyncStatus | null;
    storage?: StorageEstimate;
    db?: HymyDb;
  } = {},
): TestDeps {
  const bridge = new ScriptedServiceBridge(options.status ?? hostStatus());
  const fakeSync = new FakeSync(options.sync === undefined ? idleSync() : options.sync);
  return {
    bridge,
    fakeSync,
    db: options.db ?? freshDb(),
    sync: fakeSync.deps,
    storage: () => Promise.resolve(options.storage ?? { usage: 120e6, quota: 1200e6 }),
    now: () => NOW,
  };
}

/** Renders with the bundled locales; `t` gives the words a screen should show, in its language. */
export function renderIn(
  language: LanguageCode,
  ui: ReactElement,
): RenderResult & { t: TFunction<'service'> } {
  const i18n = createI18n(language);
  const result = render(<I18nextProvider i18n={i18n}>{ui}</I18nextProvider>);
  return { ...result, t: i18n.getFixedT(language, 'service') };
}

/** Lets pending promises (the store, the bridge) run and React apply what they changed. */
export async function settle(): Promise<void> {
  await act(async () => {
    for (let i = 0; i < 20; i += 1) {
      await Promise.resolve();
    }
  });
}
