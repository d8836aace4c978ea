import { BRIDGE_EVENT_NAMES, type BridgeEventName, type BridgeEvents } from '../core';
import { errorCode, type Logger } from './log';

type Listeners = { [K in BridgeEventName]: Set<(payload: BridgeEvents[K]) => void> };

/** Host → UI events: every domain of the services emits here, both hosts listen. */
export type EventHub = {
  emit: <K extends BridgeEventName>(name: K, payload: BridgeEvents[K]) => void;
  /** Returns the function that stops listening. */
  on: <K extends BridgeEventName>(
    name: K,
    listener: (payload: BridgeEvents[K]) => void,
  ) => () => void;
  /** Forgets every listener (the host is stopping). */
  clear: () => void;
};

export function createEventHub(logger: Logger): EventHub {
  // One set per event of core's one list, so a new event has its listeners without a change here.
  const listeners = Object.fromEntries(
    BRIDGE_EVENT_NAMES.map((name) => [name, new Set()]),
  ) as unknown as Listeners;

  return {
    emit(name, payload) {
      for (const listener of listeners[name]) {
        try {
          listener(payload);
        } catch (error) {
          // One failing listener must not keep the event from the others (the UI among them).
          logger.error('event_listener_failed', { name, code: errorCode(error) });
        }
      }
    },
    on(name, listener) {
      const set = listeners[name];
      set.add(listener);
      return () => {
        set.delete(listener);
      };
    },
    clear() {
      for (const set of Object.values(listeners)) {
        set.clear();
      }
    },
  };
}
