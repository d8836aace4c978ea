import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HostStatus, LanguageCode, TerminalConfig } from '../../../core';
import { LightMark } from './LightMark';
import { ScreenTitle } from './ScreenTitle';
import type { ServiceDeps, StorageEstimate } from './service-deps';
import { overallLight, shownRows, statusLights, type StatusFacts } from './status-lights';
import { statusText } from './status-text';
import { useSyncStatus } from './use-sync-status';

type Props = {
  deps: ServiceDeps;
  config: TerminalConfig | null;
  language: LanguageCode;
  host: HostStatus | null;
  hostUnreachable: boolean;
};

const STORAGE_EVERY_MS = 30_000;
const CLOCK_EVERY_MS = 1000;

/** The storage estimate, asked now and then; null until the browser has said. */
function useStorage(storage: ServiceDeps['storage']): StorageEstimate | null {
  const [estimate, setEstimate] = useState<StorageEstimate | null>(null);
  useEffect(() => {
    let stopped = false;
    const ask = (): void => {
      storage().then(
        (next) => {
          if (!stopped) {
            setEstimate(next);
          }
        },
        () => undefined,
      );
    };
    ask();
    const timer = setInterval(ask, STORAGE_EVERY_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [storage]);
  return estimate;
}

/** The terminal's time, ticking, for the clock row. */
function useNow(now: () => number): number {
  const [at, setAt] = useState(now);
  useEffect(() => {
    const timer = setInterval(() => setAt(now()), CLOCK_EVERY_MS);
    return () => clearInterval(timer);
  }, [now]);
  return at;
}

/** Everything a technician checks first, each row with its light, and one light over all. */
export function StatusScreen({ deps, config, language, host, hostUnreachable }: Props) {
  const { t } = useTranslation('service', { lng: language });
  const storage = useStorage(deps.storage);
  const now = useNow(deps.now);
  const ownSync = useSyncStatus(deps.sync);
  // The page's own count is the freshest; the host's copy of it when the page has none yet.
  const facts: StatusFacts = {
    host,
    sync: ownSync ?? host?.renderer?.sync ?? null,
    storage,
    config,
    now,
  };
  const lights = statusLights(facts);
  const overall = overallLight(lights);
  const text = statusText(facts, (key, options) => t(key, options), language);

  return (
    <section data-screen="service-status" aria-labelledby="service-status-title">
      <ScreenTitle id="service-status-title">{t('status.title')}</ScreenTitle>
      <p className={`status-overall status-overall-${overall}`}>
        <LightMark light={overall} word={t(`light.${overall}`)} />
        <span>{t(`status.overall.${overall}`)}</span>
      </p>
      {host === null && !hostUnreachable && <p>{t('status.asking')}</p>}
      {hostUnreachable && <p className="service-problem">{t('status.unreachable')}</p>}
      <ul className="status-rows">
        {shownRows(host).map((row) => {
          const verdict = lights[row];
          return (
            <li key={row} className="status-row" data-row={row} data-light={verdict.light}>
              <LightMark light={verdict.light} word={t(`light.${verdict.light}`)} />
              <div className="status-body">
                <h2 className="status-label">{t(`status.row.${row}`)}</h2>
                {text[row].map((line, i) => (
                  <p key={i} className="status-line">
                    {line}
                  </p>
                ))}
                {verdict.reason !== null && (
                  <p className="status-reason">{t(`reason.${verdict.reason}`)}</p>
                )}
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
