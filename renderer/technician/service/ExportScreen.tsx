import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExportTarget, HostStatus, LanguageCode, TerminalConfig } from '../../../core';
import type { ExportSummary } from './export-files';
import { runExport, type ExportRunFailure } from './export-run';
import { formatGigabytes, formatNumber, formatTime } from './format';
import { ScreenTitle } from './ScreenTitle';
import type { ServiceDeps } from './service-deps';
import { useExportTargets } from './use-export-targets';

type Props = {
  deps: ServiceDeps;
  config: TerminalConfig | null;
  host: HostStatus | null;
  language: LanguageCode;
  keepAlive: () => void;
  /** An export finished: the host now remembers it (the factory reset's guard). */
  onExported: () => void;
};

type Run =
  | { phase: 'idle' }
  | { phase: 'no_path' }
  | { phase: 'running'; written: number; total: number }
  | { phase: 'done'; files: string[]; summary: ExportSummary }
  | { phase: 'failed'; reason: ExportRunFailure };

function TargetChoice({
  target,
  chosen,
  name,
  language,
  onChoose,
}: {
  target: ExportTarget;
  chosen: boolean;
  name: string;
  language: LanguageCode;
  onChoose: (path: string) => void;
}) {
  const { t } = useTranslation('service', { lng: language });
  const free =
    target.freeBytes === null
      ? t('export.freeUnknown')
      : t('export.free', { size: formatGigabytes(target.freeBytes, language) });
  return (
    <label className="export-target" data-kind={target.kind}>
      <input
        type="radio"
        name={name}
        value={target.path}
        checked={chosen}
        onChange={() => onChoose(target.path)}
      />
      <span className="export-target-text">
        <span className="export-target-label">
          {target.kind === 'removable'
            ? t('export.removable', { label: target.label })
            : t('export.local')}
        </span>
        <span className="export-target-path">{target.path}</span>
        <span className="export-target-free">{free}</span>
      </span>
    </label>
  );
}

/**
 * Every answer on the terminal, unsent first, to a CSV and a JSON file on a disk the technician
 * picks: for the day the network never comes back, and before a factory reset.
 */
export function ExportScreen({ deps, config, host, language, keepAlive, onExported }: Props) {
  const { t } = useTranslation('service', { lng: language });
  const { targets, lookAgain } = useExportTargets(deps.bridge);
  const [path, setPath] = useState('');
  const [run, setRun] = useState<Run>({ phase: 'idle' });
  const ids = useId();
  const running = run.phase === 'running';

  const start = (): void => {
    const dir = path.trim();
    if (running) {
      return;
    }
    if (dir === '') {
      setRun({ phase: 'no_path' });
      return;
    }
    setRun({ phase: 'running', written: 0, total: 0 });
    runExport({
      bridge: deps.bridge,
      db: deps.db,
      dir,
      meta: {
        exportedAt: new Date(deps.now()).toISOString(),
        terminalId: host?.central?.terminalId ?? config?.terminalId ?? null,
        unitId: config?.unit.id ?? null,
      },
      onProgress: ({ written, total }) => {
        keepAlive();
        setRun({ phase: 'running', written, total });
      },
    }).then(
      (result) => {
        if (result.ok) {
          setRun({ phase: 'done', files: result.files, summary: result.summary });
          onExported();
        } else {
          setRun({ phase: 'failed', reason: result.reason });
        }
      },
      () => setRun({ phase: 'failed', reason: 'write_failed' }),
    );
  };

  const last = targets.phase === 'found' ? targets.last : (host?.lastExport ?? null);
  return (
    <section data-screen="service-export" aria-labelledby="service-export-title">
      <ScreenTitle id="service-export-title">{t('export.title')}</ScreenTitle>
      <p className="service-intro">{t('export.intro')}</p>
      {last && (
        <p className="service-note">
          {t('export.last', {
            time: formatTime(last.at, language),
            count: last.answers,
            number: formatNumber(last.answers, language),
          })}
        </p>
      )}
      <fieldset className="export-where" disabled={running}>
        <legend>{t('export.where')}</legend>
        {targets.phase === 'looking' && <p>{t('export.looking')}</p>}
        {targets.phase === 'session_closed' && (
          <p className="service-problem">{t('sessionClosed')}</p>
        )}
        {targets.phase === 'no_answer' && (
          <p className="service-problem">{t('export.failure.no_answer')}</p>
        )}
        {targets.phase === 'found' && targets.targets.length === 0 && (
          <p>{t('export.noTargets')}</p>
        )}
        {targets.phase === 'found' && targets.targets.length > 0 && (
          <div className="export-targets">
            {targets.targets.map((target) => (
              <TargetChoice
                key={target.path}
                target={target}
                chosen={path === target.path}
                name={`${ids}-target`}
                language={language}
                onChoose={setPath}
              />
            ))}
          </div>
        )}
        {targets.phase === 'found' && !targets.targets.some((x) => x.kind === 'removable') && (
          <p className="service-note">{t('export.noRemovable')}</p>
        )}
        <button type="button" className="service-button" onClick={lookAgain}>
          {t('export.lookAgain')}
        </button>
        <label className="service-field" htmlFor={`${ids}-path`}>
          {t('export.path')}
        </label>
        <input
          id={`${ids}-path`}
          className="service-input"
          type="text"
          inputMode="text"
          autoComplete="off"
          spellCheck={false}
          value={path}
          onChange={(event) => setPath(event.target.value)}
        />
      </fieldset>
      <button
        type="button"
        className="service-button service-primary"
        onClick={start}
        aria-disabled={running}
      >
        {running ? t('export.running') : t('export.start')}
      </button>
      <div className="service-progress" role="status" aria-live="polite">
        {run.phase === 'running' && (
          <>
            <p>
              {t('export.progress', {
                written: formatNumber(run.written, language),
                total: formatNumber(run.total, language),
              })}
            </p>
            <progress
              className="service-bar-progress"
              max={Math.max(run.total, 1)}
              value={run.written}
              aria-label={t('export.progressLabel')}
            />
          </>
        )}
        {run.phase === 'done' && (
          <>
            <p className="service-done">
              {t('export.done', {
                count: run.summary.answers,
                number: formatNumber(run.summary.answers, language),
                unsent: formatNumber(run.summary.unsent, language),
              })}
            </p>
            <p>{t('export.files')}</p>
            <ul className="export-files">
              {run.files.map((file) => (
                <li key={file}>{file}</li>
              ))}
            </ul>
          </>
        )}
      </div>
      {run.phase === 'no_path' && (
        <p role="alert" className="service-problem">
          {t('export.noPath')}
        </p>
      )}
      {run.phase === 'failed' && (
        <p role="alert" className="service-problem">
          {t(`export.failure.${run.reason}`)}
        </p>
      )}
    </section>
  );
}
