import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { NOTE_MAX_LENGTH, type Alert } from '../../core/feedback-api';
import { errorKey } from '../errors';
import { acknowledgeAlert, type AcknowledgeFailure } from './api';

type Props = {
  alert: Alert;
  unitName: string;
  onAcknowledged: (alert: Alert) => void;
  /** Someone acknowledged it meanwhile (409): the page loads the alerts again. */
  onAlreadyAcknowledged: () => void;
  onCancel: () => void;
  onSignedOut: () => void;
};

type FormFailure = AcknowledgeFailure | 'comment_missing';
type FormState = { kind: 'editing'; failure: FormFailure | null } | { kind: 'sending' };

function failureKey(failure: FormFailure): string {
  switch (failure) {
    case 'comment_missing':
      return 'alerts.acknowledge.commentMissing';
    case 'alert_acknowledged':
      return 'alerts.acknowledge.already';
    case 'alert_unknown':
      return 'alerts.errors.unknown';
    case 'forbidden':
      return 'alerts.errors.forbidden';
    case 'invalid':
      return 'alerts.errors.refused';
    default:
      return errorKey(failure);
  }
}

/**
 * Acknowledging an alert: a comment (what was done, or why nothing needs doing) is required.
 * The field takes the focus when the form opens; Escape cancels.
 */
export function AcknowledgeForm(props: Props) {
  const { alert, onSignedOut } = props;
  const { t } = useTranslation();
  const fieldId = useId();
  const errorId = useId();
  const commentRef = useRef<HTMLTextAreaElement>(null);
  const [comment, setComment] = useState('');
  const [state, setState] = useState<FormState>({ kind: 'editing', failure: null });

  useEffect(() => {
    commentRef.current?.focus();
  }, []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (state.kind === 'sending') {
      return;
    }
    const written = comment.trim();
    if (written === '') {
      setState({ kind: 'editing', failure: 'comment_missing' });
      commentRef.current?.focus();
      return;
    }
    setState({ kind: 'sending' });
    const result = await acknowledgeAlert(alert.id, written);
    if (result.ok) {
      props.onAcknowledged(result.value);
    } else if (result.reason === 'unauthorized') {
      onSignedOut();
    } else {
      setState({ kind: 'editing', failure: result.reason });
      if (result.reason === 'alert_acknowledged') {
        props.onAlreadyAcknowledged();
      }
    }
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && state.kind !== 'sending') {
      event.preventDefault();
      props.onCancel();
    }
  };

  const failure = state.kind === 'editing' ? state.failure : null;
  const missing = failure === 'comment_missing';
  return (
    <form
      className="alerts-form"
      noValidate
      onSubmit={(event) => void submit(event)}
      onKeyDown={onKeyDown}
      aria-label={t('alerts.acknowledge.formLabel', { unit: props.unitName })}
    >
      <div className="field">
        <label htmlFor={fieldId}>{t('alerts.acknowledge.comment')}</label>
        <textarea
          id={fieldId}
          ref={commentRef}
          rows={3}
          maxLength={NOTE_MAX_LENGTH}
          required
          value={comment}
          aria-invalid={missing}
          aria-describedby={failure === null ? undefined : errorId}
          onChange={(event) => setComment(event.target.value)}
        />
        <div role="alert" className="alerts-alert-region">
          {failure !== null && (
            <p id={errorId} className="error">
              {t(failureKey(failure))}
            </p>
          )}
        </div>
      </div>
      <div className="alerts-actions">
        <button type="submit" aria-disabled={state.kind === 'sending'}>
          {t(state.kind === 'sending' ? 'alerts.acknowledge.sending' : 'alerts.acknowledge.submit')}
        </button>
        <button type="button" onClick={props.onCancel}>
          {t('alerts.cancel')}
        </button>
      </div>
    </form>
  );
}
