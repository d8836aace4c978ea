import type { BridgeEventName, BridgeEvents, BridgeHandlers } from '../core';

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
};

export type HostServicesOptions = {
  dataDir: string;
  host: 'browser' | 'electron';
  appVersion: string;
};
