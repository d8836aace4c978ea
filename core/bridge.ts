import { z } from 'zod';
import { MAX_BATCH_RESPONSES } from './central-api';
import type { LanguageCode } from './localized';
import { QueueHealthSchema } from './queue-health';
import { ResponseSchema, type Response } from './response';
import {
  EnrollArgsSchema,
  ExportAppendArgsSchema,
  ExportCloseArgsSchema,
  ExportOpenArgsSchema,
  FactoryResetArgsSchema,
  SetLanguageArgsSchema,
  UnlockArgsSchema,
  type EnrollResult,
  type ExportDoneResult,
  type ExportOpenResult,
  type ExportTarget,
  type FactoryResetResult,
  type LastExport,
  type PinPadState,
  type SessionClosed,
  type UnlockResult,
} from './technician';
import type { TerminalConfig } from './terminal-config';
import type { JournalStatus, JournalWriteResult, StorageStatus } from './durability';
import type { BridgeEventName, BridgeEvents } from './bridge-events';

/**
 * The one contract between the UI (renderer) and its host (Electron main, or the browser
 * host's Node process). Both hosts implement it; the renderer knows nothing else of them.
 * Calls go UI → host and answer; events go host → UI.
 */

/** A press of a physical box button. `pressId` lets the UI acknowledge exactly this press. */
export const ButtonPressSchema = z.object({
  pressId: z.string().min(1).max(64),
  button: z.number().int().min(1).max(9),
  /** Epoch ms when the host read the press from the box. */
  at: z.number(),
});
export type ButtonPress = z.infer<typeof ButtonPressSchema>;

export type ButtonBoxStatus = {
  connected: boolean;
  port: string | null;
  model: string | null;
  firmware: string | null;
  protocol: 'line' | 'char' | null;
  malformedLines: number;
  lastPressAt: number | null;
  /** Why the box is not connected, a stable code (`not_found`, `permission_denied`, `busy`, …). */
  problem: string | null;
  /** The box's own last `ERR <text>`. */
  boxError: string | null;
};

/** What the UI reports of itself, for the technician's status screen and the host's log. */
export const RendererStatusSchema = z.object({
  store: z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true) }),
    z.object({
      ok: z.literal(false),
      code: z.enum(['quota_exceeded', 'database_closed', 'write_failed']),
      /**
       * Re-opens of the store tried and failed since the fault (the page keeps trying, 1 s
       * doubling to 30 s); a host reloads a page that cannot re-open its store.
       */
      reopenFailures: z.number().int().min(0).max(1_000_000).default(0),
    }),
  ]),
  persisted: z.boolean().nullable(),
  /** The outbox and the sync engine (renderer/sync), for the heartbeat and the status screen. */
  sync: z
    .object({
      state: z.enum(['idle', 'syncing', 'waiting', 'not_enrolled', 'stopped']),
      ...QueueHealthSchema.shape,
      lastError: z.string().max(100).nullable(),
    })
    .nullable()
    .default(null),
});
export type RendererSyncStatus = NonNullable<RendererStatus['sync']>;
export type RendererStatus = z.infer<typeof RendererStatusSchema>;

/** The terminal's link to its central API, as the host sees it (null fields: not yet known). */
export type CentralStatus = {
  terminalId: string | null;
  /** The last config poll: when, and why it failed (`invalid` names the refused field). */
  configPoll: {
    at: string;
    error: string | null;
    field?: string;
    message?: string;
  } | null;
  /** When the config the terminal runs on was last received from the central API. */
  configReceivedAt: string | null;
  heartbeat: { at: string; error: string | null } | null;
  /**
   * The terminal's clock against the server's `Date` header at the last answer that had one:
   * server minus terminal, in ms (positive: the terminal is behind).
   */
  clock: { skewMs: number; at: string } | null;
};

/** The Electron shell's own healing, for the status screen (null in the browser host). */
export type ShellStatus = {
  /** Renderers reloaded after a crash or a hang since the app started. */
  rendererRestarts: number;
  lastRestartAt: string | null;
  /** Chromium's reason (`crashed`, `oom`, `killed`, …) or `unresponsive`. */
  lastRestartReason: string | null;
  /** Kiosk windows made again after the window itself was lost. */
  windowRecreations: number;
};

export type HostStatus = {
  host: 'browser' | 'electron';
  appVersion: string;
  /**
   * Where the terminal's config came from: enrolled with a central API, the built-in demo, or
   * nowhere yet (`none`: never set up; the UI shows the first-run screen).
   */
  configSource: 'central' | 'demo' | 'none';
  /** The id this machine reports when enrolling (host/hardware-id.ts), shown on first run. */
  hardwareId: string | null;
  /** The default language the technician chose on this terminal, over the config's. */
  defaultLanguage: LanguageCode | null;
  /** Whether a service session is open (the technician is in, with the PIN). */
  serviceOpen: boolean;
  /** The last export that finished (the factory reset's guard). */
  lastExport: LastExport | null;
  buttonBox: ButtonBoxStatus | null;
  renderer: RendererStatus | null;
  /** Null when the terminal is not enrolled with a central API. */
  central: CentralStatus | null;
  shell: ShellStatus | null;
  /** The host's journal of answers, the second copy beside the page's store. */
  journal: JournalStatus | null;
  /** Free space where the terminal writes, against its reserve (null until first measured). */
  storage: StorageStatus | null;
};

export const UploadArgsSchema = z.object({
  responses: z.array(ResponseSchema).min(1).max(MAX_BATCH_RESPONSES),
});

/** A journal call carries at most as many ids as an upload batch. */
const JournalIdsSchema = z.object({
  ids: z.array(ResponseSchema.shape.id).min(1).max(MAX_BATCH_RESPONSES),
});

/** What the host's transport made of one batch upload (central-api.md, expected faults as values). */
export type UploadOutcome =
  | {
      ok: true;
      accepted: string[];
      duplicate: string[];
      rejected: { id: string; code: string; message: string }[];
    }
  | {
      ok: false;
      reason:
        'not_enrolled' | 'offline' | 'unauthorized' | 'revoked' | 'rate_limited' | 'server_error';
      retryAfterMs?: number;
    };

/**
 * What each call answers. Its arguments are not written here: they are the input of the call's
 * schema in `bridgeCallArgs` below, so a schema and its callers cannot drift apart.
 */
export type BridgeResults = {
  /** The terminal's current config, or null while it has none. */
  'config:get': TerminalConfig | null;
  /** Light the box button of a press that is durably stored. Only call after the commit. */
  'button:ack': void;
  'status:get': HostStatus;
  'status:report': void;
  /** Send one batch of stored responses to the central API. */
  'sync:upload': UploadOutcome;
  /**
   * Keeps an answer (new, or as amended: the whole Response again) in the host's journal.
   * Answers once the line is on the disk; the thank-you and the box's light wait for it.
   */
  'journal:append': JournalWriteResult;
  /** An answer the page could not store after all: it leaves the journal (never thanked). */
  'journal:withdraw': JournalWriteResult;
  /** The ids of every answer the journal holds that the central API has not confirmed. */
  'journal:unconfirmed': { ids: string[] };
  /** The journal's copies of these answers (those it still holds). */
  'journal:read': { responses: Response[] };
  /**
   * The page compared its store with the journal: `restored` answers were written back as
   * pending, and `settled` ones it holds as already sent or refused leave the journal.
   */
  'journal:restored': void;
  /**
   * Enroll with a code from the screen: on first run, or (re-enroll) in a service session.
   * On success the host writes the settings and config and sends `config:changed`.
   */
  'setup:enroll': EnrollResult;
  'service:pin-state': PinPadState;
  /** Open a service session with the PIN (five wrong ones lock the pad for five minutes). */
  'service:unlock': UnlockResult;
  /** The technician is still there: the session's idle timer starts again. */
  'service:touch': { open: boolean };
  'service:close': void;
  'service:export-targets':
    { ok: true; targets: ExportTarget[]; last: LastExport | null } | SessionClosed;
  /** Start an export into `dir`: the files are written beside as temporary ones until closed. */
  'service:export-open': ExportOpenResult;
  'service:export-append': ExportDoneResult;
  /** Flush both files to the disk and give them their final names. */
  'service:export-close': ExportDoneResult;
  /** The terminal's default language, over the config's (one of the config's languages). */
  'service:set-language': { ok: true } | { ok: false; reason: 'not_offered' } | SessionClosed;
  /**
   * Forget the enrollment (settings, config, token, PIN): the terminal starts again at the
   * first-run screen. The host refuses while unsent answers exist that no finished export
   * holds (the UI counts them and asks first); on yes, the UI deletes its own store and reloads.
   */
  'service:factory-reset': FactoryResetResult;
};

export type BridgeCallName = keyof BridgeResults;

/** What a caller passes: the input of the call's schema (defaults may be left out). */
export type BridgeCallArgs<K extends BridgeCallName> = z.input<(typeof bridgeCallArgs)[K]>;
/** What a host handler gets: the arguments as the call's schema parsed them (defaults filled). */
export type BridgeParsedArgs<K extends BridgeCallName> = z.output<(typeof bridgeCallArgs)[K]>;

export type BridgeCalls = {
  [K in BridgeCallName]: { args: BridgeCallArgs<K>; result: BridgeResults[K] };
};

export type { BridgeEventName, BridgeEvents };
export { BRIDGE_EVENTS, BRIDGE_EVENT_NAMES } from './bridge-events';
export { BRIDGE_ERRORS, BRIDGE_ERROR_CODES, type BridgeErrorCode } from './bridge-errors';

export type Bridge = {
  call<K extends BridgeCallName>(
    name: K,
    args: BridgeCalls[K]['args'],
  ): Promise<BridgeCalls[K]['result']>;
  /** Listens to a host event; returns the function that stops listening. */
  on<K extends BridgeEventName>(name: K, listener: (payload: BridgeEvents[K]) => void): () => void;
};

/** Schemas for the arguments a host accepts: the UI is untrusted input to the host. */
export const bridgeCallArgs = {
  'config:get': z.null(),
  'button:ack': z.object({ pressId: z.string().min(1).max(64) }),
  'status:get': z.null(),
  'status:report': RendererStatusSchema,
  'sync:upload': UploadArgsSchema,
  'journal:append': z.object({ response: ResponseSchema }),
  'journal:withdraw': z.object({ id: ResponseSchema.shape.id }),
  'journal:unconfirmed': z.null(),
  'journal:read': JournalIdsSchema,
  'journal:restored': z.object({
    restored: z.number().int().min(0),
    settled: z.array(ResponseSchema.shape.id).max(MAX_BATCH_RESPONSES),
  }),
  'setup:enroll': EnrollArgsSchema,
  'service:pin-state': z.null(),
  'service:unlock': UnlockArgsSchema,
  'service:touch': z.null(),
  'service:close': z.null(),
  'service:export-targets': z.null(),
  'service:export-open': ExportOpenArgsSchema,
  'service:export-append': ExportAppendArgsSchema,
  'service:export-close': ExportCloseArgsSchema,
  'service:set-language': SetLanguageArgsSchema,
  'service:factory-reset': FactoryResetArgsSchema,
} satisfies { [K in BridgeCallName]: z.ZodType };

export const BRIDGE_CALL_NAMES = Object.keys(bridgeCallArgs) as BridgeCallName[];

/** The host side: one handler per call, each given arguments already validated. */
export type BridgeHandlers = {
  [K in BridgeCallName]: (
    args: BridgeParsedArgs<K>,
  ) => Promise<BridgeCalls[K]['result']> | BridgeCalls[K]['result'];
};
