import { Fragment, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Account } from '../../core/accounts-api';
import { AccountUnitsEditor } from './AccountUnitsEditor';
import { unitNamesOf, type KnownUnit } from './known-units';
import { RemoveAccount } from './RemoveAccount';

type Props = {
  accounts: readonly Account[];
  /** The signed-in account's e-mail (null for the admin token): never offered for removal. */
  ownEmail: string | null;
  units: readonly KnownUnit[];
  onChanged: (account: Account) => void;
  onRemoved: (email: string) => void;
  onGone: (email: string) => void;
  onSignedOut: () => void;
};

/** The one row opened under its account: its units being changed, or its removal asked. */
type Open = { kind: 'units' | 'remove'; email: string } | null;

const COLUMNS = 6;

export function sameEmail(a: string, b: string | null): boolean {
  return b !== null && a.toLowerCase() === b.toLowerCase();
}

/**
 * Every account with what it may do and how it signs in; a unit account's units change and an
 * account is removed in a row opened under its own. The focus goes into the opened row and
 * back to the button that opened it; after a removal, to the table.
 */
export function AccountsTable(props: Props) {
  const { accounts, ownEmail, units, onSignedOut } = props;
  const { t, i18n } = useTranslation();
  const captionId = useId();
  const [open, setOpen] = useState<Open>(null);
  const buttons = useRef(new Map<string, HTMLButtonElement>());
  const regionRef = useRef<HTMLDivElement>(null);
  // Where the focus goes once the row it waits for has been drawn (or taken away).
  const focusNext = useRef<(() => void) | null>(null);

  useEffect(() => {
    const next = focusNext.current;
    focusNext.current = null;
    next?.();
  });

  const buttonRef = (key: string) => (element: HTMLButtonElement | null) => {
    if (element === null) {
      buttons.current.delete(key);
    } else {
      buttons.current.set(key, element);
    }
  };
  const close = (kind: 'units' | 'remove', email: string) => {
    focusNext.current = () => buttons.current.get(`${kind}:${email}`)?.focus();
    setOpen(null);
  };
  const toTable = () => {
    focusNext.current = () => regionRef.current?.focus();
    setOpen(null);
  };

  const languageName = (language: string) =>
    i18n.exists(`language.${language}`) ? t(`language.${language}`) : language;

  return (
    <div
      ref={regionRef}
      className="table-scroll"
      role="region"
      aria-labelledby={captionId}
      tabIndex={0}
    >
      <table className="admin">
        <caption id={captionId}>{t('accounts.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('accounts.columns.email')}</th>
            <th scope="col">{t('accounts.columns.role')}</th>
            <th scope="col">{t('accounts.columns.units')}</th>
            <th scope="col">{t('accounts.columns.language')}</th>
            <th scope="col">{t('accounts.columns.signIn')}</th>
            <th scope="col">{t('accounts.columns.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {accounts.map((account) => {
            const own = sameEmail(account.email, ownEmail);
            const opened = open !== null && open.email === account.email ? open.kind : null;
            return (
              <Fragment key={account.email}>
                <tr>
                  <th scope="row">
                    {account.email}
                    {own && <span className="admin-own"> {t('accounts.you')}</span>}
                  </th>
                  <td>{t(`accounts.role.${account.role}`)}</td>
                  <td className="admin-wrap">
                    {account.role === 'county'
                      ? t('accounts.allUnits')
                      : unitNamesOf(account.units, units).join(', ')}
                  </td>
                  <td>{languageName(account.language)}</td>
                  <td>
                    {account.password
                      ? t('accounts.signIn.password')
                      : t('accounts.signIn.oidcOnly')}
                  </td>
                  <td>
                    <div className="admin-actions">
                      {account.role === 'unit' && (
                        <button
                          ref={buttonRef(`units:${account.email}`)}
                          type="button"
                          aria-expanded={opened === 'units'}
                          onClick={() =>
                            setOpen(
                              opened === 'units' ? null : { kind: 'units', email: account.email },
                            )
                          }
                        >
                          {t('accounts.editUnits.open')}{' '}
                          <span className="admin-hidden-text">
                            {t('accounts.forAccount', { email: account.email })}
                          </span>
                        </button>
                      )}
                      {!own && (
                        <button
                          ref={buttonRef(`remove:${account.email}`)}
                          type="button"
                          className="admin-danger"
                          aria-expanded={opened === 'remove'}
                          onClick={() =>
                            setOpen(
                              opened === 'remove' ? null : { kind: 'remove', email: account.email },
                            )
                          }
                        >
                          {t('accounts.remove.open')}{' '}
                          <span className="admin-hidden-text">
                            {t('accounts.forAccount', { email: account.email })}
                          </span>
                        </button>
                      )}
                    </div>
                  </td>
                </tr>
                {opened !== null && (
                  <tr className="admin-detail-row">
                    <td colSpan={COLUMNS}>
                      {opened === 'units' ? (
                        <AccountUnitsEditor
                          account={account}
                          units={units}
                          onSaved={(changed) => {
                            close('units', account.email);
                            props.onChanged(changed);
                          }}
                          onGone={(email) => {
                            toTable();
                            props.onGone(email);
                          }}
                          onCancel={() => close('units', account.email)}
                          onSignedOut={onSignedOut}
                        />
                      ) : (
                        <RemoveAccount
                          account={account}
                          onRemoved={(email) => {
                            toTable();
                            props.onRemoved(email);
                          }}
                          onGone={(email) => {
                            toTable();
                            props.onGone(email);
                          }}
                          onCancel={() => close('remove', account.email)}
                          onSignedOut={onSignedOut}
                        />
                      )}
                    </td>
                  </tr>
                )}
              </Fragment>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
