import {
  WIRE_KEY_PREFIX,
  WIRE_PROTOCOL,
  WireFromHostSchema,
  createUnheardPresses,
  type Bridge,
  type BridgeCallName,
  type BridgeCalls,
  type BridgeEventName,
  type BridgeEvents,
  type WireFromPage,
} from '../../core';
import type { Timers } from '../../core/timers';
import { pageTimers } from '../real-timers';
import { BridgeCallError } from './bridge-error';

/** The part of the DOM WebSocket the client uses, so a test can hand in a small fake. */
export type WebSocketLike = {
  readonly readyState: number;
  onopen: ((event: Event) => void) | null;
  onclose: ((event: CloseEvent) => void) | null;
  onerror: ((event: Event) => void) | null;
  onmessage: ((event: MessageEvent) => void) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
};

export type WebSocketFactory = (url: string, protocols: string[]) => WebSocketLike;

export type WsBridgeOptions = {
  /** `ws://127.0.0.1:port/bridge`. */
  url: string;
  /**
   * The per-launch secret from the page URL's fragment, read again at every connection: a host
   * started anew has a new secret, and the page opened at its new address (only the fragment
   * changes, so the page is not loaded again) must reach it.
   */
  key: string | (() => string);
  createSocket?: WebSocketFactory;
  /** A call that has no answer by then rejects with `timeout`, also while disconnected. */
  callTimeoutMs?: number;
  /** The longest wait between reconnection attempts. */
  maxBackoffMs?: number;
  /** What the call timeouts and the reconnection waits run on; the page's own by default. */
  timers?: Timers;
};

export type WsBridge = Bridge & {
  /** Stops reconnecting, closes the socket and rejects the calls still waiting. */
  close(): void;
};

const OPEN = 1;
const BACKOFF_BASE_MS = 100;

type Pending = {
  message: string;
  sent: boolean;
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
  timer: unknown;
};

/** The Bridge of core over the browser host's WebSocket (core/bridge-wire.ts). */
export function createWsBridge(options: WsBridgeOptions): WsBridge {
  const createSocket = options.createSocket ?? ((url, protocols) => new WebSocket(url, protocols));
  const callTimeoutMs = options.callTimeoutMs ?? 10_000;
  const maxBackoffMs = options.maxBackoffMs ?? 2000;
  const timers = options.timers ?? pageTimers;
  const pending = new Map<number, Pending>();
  const unheard = createUnheardPresses();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let socket: WebSocketLike | null = null;
  let nextId = 1;
  let failures = 0;
  let reconnectTimer: unknown;
  let closed = false;

  function settle(id: number, outcome: { value: unknown } | { error: Error }): void {
    const call = pending.get(id);
    if (!call) {
      return;
    }
    pending.delete(id);
    timers.clearTimeout(call.timer);
    if ('error' in outcome) {
      call.reject(outcome.error);
    } else {
      call.resolve(outcome.value);
    }
  }

  function flush(): void {
    for (const call of pending.values()) {
      if (!call.sent && socket?.readyState === OPEN) {
        socket.send(call.message);
        call.sent = true;
      }
    }
  }

  function receive(data: unknown): void {
    let json: unknown;
    try {
      json = typeof data === 'string' ? JSON.parse(data) : undefined;
    } catch {
      return;
    }
    const parsed = WireFromHostSchema.safeParse(json);
    if (!parsed.success) {
      return;
    }
    const message = parsed.data;
    if (message.t === 'event') {
      const heard = listeners.get(message.name);
      if (message.name === 'button:press' && (heard === undefined || heard.size === 0)) {
        unheard.hold(message.payload);
        return;
      }
      for (const listener of heard ?? []) {
        listener(message.payload);
      }
    } else if (message.ok) {
      settle(message.id, { value: message.value });
    } else {
      settle(message.id, {
        error: new BridgeCallError(message.error.code, message.error.message),
      });
    }
  }

  function lost(): void {
    // A call the host may or may not have run cannot be replayed safely: its caller decides.
    for (const [id, call] of pending) {
      if (call.sent) {
        settle(id, { error: new BridgeCallError('disconnected', 'the connection closed') });
      }
    }
    if (closed) {
      return;
    }
    const delay = Math.min(maxBackoffMs, BACKOFF_BASE_MS * 2 ** failures);
    failures += 1;
    reconnectTimer = timers.setTimeout(connect, delay);
  }

  function connect(): void {
    reconnectTimer = undefined;
    let current: WebSocketLike;
    try {
      const key = typeof options.key === 'function' ? options.key() : options.key;
      current = createSocket(options.url, [WIRE_PROTOCOL, WIRE_KEY_PREFIX + key]);
    } catch {
      lost();
      return;
    }
    socket = current;
    current.onopen = () => {
      failures = 0;
      flush();
    };
    current.onmessage = (event) => {
      if (socket === current) {
        receive(event.data);
      }
    };
    current.onerror = () => undefined;
    current.onclose = () => {
      if (socket === current) {
        socket = null;
        lost();
      }
    };
  }

  connect();

  return {
    call<K extends BridgeCallName>(
      name: K,
      args: BridgeCalls[K]['args'],
    ): Promise<BridgeCalls[K]['result']> {
      if (closed) {
        return Promise.reject(new BridgeCallError('closed', 'the bridge is closed'));
      }
      const id = nextId++;
      const wire: WireFromPage = { t: 'call', id, name, args };
      return new Promise<BridgeCalls[K]['result']>((resolve, reject) => {
        pending.set(id, {
          message: JSON.stringify(wire),
          sent: false,
          // The host's answer is typed by the contract; callers parse what they rely on.
          resolve: resolve as (value: unknown) => void,
          reject,
          timer: timers.setTimeout(() => {
            settle(id, { error: new BridgeCallError('timeout', `${name} had no answer`) });
          }, callTimeoutMs),
        });
        flush();
      });
    },

    on<K extends BridgeEventName>(
      name: K,
      listener: (payload: BridgeEvents[K]) => void,
    ): () => void {
      const wrapped = (payload: unknown): void => listener(payload as BridgeEvents[K]);
      const set = listeners.get(name) ?? new Set();
      set.add(wrapped);
      listeners.set(name, set);
      if (name === 'button:press') {
        // After the caller has its unsubscribe in hand, as for any event.
        queueMicrotask(() => {
          for (const payload of unheard.take()) {
            wrapped(payload);
          }
        });
      }
      return () => {
        set.delete(wrapped);
      };
    },

    close(): void {
      closed = true;
      if (reconnectTimer !== undefined) {
        timers.clearTimeout(reconnectTimer);
      }
      const current = socket;
      socket = null;
      current?.close();
      for (const id of [...pending.keys()]) {
        settle(id, { error: new BridgeCallError('closed', 'the bridge is closed') });
      }
    },
  } satisfies WsBridge;
}
