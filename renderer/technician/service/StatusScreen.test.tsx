import { act, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { HostStatus } from '../../../core';
import { hostStatus, serviceConfig } from '../../testing/scripted-service-bridge';
import { formatFreeSpace, formatNumber, formatTime } from './format';
import { StatusScreen } from './StatusScreen';
import {
  LANGUAGES,
  NOW,
  closeDbs,
  idleSync,
  renderIn,
  settle,
  testDeps,
  type TestDeps,
} from './testing/service-kit';
import { useHostStatus } from '../../bridge/use-host-status';

/** The service screens ask the host again this often, in case a change was missed. */
const SERVICE_REFRESH_MS = 10_000;

afterEach(closeDbs);

type Language = (typeof LANGUAGES)[number];

async function showStatus(
  language: Language,
  options: Parameters<typeof testDeps>[0] = {},
  hostOverride?: HostStatus | null,
) {
  const deps = testDeps(options);
  const host = hostOverride === undefined ? deps.bridge.status : hostOverride;
  const rendered = renderIn(
    language,
    <StatusScreen
      deps={deps}
      config={serviceConfig()}
      language={language}
      host={host}
      hostUnreachable={false}
    />,
  );
  await settle();
  const row = (name: string): HTMLElement => {
    const found = rendered.container.querySelector<HTMLElement>(`[data-row="${name}"]`);
    if (!found) {
      throw new Error(`no row ${name}`);
    }
    return found;
  };
  return { ...rendered, deps, row };
}

const central = hostStatus().central;
const MIB = 1024 * 1024;
const GIB = 1024 * MIB;

describe.each(LANGUAGES)('the status screen in %s', (language) => {
  it('shows every row with a light and its word, all green when all is well', async () => {
    const { t, row, container } = await showStatus(language);
    expect(container.querySelector('[data-screen="service-status"]')).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent(t('status.title'));
    expect(screen.getByText(t('status.overall.green'))).toBeInTheDocument();
    for (const name of [
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
    ]) {
      const shown = row(name);
      expect(within(shown).getByRole('heading', { level: 2 })).toHaveTextContent(
        t(`status.row.${name}`),
      );
      expect(shown).toHaveAttribute('data-light', 'green');
      expect(shown).toHaveTextContent(t('light.green'));
    }
    const unitName = { fi: 'Lastenyksikkö', sv: 'Barnenheten', en: "Children's unit" }[language];
    expect(row('unit')).toHaveTextContent(unitName);
    expect(row('terminal')).toHaveTextContent('t_test');
    expect(row('app')).toHaveTextContent('0.1.0');
    expect(row('config')).toHaveTextContent(
      t('status.config.survey', { survey: 'visit-smiley', version: 3 }),
    );
    expect(row('box')).toHaveTextContent('/dev/hymy-box');
    expect(row('box')).toHaveTextContent('hymy-5');
    expect(row('box')).toHaveTextContent('1.2.0');
    expect(row('box')).toHaveTextContent(t('status.box.malformed', { count: 0, number: '0' }));
    expect(row('storage')).toHaveTextContent(/10\s?%/);
    expect(row('clock')).toHaveTextContent(t('status.clock.trusted'));
    expect(row('queue')).toHaveTextContent(t('status.queue.count', { count: 0, number: '0' }));
    expect(row('journal')).toHaveTextContent(
      t('status.journal.unconfirmed', { count: 0, number: '0' }),
    );
    expect(row('disk')).toHaveTextContent(t('status.disk.place.data'));
    expect(row('disk')).toHaveTextContent(t('status.disk.place.profile'));
    expect(row('disk')).toHaveTextContent(
      t('status.disk.free', {
        place: t('status.disk.place.data'),
        free: formatFreeSpace(12 * GIB, language),
      }).replace(/\s+/g, ' '),
    );
    expect(row('disk')).toHaveTextContent(
      t('status.disk.reserve', { reserve: formatFreeSpace(50 * MIB, language) }).replace(
        /\s+/g,
        ' ',
      ),
    );
  });

  it('names the refused field of an invalid config, and the row asks for a check', async () => {
    const status = hostStatus({
      central: {
        ...central!,
        configPoll: {
          at: '2026-11-23T09:59:00.000Z',
          error: 'invalid',
          field: 'timing.thankYouMs',
          message: 'Too big',
        },
      },
    });
    const { row, t } = await showStatus(language, { status });
    expect(row('config')).toHaveAttribute('data-light', 'amber');
    expect(row('config')).toHaveTextContent('timing.thankYouMs');
    expect(row('config')).toHaveTextContent(t('reason.config_refused'));
    expect(screen.getByText(t('status.overall.amber'))).toBeInTheDocument();
  });

  it('shows a sync stopped by a refused token as a fault, in words', async () => {
    const { row, t } = await showStatus(language, {
      sync: idleSync({ state: 'stopped', lastError: 'revoked', queued: 40 }),
    });
    expect(row('sync')).toHaveAttribute('data-light', 'red');
    expect(row('sync')).toHaveTextContent(t('light.red'));
    expect(row('sync')).toHaveTextContent(t('reason.sync_stopped'));
    expect(row('sync')).toHaveTextContent(t('syncError.revoked'));
    expect(screen.getByText(t('status.overall.red'))).toBeInTheDocument();
  });

  it('shows how many answers wait, and warns when one has waited over a day', async () => {
    const { row, t, deps } = await showStatus(language);
    deps.fakeSync.set({ queued: 1234, oldestQueuedAt: '2026-11-21T08:00:00.000Z' });
    expect(row('queue')).toHaveTextContent(
      // As the screen reads it: a number's thin spaces count as spaces.
      t('status.queue.count', { count: 1234, number: formatNumber(1234, language) }).replace(
        /\s+/g,
        ' ',
      ),
    );
    expect(row('queue')).toHaveAttribute('data-light', 'amber');
    expect(row('queue')).toHaveTextContent(t('reason.oldest_unsent_old'));
  });

  it('follows a change the host reports at once', async () => {
    const deps = testDeps();
    const { container, t } = renderIn(language, <LiveStatus deps={deps} language={language} />);
    await settle();
    const box = (): Element | null => container.querySelector('[data-row="box"]');
    expect(box()).toHaveAttribute('data-light', 'green');
    act(() =>
      deps.bridge.changeStatus({
        buttonBox: { ...deps.bridge.status.buttonBox!, connected: false, problem: 'unplugged' },
      }),
    );
    expect(box()).toHaveAttribute('data-light', 'amber');
    expect(box()).toHaveTextContent(t('boxProblem.unplugged'));
    expect(box()).toHaveTextContent(t('reason.box_missing'));
  });

  it('shows storage use in MB and per cent, amber over 80 % and red over 95 %', async () => {
    const high = await showStatus(language, { storage: { usage: 850e6, quota: 1000e6 } });
    expect(high.row('storage')).toHaveAttribute('data-light', 'amber');
    expect(high.row('storage')).toHaveTextContent(/850/);
    expect(high.row('storage')).toHaveTextContent(/85\s?%/);
    high.unmount();
    const full = await showStatus(language, { storage: { usage: 990e6, quota: 1000e6 } });
    expect(full.row('storage')).toHaveAttribute('data-light', 'red');
    expect(full.row('storage')).toHaveTextContent(full.t('reason.storage_full'));
  });

  it('marks a disk under the reserve as a fault, and says how little is free and what it means', async () => {
    const status = hostStatus();
    const { row, t } = await showStatus(language, {
      status: hostStatus({
        storage: {
          ...status.storage!,
          places: [
            { which: 'data', path: '/var/lib/hymy', freeBytes: 40 * MIB },
            { which: 'profile', path: '/var/lib/hymy/chromium-profile', freeBytes: null },
          ],
          low: true,
        },
      }),
    });
    const disk = row('disk');
    expect(disk).toHaveAttribute('data-light', 'red');
    expect(disk).toHaveTextContent(formatFreeSpace(40 * MIB, language).replace(/\s+/g, ' '));
    expect(disk).toHaveTextContent(
      t('status.disk.unmeasured', { place: t('status.disk.place.profile') }),
    );
    const low = t('status.disk.low', { reserve: formatFreeSpace(50 * MIB, language) });
    expect(low.replace(/\s+/g, ' ')).toBe(
      {
        fi: 'Vapaata tilaa on alle 50 Mt: pääte ei ehkä pian pysty tallentamaan vastauksia.',
        sv: 'Mindre än 50 MB ledigt: terminalen kan snart sluta kunna spara svar.',
        en: 'Less than 50 MB free: the terminal may soon be unable to keep answers.',
      }[language],
    );
    expect(disk).toHaveTextContent(low.replace(/\s+/g, ' '));
    expect(disk).toHaveTextContent(t('reason.disk_low'));
    expect(screen.getByText(t('status.overall.red'))).toBeInTheDocument();
  });

  it('marks a second copy that cannot keep answers as a fault, and says why', async () => {
    const { row, t } = await showStatus(language, {
      status: hostStatus({
        journal: {
          unconfirmed: 7,
          problem: 'disk_full',
          problemSince: new Date(NOW - 60_000).toISOString(),
          lastRestore: null,
          skippedLines: 0,
        },
      }),
    });
    const journal = row('journal');
    expect(journal).toHaveAttribute('data-light', 'red');
    expect(journal).toHaveTextContent(t('status.journal.unconfirmed', { count: 7, number: '7' }));
    expect(journal).toHaveTextContent(t('journalFault.disk_full'));
    expect(journal).toHaveTextContent(t('reason.journal_fault'));
  });

  it('shows a store restored from the second copy for a check, with when and how many', async () => {
    const at = new Date(NOW - 3600_000).toISOString();
    const { row, t } = await showStatus(language, {
      status: hostStatus({
        journal: {
          unconfirmed: 12,
          problem: null,
          problemSince: null,
          lastRestore: { count: 12, at },
          skippedLines: 1,
        },
      }),
    });
    const journal = row('journal');
    expect(journal).toHaveAttribute('data-light', 'amber');
    expect(journal).toHaveTextContent(
      t('status.journal.restored', {
        count: 12,
        number: '12',
        time: formatTime(at, language),
      }).replace(/\s+/g, ' '),
    );
    expect(journal).toHaveTextContent(t('status.journal.skipped', { count: 1, number: '1' }));
    expect(journal).toHaveTextContent(t('reason.store_restored'));
  });

  it('tells how many times the page has tried to re-open its failed store', async () => {
    const status = hostStatus();
    const { row, t } = await showStatus(language, {
      status: hostStatus({
        renderer: {
          ...status.renderer!,
          store: { ok: false, code: 'database_closed', reopenFailures: 3 },
        },
      }),
    });
    expect(row('store')).toHaveAttribute('data-light', 'red');
    expect(row('store')).toHaveTextContent(t('storeFault.database_closed'));
    expect(row('store')).toHaveTextContent(t('status.store.reopening', { count: 3, number: '3' }));
  });

  it('marks a clock five minutes off as a fault, and an unchecked one for a check', async () => {
    const far = await showStatus(language, {
      status: hostStatus({
        central: {
          ...central!,
          clock: { skewMs: -600_000, at: new Date(NOW - 60_000).toISOString() },
        },
      }),
    });
    expect(far.row('clock')).toHaveAttribute('data-light', 'red');
    expect(far.row('clock')).toHaveTextContent(far.t('status.clock.notTrusted'));
    expect(far.row('clock')).toHaveTextContent(far.t('reason.clock_far'));
    far.unmount();
    const unchecked = await showStatus(language, {
      status: hostStatus({ central: { ...central!, clock: null } }),
    });
    expect(unchecked.row('clock')).toHaveAttribute('data-light', 'amber');
    expect(unchecked.row('clock')).toHaveTextContent(unchecked.t('status.clock.unchecked'));
  });

  it('has no kiosk window row in the browser host', async () => {
    const { container } = await showStatus(language);
    expect(container.querySelector('[data-row="shell"]')).toBeNull();
  });

  it('shows the kiosk window’s restarts, the last one’s time and reason, amber within a day', async () => {
    const { row, t } = await showStatus(language, {
      status: hostStatus({
        host: 'electron',
        shell: {
          rendererRestarts: 2,
          lastRestartAt: new Date(NOW - 3600_000).toISOString(),
          lastRestartReason: 'crashed',
          windowRecreations: 1,
        },
      }),
    });
    const shell = row('shell');
    expect(within(shell).getByRole('heading', { level: 2 })).toHaveTextContent(
      t('status.row.shell'),
    );
    expect(t('status.row.shell')).toBe(
      { fi: 'Kioskin ikkuna', sv: 'Kioskfönstret', en: 'Kiosk window' }[language],
    );
    expect(shell).toHaveAttribute('data-light', 'amber');
    expect(shell).toHaveTextContent(t('status.shell.restarts', { count: 2, number: '2' }));
    expect(shell).toHaveTextContent(t('shellReason.crashed'));
    expect(shell).toHaveTextContent(t('status.shell.recreated', { count: 1, number: '1' }));
    expect(shell).toHaveTextContent(t('reason.shell_restarted'));
    expect(screen.getByText(t('status.overall.amber'))).toBeInTheDocument();
  });

  it('marks more than five recent restarts of the kiosk window as a fault', async () => {
    const { row, t } = await showStatus(language, {
      status: hostStatus({
        host: 'electron',
        shell: {
          rendererRestarts: 6,
          lastRestartAt: new Date(NOW - 60_000).toISOString(),
          lastRestartReason: 'unresponsive',
          windowRecreations: 0,
        },
      }),
    });
    expect(row('shell')).toHaveAttribute('data-light', 'red');
    expect(row('shell')).toHaveTextContent(t('shellReason.unresponsive'));
    expect(row('shell')).toHaveTextContent(t('reason.shell_restarts_many'));
  });

  it('shows a kiosk window that never restarted as in order', async () => {
    const { row, t } = await showStatus(language, {
      status: hostStatus({
        host: 'electron',
        shell: {
          rendererRestarts: 0,
          lastRestartAt: null,
          lastRestartReason: null,
          windowRecreations: 0,
        },
      }),
    });
    expect(row('shell')).toHaveAttribute('data-light', 'green');
    expect(row('shell')).toHaveTextContent(t('status.shell.restarts', { count: 0, number: '0' }));
  });

  it('says so when the host has not told its status yet', async () => {
    const { row, t } = await showStatus(language, {}, null);
    expect(screen.getByText(t('status.asking'))).toBeInTheDocument();
    expect(row('box')).toHaveAttribute('data-light', 'amber');
    expect(row('box')).toHaveTextContent(t('reason.unknown'));
  });
});

/** The status screen fed by the live host status, as ServiceScreens feeds it. */
function LiveStatus({ deps, language }: { deps: TestDeps; language: Language }) {
  const { status, unreachable } = useHostStatus(deps.bridge, { refreshMs: SERVICE_REFRESH_MS });
  return (
    <StatusScreen
      deps={deps}
      config={serviceConfig()}
      language={language}
      host={status}
      hostUnreachable={unreachable}
    />
  );
}
