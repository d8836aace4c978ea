// The virtual box's contract, apart from its plumbing, for tests and benchmarks to read.

export type BoxProtocol = 'line' | 'char';

/** An `L <n> <ms>` the kiosk sent; `at` is performance.now() when the box read it. */
export type Ack = { readonly button: number; readonly ms: number; readonly at: number };

export type VirtualBoxOptions = {
  protocol: BoxProtocol;
  /** 1–9, default 4. */
  buttons?: number;
  /** Where the kiosk-side link goes; default `<os.tmpdir()>/hymy-box-XXXXXX/tty`. */
  linkPath?: string;
  model?: string;
  firmware?: string;
  answerPings?: boolean;
  /** Send `R <n>` this long after `P <n>`; false sends no release. Default 50. */
  releaseMs?: number | false;
  /** Delay between the kiosk opening the port and the boot `HELLO`. Default 50. */
  bootMs?: number;
  /** How long press()/sendRaw() wait for the kiosk to open the port. Default 2000. */
  kioskWaitMs?: number;
  /** Bound on socat creating the ptys. Default 5000. */
  readyTimeoutMs?: number;
};

export type VirtualBox = {
  /** The kiosk-side link: what the kiosk opens (`--serial <path>`); survives re-plugging. */
  readonly path: string;
  readonly protocol: BoxProtocol;
  readonly buttons: number;
  readonly plugged: boolean;
  /**
   * The kiosk has the port open: true from its first open after a plug-in until it closes the
   * port, and again once it sends something (socat reports a reopen no other way).
   */
  readonly kioskConnected: boolean;
  readonly acks: readonly Ack[];
  /** Every complete line the kiosk sent, in both protocols (a char box answers none). */
  readonly received: readonly string[];
  readonly bytesReceived: number;
  /**
   * Resolves when the press is written and drained. Waits up to kioskWaitMs for a kiosk to
   * open the port after a plug-in; after that it sends even if the kiosk has closed the port
   * since (the press is then lost, as with a real box).
   */
  press(button: number): Promise<void>;
  sendRaw(data: string | Buffer): Promise<void>;
  unplug(): Promise<void>;
  plug(): Promise<void>;
  setAnswerPings(on: boolean): void;
  onAck(listener: (ack: Ack) => void): () => void;
  onLine(listener: (line: string) => void): () => void;
  /** kioskConnected became true. */
  onKioskOpen(listener: () => void): () => void;
  /** kioskConnected became false: the kiosk closed its port (the box stays plugged in). */
  onKioskClose(listener: () => void): () => void;
  /** The cable was lost without unplug() (socat died); the box is now unplugged. */
  onDisconnect(listener: (reason: string) => void): () => void;
  /** Resolves once `count` acks have arrived in total since the box started. */
  waitForAcks(count: number, timeoutMs: number): Promise<void>;
  waitForKiosk(timeoutMs: number): Promise<void>;
  /** Unplugs and removes the temp dir; idempotent. */
  close(): Promise<void>;
};
