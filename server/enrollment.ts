import {
  DEFAULT_CODE_TTL_HOURS,
  EnrollmentCodeRequestSchema,
  EnrollRequestSchema,
  type EnrollAnswer,
  type EnrollmentCodeAnswer,
} from '../core/central-api';
import { normalizeEnrollmentCode } from '../core/enrollment-code';
import { TerminalConfigSchema } from '../core/terminal-config';
import { parseWith } from '../core/validation';
import { configEtag } from './config-record';
import { withServerContactKey } from './contact-key';
import type { ServerContext } from './context';
import { newEnrollmentCode } from './enrollment-code';
import { fail, invalidInput, type Result } from './errors';
import { newTerminalId } from './ids';
import { newTerminalToken, tokenHash } from './token';

const HOUR_MS = 3_600_000;
/** A placeholder id while checking a code's config; each terminal gets its own at enrollment. */
const PENDING_TERMINAL_ID = 'pending';

/** A unique key taken: SQLite's codes, or PostgreSQL's SQLSTATE 23505. */
function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return (
    code === 'SQLITE_CONSTRAINT_PRIMARYKEY' ||
    code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    code === '23505'
  );
}

/** Thrown inside the enrollment's transaction to roll it back when the code went first. */
class CodeTaken extends Error {}

/**
 * `POST /v1/admin/enrollment-codes`: a single-use code for one terminal of a unit. The config
 * is checked now, so a technician on a ladder never holds a code that cannot enroll.
 */
export async function createEnrollmentCode(
  ctx: ServerContext,
  body: unknown,
): Promise<Result<EnrollmentCodeAnswer>> {
  const request = parseWith(EnrollmentCodeRequestSchema, body);
  if (!request.ok) {
    return invalidInput('body', request.field, request.message);
  }
  const { ttlHours = DEFAULT_CODE_TTL_HOURS, ...fields } = request.value;
  const config = parseWith(
    TerminalConfigSchema,
    withServerContactKey({ ...fields, terminalId: PENDING_TERMINAL_ID }, ctx.contactKey),
  );
  if (!config.ok) {
    return invalidInput('body', config.field, config.message);
  }
  const { terminalId: _pending, ...template } = config.value;
  const now = ctx.now();
  const expiresAtMs = now.getTime() + Math.round(ttlHours * HOUR_MS);
  const expiresAt = new Date(expiresAtMs).toISOString();
  // A code already in the table, used or not, is never issued again: `code_used` keeps its
  // meaning. With 6.6 × 10^11 codes a second try is already rare.
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const code = newEnrollmentCode();
    try {
      await ctx.stores.codes.insert({
        codeHash: tokenHash(code),
        unitId: template.unit.id,
        configJson: JSON.stringify(template),
        createdAt: now.toISOString(),
        expiresAt,
        expiresAtMs,
      });
    } catch (error) {
      if (isUniqueViolation(error)) {
        continue;
      }
      throw error;
    }
    await ctx.stores.units.seen({
      id: template.unit.id,
      name: template.unit.name,
      firstQuestionId: template.survey.questions[0]!.id,
      at: now.toISOString(),
    });
    ctx.logger.info('enrollment_code_created', { unitId: template.unit.id, expiresAt });
    return { ok: true, value: { code, expiresAt } };
  }
  throw new Error('no free enrollment code after 5 tries');
}

/**
 * `POST /v1/enroll`: a code becomes a terminal. The code is marked used in the same transaction
 * that creates the terminal, so a code enrolls exactly one terminal even if two race.
 */
export async function enroll(ctx: ServerContext, body: unknown): Promise<Result<EnrollAnswer>> {
  const request = parseWith(EnrollRequestSchema, body);
  if (!request.ok) {
    return invalidInput('body', request.field, request.message);
  }
  const code = normalizeEnrollmentCode(request.value.code);
  const unknown = fail(404, 'code_unknown', 'no such enrollment code');
  const now = ctx.now();
  const outcome = await ctx
    .transaction(async (stores): Promise<Result<EnrollAnswer>> => {
      const codeHash = code === null ? undefined : tokenHash(code);
      const record = codeHash === undefined ? undefined : await stores.codes.find(codeHash);
      if (codeHash === undefined || record === undefined) {
        return unknown;
      }
      if (record.used) {
        return fail(410, 'code_used', 'this enrollment code has already enrolled a terminal');
      }
      if (now.getTime() >= record.expiresAtMs) {
        return fail(410, 'code_expired', 'this enrollment code has expired; ask for a new one');
      }
      const terminalId = newTerminalId(now.getTime());
      const token = newTerminalToken();
      const config = TerminalConfigSchema.parse({ ...JSON.parse(record.configJson), terminalId });
      const configJson = JSON.stringify(config);
      await stores.terminals.insert({
        id: terminalId,
        tokenHash: tokenHash(token),
        unitId: config.unit.id,
        hardwareId: request.value.hardwareId,
        enrolledAt: now.toISOString(),
        configJson,
        configEtag: configEtag(configJson),
        appVersion: request.value.appVersion,
      });
      await stores.surveys.record(terminalId, config.survey);
      if (!(await stores.codes.markUsed(codeHash, now.toISOString(), terminalId))) {
        // Another enrollment took the code while this one ran (PostgreSQL runs them side by
        // side): undo this terminal, and answer as if it had come second.
        throw new CodeTaken();
      }
      return { ok: true, value: { terminalId, token, config } };
    })
    .catch((error: unknown): Result<EnrollAnswer> => {
      if (error instanceof CodeTaken) {
        return fail(410, 'code_used', 'this enrollment code has already enrolled a terminal');
      }
      throw error;
    });
  if (outcome.ok) {
    ctx.logger.info('terminal_enrolled', {
      terminalId: outcome.value.terminalId,
      unitId: outcome.value.config.unit.id,
    });
  } else {
    ctx.logger.info('enrollment_refused', { reason: outcome.failure.code });
  }
  return outcome;
}
