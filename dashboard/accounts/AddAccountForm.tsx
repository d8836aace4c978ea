import { useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MIN_PASSWORD_LENGTH, type Account, type Role } from '../../core/accounts-api';
import { addAccount, type ChangeFailure } from './api';
import { accountRequest, FIELD_ORDER, type AccountDraft, type DraftErrors } from './account-form';
import { changeErrorKey } from './change-errors';
import type { KnownUnit } from './known-units';
import { UnitChoices } from './UnitChoices';

type Props = {
  units: readonly KnownUnit[];
  /** Whether the server offers the county's identity provider (`GET /v1/session/methods`). */
  oidc: boolean;
  onAdded: (account: Account) => void;
  onSignedOut: () => void;
};

type FormState = { kind: 'editing'; failure: ChangeFailure | null } | { kind: 'sending' };

const ROLES: readonly Role[] = ['unit', 'county'];
const LANGUAGES = ['fi', 'sv', 'en'] as const;

const EMPTY: AccountDraft = {
  email: '',
  role: 'unit',
  units: new Set(),
  language: 'fi',
  password: '',
};

/**
 * A new account: e-mail, role, a unit account's units, the language of its e-mails and an
 * optional password. Checked before sending by the server's own schema; each complaint sits
 * under its field and the first wrong field takes the focus.
 */
export function AddAccountForm({ units, oidc, onAdded, onSignedOut }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const [draft, setDraft] = useState<AccountDraft>(EMPTY);
  const [errors, setErrors] = useState<DraftErrors>({});
  const [state, setState] = useState<FormState>({ kind: 'editing', failure: null });
  const emailRef = useRef<HTMLInputElement>(null);
  const firstUnitRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);

  const change = (patch: Partial<AccountDraft>) => setDraft((now) => ({ ...now, ...patch }));
  const focusField = (field: keyof DraftErrors) =>
    ({ email: emailRef, units: firstUnitRef, password: passwordRef })[field].current?.focus();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (state.kind === 'sending') {
      return;
    }
    const checked = accountRequest(draft);
    if (!checked.ok) {
      setErrors(checked.errors);
      setState({ kind: 'editing', failure: null });
      const first = FIELD_ORDER.find((field) => checked.errors[field] !== undefined);
      if (first !== undefined) {
        focusField(first);
      }
      return;
    }
    setErrors({});
    setState({ kind: 'sending' });
    const result = await addAccount(checked.request);
    if (result.ok) {
      setDraft(EMPTY);
      setState({ kind: 'editing', failure: null });
      onAdded(result.value);
    } else if (result.reason === 'unauthorized') {
      onSignedOut();
    } else if (result.reason === 'account_exists') {
      setErrors({ email: 'accounts.errors.exists' });
      setState({ kind: 'editing', failure: null });
      emailRef.current?.focus();
    } else {
      setState({ kind: 'editing', failure: result.reason });
    }
  };

  const described = (...ids: (string | false)[]) =>
    ids.filter((value): value is string => value !== false).join(' ') || undefined;
  const failure = state.kind === 'editing' ? state.failure : null;
  const errorOf = (field: keyof DraftErrors) => {
    const key = errors[field];
    return key === undefined ? undefined : t(key, { min: MIN_PASSWORD_LENGTH });
  };

  return (
    <form className="admin-form" onSubmit={(event) => void submit(event)} noValidate>
      <div className="field">
        <label htmlFor={`${id}-email`}>{t('accounts.form.email')}</label>
        {errors.email !== undefined && (
          <p id={`${id}-email-error`} className="error">
            {errorOf('email')}
          </p>
        )}
        <input
          ref={emailRef}
          id={`${id}-email`}
          type="email"
          autoComplete="off"
          spellCheck={false}
          required
          aria-invalid={errors.email !== undefined}
          aria-describedby={described(errors.email !== undefined && `${id}-email-error`)}
          value={draft.email}
          onChange={(event) => change({ email: event.target.value })}
        />
      </div>

      <fieldset className="admin-choices">
        <legend>{t('accounts.form.role')}</legend>
        {ROLES.map((role) => (
          <div key={role} className="admin-choice">
            <label>
              <input
                type="radio"
                name={`${id}-role`}
                value={role}
                checked={draft.role === role}
                aria-describedby={`${id}-role-${role}`}
                onChange={() => change({ role })}
              />
              {t(`accounts.role.${role}`)}
            </label>
            <p id={`${id}-role-${role}`} className="admin-hint">
              {t(`accounts.form.roleHint.${role}`)}
            </p>
          </div>
        ))}
      </fieldset>

      {draft.role === 'unit' && (
        <UnitChoices
          legend={t('accounts.form.units')}
          units={units}
          chosen={draft.units}
          onChange={(chosen) => change({ units: chosen })}
          error={errorOf('units')}
          firstRef={firstUnitRef}
        />
      )}

      <div className="field">
        <label htmlFor={`${id}-language`}>{t('accounts.form.language')}</label>
        <select
          id={`${id}-language`}
          value={draft.language}
          onChange={(event) =>
            change({ language: LANGUAGES.find((l) => l === event.target.value) ?? 'fi' })
          }
        >
          {LANGUAGES.map((language) => (
            <option key={language} value={language}>
              {t(`language.${language}`)}
            </option>
          ))}
        </select>
      </div>

      <div className="field">
        <label htmlFor={`${id}-password`}>{t('accounts.form.password')}</label>
        <p id={`${id}-password-hint`} className="admin-hint">
          {t('accounts.form.passwordHint', { min: MIN_PASSWORD_LENGTH })}{' '}
          {oidc ? t('accounts.form.noPasswordOidc') : t('accounts.form.noPasswordNoOidc')}
        </p>
        {errors.password !== undefined && (
          <p id={`${id}-password-error`} className="error">
            {errorOf('password')}
          </p>
        )}
        <input
          ref={passwordRef}
          id={`${id}-password`}
          type="password"
          autoComplete="new-password"
          aria-invalid={errors.password !== undefined}
          aria-describedby={described(
            errors.password !== undefined && `${id}-password-error`,
            `${id}-password-hint`,
          )}
          value={draft.password}
          onChange={(event) => change({ password: event.target.value })}
        />
      </div>

      <div role="alert" className="alert-region">
        {failure !== null && (
          <p className="error">{t(changeErrorKey(failure, 'accounts.errors.invalid'))}</p>
        )}
      </div>
      <button type="submit" aria-disabled={state.kind === 'sending'}>
        {state.kind === 'sending' ? t('accounts.form.adding') : t('accounts.form.add')}
      </button>
    </form>
  );
}
