import type { LanguageCode } from '../../../core';
import {
  formatClock,
  formatFreeSpace,
  formatMegabytes,
  formatNumber,
  formatPercent,
  formatTime,
} from './format';
import { clockLight, type StatusFacts, type StatusRowId } from './status-lights';

/** A translation function of the `service` namespace, in the screen's language. */
export type Translate = (key: string, options?: Record<string, unknown>) => string;

/** Known codes get their words; an unknown one is shown as the code, which support can read. */
function codeText(t: Translate, group: string, code: string): string {
  return t(`${group}.${code}`, { defaultValue: code });
}

function unitLines(facts: StatusFacts, t: Translate, language: LanguageCode): string[] {
  const { config } = facts;
  if (!config) {
    return [t('status.unknown')];
  }
  const name = config.unit.name[language] ?? Object.values(config.unit.name)[0] ?? config.unit.id;
  return [t('status.unit.name', { name, id: config.unit.id })];
}

function terminalLines(facts: StatusFacts, t: Translate): string[] {
  const id = facts.host?.central?.terminalId ?? facts.config?.terminalId ?? null;
  const source = facts.host?.configSource;
  return [id ?? t('status.unknown'), ...(source ? [t(`status.terminal.source.${source}`)] : [])];
}

function appLines(facts: StatusFacts, t: Translate): string[] {
  const { host } = facts;
  if (!host) {
    return [t('status.unknown')];
  }
  return [
    t('status.app.version', { version: host.appVersion, host: t(`status.app.${host.host}`) }),
  ];
}

function queueLines(facts: StatusFacts, t: Translate, language: LanguageCode): string[] {
  const { sync } = facts;
  if (!sync) {
    return [t('status.unknown')];
  }
  return [
    t('status.queue.count', { count: sync.queued, number: formatNumber(sync.queued, language) }),
    sync.oldestQueuedAt === null
      ? t('status.queue.noneOld')
      : t('status.queue.oldest', { time: formatTime(sync.oldestQueuedAt, language) }),
  ];
}

function syncLines(facts: StatusFacts, t: Translate, language: LanguageCode): string[] {
  const { sync } = facts;
  if (!sync) {
    return [t('status.unknown')];
  }
  return [
    t(`syncState.${sync.state}`),
    sync.lastSyncAt === null
      ? t('status.sync.never')
      : t('status.sync.last', { time: formatTime(sync.lastSyncAt, language) }),
    ...(sync.lastError === null
      ? []
      : [t('status.sync.error', { error: codeText(t, 'syncError', sync.lastError) })]),
  ];
}

function configLines(facts: StatusFacts, t: Translate, language: LanguageCode): string[] {
  const { config, host } = facts;
  const lines: string[] = [];
  if (config) {
    lines.push(
      t('status.config.survey', { survey: config.survey.id, version: config.survey.version }),
    );
  } else {
    lines.push(t('status.unknown'));
  }
  const central = host?.central ?? null;
  if (host?.configSource === 'demo') {
    lines.push(t('status.config.demo'));
  }
  if (central?.configReceivedAt) {
    lines.push(
      t('status.config.received', { time: formatTime(central.configReceivedAt, language) }),
    );
  }
  const poll = central?.configPoll ?? null;
  if (poll) {
    const time = formatTime(poll.at, language);
    if (poll.error === null) {
      lines.push(t('status.config.pollOk', { time }));
    } else if (poll.error === 'invalid') {
      lines.push(
        t('status.config.refused', { time, field: poll.field ?? t('status.config.someField') }),
      );
    } else {
      lines.push(
        t('status.config.pollFailed', { time, error: codeText(t, 'syncError', poll.error) }),
      );
    }
  }
  return lines;
}

function boxLines(facts: StatusFacts, t: Translate, language: LanguageCode): string[] {
  if (!facts.host) {
    return [t('status.unknown')];
  }
  const box = facts.host.buttonBox;
  if (!box) {
    return [t('status.box.none')];
  }
  const lines = [
    box.connected
      ? t('status.box.connected', { port: box.port ?? t('status.unknown') })
      : box.port === null && box.problem === null
        ? t('status.box.notUsed')
        : t('status.box.notConnected', { port: box.port ?? t('status.unknown') }),
  ];
  if (box.model !== null || box.firmware !== null) {
    lines.push(
      t('status.box.model', {
        model: box.model ?? t('status.unknown'),
        firmware: box.firmware ?? t('status.unknown'),
      }),
    );
  }
  lines.push(
    t('status.box.malformed', {
      count: box.malformedLines,
      number: formatNumber(box.malformedLines, language),
    }),
  );
  if (box.problem !== null) {
    lines.push(t('status.box.problem', { problem: codeText(t, 'boxProblem', box.problem) }));
  }
  if (box.boxError !== null) {
    lines.push(t('status.box.boxError', { error: box.boxError }));
  }
  return lines;
}

function storeLines(facts: StatusFacts, t: Translate, language: LanguageCode): string[] {
  const renderer = facts.host?.renderer ?? null;
  if (!renderer) {
    return [t('status.unknown')];
  }
  const { store } = renderer;
  return [
    store.ok
      ? t('status.store.ok')
      : t('status.store.fault', { fault: codeText(t, 'storeFault', store.code) }),
    ...(!store.ok && store.reopenFailures > 0
      ? [
          t('status.store.reopening', {
            count: store.reopenFailures,
            number: formatNumber(store.reopenFailures, language),
          }),
        ]
      : []),
    renderer.persisted === null
      ? t('status.store.persistUnknown')
      : t(renderer.persisted ? 'status.store.persisted' : 'status.store.notPersisted'),
  ];
}

function journalLines(facts: StatusFacts, t: Translate, language: LanguageCode): string[] {
  const journal = facts.host?.journal ?? null;
  if (!journal) {
    return [t('status.unknown')];
  }
  const counted = (key: string, count: number, more: Record<string, unknown> = {}): string =>
    t(key, { count, number: formatNumber(count, language), ...more });
  const lines = [counted('status.journal.unconfirmed', journal.unconfirmed)];
  if (journal.problem !== null) {
    lines.push(
      t('status.journal.problem', {
        fault: codeText(t, 'journalFault', journal.problem),
        time:
          journal.problemSince === null
            ? t('status.unknown')
            : formatTime(journal.problemSince, language),
      }),
    );
  }
  if (journal.lastRestore !== null) {
    const { count, at } = journal.lastRestore;
    lines.push(counted('status.journal.restored', count, { time: formatTime(at, language) }));
  }
  if (journal.skippedLines > 0) {
    lines.push(counted('status.journal.skipped', journal.skippedLines));
  }
  return lines;
}

function storageLines(facts: StatusFacts, t: Translate, language: LanguageCode): string[] {
  const { storage } = facts;
  if (!storage || storage.usage === null || !storage.quota) {
    return [t('status.unknown')];
  }
  return [
    t('status.storage.used', {
      used: formatMegabytes(storage.usage, language),
      quota: formatMegabytes(storage.quota, language),
      percent: formatPercent(storage.usage / storage.quota, language),
    }),
  ];
}

function diskLines(facts: StatusFacts, t: Translate, language: LanguageCode): string[] {
  const storage = facts.host?.storage ?? null;
  if (!storage) {
    return [t('status.unknown')];
  }
  const reserve = formatFreeSpace(storage.reserveBytes, language);
  return [
    ...storage.places.map((place) => {
      const name = t(`status.disk.place.${place.which}`);
      return place.freeBytes === null
        ? t('status.disk.unmeasured', { place: name })
        : t('status.disk.free', { place: name, free: formatFreeSpace(place.freeBytes, language) });
    }),
    storage.low ? t('status.disk.low', { reserve }) : t('status.disk.reserve', { reserve }),
  ];
}

function clockLines(facts: StatusFacts, t: Translate, language: LanguageCode): string[] {
  const lines = [formatClock(facts.now, language)];
  const clock = facts.host?.central?.clock ?? null;
  if (!clock) {
    lines.push(t('status.clock.unchecked'));
    return lines;
  }
  const seconds = Math.round(Math.abs(clock.skewMs) / 1000);
  const trusted = clockLight(facts.host?.central ?? null, facts.now).light === 'green';
  lines.push(t(trusted ? 'status.clock.trusted' : 'status.clock.notTrusted'));
  lines.push(
    t(clock.skewMs >= 0 ? 'status.clock.behind' : 'status.clock.ahead', {
      count: seconds,
      number: formatNumber(seconds, language),
      time: formatTime(clock.at, language),
    }),
  );
  return lines;
}

function shellLines(facts: StatusFacts, t: Translate, language: LanguageCode): string[] {
  const shell = facts.host?.shell ?? null;
  if (!shell) {
    return [t('status.unknown')];
  }
  const lines = [
    t('status.shell.restarts', {
      count: shell.rendererRestarts,
      number: formatNumber(shell.rendererRestarts, language),
    }),
  ];
  if (shell.lastRestartAt !== null) {
    lines.push(
      t('status.shell.last', {
        time: formatTime(shell.lastRestartAt, language),
        reason: codeText(t, 'shellReason', shell.lastRestartReason ?? 'unknown'),
      }),
    );
  }
  if (shell.windowRecreations > 0) {
    lines.push(
      t('status.shell.recreated', {
        count: shell.windowRecreations,
        number: formatNumber(shell.windowRecreations, language),
      }),
    );
  }
  return lines;
}

/** What each row of the status screen says, line by line, in the screen's language. */
export function statusText(
  facts: StatusFacts,
  t: Translate,
  language: LanguageCode,
): Record<StatusRowId, string[]> {
  return {
    unit: unitLines(facts, t, language),
    terminal: terminalLines(facts, t),
    app: appLines(facts, t),
    queue: queueLines(facts, t, language),
    sync: syncLines(facts, t, language),
    config: configLines(facts, t, language),
    box: boxLines(facts, t, language),
    store: storeLines(facts, t, language),
    journal: journalLines(facts, t, language),
    storage: storageLines(facts, t, language),
    disk: diskLines(facts, t, language),
    clock: clockLines(facts, t, language),
    shell: shellLines(facts, t, language),
  };
}
