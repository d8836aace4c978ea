import type { FastifyInstance } from 'fastify';
import { API_PREFIX } from '../../core/central-api';
import { UnitNoteInputSchema, type NoteText } from '../../core/public-api';
import { redactPersonalData, REDACTION_PLACEHOLDERS } from '../../core/redaction';
import type { ServerContext } from '../context';
import { ApiFailure, parsedBody } from '../errors';
import { actorOf, audit, personAuth, personOf, requireUnit } from '../people';
import { createAuditStore } from '../store/accounts';
import { createNoteStore } from '../store/notes';
import { BODY_LIMITS, type Limiters } from './limits';

/**
 * "You said, we did" (an extension of central-reports.md, "Public results"): the unit's
 * managers (its unit accounts, and county accounts) list, write and delete the notes its public
 * page shows. A note is public text: an identity code, a phone number or an e-mail address in
 * it is taken out as on the terminal, before it is stored.
 */

function redacted(text: NoteText): NoteText {
  return Object.fromEntries(
    Object.entries(text).map(([language, words]) => [
      language,
      redactPersonalData(
        words,
        REDACTION_PLACEHOLDERS[language as keyof typeof REDACTION_PLACEHOLDERS] ??
          REDACTION_PLACEHOLDERS.en,
      ).text,
    ]),
  );
}

export function registerNoteRoutes(
  app: FastifyInstance,
  ctx: ServerContext,
  limiters: Limiters,
): void {
  const guarded = { onRequest: [limiters.admin, personAuth(ctx)] };
  const notesOf = `${API_PREFIX}/units/:unitId/notes`;

  async function knownUnit(unitId: string): Promise<void> {
    if ((await ctx.stores.units.byId(unitId)) === undefined) {
      throw new ApiFailure(404, 'unit_unknown', `there is no unit ${unitId}`);
    }
  }

  app.get<{ Params: { unitId: string } }>(notesOf, guarded, async (request, reply) => {
    const { unitId } = request.params;
    requireUnit(personOf(request), unitId);
    await knownUnit(unitId);
    return reply.send(await createNoteStore(ctx.database.db).list(unitId));
  });

  app.post<{ Params: { unitId: string } }>(
    notesOf,
    { ...guarded, bodyLimit: BODY_LIMITS.terminal },
    async (request, reply) => {
      const { unitId } = request.params;
      const person = personOf(request);
      requireUnit(person, unitId);
      const input = parsedBody(UnitNoteInputSchema, request.body);
      await knownUnit(unitId);
      // The note and its audit entry commit together.
      const note = await ctx.database.db.transaction().execute(async (trx) => {
        const added = await createNoteStore(trx).add({
          unitId,
          youSaid: redacted(input.youSaid),
          weDid: redacted(input.weDid),
          at: ctx.now(),
          by: actorOf(person),
        });
        await audit(
          ctx,
          person,
          'unit_note_added',
          unitId,
          { noteId: added.id },
          {
            audit: createAuditStore(trx),
          },
        );
        return added;
      });
      return reply.code(201).send(note);
    },
  );

  app.delete<{ Params: { unitId: string; noteId: string } }>(
    `${notesOf}/:noteId`,
    guarded,
    async (request, reply) => {
      const { unitId, noteId } = request.params;
      const person = personOf(request);
      requireUnit(person, unitId);
      const removed = await ctx.database.db.transaction().execute(async (trx) => {
        const done = await createNoteStore(trx).remove(unitId, noteId);
        if (done) {
          await audit(
            ctx,
            person,
            'unit_note_removed',
            unitId,
            { noteId },
            {
              audit: createAuditStore(trx),
            },
          );
        }
        return done;
      });
      if (!removed) {
        throw new ApiFailure(404, 'note_unknown', 'this unit has no note with this id');
      }
      return reply.code(204).send();
    },
  );
}
