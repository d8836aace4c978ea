import { z } from 'zod';
import { LanguageCodeSchema } from './localized';

/**
 * The technician's side of the bridge: first-run enrollment, the PIN-guarded service session,
 * export to a removable disk, the terminal's default language and factory reset. The host owns
 * every secret (token, PIN hash, lockout); the UI only ever learns yes, no, and why.
 */

/** 4–8 digits, as the technician sets it on the first-run screen or with `npm run provision`. */
export const PinSchema = z.string().regex(/^\d{4,8}$/, '4 to 8 digits');

export const EnrollArgsSchema = z.object({
  apiUrl: z.string().min(1).max(500),
  /** As typed: case, spaces and dashes do not matter (core/enrollment-code.ts). */
  code: z.string().min(1).max(64),
  pin: PinSchema,
});
export type EnrollArgs = z.infer<typeof EnrollArgsSchema>;

/** Why an enrollment from the screen did not happen; each gets its own message. */
export type EnrollFailureReason =
  /** The address is not an http(s) URL. */
  | 'api_url_invalid'
  /** The code cannot be a code (wrong length or letters); checked before the server is asked. */
  | 'code_malformed'
  | 'pin_malformed'
  | 'code_unknown'
  | 'code_used'
  | 'code_expired'
  /** No answer from the address (no network, wrong address, server down). */
  | 'unreachable'
  /** The server asked to wait (429) or failed (5xx), or refused for another reason. */
  | 'server_busy'
  | 'server_refused'
  /** The terminal cannot write its settings (disk full, permissions). */
  | 'not_saved'
  /** Already enrolled and no service session open: re-enrolling needs the PIN first. */
  | 'not_allowed';

export type EnrollResult =
  { ok: true; terminalId: string; unitId: string } | { ok: false; reason: EnrollFailureReason };

/** The PIN pad's state, from the host (the lockout survives a restart). */
export type PinPadState = {
  /** False when the terminal has no PIN: the service screens cannot be opened at all. */
  pinSet: boolean;
  /** Epoch ms until which every PIN is refused, or null. */
  lockedUntil: number | null;
  /** Wrong PINs left before the lock. */
  attemptsLeft: number;
};

export const UnlockArgsSchema = z.object({ pin: z.string().min(1).max(16) });

export type UnlockResult =
  | {
      ok: true;
      /** The session closes itself after this long without a service call or a touch. */
      idleCloseMs: number;
    }
  | { ok: false; reason: 'wrong_pin'; attemptsLeft: number }
  | { ok: false; reason: 'locked'; lockedUntil: number }
  | { ok: false; reason: 'no_pin' };

/** Answer of any call that needs an open service session, when none is open. */
export type SessionClosed = { ok: false; reason: 'session_closed' };

/** A directory the technician may export to: a mounted removable disk, or the data dir's own. */
export type ExportTarget = {
  path: string;
  /** What the technician sees: the disk's label, or "this terminal". */
  label: string;
  kind: 'removable' | 'local';
  /** Free space in bytes, when the system says. */
  freeBytes: number | null;
};

export const ExportOpenArgsSchema = z.object({
  /** An absolute path; the host checks it is a writable directory. */
  dir: z.string().min(1).max(1000),
});

export type ExportFailureReason =
  'not_a_directory' | 'not_writable' | 'disk_full' | 'write_failed' | 'unknown_export';

export type ExportOpenResult =
  { ok: true; exportId: string } | { ok: false; reason: ExportFailureReason } | SessionClosed;

/** One piece of an export file; the renderer sends the files in pieces under 512 KiB. */
export const ExportAppendArgsSchema = z.object({
  exportId: z.string().min(1).max(64),
  file: z.enum(['csv', 'json']),
  text: z.string().max(512 * 1024),
});

export const ExportCloseArgsSchema = z.object({
  exportId: z.string().min(1).max(64),
  /** What the files hold, remembered by the host for the factory reset's guard. */
  summary: z.object({
    answers: z.number().int().min(0),
    unsent: z.number().int().min(0),
    /** The newest unsent answer's answeredAt, or null when none was unsent. */
    newestUnsentAt: z.iso.datetime().nullable(),
  }),
});

export type ExportDoneResult =
  { ok: true; files: string[] } | { ok: false; reason: ExportFailureReason } | SessionClosed;

/** The last export that finished, as the host remembers it (settings survive a restart). */
export type LastExport = {
  at: string;
  answers: number;
  unsent: number;
  newestUnsentAt: string | null;
  files: string[];
};

export const SetLanguageArgsSchema = z.object({ language: LanguageCodeSchema });

export const FactoryResetArgsSchema = z.object({
  /** The renderer's own count: answers still unsent in IndexedDB when it asks. */
  unsent: z.number().int().min(0),
  newestUnsentAt: z.iso.datetime().nullable(),
});

export type FactoryResetResult =
  | { ok: true }
  /** Unsent answers that no finished export covers: export first. */
  | { ok: false; reason: 'unsent_not_exported' }
  | { ok: false; reason: 'failed' }
  | SessionClosed;

/**
 * The factory reset's guard: a reset may drop unsent answers only when an export finished
 * after the newest of them was made and held at least as many unsent answers.
 */
export function exportCovers(
  last: LastExport | null,
  unsent: number,
  newestUnsentAt: string | null,
): boolean {
  if (unsent === 0) {
    return true;
  }
  if (!last || newestUnsentAt === null || last.newestUnsentAt === null) {
    return false;
  }
  return last.unsent >= unsent && last.newestUnsentAt >= newestUnsentAt;
}
