import type {
  BridgeHandlers,
  CentralStatus,
  Heartbeat,
  HostStatus,
  JournalWriteResult,
  TerminalConfig,
} from '../core';
import type { Timers } from '../core/timers';
import { exportCovers, type EnrollArgs, type EnrollResult } from '../core/technician';
import { startCentralLink, type CentralLink } from './central-link';
import { enrollFailureReason, enrollTerminal } from './enrollment';
import { forgetEnrollment } from './factory-reset';
import type { HardwareIdOptions } from './hardware-id';
import type { Logger } from './log';
import type { ExportDomain } from './services-export';
import type { SessionDomain } from './services-session';
import type { SettingsStore } from './services-settings';
import type { LoadedConfig } from './services-start-config';
import type { Work } from './services-work';
import type { TransportTarget } from './central-http';
import {
  readSettings,
  withDefaultLanguage,
  writeConfig,
  type TerminalSettings,
} from './terminal-files';
import { readToken, type TokenRead, type TokenVault } from './token-vault';

/** What the status shows of a sealed token this machine's keystore no longer opens. */
const TOKEN_UNOPENABLE = 'token_unopenable';

/** Where answers go: an enrolled terminal's API and token; null before enrollment. */
function transportTarget(settings: TerminalSettings, token: TokenRead): TransportTarget | null {
  return settings.apiUrl && 'token' in token
    ? { apiUrl: settings.apiUrl, token: token.token }
    : null;
}

function freshCentral(terminalId: string | null): CentralStatus {
  return { terminalId, configPoll: null, configReceivedAt: null, heartbeat: null, clock: null };
}

export type CentralDomainOptions = {
  dataDir: string;
  appVersion: string;
  hardwareId?: HardwareIdOptions | undefined;
  configPollMs: number | undefined;
  heartbeatMs: number | undefined;
  /** The config poll's and the heartbeat's timers; Node's by default. */
  linkTimers?: Timers | undefined;
  logger: Logger;
  say: (line: string) => void;
  settings: SettingsStore;
  vault: TokenVault;
  /** The token as the host found it at start (sealed at once when the vault can). */
  token: TokenRead;
  /** The config the terminal starts on. */
  loaded: LoadedConfig;
  work: Pick<Work, 'inOrder' | 'track'>;
  session: Pick<SessionDomain, 'isOpen' | 'guard' | 'close' | 'forgetLock'>;
  exports: Pick<ExportDomain, 'last' | 'adopt' | 'forget'>;
  /** Empties the journal (a factory reset). */
  forgetJournal: () => Promise<JournalWriteResult>;
  /** The figures the heartbeat sends. */
  collect: () => Heartbeat;
  /** The kiosk's config changed (`config:changed`). */
  configChanged: (config: TerminalConfig) => void;
  changed: () => void;
  /** A new config may bring a new reserve. */
  checkStorage: () => Promise<void>;
};

/**
 * The terminal's link to its central API and what it brings: the enrollment (from the first-run
 * screen, or again in a service session), the config and its poller, the heartbeat, the token the
 * page never sees, the technician's default language laid over the config, and the factory reset
 * that forgets it all.
 */
export type CentralDomain = {
  /** The config as the central API (or the demo) gave it. */
  config: () => TerminalConfig | null;
  source: () => HostStatus['configSource'];
  /** The technician's default language, while the config offers it. */
  defaultLanguage: () => string | null;
  central: () => CentralStatus | null;
  /** Where uploads go now; null while not enrolled. */
  target: () => TransportTarget | null;
  tokenUnopenable: () => boolean;
  /** A config validated and persisted elsewhere (or just now here). */
  setConfig: (next: TerminalConfig, source: HostStatus['configSource']) => void;
  /** An enrolled terminal starts polling its config and sending its heartbeat. */
  start: () => void;
  /** Stops the link for good; its last poll and beat are tracked by the work. */
  stop: () => void;
  handlers: Pick<
    BridgeHandlers,
    'config:get' | 'setup:enroll' | 'service:set-language' | 'service:factory-reset'
  >;
};

export function createCentralDomain(options: CentralDomainOptions): CentralDomain {
  const { dataDir, logger, settings, work, session } = options;
  let token = options.token;
  let config = options.loaded.config;
  let configSource = options.loaded.source;
  let central: CentralStatus | null = null;
  let link: CentralLink | null = null;
  // Set by stop(): a host that is stopping starts no new link.
  let closing = false;

  const chosenLanguage = (): string | null => {
    const language = settings.current().defaultLanguage;
    return language !== undefined && config?.languages.includes(language) ? language : null;
  };
  const servedConfig = (): TerminalConfig | null =>
    config && withDefaultLanguage(config, settings.current().defaultLanguage);

  const setCentral = (next: Partial<CentralStatus>): void => {
    if (central) {
      central = { ...central, ...next };
      options.changed();
    }
  };

  const applyConfig = (next: TerminalConfig, source: HostStatus['configSource']): void => {
    config = next;
    configSource = source;
    // The reserve may have changed with it.
    void options.checkStorage();
    const served = servedConfig();
    if (served) {
      options.configChanged(served);
    }
    options.changed();
  };

  const stopLink = (): void => {
    if (link) {
      work.track(link.stop());
    }
    link = null;
  };

  /** (Re)connects to the API the settings name: the old poller and heartbeat stop first. */
  const connect = (): void => {
    stopLink();
    const target = closing ? null : transportTarget(settings.current(), token);
    const current = target
      ? startCentralLink(target, {
          dataDir,
          logger,
          configPollMs: options.configPollMs,
          heartbeatMs: options.heartbeatMs,
          timers: options.linkTimers,
          collect: options.collect,
          onConfig: (next) =>
            work.inOrder(async () => {
              if (link !== current) {
                return; // A newer enrollment took over while this one waited its turn.
              }
              // Persisted before use: a restart runs on the same config the screen shows.
              await writeConfig(dataDir, next);
              applyConfig(next, 'central');
              setCentral({ configReceivedAt: new Date().toISOString() });
            }),
          onCentral: setCentral,
        })
      : null;
    link = current;
  };

  // Enrolling from the screen: the first run, or a re-enrollment in a service session.
  const enrollNow = (args: EnrollArgs): Promise<EnrollResult> =>
    work.inOrder(async () => {
      // Asked again in turn: an enrollment that finished meanwhile makes the terminal enrolled.
      if (configSource === 'central' && !session.isOpen()) {
        return { ok: false, reason: 'not_allowed' };
      }
      const outcome = await enrollTerminal({
        dataDir,
        apiUrl: args.apiUrl,
        code: args.code,
        pin: args.pin,
        appVersion: options.appVersion,
        ...(options.hardwareId ? { hardwareId: options.hardwareId } : {}),
        tokenVault: options.vault,
      });
      if (!outcome.ok) {
        logger.warn('screen_enroll_failed', { reason: outcome.reason });
        return { ok: false, reason: enrollFailureReason(outcome.reason) };
      }
      const reread = await readSettings(dataDir);
      if (reread.ok) {
        settings.replace(reread.value);
      }
      token = readToken(settings.current(), options.vault);
      options.exports.adopt(settings.current());
      central = { ...freshCentral(outcome.terminalId), configReceivedAt: new Date().toISOString() };
      connect();
      applyConfig(outcome.config, 'central');
      logger.info('screen_enrolled', { terminalId: outcome.terminalId });
      return { ok: true, terminalId: outcome.terminalId, unitId: outcome.unitId };
    });

  const forgetTerminal = async (): Promise<{ ok: true } | { ok: false; reason: 'failed' }> => {
    // Stopped before the files go, so no poll writes a config back behind the reset.
    stopLink();
    // The journal first: answers restored into a terminal enrolled anew would count for the
    // wrong unit. The reset's guard made sure an export holds every unsent one.
    const emptied = await options.forgetJournal();
    const forgotten = emptied.ok
      ? await forgetEnrollment(dataDir)
      : { ok: false, code: emptied.reason };
    if (!forgotten.ok) {
      logger.error('factory_reset_failed', { code: forgotten.code });
      // Whatever is left on the disk decides: a terminal still enrolled keeps syncing.
      const reread = await readSettings(dataDir);
      if (reread.ok) {
        settings.replace(reread.value);
        token = readToken(reread.value, options.vault);
        connect();
      }
      return { ok: false, reason: 'failed' };
    }
    settings.replace({});
    token = { state: 'none' };
    config = null;
    configSource = 'none';
    central = null;
    options.exports.forget();
    session.forgetLock();
    logger.info('factory_reset');
    // The UI hears status:changed (configSource none) and starts again at the first-run screen.
    session.close('reset');
    return { ok: true };
  };

  return {
    config: () => config,
    source: () => configSource,
    defaultLanguage: chosenLanguage,
    central: () => central,
    target: () => link?.target ?? null,
    tokenUnopenable: () => token.state === 'unopenable',
    setConfig: applyConfig,
    start() {
      // An enrolled terminal polls its config (ETag) and sends a heartbeat; the token stays here.
      if (transportTarget(settings.current(), token)) {
        central = freshCentral(settings.current().terminalId ?? null);
        connect();
      } else if (token.state === 'unopenable') {
        // No poll or heartbeat can run without the token; the status screen says why.
        const failed = { at: new Date().toISOString(), error: TOKEN_UNOPENABLE };
        central = {
          ...freshCentral(settings.current().terminalId ?? null),
          configPoll: failed,
          heartbeat: failed,
        };
        options.say(
          'the terminal token in settings.json was sealed by a keystore this machine no ' +
            'longer opens; the terminal does not sync until a technician enrolls it again.',
        );
      }
    },
    stop() {
      closing = true;
      stopLink();
    },
    handlers: {
      'config:get': () => servedConfig(),
      // A terminal never enrolled (or on the demo) may be enrolled by anyone at the screen; an
      // enrolled one only by a technician with its PIN.
      'setup:enroll': async (args) => {
        if (configSource !== 'central') {
          return enrollNow(args);
        }
        const result = await session.guard(() => enrollNow(args));
        return result.ok || result.reason !== 'session_closed'
          ? result
          : { ok: false, reason: 'not_allowed' };
      },
      'service:set-language': ({ language }) =>
        session.guard(() =>
          work.inOrder(async () => {
            const current = config;
            if (!current?.languages.includes(language)) {
              return { ok: false as const, reason: 'not_offered' as const };
            }
            await settings.save({ defaultLanguage: language });
            applyConfig(current, configSource);
            return { ok: true as const };
          }),
        ),
      'service:factory-reset': ({ unsent, newestUnsentAt }) =>
        session.guard(() =>
          work.inOrder(async () => {
            if (!exportCovers(options.exports.last(), unsent, newestUnsentAt)) {
              logger.warn('factory_reset_refused', { unsent });
              return { ok: false as const, reason: 'unsent_not_exported' as const };
            }
            return forgetTerminal();
          }),
        ),
    },
  };
}
