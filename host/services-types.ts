import type {
  BridgeEventName,
  BridgeEvents,
  BridgeHandlers,
  ButtonBoxStatus,
  ButtonPress,
  HostStatus,
  TerminalConfig,
} from '../core';
import type { Logger } from './log';

/**
 * The host's services as one object both hosts expose to their UI: the Electron main process
 * over IPC, the browser host over its WebSocket. Handlers receive arguments already validated
 * with `bridgeCallArgs` from core.
 */
export type HostServices = {
  handlers: BridgeHandlers;
  /** Host → UI events; returns the function that stops listening. */
  on<K extends BridgeEventName>(name: K, listener: (payload: BridgeEvents[K]) => void): () => void;
  close(): Promise<void>;
  /** The current status, as `status:get` answers it (for hosts and logs, without a round trip). */
  status(): HostStatus;
  /**
   * The seam for the config poller (a later issue): it validates and persists a new config,
   * then hands it here so the UI hears `config:changed`.
   */
  setConfig(config: TerminalConfig, source: HostStatus['configSource']): void;
};

/**
 * The seam for the button box driver (hardware/, a later issue). The services subscribe to its
 * presses and forward acks; with no box, there is nothing to light.
 */
export type ButtonBoxPort = {
  /** Lights the button of a press the UI has durably stored. */
  ack(pressId: string): Promise<void> | void;
  /** Listens to presses read from the box; returns the function that stops listening. */
  onPress(listener: (press: ButtonPress) => void): () => void;
  status(): ButtonBoxStatus;
  /** Listens for status news (connected, identity, malformed lines); returns the unsubscribe. */
  onStatus?(listener: () => void): () => void;
  close?(): Promise<void>;
};

/** `--serial`: where to find the box (`none`: no serial box; keys 1–9 still answer). */
export type SerialChoice = { kind: 'none' } | { kind: 'auto' } | { kind: 'path'; path: string };

export type HostServicesOptions = {
  dataDir: string;
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
};
