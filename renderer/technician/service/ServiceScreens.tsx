import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LanguageCode, TerminalConfig } from '../../../core';
import { ButtonTestScreen } from './ButtonTestScreen';
import { EnrollScreen } from './EnrollScreen';
import { ExportScreen } from './ExportScreen';
import { LanguageScreen } from './LanguageScreen';
import { ResetScreen } from './ResetScreen';
import { ServiceMenu, type MenuScreen } from './ServiceMenu';
import type { ServiceDeps } from './service-deps';
import { StatusScreen } from './StatusScreen';
import { SyncScreen } from './SyncScreen';
import { useHostStatus } from '../../bridge/use-host-status';
import { useServiceSession } from './use-service-session';
import './service.css';

/** The service screens ask the host again this often, in case a change was missed. */
const SERVICE_REFRESH_MS = 10_000;

type Props = {
  deps: ServiceDeps;
  config: TerminalConfig | null;
  language: LanguageCode;
  /** The session closes itself after this long without a touch or a key (the host's figure). */
  idleCloseMs: number;
  testMode: boolean;
  onTestMode: (on: boolean) => void;
  onClose: () => void;
  /** The terminal was reset: the page starts again (at the first-run screen). */
  onReset: () => void;
};

type Screen = 'menu' | MenuScreen;

/**
 * The technician's service screens, behind the PIN: a menu of big buttons, each to a screen,
 * a Close button everywhere, and a session that closes itself when left alone. No press or tap
 * made here is recorded as an answer.
 */
export function ServiceScreens(props: Props) {
  const { deps, config, language, testMode, onTestMode } = props;
  const { t } = useTranslation('service', { lng: language });
  const [screen, setScreen] = useState<Screen>('menu');
  const [notice, setNotice] = useState<string | null>(null);
  const {
    status: host,
    unreachable,
    refresh,
  } = useHostStatus(deps.bridge, { refreshMs: SERVICE_REFRESH_MS });
  const session = useServiceSession({
    bridge: deps.bridge,
    now: deps.now,
    idleCloseMs: props.idleCloseMs,
    onClose: () => {
      // Test mode lasts only as long as the session: answers after it are real again.
      if (testMode) {
        onTestMode(false);
      }
      props.onClose();
    },
  });

  const open = (next: Screen): void => {
    setNotice(null);
    setScreen(next);
  };

  let body;
  switch (screen) {
    case 'menu':
      body = (
        <ServiceMenu
          language={language}
          notice={notice}
          testMode={testMode}
          onOpen={open}
          onTestMode={onTestMode}
        />
      );
      break;
    case 'status':
      body = (
        <StatusScreen
          deps={deps}
          config={config}
          language={language}
          host={host}
          hostUnreachable={unreachable}
        />
      );
      break;
    case 'buttons':
      body = <ButtonTestScreen bridge={deps.bridge} language={language} />;
      break;
    case 'sync':
      body = <SyncScreen deps={deps} language={language} keepAlive={session.keepAlive} />;
      break;
    case 'export':
      body = (
        <ExportScreen
          deps={deps}
          config={config}
          host={host}
          language={language}
          keepAlive={session.keepAlive}
          onExported={refresh}
        />
      );
      break;
    case 'language':
      body = (
        <LanguageScreen bridge={deps.bridge} config={config} host={host} language={language} />
      );
      break;
    case 'enroll':
      body = (
        <EnrollScreen
          deps={deps}
          language={language}
          onExport={() => open('export')}
          onEnrolled={(result) => {
            setScreen('menu');
            setNotice(t('enroll.done', { terminal: result.terminalId, unit: result.unitId }));
            refresh();
          }}
        />
      );
      break;
    case 'reset':
      body = (
        <ResetScreen
          deps={deps}
          host={host}
          language={language}
          onExport={() => open('export')}
          onReset={props.onReset}
        />
      );
      break;
  }

  return (
    <main data-screen="service" className="service" lang={language}>
      <header className="service-header">
        <p className="service-brand">{t('title')}</p>
        <nav className="service-nav" aria-label={t('navigation')}>
          {screen !== 'menu' && (
            <button type="button" className="service-button" onClick={() => open('menu')}>
              {t('back')}
            </button>
          )}
          <button type="button" className="service-button service-close" onClick={session.close}>
            {t('close')}
          </button>
        </nav>
      </header>
      <div className="service-body">{body}</div>
    </main>
  );
}
