import { TerminalPatchRequestSchema } from '../core/central-api';
import { TerminalConfigSchema, type TerminalConfig } from '../core/terminal-config';
import { parseWith } from '../core/validation';
import { configEtag, mergeConfigPatch, storedConfig } from './config-record';
import type { ServerContext } from './context';
import { fail, invalidInput, type Result } from './errors';

/**
 * `PATCH /v1/admin/terminals/{terminalId}`: the merged config must pass the same schema the
 * terminal checks it with, or nothing changes and the answer names the field. Terminals pick a
 * new config up through `GET /v1/terminal/config` (its ETag changes with it).
 */
export function patchTerminal(
  ctx: ServerContext,
  terminalId: string,
  body: unknown,
): Result<TerminalConfig> {
  const patch = parseWith(TerminalPatchRequestSchema, body);
  if (!patch.ok) {
    return invalidInput('body', patch.field, patch.message);
  }
  const { stores } = ctx;
  const outcome = ctx.db.transaction((): Result<TerminalConfig> => {
    const terminal = stores.terminals.byId(terminalId);
    if (terminal === undefined) {
      return fail(404, 'terminal_unknown', 'no terminal has this id');
    }
    const merged = parseWith(
      TerminalConfigSchema,
      mergeConfigPatch(storedConfig(terminal.configJson), patch.value),
    );
    if (!merged.ok) {
      return invalidInput('body', merged.field, merged.message);
    }
    const config = merged.value;
    if (patch.value.survey !== undefined) {
      const conflict = stores.surveys.conflict(terminalId, config.survey);
      if (conflict) {
        return invalidInput(
          'body',
          `survey.questions.${conflict.questionIndex}.scale`,
          `${config.survey.id} version ${config.survey.version} already asked ` +
            `${conflict.questionId} on ${conflict.recordedScale}; a changed question needs a new survey version`,
        );
      }
      stores.surveys.record(terminalId, config.survey);
    }
    const configJson = JSON.stringify(config);
    if (configJson !== terminal.configJson) {
      stores.terminals.updateConfig(terminalId, configJson, configEtag(configJson));
    }
    if (patch.value.revoked !== undefined && patch.value.revoked !== terminal.revoked) {
      stores.terminals.setRevoked(terminalId, patch.value.revoked);
    }
    return { ok: true, value: config };
  })();
  if (outcome.ok) {
    ctx.logger.info('terminal_changed', {
      terminalId,
      fields: Object.keys(patch.value).sort().join(','),
    });
  }
  return outcome;
}
