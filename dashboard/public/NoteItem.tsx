import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { UnitNote } from '../../core/public-api';
import { deleteNote, type PublicFailure } from './api';
import { publicFailureKey } from './failure-key';
import { NoteTexts } from './NoteTexts';

type Props = {
  unitId: string;
  note: UnitNote;
  onDeleted: (noteId: string) => void;
  onSignedOut: () => void;
};

type DeleteState =
  { kind: 'idle'; failure: PublicFailure | null } | { kind: 'confirming' } | { kind: 'deleting' };

/** The day a note was written, in the reader's language. */
function writtenOn(createdAt: string, language: string): string {
  const date = new Date(createdAt);
  return Number.isNaN(date.getTime())
    ? createdAt
    : new Intl.DateTimeFormat(language, { dateStyle: 'long' }).format(date);
}

/**
 * One note: what was said and what was done, who wrote it and when, and its deletion in two
 * steps (the question takes the focus so a screen reader says it; Escape cancels).
 */
export function NoteItem({ unitId, note, onDeleted, onSignedOut }: Props) {
  const { t, i18n } = useTranslation();
  const youSaidId = useId();
  const questionId = useId();
  const [state, setState] = useState<DeleteState>({ kind: 'idle', failure: null });
  const deleteRef = useRef<HTMLButtonElement>(null);
  const confirmRef = useRef<HTMLDivElement>(null);
  const returnFocus = useRef(false);

  useEffect(() => {
    if (state.kind === 'confirming') {
      confirmRef.current?.focus();
    } else if (state.kind === 'idle' && returnFocus.current) {
      returnFocus.current = false;
      deleteRef.current?.focus();
    }
  }, [state.kind]);

  const remove = async () => {
    setState({ kind: 'deleting' });
    const result = await deleteNote(unitId, note.id);
    if (result.ok || (!result.ok && result.reason === 'note_unknown')) {
      // Deleted, here or elsewhere: either way it is no longer on the public page.
      onDeleted(note.id);
    } else if (result.reason === 'unauthorized') {
      onSignedOut();
    } else {
      returnFocus.current = true;
      setState({ kind: 'idle', failure: result.reason });
    }
  };

  const cancel = () => {
    if (state.kind === 'deleting') {
      return;
    }
    returnFocus.current = true;
    setState({ kind: 'idle', failure: null });
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      cancel();
    }
  };

  return (
    <li className="public-note">
      <dl>
        <dt>{t('public.notes.youSaid')}</dt>
        <dd>
          <NoteTexts text={note.youSaid} id={youSaidId} />
        </dd>
        <dt>{t('public.notes.weDid')}</dt>
        <dd>
          <NoteTexts text={note.weDid} />
        </dd>
      </dl>
      <p className="public-meta">
        {t('public.notes.written', {
          date: writtenOn(note.createdAt, i18n.language),
          who: note.createdBy,
        })}
      </p>
      {state.kind === 'idle' && (
        <button
          type="button"
          ref={deleteRef}
          className="public-danger"
          aria-describedby={youSaidId}
          onClick={() => setState({ kind: 'confirming' })}
        >
          {t('public.notes.delete')}
        </button>
      )}
      {state.kind !== 'idle' && (
        <div
          ref={confirmRef}
          className="public-confirm"
          role="group"
          aria-labelledby={questionId}
          tabIndex={-1}
          onKeyDown={onKeyDown}
        >
          <p id={questionId}>
            <strong>{t('public.notes.deleteQuestion')}</strong> {t('public.notes.deleteText')}
          </p>
          <div className="public-actions">
            <button
              type="button"
              className="public-danger public-strong"
              aria-disabled={state.kind === 'deleting'}
              onClick={() => {
                if (state.kind === 'confirming') {
                  void remove();
                }
              }}
            >
              {t(
                state.kind === 'deleting' ? 'public.notes.deleting' : 'public.notes.deleteConfirm',
              )}
            </button>
            <button type="button" aria-disabled={state.kind === 'deleting'} onClick={cancel}>
              {t('public.cancel')}
            </button>
          </div>
        </div>
      )}
      {state.kind === 'idle' && state.failure !== null && (
        <p role="alert">{t(publicFailureKey(state.failure, 'errors.server'))}</p>
      )}
    </li>
  );
}
