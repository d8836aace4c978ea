import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TerminalStatus } from '../../core/central-api';
import {
  CLOCK_NOTABLE_MS,
  clockSkewMs,
  concerns,
  oldestQueuedAgeMs,
  type Concern,
} from './attention';
import {
  DEFAULT_FLEET_SORT,
  nextFleetSort,
  sortFleet,
  type FleetSort,
  type FleetSortKey,
} from './fleet-sort';
import { absoluteTime, durationText, relativeTime } from './time-text';
import { SortHeader } from '../SortHeader';

type Props = {
  terminals: readonly TerminalStatus[];
  /** The unit's name in the page's language, else its id. */
  nameOf: (unitId: string) => string;
  nowMs: number;
  /** The locale dates are written in (time-text.ts `dateLocale`). */
  locale: string;
  caption: string;
  /** A row's revoke (or restore) button: the page asks for confirmation. */
  onRevokeChange: (terminal: TerminalStatus, opener: HTMLButtonElement) => void;
};

/** A terminal id is `t_` and a ULID whose start is the enrollment time: its end tells them apart. */
export function shortTerminalId(terminalId: string): string {
  return terminalId.length > 10 ? `…${terminalId.slice(-8)}` : terminalId;
}

/**
 * Every terminal, one row each, those that need attention first unless another order is asked
 * for. A row that needs attention says so in words ("Needs attention" and why), not by colour.
 */
export function FleetTable({ terminals, nameOf, nowMs, locale, caption, onRevokeChange }: Props) {
  const { t, i18n } = useTranslation();
  const [sort, setSort] = useState<FleetSort>(DEFAULT_FLEET_SORT);
  const captionId = useId();
  const none = t('terminals.none');
  const sorted = sortFleet(terminals, sort, nameOf, i18n.language, nowMs);

  const header = (key: FleetSortKey, text: string) => (
    <SortHeader column={key} sort={sort} onSort={(column) => setSort(nextFleetSort(sort, column))}>
      {text}
    </SortHeader>
  );

  const concernText = (terminal: TerminalStatus, concern: Concern): string => {
    switch (concern) {
      case 'silent':
        return t('terminals.concern.silent', {
          duration: durationText(nowMs - Date.parse(terminal.lastSeenAt ?? ''), locale),
        });
      case 'neverSeen':
        return t('terminals.concern.neverSeen');
      case 'queueStuck':
        return t('terminals.concern.queueStuck', {
          duration: durationText(oldestQueuedAgeMs(terminal, nowMs) ?? 0, locale),
        });
    }
  };

  const status = (terminal: TerminalStatus) => {
    if (terminal.revoked) {
      return <strong className="revoked-mark">{t('terminals.status.revoked')}</strong>;
    }
    const found = concerns(terminal, nowMs);
    if (found.length === 0) {
      return t('terminals.status.ok');
    }
    return (
      <>
        <strong className="attention-mark">
          <span aria-hidden="true">⚠ </span>
          {t('terminals.status.attention')}
        </strong>
        <ul className="concerns">
          {found.map((concern) => (
            <li key={concern}>{concernText(terminal, concern)}</li>
          ))}
        </ul>
      </>
    );
  };

  const lastSeen = (terminal: TerminalStatus) => {
    if (terminal.lastSeenAt === null) {
      return (
        <>
          {t('terminals.lastSeen.never')}
          <span className="detail">
            {t('terminals.lastSeen.enrolled', {
              time: absoluteTime(terminal.enrolledAt, locale),
            })}
          </span>
        </>
      );
    }
    return (
      <>
        {relativeTime(Date.parse(terminal.lastSeenAt), nowMs, locale)}
        <span className="detail">{absoluteTime(terminal.lastSeenAt, locale)}</span>
      </>
    );
  };

  const queue = (terminal: TerminalStatus) => {
    if (terminal.queued === null) {
      return none;
    }
    if (terminal.queued === 0) {
      return t('terminals.queue.empty');
    }
    const age = oldestQueuedAgeMs(terminal, nowMs);
    return (
      <>
        {t('terminals.queue.waiting', { count: terminal.queued })}
        {age !== null && (
          <span className="detail">
            {t('terminals.queue.oldest', { duration: durationText(age, locale) })}
          </span>
        )}
      </>
    );
  };

  const buttonBox = (terminal: TerminalStatus) => {
    if (terminal.lastSeenAt === null) {
      return none;
    }
    const box = terminal.buttonBox;
    if (box === null) {
      return t('terminals.buttonBox.none');
    }
    const about = [
      box.model === null ? null : t('terminals.buttonBox.model', { model: box.model }),
      box.firmware === null ? null : t('terminals.buttonBox.firmware', { firmware: box.firmware }),
    ].filter((text) => text !== null);
    return (
      <>
        {t(box.connected ? 'terminals.buttonBox.connected' : 'terminals.buttonBox.disconnected')}
        {about.length > 0 && <span className="detail">{about.join(', ')}</span>}
      </>
    );
  };

  const clock = (terminal: TerminalStatus) => {
    const skew = clockSkewMs(terminal);
    if (skew === null) {
      return none;
    }
    if (Math.abs(skew) <= CLOCK_NOTABLE_MS) {
      return t('terminals.clock.inTime');
    }
    return (
      <strong>
        {t(skew > 0 ? 'terminals.clock.ahead' : 'terminals.clock.behind', {
          duration: durationText(skew, locale, 'nearest'),
        })}
      </strong>
    );
  };

  return (
    <div className="table-scroll" role="region" aria-labelledby={captionId} tabIndex={0}>
      <table className="fleet">
        <caption id={captionId}>{caption}</caption>
        <thead>
          <tr>
            {header('status', t('terminals.columns.status'))}
            {header('unit', t('terminals.columns.unit'))}
            <th scope="col">{t('terminals.columns.terminal')}</th>
            {header('lastSeen', t('terminals.columns.lastSeen'))}
            <th scope="col">{t('terminals.columns.appVersion')}</th>
            <th scope="col">{t('terminals.columns.queue')}</th>
            <th scope="col">{t('terminals.columns.buttonBox')}</th>
            <th scope="col">{t('terminals.columns.clock')}</th>
            <th scope="col">{t('terminals.columns.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {sorted.map((terminal) => {
            const name = nameOf(terminal.unitId);
            const short = shortTerminalId(terminal.terminalId);
            const needs = concerns(terminal, nowMs).length > 0;
            const rowClass = terminal.revoked ? 'revoked' : needs ? 'attention' : undefined;
            return (
              <tr key={terminal.terminalId} className={rowClass}>
                <td className="status">{status(terminal)}</td>
                <th scope="row">{name}</th>
                <td>
                  <code>{short}</code>
                  <span className="detail">{terminal.hardwareId}</span>
                </td>
                <td>{lastSeen(terminal)}</td>
                <td>{terminal.appVersion}</td>
                <td>{queue(terminal)}</td>
                <td>{buttonBox(terminal)}</td>
                <td>{clock(terminal)}</td>
                <td>
                  <button
                    type="button"
                    className={terminal.revoked ? undefined : 'danger'}
                    aria-label={t(
                      terminal.revoked ? 'terminals.restore.rowLabel' : 'terminals.revoke.rowLabel',
                      { terminal: short, unit: name },
                    )}
                    onClick={(event) => onRevokeChange(terminal, event.currentTarget)}
                  >
                    {t(terminal.revoked ? 'terminals.restore.button' : 'terminals.revoke.button')}
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
