import { useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { UnitNote } from '../../core/public-api';
import { LANGUAGES, type Language } from '../i18n/language';
import { addNote, type PublicFailure } from './api';
import { publicFailureKey } from './failure-key';
import {
  checkNote,
  emptyDraft,
  hasErrors,
  NOTE_PARTS,
  NOTE_TEXT_MAX,
  type NoteDraft,
  type NoteErrors,
  type NotePart,
} from './note-input';

type Props = {
  unitId: string;
  onAdded: (note: UnitNote) => void;
  onSignedOut: () => void;
};

type FormState =
  | { kind: 'editing'; errors: NoteErrors | null; failure: PublicFailure | null }
  | { kind: 'sending' };

/**
 * A new note: what the feedback said and what the unit did, each in Finnish, Swedish and English
 * (at least one). Each field counts its characters; what is wrong is said beside the field, and
 * the first such field takes the focus. Once a draft was refused, it is checked as it is typed,
 * so a message goes as soon as it is mended.
 */
export function NoteForm({ unitId, onAdded, onSignedOut }: Props) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const [draft, setDraft] = useState<NoteDraft>(emptyDraft);
  const [state, setState] = useState<FormState>({ kind: 'editing', errors: null, failure: null });
  const fields = useRef(new Map<string, HTMLTextAreaElement>());
  const number = new Intl.NumberFormat(i18n.language);

  const fieldId = (part: NotePart, language: Language) => `${id}-${part}-${language}`;
  const errors = state.kind === 'editing' ? state.errors : null;
  const failure = state.kind === 'editing' ? state.failure : null;

  const change = (part: NotePart, language: Language, text: string) => {
    const next = { ...draft, [part]: { ...draft[part], [language]: text } };
    setDraft(next);
    if (errors !== null) {
      const checked = checkNote(next);
      setState({ kind: 'editing', errors: checked.ok ? null : checked.errors, failure: null });
    }
  };

  const focusFirstError = (found: NoteErrors) => {
    for (const part of NOTE_PARTS) {
      const first = found[part].empty ? LANGUAGES[0] : found[part].tooLong[0];
      if (first !== undefined) {
        fields.current.get(fieldId(part, first))?.focus();
        return;
      }
    }
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (state.kind === 'sending') {
      return;
    }
    const checked = checkNote(draft);
    if (!checked.ok) {
      setState({ kind: 'editing', errors: checked.errors, failure: null });
      focusFirstError(checked.errors);
      return;
    }
    setState({ kind: 'sending' });
    const result = await addNote(unitId, checked.input);
    if (result.ok) {
      setDraft(emptyDraft());
      setState({ kind: 'editing', errors: null, failure: null });
      onAdded(result.value);
    } else if (result.reason === 'unauthorized') {
      onSignedOut();
    } else {
      setState({ kind: 'editing', errors: null, failure: result.reason });
    }
  };

  const part = (name: NotePart) => {
    const found = errors?.[name];
    const emptyId = `${id}-${name}-empty`;
    return (
      <fieldset
        key={name}
        className="public-fieldset"
        aria-describedby={found?.empty === true ? emptyId : undefined}
      >
        <legend>{t(`public.notes.form.${name}`)}</legend>
        {found?.empty === true && (
          <p id={emptyId} className="error">
            {t(`public.notes.form.${name}Empty`)}
          </p>
        )}
        {LANGUAGES.map((language) => {
          const field = fieldId(name, language);
          const tooLong = found?.tooLong.includes(language) === true;
          const described = [
            found?.empty === true ? emptyId : null,
            tooLong ? `${field}-error` : null,
            `${field}-count`,
          ].filter((one) => one !== null);
          return (
            <div key={language} className="field">
              <label htmlFor={field}>{t(`public.notes.form.language.${language}`)}</label>
              <textarea
                id={field}
                ref={(element) => {
                  if (element === null) {
                    fields.current.delete(field);
                  } else {
                    fields.current.set(field, element);
                  }
                }}
                lang={language}
                rows={2}
                value={draft[name][language]}
                aria-invalid={found?.empty === true || tooLong}
                aria-describedby={described.join(' ')}
                onChange={(event) => change(name, language, event.target.value)}
              />
              {tooLong && (
                <p id={`${field}-error`} className="error">
                  {t('public.notes.form.tooLong', { max: number.format(NOTE_TEXT_MAX) })}
                </p>
              )}
              <p
                id={`${field}-count`}
                className={
                  draft[name][language].trim().length > NOTE_TEXT_MAX
                    ? 'public-count over'
                    : 'public-count'
                }
              >
                {t('public.notes.form.count', {
                  used: number.format(draft[name][language].trim().length),
                  max: number.format(NOTE_TEXT_MAX),
                })}
              </p>
            </div>
          );
        })}
      </fieldset>
    );
  };

  return (
    <form
      className="public-form"
      aria-labelledby={`${id}-heading`}
      noValidate
      onSubmit={(event) => void submit(event)}
    >
      <h4 id={`${id}-heading`}>{t('public.notes.form.heading')}</h4>
      <p className="note">{t('public.notes.form.hint', { max: number.format(NOTE_TEXT_MAX) })}</p>
      {NOTE_PARTS.map(part)}
      {failure !== null && (
        <p role="alert">{t(publicFailureKey(failure, 'public.notes.form.refused'))}</p>
      )}
      {errors !== null && (hasErrors(errors.youSaid) || hasErrors(errors.weDid)) && (
        <p className="error">{t('public.notes.form.mend')}</p>
      )}
      <div className="public-actions">
        <button type="submit" aria-disabled={state.kind === 'sending'}>
          {t(state.kind === 'sending' ? 'public.notes.form.saving' : 'public.notes.form.save')}
        </button>
      </div>
    </form>
  );
}
