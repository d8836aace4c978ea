import type { FastifyInstance } from 'fastify';
import { API_PREFIX } from '../../core/central-api';
import {
  FEEDBACK_PAGE_DEFAULT,
  FeedbackPatchSchema,
  FeedbackQuerySchema,
  OpenedContactSchema,
  type FeedbackItem,
} from '../../core/feedback-api';
import { parseWith } from '../../core/validation';
import { openSealed } from '../contact-key';
import type { ServerContext } from '../context';
import { ApiFailure, invalidInput, parsedBody, sendFailure } from '../errors';
import {
  actorOf,
  audit,
  personAuth,
  personOf,
  requireUnit,
  visibleUnits,
  type Person,
} from '../people';
import type { Stores } from '../store';
import { createFeedbackStore, type FeedbackRecord } from '../store/feedback';
import { BODY_LIMITS, type Limiters } from './limits';

/**
 * Feedback handling of central-reports.md: the inbox, its states, and opening a contact request.
 * A `unit` account sees and changes its own units' items only. Every opening of a contact is in
 * the audit log before the contact is sent; the log never holds the contact itself.
 */

type IdParams = { Params: { id: string } };

function itemOf(record: FeedbackRecord): FeedbackItem {
  const { answeredMs: _ms, contactDeleted: _deleted, ...item } = record;
  return item;
}

/** The item, for a person who may see it: 404 `feedback_unknown`, or 403 for another unit's. */
async function visibleItem(stores: Stores, person: Person, rawId: string): Promise<FeedbackRecord> {
  const item = await stores.feedback.byId(rawId.toLowerCase());
  if (item === undefined) {
    throw new ApiFailure(404, 'feedback_unknown', 'no feedback item has this id');
  }
  requireUnit(person, item.unitId);
  return item;
}

export function registerFeedbackRoutes(
  app: FastifyInstance,
  ctx: ServerContext,
  limiters: Limiters,
): void {
  const guarded = { onRequest: [limiters.admin, personAuth(ctx)] };

  app.get(`${API_PREFIX}/feedback`, guarded, async (request, reply) => {
    const query = parseWith(FeedbackQuerySchema, request.query ?? {});
    if (!query.ok) {
      return sendFailure(reply, invalidInput('query', query.field, query.message).failure);
    }
    const q = query.value;
    const person = personOf(request);
    if (q.unitId !== undefined) {
      requireUnit(person, q.unitId);
    }
    let after;
    if (q.before !== undefined) {
      const last = await ctx.stores.feedback.byId(q.before.toLowerCase());
      if (last === undefined || !(q.unitId === undefined || last.unitId === q.unitId)) {
        return sendFailure(
          reply,
          invalidInput('query', 'before', 'no feedback item of this list has this id').failure,
        );
      }
      requireUnit(person, last.unitId);
      after = { answeredMs: last.answeredMs, id: last.id };
    }
    const page = await createFeedbackStore(ctx.database.read).list({
      units: q.unitId === undefined ? visibleUnits(person) : [q.unitId],
      state: q.state,
      fromMs: q.from === undefined ? undefined : Date.parse(q.from),
      toMs: q.to === undefined ? undefined : Date.parse(q.to),
      questionId: q.questionId,
      value: q.value,
      contact: q.contact === undefined ? undefined : q.contact === 'true',
      after,
      limit: q.limit ?? FEEDBACK_PAGE_DEFAULT,
    });
    return reply.send(page.map(itemOf));
  });

  app.patch<IdParams>(
    `${API_PREFIX}/feedback/:id`,
    { ...guarded, bodyLimit: BODY_LIMITS.admin },
    async (request, reply) => {
      const person = personOf(request);
      const patch = parsedBody(FeedbackPatchSchema, request.body);
      const at = ctx.now().toISOString();
      const item = await ctx.transaction(async (stores) => {
        const found = await visibleItem(stores, person, request.params.id);
        if (patch.state === 'handled' && found.hasContact && patch.note === undefined) {
          throw new ApiFailure(
            400,
            'note_required',
            'note: an item with a contact request needs a note of how it was handled',
          );
        }
        let contactDeleted = false;
        if (patch.state === 'handled') {
          contactDeleted = await stores.feedback.markHandled(
            found.id,
            at,
            actorOf(person),
            patch.note,
          );
        } else {
          await stores.feedback.markRead(found.id, at);
        }
        // The note is a person's free text (it may name the patient): never in the log.
        await audit(
          ctx,
          person,
          `feedback_${patch.state}`,
          found.id,
          { unitId: found.unitId, contactDeleted },
          stores,
        );
        return (await stores.feedback.byId(found.id))!;
      });
      return reply.send(itemOf(item));
    },
  );

  app.post<IdParams>(
    `${API_PREFIX}/feedback/:id/contact`,
    { ...guarded, bodyLimit: BODY_LIMITS.admin },
    async (request, reply) => {
      const person = personOf(request);
      const item = await visibleItem(ctx.stores, person, request.params.id);
      if (!item.hasContact) {
        throw new ApiFailure(404, 'contact_unknown', 'this feedback item has no contact request');
      }
      const sealed = await ctx.stores.feedback.sealedContact(item.id);
      if (sealed === undefined) {
        throw new ApiFailure(
          410,
          'contact_deleted',
          'the contact was deleted (the item was handled, or its 30 days passed)',
        );
      }
      const key = ctx.contactKey;
      if (key === undefined) {
        throw new ApiFailure(
          503,
          'contact_key_missing',
          'the server has no contact key (start it with --contact-key FILE)',
        );
      }
      const text = await openSealed(key, sealed);
      let opened;
      try {
        opened = text === undefined ? undefined : (JSON.parse(text) as unknown);
      } catch {
        opened = undefined;
      }
      const contact = OpenedContactSchema.shape.contact.safeParse(opened);
      if (!contact.success) {
        // The id only: neither the box nor what came out of it.
        ctx.logger.error('contact_unreadable', { feedbackId: item.id });
        throw new ApiFailure(
          500,
          'contact_unreadable',
          'the contact does not open with the server’s key (sealed with another key, or damaged)',
        );
      }
      // Written before the contact leaves the server: no opening goes unrecorded.
      await audit(ctx, person, 'contact_opened', item.id, { unitId: item.unitId });
      return reply.send({ contact: contact.data });
    },
  );
}
