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
  close?(): Promise<void>;
};

/** `--serial`: where to find the box. Kept for the serial driver of a later issue. */
export type SerialChoice = { kind: 'none' } | { kind: 'auto' } | { kind: 'path'; path: string };

export type HostServicesOptions = {
  dataDir: string;
  host: 'browser' | 'electron';
  appVersion: string;
  /** The button box, when one is driven; none by default. */
  buttonBox?: ButtonBoxPort;
  serial?: SerialChoice;
  logger?: Logger;
  /** One plain-language line for the person at the console (stderr by default). */
  say?: (line: string) => void;
};
