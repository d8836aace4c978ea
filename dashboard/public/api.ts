import { z } from 'zod';
import {
  UnitNoteListSchema,
  UnitNoteSchema,
  type UnitNote,
  type UnitNoteInput,
} from '../../core/public-api';
import { failureWithCode, getJson, request, sendJson, type Failure, type Result } from '../api';

/**
 * The calls of a unit's public results and reports (central-reports.md, "Public results" and
 * "Reports"): publishing, the "You said, we did" notes, and the addresses of the unit's PDFs and
 * public page. A refusal the page has words of its own for comes back as the server's code.
 */

const REFUSALS = ['forbidden', 'unit_unknown', 'note_unknown'] as const;
export type PublicFailure = Failure | (typeof REFUSALS)[number];
export type PublicResult<T> = { ok: true; value: T } | { ok: false; reason: PublicFailure };

/** What `PATCH /v1/admin/units/{unitId}` answers that this page reads. */
const UnitAnswerSchema = z.object({ unitId: z.string(), public: z.boolean() });

const notesPath = (unitId: string) => `/v1/units/${encodeURIComponent(unitId)}/notes`;

/** `PATCH /v1/admin/units/{unitId}` `{public}` → whether the unit's results are now public. */
export async function setUnitPublic(
  unitId: string,
  published: boolean,
): Promise<PublicResult<boolean>> {
  const path = `/v1/admin/units/${encodeURIComponent(unitId)}`;
  const result = await sendJson('PATCH', path, { public: published }, UnitAnswerSchema, REFUSALS);
  return result.ok ? { ok: true, value: result.value.public } : result;
}

/** `GET /v1/units/{unitId}/notes`: the unit's notes, newest first. */
export function fetchNotes(unitId: string): Promise<Result<UnitNote[]>> {
  return getJson(notesPath(unitId), UnitNoteListSchema);
}

/** `POST /v1/units/{unitId}/notes` → 201 the note as stored (personal data taken out). */
export function addNote(unitId: string, note: UnitNoteInput): Promise<PublicResult<UnitNote>> {
  return sendJson('POST', notesPath(unitId), note, UnitNoteSchema, REFUSALS);
}

/** `DELETE /v1/units/{unitId}/notes/{id}` → 204. */
export async function deleteNote(unitId: string, noteId: string): Promise<PublicResult<null>> {
  const response = await request(`${notesPath(unitId)}/${encodeURIComponent(noteId)}`, {
    method: 'DELETE',
    headers: { accept: 'application/json' },
  });
  if (response === undefined) {
    return { ok: false, reason: 'network' };
  }
  return response.ok
    ? { ok: true, value: null }
    : { ok: false, reason: await failureWithCode(response, REFUSALS) };
}

/** The unit's public page (`GET /public/units/{unitId}?lang=`), in the dashboard's language. */
export function publicPageHref(unitId: string, language: string): string {
  const query = new URLSearchParams({ lang: language });
  return `/public/units/${encodeURIComponent(unitId)}?${query.toString()}`;
}

/** The wall poster of a month (`YYYY-MM`): the public page's figures, never a comment. */
export function posterHref(unitId: string, month: string): string {
  const query = new URLSearchParams({ month });
  return `/v1/reports/units/${encodeURIComponent(unitId)}/poster.pdf?${query.toString()}`;
}

/** The managers' report of a month; with `comments` the answers' comments too (audited). */
export function monthReportHref(unitId: string, month: string, comments: boolean): string {
  const query = new URLSearchParams({ month });
  if (comments) {
    query.set('comments', 'true');
  }
  return `/v1/reports/units/${encodeURIComponent(unitId)}/month.pdf?${query.toString()}`;
}
