import { TerminalPatchRequestSchema } from '../core/central-api';
import { TerminalConfigSchema, type TerminalConfig } from '../core/terminal-config';
import { parseWith } from '../core/validation';
import { configEtag, mergeConfigPatch, storedConfig } from './config-record';
import { withServerContactKey } from './contact-key';
import type { ServerContext } from './context';
import { fail, invalidInput, type Result } from './errors';

/**
 * `PATCH /v1/admin/terminals/{terminalId}`: the merged config must pass the same schema the
 * terminal checks it with, or nothing changes and the answer names the field. Terminals pick a
 * new config up through `GET /v1/terminal/config` (its ETag changes with it).
 */
export async function patchTerminal(
  ctx: ServerContext,
  terminalId: string,
  body: unknown,
): Promise<Result<TerminalConfig>> {
  const patch = parseWith(TerminalPatchRequestSchema, body);
  if (!patch.ok) {
    return invalidInput('body', patch.field, patch.message);
  }
  const outcome = await ctx.transaction(async (stores): Promise<Result<TerminalConfig>> => {
    const terminal = await stores.terminals.byId(terminalId);
    if (terminal === undefined) {
      return fail(404, 'terminal_unknown', 'no terminal has this id');
    }
    const merged = parseWith(
      TerminalConfigSchema,
      withServerContactKey(
        mergeConfigPatch(storedConfig(terminal.configJson), patch.value),
        ctx.contactKey,
      ),
    );
    if (!merged.ok) {
      return invalidInput('body', merged.field, merged.message);
    }
    const config = merged.value;
    if (patch.value.survey !== undefined) {
      const conflict = await stores.surveys.conflict(terminalId, config.survey);
      if (conflict) {
        return invalidInput(
          'body',
          `survey.questions.${conflict.questionIndex}.scale`,
          `${config.survey.id} version ${config.survey.version} already asked ` +
            `${conflict.questionId} on ${conflict.recordedScale}; a changed question needs a new survey version`,
        );
      }
      await stores.surveys.record(terminalId, config.survey);
    }
    await stores.units.seen({
      id: config.unit.id,
      name: config.unit.name,
      firstQuestionId: config.survey.questions[0]!.id,
      at: ctx.now().toISOString(),
    });
    const configJson = JSON.stringify(config);
    if (configJson !== terminal.configJson) {
      await stores.terminals.updateConfig(terminalId, configJson, configEtag(configJson));
    }
    if (patch.value.revoked !== undefined && patch.value.revoked !== terminal.revoked) {
      await stores.terminals.setRevoked(terminalId, patch.value.revoked);
    }
    return { ok: true, value: config };
  });
  if (outcome.ok) {
    ctx.logger.info('terminal_changed', {
      terminalId,
      fields: Object.keys(patch.value).sort().join(','),
    });
  }
  return outcome;
}
