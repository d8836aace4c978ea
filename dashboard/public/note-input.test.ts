import { describe, expect, it } from 'vitest';
import { NoteTextSchema } from '../../core/public-api';
import { checkNote, emptyDraft, NOTE_TEXT_MAX, type NoteDraft } from './note-input';

function draft(change: (d: NoteDraft) => void): NoteDraft {
  const d = emptyDraft();
  change(d);
  return d;
}

describe('a "You said, we did" note as typed', () => {
  it('sends each part’s filled languages, trimmed, and leaves the empty ones out', () => {
    const checked = checkNote(
      draft((d) => {
        d.youSaid.fi = '  Odotus oli pitkä. ';
        d.youSaid.sv = '   ';
        d.weDid.fi = 'Lisäsimme aamuvuoron.';
        d.weDid.en = 'We added a morning shift.';
      }),
    );
    expect(checked).toEqual({
      ok: true,
      input: {
        youSaid: { fi: 'Odotus oli pitkä.' },
        weDid: { fi: 'Lisäsimme aamuvuoron.', en: 'We added a morning shift.' },
      },
    });
  });

  it('says which part has no language filled', () => {
    const checked = checkNote(draft((d) => (d.youSaid.sv = 'Lång väntan.')));
    expect(checked).toEqual({
      ok: false,
      errors: { youSaid: { empty: false, tooLong: [] }, weDid: { empty: true, tooLong: [] } },
    });
  });

  it('says which language is longer than the server takes, counting the trimmed text', () => {
    const checked = checkNote(
      draft((d) => {
        d.youSaid.fi = `  ${'a'.repeat(NOTE_TEXT_MAX)}  `;
        d.weDid.en = 'b'.repeat(NOTE_TEXT_MAX + 1);
      }),
    );
    expect(checked).toEqual({
      ok: false,
      errors: { youSaid: { empty: false, tooLong: [] }, weDid: { empty: false, tooLong: ['en'] } },
    });
  });

  it('holds the same limit as the server’s schema', () => {
    expect(NoteTextSchema.safeParse({ fi: 'a'.repeat(NOTE_TEXT_MAX) }).success).toBe(true);
    expect(NoteTextSchema.safeParse({ fi: 'a'.repeat(NOTE_TEXT_MAX + 1) }).success).toBe(false);
  });
});
