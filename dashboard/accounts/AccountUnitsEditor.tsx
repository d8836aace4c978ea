import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Account } from '../../core/accounts-api';
import { changeAccountUnits, type ChangeFailure } from './api';
import { changeErrorKey } from './change-errors';
import type { KnownUnit } from './known-units';
import { UnitChoices } from './UnitChoices';

type Props = {
  account: Account;
  units: readonly KnownUnit[];
  onSaved: (account: Account) => void;
  /** The account was removed meanwhile (404 account_unknown). */
  onGone: (email: string) => void;
  onCancel: () => void;
  onSignedOut: () => void;
};

type EditState =
  { kind: 'editing'; failure: ChangeFailure | null; missing: boolean } | { kind: 'sending' };

/** A unit account's units, changed in place under its row; Escape or Cancel leaves them be. */
export function AccountUnitsEditor({
  account,
  units,
  onSaved,
  onGone,
  onCancel,
  onSignedOut,
}: Props) {
  const { t } = useTranslation();
  const [chosen, setChosen] = useState<ReadonlySet<string>>(() => new Set(account.units));
  const [state, setState] = useState<EditState>({ kind: 'editing', failure: null, missing: false });
  const firstRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    firstRef.current?.focus();
  }, []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (state.kind === 'sending') {
      return;
    }
    if (chosen.size === 0) {
      setState({ kind: 'editing', failure: null, missing: true });
      firstRef.current?.focus();
      return;
    }
    setState({ kind: 'sending' });
    // In the order the checkboxes show them, the account's unknown ones kept at the end.
    const ids = [
      ...units.map((unit) => unit.id).filter((id) => chosen.has(id)),
      ...[...chosen].filter((id) => !units.some((unit) => unit.id === id)),
    ];
    const result = await changeAccountUnits(account.email, ids);
    if (result.ok) {
      onSaved(result.value);
    } else if (result.reason === 'unauthorized') {
      onSignedOut();
    } else if (result.reason === 'account_unknown') {
      onGone(account.email);
    } else {
      setState({ kind: 'editing', failure: result.reason, missing: false });
    }
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      onCancel();
    }
  };

  const failure = state.kind === 'editing' ? state.failure : null;
  const missing = state.kind === 'editing' && state.missing;
  return (
    <form
      className="admin-form admin-detail"
      onSubmit={(event) => void submit(event)}
      onKeyDown={onKeyDown}
      noValidate
    >
      <UnitChoices
        legend={t('accounts.editUnits.legend', { email: account.email })}
        units={units}
        chosen={chosen}
        onChange={setChosen}
        error={missing ? t('accounts.form.unitsMissing') : undefined}
        firstRef={firstRef}
      />
      <div role="alert" className="alert-region">
        {failure !== null && (
          <p className="error">{t(changeErrorKey(failure, 'accounts.errors.invalidUnits'))}</p>
        )}
      </div>
      <div className="admin-actions">
        <button type="submit" aria-disabled={state.kind === 'sending'}>
          {state.kind === 'sending' ? t('accounts.saving') : t('accounts.editUnits.save')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('accounts.cancel')}
        </button>
      </div>
    </form>
  );
}
