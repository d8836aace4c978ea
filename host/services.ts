import type { HostStatus } from '../core';
import { reserveBytes } from '../core/terminal-config';
import { dataDirPaths } from './data-dir';
import { hardwareId as findOrMakeHardwareId } from './hardware-id';
import { vitalSigns } from './heartbeat';
import { openJournal } from './journal';
import { createLogger, errorCode } from './log';
import { createBoxDomain } from './services-box';
import { createCentralDomain } from './services-central';
import { createEventHub } from './services-events';
import { createExportDomain } from './services-export';
import { createSessionDomain } from './services-session';
import { createSettingsStore } from './services-settings';
import { loadConfig } from './services-start-config';
import { createStatusDomain } from './services-status';
import { createSyncDomain } from './services-sync';
import type { HostServices, HostServicesOptions } from './services-types';
import { createWork } from './services-work';
import { terminalPlaces } from './storage-watch';
import { readSettings } from './terminal-files';
import { fileVault, loadToken } from './token-vault';

/**
 * The host's services, put together from one module per domain, each keeping its own state:
 * status (services-status), the button box (services-box), the answers' journal and upload
 * (services-sync), the link to the central API with the enrollment and the config
 * (services-central), the technician's session (services-session) and the export
 * (services-export). This file only wires them to each other and to the UI's events.
 */
export async function createHostServices(options: HostServicesOptions): Promise<HostServices> {
  const { dataDir } = options;
  const logger = (options.logger ?? createLogger()).with({ room: 'services' });
  const say = options.say ?? ((line: string) => process.stderr.write(`hymy: ${line}\n`));
  const [settingsRead, hardwareId] = await Promise.all([
    readSettings(dataDir),
    // Found, or made and kept at once, so that enrolling sends the id the screen shows.
    findOrMakeHardwareId(dataDir, options.hardwareId).catch((error: unknown) => {
      logger.warn('hardware_id_unknown', { code: errorCode(error) });
      return null;
    }),
  ]);
  // The second copy of every answer: read before the page can ask what its store has lost.
  const journal = await openJournal({ path: dataDirPaths(dataDir).journal, logger });
  const vault = options.tokenVault ?? fileVault;
  // A plain token is sealed here when the vault can.
  const start = await loadToken(dataDir, settingsRead.ok ? settingsRead.value : {}, vault, logger);
  const loaded = await loadConfig(dataDir, settingsRead, options.demo === true, logger, say);

  const work = createWork();
  const events = createEventHub(logger);
  const settings = createSettingsStore(dataDir, start.settings, logger);
  const changed = (): void => events.emit('status:changed', status());
  const reserve = (): number => reserveBytes(central.config());
  const places = terminalPlaces(dataDir, options.profileDir);

  const health = createStatusDomain({
    dataDir,
    profileDir: options.profileDir,
    reserveBytes: reserve,
    logger,
    now: options.now ?? Date.now,
    changed,
    reload: () => events.emit('page:reload', null),
  });
  const sync = createSyncDomain({
    journal,
    logger,
    say,
    target: () => central.target(),
    tokenUnopenable: () => central.tokenUnopenable(),
    checkStorage: health.checkStorage,
    changed,
    track: work.track,
  });
  const session = createSessionDomain({
    dataDir,
    pinHash: () => settings.current().pinHash,
    logger,
    timers: options.timers,
    now: options.now,
    changed,
    // An export left open is never finished: its temporary files go.
    onClose: () => work.track(exports.abandonAll()),
    onIdle: () => events.emit('service:closed', null),
  });
  const exports = createExportDomain({
    dataDir,
    settings,
    hardwareId,
    places: places.map((place) => place.path),
    reserveBytes: reserve,
    logger,
    guard: session.guard,
    inOrder: work.inOrder,
    changed,
    ...(options.exportRoots ? { exportRoots: options.exportRoots } : {}),
    ...(options.isMountPoint ? { isMountPoint: options.isMountPoint } : {}),
  });
  const central = createCentralDomain({
    dataDir,
    appVersion: options.appVersion,
    hardwareId: options.hardwareId,
    configPollMs: options.configPollMs,
    heartbeatMs: options.heartbeatMs,
    linkTimers: options.linkTimers,
    logger,
    say,
    settings,
    vault,
    token: start.read,
    loaded,
    work,
    session,
    exports,
    forgetJournal: sync.forget,
    collect: () =>
      vitalSigns(
        options.appVersion,
        health.renderer(),
        box.status(),
        sync.journal(),
        health.storage(),
      ),
    configChanged: (config) => events.emit('config:changed', config),
    changed,
    checkStorage: health.checkStorage,
  });
  const box = createBoxDomain({
    buttonBox: options.buttonBox,
    serial: options.serial,
    ...(options.serialFallback ? { serialFallback: options.serialFallback } : {}),
    settings: settings.current(),
    config: central.config,
    logger,
    onPress: (press) => events.emit('button:press', press),
    changed,
  });

  function status(): HostStatus {
    return {
      host: options.host,
      appVersion: options.appVersion,
      configSource: central.source(),
      hardwareId,
      defaultLanguage: central.defaultLanguage(),
      serviceOpen: session.isOpen(),
      lastExport: exports.last(),
      buttonBox: box.status(),
      renderer: health.renderer(),
      central: central.central(),
      shell: health.shell(),
      journal: sync.journal(),
      storage: health.storage(),
    };
  }

  central.start();

  return {
    handlers: {
      'status:get': () => status(),
      ...health.handlers,
      ...box.handlers,
      ...sync.handlers,
      ...central.handlers,
      ...session.handlers,
      ...exports.handlers,
    },
    status,
    on: events.on,
    setConfig: central.setConfig,
    setShell: health.setShell,
    // Resolves only once nothing more is written: timers stopped, work under way settled.
    async close() {
      central.stop();
      // The session waits for its guarded calls, so no export opens after the abandon below.
      work.track(session.dispose());
      await work.settle();
      await exports.abandonAll();
      events.clear();
      await box.close();
      await health.close();
      await sync.close();
    },
  };
}
