import type { BridgeEventName, BridgeEvents } from '../../core';

/** The event half of a test's bridge: listeners by event name, and events emitted by hand. */
export class EventHub {
  private readonly listeners = new Map<string, Set<(payload: unknown) => void>>();

  on<K extends BridgeEventName>(name: K, listener: (payload: BridgeEvents[K]) => void): () => void {
    const wrapped = (payload: unknown): void => listener(payload as BridgeEvents[K]);
    const set = this.listeners.get(name) ?? new Set();
    set.add(wrapped);
    this.listeners.set(name, set);
    return () => set.delete(wrapped);
  }

  emit<K extends BridgeEventName>(name: K, payload: BridgeEvents[K]): void {
    for (const listener of this.listeners.get(name) ?? []) {
      listener(payload);
    }
  }

  /** How many listen to `name` now. */
  listening(name: BridgeEventName): number {
    return this.listeners.get(name)?.size ?? 0;
  }
}
