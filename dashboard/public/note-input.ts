import { UnitNoteInputSchema, type NoteText, type UnitNoteInput } from '../../core/public-api';
import { LANGUAGES, type Language } from '../i18n/language';

/**
 * A "You said, we did" note as typed: the two parts, each in fi, sv and en. What is sent is each
 * part's filled languages, trimmed; the server's rules (core/public-api.ts, NoteTextSchema) are
 * checked here first so that a person reads which field to mend.
 */

/** The longest text of one language (NoteTextSchema's `max`). */
export const NOTE_TEXT_MAX = 300;

export const NOTE_PARTS = ['youSaid', 'weDid'] as const;
export type NotePart = (typeof NOTE_PARTS)[number];

export type NoteDraft = Record<NotePart, Record<Language, string>>;

/** What is wrong with one part: no language filled, or these languages too long. */
export type PartErrors = { empty: boolean; tooLong: Language[] };
export type NoteErrors = Record<NotePart, PartErrors>;

export type NoteCheck = { ok: true; input: UnitNoteInput } | { ok: false; errors: NoteErrors };

export function emptyDraft(): NoteDraft {
  return { youSaid: { fi: '', sv: '', en: '' }, weDid: { fi: '', sv: '', en: '' } };
}

export function hasErrors(errors: PartErrors): boolean {
  return errors.empty || errors.tooLong.length > 0;
}

function partErrors(texts: Record<Language, string>): PartErrors {
  const filled = LANGUAGES.filter((language) => texts[language].trim() !== '');
  return {
    empty: filled.length === 0,
    tooLong: filled.filter((language) => texts[language].trim().length > NOTE_TEXT_MAX),
  };
}

function noteText(texts: Record<Language, string>): NoteText {
  return Object.fromEntries(
    LANGUAGES.filter((language) => texts[language].trim() !== '').map((language) => [
      language,
      texts[language].trim(),
    ]),
  );
}

/** The body of `POST /v1/units/{unitId}/notes`, or what keeps the draft from being one. */
export function checkNote(draft: NoteDraft): NoteCheck {
  const errors: NoteErrors = { youSaid: partErrors(draft.youSaid), weDid: partErrors(draft.weDid) };
  if (hasErrors(errors.youSaid) || hasErrors(errors.weDid)) {
    return { ok: false, errors };
  }
  const parsed = UnitNoteInputSchema.safeParse({
    youSaid: noteText(draft.youSaid),
    weDid: noteText(draft.weDid),
  });
  // The checks above are the schema's own; a draft they pass, it passes.
  return parsed.success ? { ok: true, input: parsed.data } : { ok: false, errors };
}
