import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { publicPageHref, setUnitPublic, type PublicFailure } from './api';
import { publicFailureKey } from './failure-key';

type Props = {
  unitId: string;
  unitName: string;
  published: boolean;
  /** County accounts publish and withdraw; a unit account reads the state only. */
  canPublish: boolean;
  onChanged: (published: boolean) => void;
  onSignedOut: () => void;
};

type PublishState =
  | { kind: 'idle'; failure: PublicFailure | null; done: 'published' | 'withdrawn' | null }
  | { kind: 'confirming' }
  | { kind: 'sending'; to: boolean };

/**
 * Whether the unit's figures are public, with the link to its public page when they are. A
 * county account publishes only after reading, in words, what that means; withdrawing is the
 * safe direction and asks nothing.
 */
export function PublishControl({
  unitId,
  unitName,
  published,
  canPublish,
  onChanged,
  onSignedOut,
}: Props) {
  const { t, i18n } = useTranslation();
  const questionId = useId();
  const [state, setState] = useState<PublishState>({ kind: 'idle', failure: null, done: null });
  const toggleRef = useRef<HTMLButtonElement>(null);
  const confirmRef = useRef<HTMLDivElement>(null);
  const returnFocus = useRef(false);

  useEffect(() => {
    if (state.kind === 'confirming') {
      confirmRef.current?.focus();
    } else if (state.kind === 'sending' || returnFocus.current) {
      // Back on the button once the question has gone (answered or cancelled).
      returnFocus.current = false;
      toggleRef.current?.focus();
    }
  }, [state.kind]);

  const send = async (to: boolean) => {
    setState({ kind: 'sending', to });
    const result = await setUnitPublic(unitId, to);
    if (result.ok) {
      onChanged(result.value);
      setState({ kind: 'idle', failure: null, done: result.value ? 'published' : 'withdrawn' });
    } else if (result.reason === 'unauthorized') {
      onSignedOut();
    } else {
      setState({ kind: 'idle', failure: result.reason, done: null });
    }
  };

  const cancel = () => {
    returnFocus.current = true;
    setState({ kind: 'idle', failure: null, done: null });
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      cancel();
    }
  };

  const toggleText = () => {
    if (state.kind === 'sending') {
      return t(state.to ? 'public.publishing.publishing' : 'public.publishing.withdrawing');
    }
    return t(published ? 'public.publishing.withdraw' : 'public.publishing.publish');
  };

  return (
    <div className="public-part">
      <h3>{t('public.publishing.heading')}</h3>
      <p>{t(published ? 'public.publishing.isPublic' : 'public.publishing.notPublic')}</p>
      {published && (
        <p>
          <a href={publicPageHref(unitId, i18n.language)}>{t('public.publishing.link')}</a>
        </p>
      )}
      {canPublish && state.kind !== 'confirming' && (
        <button
          type="button"
          ref={toggleRef}
          aria-disabled={state.kind === 'sending'}
          onClick={() => {
            if (state.kind === 'idle') {
              if (published) {
                void send(false);
              } else {
                setState({ kind: 'confirming' });
              }
            }
          }}
        >
          {toggleText()}
        </button>
      )}
      {state.kind === 'confirming' && (
        <div
          ref={confirmRef}
          className="public-confirm"
          role="group"
          aria-labelledby={questionId}
          tabIndex={-1}
          onKeyDown={onKeyDown}
        >
          <p id={questionId}>
            <strong>{t('public.publishing.confirmQuestion', { unit: unitName })}</strong>{' '}
            {t('public.publishing.confirmText')}
          </p>
          <div className="public-actions">
            <button type="button" className="public-strong" onClick={() => void send(true)}>
              {t('public.publishing.confirm')}
            </button>
            <button type="button" onClick={cancel}>
              {t('public.cancel')}
            </button>
          </div>
        </div>
      )}
      <p role="status" className="public-status">
        {state.kind === 'idle' && state.done !== null ? t(`public.publishing.${state.done}`) : ''}
      </p>
      {state.kind === 'idle' && state.failure !== null && (
        <p role="alert">{t(publicFailureKey(state.failure, 'errors.server'))}</p>
      )}
    </div>
  );
}
