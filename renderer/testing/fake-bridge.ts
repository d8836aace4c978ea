import type {
  Bridge,
  BridgeCallName,
  BridgeCalls,
  RendererStatus,
  TerminalConfig,
} from '../../core';
import { EventHub } from './event-hub';

type Call = { name: BridgeCallName; args: unknown };

/** A host in a box: answers `config:get`, records every call, and emits events on demand. */
export class FakeBridge extends EventHub implements Bridge {
  readonly calls: Call[] = [];

  constructor(public config: TerminalConfig | null) {
    super();
  }

  call<K extends BridgeCallName>(
    name: K,
    args: BridgeCalls[K]['args'],
  ): Promise<BridgeCalls[K]['result']> {
    this.calls.push({ name, args });
    const result = name === 'config:get' ? this.config : undefined;
    return Promise.resolve(result as BridgeCalls[K]['result']);
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
