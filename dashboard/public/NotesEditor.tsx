import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UnitNote } from '../../core/public-api';
import { errorKey } from '../errors';
import { useReport } from '../use-report';
import { fetchNotes } from './api';
import { NoteForm } from './NoteForm';
import { NoteItem } from './NoteItem';

type Props = {
  unitId: string;
  /** Whether the notes are on the public page now. */
  published: boolean;
  onSignedOut: () => void;
};

type Done = 'added' | 'deleted' | null;

/**
 * "You said, we did": the notes the unit's managers write for its public page, newest first,
 * each deleted after a second step, and the form that adds one. The page says before anything is
 * written that the notes are public text and must never name a patient.
 */
export function NotesEditor({ unitId, published, onSignedOut }: Props) {
  const { t } = useTranslation();
  const { shown, update } = useReport(unitId, () => fetchNotes(unitId), onSignedOut);
  const [done, setDone] = useState<Done>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);

  const added = (note: UnitNote) => {
    update((notes) => [note, ...notes]);
    setDone('added');
  };

  const deleted = (noteId: string) => {
    update((notes) => notes.filter((note) => note.id !== noteId));
    setDone('deleted');
    // Its delete button has gone with it: the list's heading takes the focus.
    headingRef.current?.focus();
  };

  return (
    <div className="public-part">
      <h3 ref={headingRef} tabIndex={-1}>
        {t('public.notes.heading')}
      </h3>
      <p>{t('public.notes.intro')}</p>
      <p className="public-warning">
        <strong>{t(published ? 'public.notes.publicNow' : 'public.notes.publicLater')}</strong>{' '}
        {t('public.notes.noPatients')}
      </p>
      {shown.kind === 'loading' && <p role="status">{t('public.notes.loading')}</p>}
      {shown.kind === 'failed' && (
        <p role="alert">
          {t('public.notes.loadFailed')} {t(errorKey(shown.reason))}
        </p>
      )}
      {shown.kind === 'ready' && shown.value.length === 0 && (
        <p className="note">{t('public.notes.none')}</p>
      )}
      {shown.kind === 'ready' && shown.value.length > 0 && (
        <ul className="public-notes" aria-label={t('public.notes.listLabel')}>
          {shown.value.map((note) => (
            <NoteItem
              key={note.id}
              unitId={unitId}
              note={note}
              onDeleted={deleted}
              onSignedOut={onSignedOut}
            />
          ))}
        </ul>
      )}
      <p role="status" className="public-status">
        {done === null ? '' : t(`public.notes.${done}`)}
      </p>
      <NoteForm unitId={unitId} onAdded={added} onSignedOut={onSignedOut} />
    </div>
  );
}
