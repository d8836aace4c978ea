import { act, render, waitFor, type RenderResult } from '@testing-library/react';
import type { i18n } from 'i18next';
import { expect } from 'vitest';
import { TerminalConfigSchema, type TerminalConfig, type TerminalConfigInput } from '../../core';
import { manualClock, type ManualClock, type Timers } from '../../core/timers';
import { App, type AppDeps } from '../app/App';
import { createStatusReporter } from '../app/status-reporter';
import { pageTimers, TimersContext } from '../app/timers';
import { createI18n } from '../i18n/i18n';
import { HymyDb } from '../store/db';
import { createHealingStore } from '../store/healing-store';
import type { ResponseStore } from '../store/response-store';
import { FakeBridge } from './fake-bridge';

export const BUILT = Date.parse('2026-01-01T00:00:00.000Z');
export const START = Date.parse('2026-11-23T10:00:00.000Z');

/** A unit like the e2e fixture's, with timings short enough for a test to watch them pass. */
export function testConfig(overrides: Partial<TerminalConfigInput> = {}): TerminalConfig {
  return TerminalConfigSchema.parse({
    terminalId: 't_test',
    unit: {
      id: 'khks-lapset',
      name: { fi: 'Lastenyksikkö', sv: 'Barnenheten', en: "Children's unit" },
    },
    survey: { id: 'visit-smiley', version: 3, questions: [{ id: 'overall', scale: 'smiley4' }] },
    timing: { thankYouMs: 400, idleResetMs: 5000, repeatWindowMs: 4000 },
    ...overrides,
  });
}

export type RenderedApp = RenderResult & {
  bridge: FakeBridge;
  /** The answers' clock (`answeredAt`, the repeat window): a manual clock the test moves. */
  clock: ManualClock;
  /** How many times the app asked to start the page again. */
  reloads: () => number;
};

let databases = 0;

/**
 * `options.i18n`: another instance than the bundled locales' (a test's extra language);
 * `options.timers`: the screens' timers (a `manualClock()`'s, for a test that moves time).
 */
export function renderApp(
  store: ResponseStore,
  config: TerminalConfig | null = testConfig(),
  options: { i18n?: i18n; timers?: Timers } = {},
): RenderedApp {
  const bridge = new FakeBridge(config);
  const clock = manualClock({ start: START });
  let reloads = 0;
  databases += 1;
  const reporter = createStatusReporter(bridge, Promise.resolve(true));
  const deps: AppDeps = {
    bridge,
    // As the page's own (renderer/app/start.ts): a store that failed tells the host, and tries
    // to open again before the next write (here always "opened": the store itself decides).
    store: createHealingStore({
      inner: store,
      reopen: () => Promise.resolve(),
      report: (status) => reporter.report(status),
      onReopened: () => undefined,
    }),
    reporter,
    i18n: options.i18n ?? createI18n(),
    clock,
    buildTimeMs: BUILT,
    service: {
      bridge,
      db: new HymyDb(`hymy-app-${databases}`),
      sync: {
        syncNow: () => Promise.resolve(),
        status: () => null,
        onChange: () => () => undefined,
      },
      storage: () => Promise.resolve({ usage: null, quota: null }),
      now: () => clock.now(),
    },
    reload: () => {
      reloads += 1;
    },
  };
  const app = (
    <TimersContext.Provider value={options.timers ?? pageTimers}>
      <App deps={deps} />
    </TimersContext.Provider>
  );
  return { ...render(app), bridge, clock, reloads: () => reloads };
}

/** Lets pending promises (a write, a bridge answer) run and React apply what they changed. */
export async function settle(): Promise<void> {
  await act(async () => {
    for (let i = 0; i < 20; i += 1) {
      await Promise.resolve();
    }
  });
}

export function screenOf(container: HTMLElement): string | null {
  return container.querySelector('main')?.getAttribute('data-screen') ?? null;
}

/** Waits until the faces are up (the config has come through the bridge). */
export async function waitForKiosk(container: HTMLElement, timeout = 2000): Promise<void> {
  await waitFor(() => expect(screenOf(container)).toBe('kiosk'), { timeout });
}
