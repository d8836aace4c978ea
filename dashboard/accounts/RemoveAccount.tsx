import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Account } from '../../core/accounts-api';
import { removeAccount, type ChangeFailure } from './api';
import { changeErrorKey } from './change-errors';

type Props = {
  account: Account;
  onRemoved: (email: string) => void;
  /** The account was removed meanwhile (404 account_unknown). */
  onGone: (email: string) => void;
  onCancel: () => void;
  onSignedOut: () => void;
};

type RemoveState = { kind: 'asking'; failure: ChangeFailure | null } | { kind: 'sending' };

/**
 * The second step of removing an account, under its row: the question takes the focus so a
 * screen reader says it, Remove and Cancel follow it, and Escape cancels.
 */
export function RemoveAccount({ account, onRemoved, onGone, onCancel, onSignedOut }: Props) {
  const { t } = useTranslation();
  const questionId = useId();
  const [state, setState] = useState<RemoveState>({ kind: 'asking', failure: null });
  const groupRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    groupRef.current?.focus();
  }, []);

  const remove = async () => {
    if (state.kind === 'sending') {
      return;
    }
    setState({ kind: 'sending' });
    const result = await removeAccount(account.email);
    if (result.ok) {
      onRemoved(account.email);
    } else if (result.reason === 'unauthorized') {
      onSignedOut();
    } else if (result.reason === 'account_unknown') {
      onGone(account.email);
    } else {
      setState({ kind: 'asking', failure: result.reason });
    }
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      onCancel();
    }
  };

  const failure = state.kind === 'asking' ? state.failure : null;
  return (
    <div
      ref={groupRef}
      className="admin-detail"
      role="group"
      aria-labelledby={questionId}
      tabIndex={-1}
      onKeyDown={onKeyDown}
    >
      <p id={questionId}>
        <strong>{t('accounts.remove.question', { email: account.email })}</strong>{' '}
        {t('accounts.remove.consequence')}
      </p>
      <div role="alert" className="alert-region">
        {failure !== null && <p className="error">{t(changeErrorKey(failure, 'errors.server'))}</p>}
      </div>
      <div className="admin-actions">
        <button type="button" className="admin-danger" onClick={() => void remove()}>
          {state.kind === 'sending' ? t('accounts.remove.removing') : t('accounts.remove.confirm')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('accounts.cancel')}
        </button>
      </div>
    </div>
  );
}
