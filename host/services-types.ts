import type {
  BridgeEventName,
  BridgeEvents,
  BridgeHandlers,
  ButtonBoxStatus,
  ButtonPress,
  HostStatus,
  ShellStatus,
  TerminalConfig,
} from '../core';
import type { Timers } from '../core/timers';
import type { HardwareIdOptions } from './hardware-id';
import type { Logger } from './log';
import type { TokenVault } from './token-vault';

/**
 * The host's services as one object both hosts expose to their UI: the Electron main process
 * over IPC, the browser host over its WebSocket. Handlers receive arguments already validated
 * with `bridgeCallArgs` from core.
 */
export type HostServices = {
  handlers: BridgeHandlers;
  /** Host → UI events; returns the function that stops listening. */
  on: <K extends BridgeEventName>(
    name: K,
    listener: (payload: BridgeEvents[K]) => void,
  ) => () => void;
  close: () => Promise<void>;
  /** The current status, as `status:get` answers it (for hosts and logs, without a round trip). */
  status: () => HostStatus;
  /**
   * A config validated and persisted elsewhere, handed here so the UI hears `config:changed`
   * (the technician's default language is laid over it, as over the poller's).
   */
  setConfig: (config: TerminalConfig, source: HostStatus['configSource']) => void;
  /** The Electron shell reports its healing (renderer reloads, windows made again). */
  setShell: (shell: ShellStatus) => void;
};

/**
 * The seam for the button box driver (hardware/, a later issue). The services subscribe to its
 * presses and forward acks; with no box, there is nothing to light.
 */
export type ButtonBoxPort = {
  /** Lights the button of a press the UI has durably stored. */
  ack: (pressId: string) => Promise<void> | void;
  /** Listens to presses read from the box; returns the function that stops listening. */
  onPress: (listener: (press: ButtonPress) => void) => () => void;
  status: () => ButtonBoxStatus;
  /** Listens for status news (connected, identity, malformed lines); returns the unsubscribe. */
  onStatus?(listener: () => void): () => void;
  close?(): Promise<void>;
};

/** `--serial`: where to find the box (`none`: no serial box; keys 1–9 still answer). */
export type SerialChoice = { kind: 'none' } | { kind: 'auto' } | { kind: 'path'; path: string };

export type HostServicesOptions = {
  dataDir: string;
  /**
   * The browser profile where Chromium keeps IndexedDB (the page's store of answers), when this
   * host knows it: Electron's session data, the Chromium the browser host launches. Its free
   * space is watched beside the data dir's; left out (a page someone else opened), only the
   * data dir's is.
   */
  profileDir?: string;
  host: 'browser' | 'electron';
  appVersion: string;
  /** A button box to use as it is (tests); otherwise `serial` says which one to drive. */
  buttonBox?: ButtonBoxPort;
  /** `--serial`; left out, the settings' `serial` decides, else `serialFallback` (none). */
  serial?: SerialChoice | undefined;
  serialFallback?: SerialChoice;
  logger?: Logger;
  /** How often an enrolled terminal polls its config and sends a heartbeat (tests shorten them). */
  configPollMs?: number;
  heartbeatMs?: number;
  /** One plain-language line for the person at the console (stderr by default). */
  say?: (line: string) => void;
  /**
   * A data dir with neither settings nor config runs the built-in demo unit instead of the
   * first-run screen (`kiosk:browser --demo`, and `npm start` when its embedded server failed).
   */
  demo?: boolean;
  /** Where this device's hardware id comes from (tests pass their own machine-id files). */
  hardwareId?: HardwareIdOptions;
  /** The service session's idle timer (tests drive it by hand). */
  timers?: Timers;
  /** The config poll's and the heartbeat's timers (tests drive them by hand); Node's by default. */
  linkTimers?: Timers;
  /** Epoch ms, for the PIN lock (tests move it). */
  now?: () => number;
  /** Where export-targets looks for mounted disks (tests pass their own folders). */
  exportRoots?: readonly string[];
  /** Which of those folders' subfolders are mount points (tests say). */
  isMountPoint?: (path: string) => Promise<boolean>;
  /** Keeps the terminal token at rest: Electron's keystore; left out, the 0600 settings file. */
  tokenVault?: TokenVault;
};
