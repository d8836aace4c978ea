import {
  DEFAULT_RESERVE_BYTES,
  TerminalConfigSchema,
  exportCovers,
  type Bridge,
  type BridgeCallName,
  type BridgeCalls,
  type HostStatus,
  type TerminalConfig,
  type TerminalConfigInput,
} from '../../core';
import { EventHub } from './event-hub';

/** A unit's config as the service screens' tests use it (three languages, a smiley survey). */
export function serviceConfig(overrides: Partial<TerminalConfigInput> = {}): TerminalConfig {
  return TerminalConfigSchema.parse({
    terminalId: 't_test',
    unit: {
      id: 'khks-lapset',
      name: { fi: 'Lastenyksikkö', sv: 'Barnenheten', en: "Children's unit" },
    },
    survey: { id: 'visit-smiley', version: 3, questions: [{ id: 'overall', scale: 'smiley4' }] },
    ...overrides,
  });
}

/** A host's status as a healthy, enrolled browser host would give it; override what a test needs. */
export function hostStatus(overrides: Partial<HostStatus> = {}): HostStatus {
  return {
    host: 'browser',
    appVersion: '0.1.0',
    configSource: 'central',
    hardwareId: 'hw-test-0001',
    defaultLanguage: null,
    serviceOpen: true,
    lastExport: null,
    buttonBox: {
      connected: true,
      port: '/dev/hymy-box',
      model: 'hymy-5',
      firmware: '1.2.0',
      protocol: 'line',
      malformedLines: 0,
      lastPressAt: null,
      problem: null,
      boxError: null,
    },
    renderer: {
      store: { ok: true },
      persisted: true,
      sync: {
        state: 'idle',
        queued: 0,
        oldestQueuedAt: null,
        lastSyncAt: '2026-11-23T09:59:00.000Z',
        lastError: null,
      },
    },
    central: {
      terminalId: 't_test',
      configPoll: { at: '2026-11-23T09:59:30.000Z', error: null },
      configReceivedAt: '2026-11-22T08:00:00.000Z',
      heartbeat: { at: '2026-11-23T09:59:30.000Z', error: null },
      clock: { skewMs: 250, at: '2026-11-23T09:59:30.000Z' },
    },
    shell: null,
    journal: {
      unconfirmed: 0,
      problem: null,
      problemSince: null,
      lastRestore: null,
      skippedLines: 0,
    },
    storage: {
      reserveBytes: DEFAULT_RESERVE_BYTES,
      places: [
        { which: 'data', path: '/var/lib/hymy', freeBytes: 12 * 1024 ** 3 },
        { which: 'profile', path: '/var/lib/hymy/chromium-profile', freeBytes: 12 * 1024 ** 3 },
      ],
      low: false,
      checkedAt: '2026-11-23T09:59:30.000Z',
    },
    ...overrides,
  };
}

type Call = { name: BridgeCallName; args: unknown };
type Handler<K extends BridgeCallName> = (
  args: BridgeCalls[K]['args'],
) => BridgeCalls[K]['result'] | Promise<BridgeCalls[K]['result']>;
type Handlers = { [K in BridgeCallName]?: Handler<K> };

/** The text an export wrote, per file, as the host would put it on the disk. */
export type WrittenExport = { dir: string; csv: string[]; json: string[]; closed: boolean };

/**
 * A host for the technician's screens: it answers every call as a working host would (an open
 * session, a writable USB stick, an enrollment that succeeds), records the calls, emits events
 * on demand, and lets a test script any answer with `answer(name, handler)`.
 */
export class ScriptedServiceBridge extends EventHub implements Bridge {
  readonly calls: Call[] = [];
  readonly exports = new Map<string, WrittenExport>();
  private readonly scripted: Handlers = {};
  private exportCount = 0;

  constructor(
    public status: HostStatus = hostStatus(),
    public config: TerminalConfig | null = null,
  ) {
    super();
  }

  /** Answers `name` with `handler` from now on. */
  answer<K extends BridgeCallName>(name: K, handler: Handler<K>): this {
    (this.scripted as Record<K, Handler<K>>)[name] = handler;
    return this;
  }

  async call<K extends BridgeCallName>(
    name: K,
    args: BridgeCalls[K]['args'],
  ): Promise<BridgeCalls[K]['result']> {
    this.calls.push({ name, args });
    const scripted = this.scripted[name];
    if (scripted) {
      return scripted(args);
    }
    return this.standard(name, args) as BridgeCalls[K]['result'];
  }

  /** The calls made to `name`, their arguments in order. */
  argsOf<K extends BridgeCallName>(name: K): BridgeCalls[K]['args'][] {
    return this.calls
      .filter((call) => call.name === name)
      .map((call) => call.args as BridgeCalls[K]['args']);
  }

  /** Replaces the status and tells the page, as the host does on a change. */
  changeStatus(next: Partial<HostStatus>): void {
    this.status = { ...this.status, ...next };
    this.emit('status:changed', this.status);
  }

  private standard(name: BridgeCallName, args: unknown): unknown {
    switch (name) {
      case 'config:get':
        return this.config;
      case 'status:get':
        return this.status;
      case 'service:pin-state':
        return { pinSet: true, lockedUntil: null, attemptsLeft: 5 };
      case 'service:unlock':
        return { ok: true, idleCloseMs: 120_000 };
      case 'service:touch':
        return { open: true };
      case 'service:export-targets':
        return {
          ok: true,
          targets: [
            {
              path: '/home/hymy/.local/share/hymy/exports',
              label: 'this terminal',
              kind: 'local',
              freeBytes: 20e9,
            },
            {
              path: '/media/hymy/USB-STICK',
              label: 'USB-STICK',
              kind: 'removable',
              freeBytes: 7.5e9,
            },
          ],
          last: this.status.lastExport,
        };
      case 'service:export-open':
        return this.openExport((args as { dir: string }).dir);
      case 'service:export-append':
        return this.append(args as BridgeCalls['service:export-append']['args']);
      case 'service:export-close':
        return this.closeExport(args as BridgeCalls['service:export-close']['args']);
      case 'service:set-language': {
        const { language } = args as { language: string };
        if (this.config && !this.config.languages.includes(language)) {
          return { ok: false, reason: 'not_offered' };
        }
        this.changeStatus({ defaultLanguage: language });
        return { ok: true };
      }
      case 'service:factory-reset': {
        const { unsent, newestUnsentAt } = args as {
          unsent: number;
          newestUnsentAt: string | null;
        };
        return exportCovers(this.status.lastExport, unsent, newestUnsentAt)
          ? { ok: true }
          : { ok: false, reason: 'unsent_not_exported' };
      }
      case 'setup:enroll':
        return { ok: true, terminalId: 't_new', unitId: 'khks-lapset' };
      case 'sync:upload':
        return { ok: false, reason: 'offline' };
      default:
        return undefined;
    }
  }

  private openExport(dir: string): unknown {
    this.exportCount += 1;
    const exportId = `export-${this.exportCount}`;
    this.exports.set(exportId, { dir, csv: [], json: [], closed: false });
    return { ok: true, exportId };
  }

  private append(args: BridgeCalls['service:export-append']['args']): unknown {
    const written = this.exports.get(args.exportId);
    if (!written || written.closed) {
      return { ok: false, reason: 'unknown_export' };
    }
    written[args.file].push(args.text);
    return { ok: true, files: [] };
  }

  private closeExport(args: BridgeCalls['service:export-close']['args']): unknown {
    const written = this.exports.get(args.exportId);
    if (!written || written.closed) {
      return { ok: false, reason: 'unknown_export' };
    }
    written.closed = true;
    const files = [`${written.dir}/hymy-export.csv`, `${written.dir}/hymy-export.json`];
    this.changeStatus({
      lastExport: { at: '2026-11-23T10:00:00.000Z', ...args.summary, files },
    });
    return { ok: true, files };
  }
}
