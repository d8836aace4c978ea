import { useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { NOTE_MAX_LENGTH, type FeedbackItem } from '../../core/feedback-api';
import { changeFeedback, type ChangeFailure } from './api';
import { changeFailureKey } from './failure-key';

type Props = {
  item: FeedbackItem;
  onHandled: (item: FeedbackItem) => void;
  onSignedOut: () => void;
};

type FormState = { kind: 'editing'; failure: ChangeFailure | null } | { kind: 'sending' };

/**
 * "Mark handled" with a note. A contact request needs the note (how it was answered), and
 * handling it deletes its contact details: both are said before the button, and a missing note
 * is said at the field, which takes the focus.
 */
export function HandleForm({ item, onHandled, onSignedOut }: Props) {
  const { t } = useTranslation();
  const fieldId = useId();
  const hintId = useId();
  const errorId = useId();
  const noteRef = useRef<HTMLTextAreaElement>(null);
  const [note, setNote] = useState('');
  const [state, setState] = useState<FormState>({ kind: 'editing', failure: null });
  const required = item.hasContact;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (state.kind === 'sending') {
      return;
    }
    const written = note.trim();
    if (required && written === '') {
      setState({ kind: 'editing', failure: 'note_required' });
      noteRef.current?.focus();
      return;
    }
    setState({ kind: 'sending' });
    const result = await changeFeedback(
      item.id,
      written === '' ? { state: 'handled' } : { state: 'handled', note: written },
    );
    if (result.ok) {
      onHandled(result.value);
    } else if (result.reason === 'unauthorized') {
      onSignedOut();
    } else {
      setState({ kind: 'editing', failure: result.reason });
      if (result.reason === 'note_required') {
        noteRef.current?.focus();
      }
    }
  };

  const failure = state.kind === 'editing' ? state.failure : null;
  const noteMissing = failure === 'note_required';
  return (
    <form className="inbox-handle" noValidate onSubmit={(event) => void submit(event)}>
      <div className="field">
        <label htmlFor={fieldId}>
          {t(required ? 'inbox.handle.noteRequiredLabel' : 'inbox.handle.note')}
        </label>
        <p id={hintId} className="inbox-hint">
          {t(required ? 'inbox.handle.contactHint' : 'inbox.handle.hint')}
        </p>
        <textarea
          id={fieldId}
          ref={noteRef}
          rows={3}
          maxLength={NOTE_MAX_LENGTH}
          value={note}
          required={required}
          aria-invalid={noteMissing}
          aria-describedby={noteMissing ? `${errorId} ${hintId}` : hintId}
          onChange={(event) => setNote(event.target.value)}
        />
        <div role="alert" className="inbox-alert-region">
          {failure !== null && (
            <p id={errorId} className="error">
              {t(changeFailureKey(failure))}
            </p>
          )}
        </div>
      </div>
      <button type="submit" aria-disabled={state.kind === 'sending'}>
        {t(state.kind === 'sending' ? 'inbox.handle.sending' : 'inbox.handle.submit')}
      </button>
    </form>
  );
}
