import type {
  Bridge,
  BridgeCallName,
  BridgeCalls,
  BridgeEventName,
  BridgeEvents,
  RendererStatus,
  TerminalConfig,
} from '../../core';

type Call = { name: BridgeCallName; args: unknown };

/** A host in a box: answers `config:get`, records every call, and emits events on demand. */
export class FakeBridge implements Bridge {
  readonly calls: Call[] = [];
  private readonly listeners = new Map<string, Set<(payload: unknown) => void>>();

  constructor(public config: TerminalConfig | null) {}

  call<K extends BridgeCallName>(
    name: K,
    args: BridgeCalls[K]['args'],
  ): Promise<BridgeCalls[K]['result']> {
    this.calls.push({ name, args });
    const result = name === 'config:get' ? this.config : undefined;
    return Promise.resolve(result as BridgeCalls[K]['result']);
  }

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

  /** The press ids the UI acknowledged, in order. */
  acks(): string[] {
    return this.calls
      .filter((call) => call.name === 'button:ack')
      .map((call) => (call.args as { pressId: string }).pressId);
  }

  reports(): RendererStatus[] {
    return this.calls
      .filter((call) => call.name === 'status:report')
      .map((call) => call.args as RendererStatus);
  }
}
