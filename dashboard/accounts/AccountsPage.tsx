import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Account } from '../../core/accounts-api';
import type { UnitsReport } from '../../core/reports-api';
import { fetchUnitsReport, offersOidc, type Failure } from '../api';
import { errorKey } from '../errors';
import { DEFAULT_PERIOD, periodRange } from '../period';
import type { PageProps } from '../shell/page';
import { AccountsTable } from './AccountsTable';
import { AddAccountForm } from './AddAccountForm';
import { fetchAccounts } from './api';
import { knownUnits } from './known-units';
import './admin.css';

type ListState =
  | { kind: 'loading' }
  | { kind: 'ready'; accounts: Account[] }
  | { kind: 'failed'; reason: Failure };

/** The last change made, said politely once it is done. */
type Status = { key: string; email: string } | null;

const byEmail = (a: Account, b: Account) => (a.email < b.email ? -1 : a.email > b.email ? 1 : 0);

/**
 * Accounts (county only): who may sign in, with which role and units and how; add one, change a
 * unit account's units, remove one. The units to choose from are named by the units report.
 */
export function AccountsPage({ me, onSignedOut }: PageProps) {
  const { t, i18n } = useTranslation();
  const addHeadingId = useId();
  const [list, setList] = useState<ListState>({ kind: 'loading' });
  const [report, setReport] = useState<UnitsReport | null>(null);
  const [oidc, setOidc] = useState(false);
  const [status, setStatus] = useState<Status>(null);

  useEffect(() => {
    document.title = t('accounts.title');
  }, [t]);

  useEffect(() => {
    let live = true;
    void fetchAccounts().then((result) => {
      if (!live) {
        return;
      }
      if (result.ok) {
        setList({ kind: 'ready', accounts: [...result.value].sort(byEmail) });
      } else if (result.reason === 'unauthorized') {
        onSignedOut();
      } else {
        setList({ kind: 'failed', reason: result.reason });
      }
    });
    // Only for the units' names: without it the units show by their ids.
    void fetchUnitsReport(periodRange(DEFAULT_PERIOD, new Date())).then((result) => {
      if (live && result.ok) {
        setReport(result.value);
      }
    });
    void offersOidc().then((offered) => {
      if (live) {
        setOidc(offered);
      }
    });
    return () => {
      live = false;
    };
  }, [onSignedOut]);

  const accounts = list.kind === 'ready' ? list.accounts : [];
  const units = knownUnits(
    report,
    [...me.units, ...accounts.flatMap((account) => account.units)],
    i18n.language,
  );
  const update = (change: (accounts: Account[]) => Account[], next: Status) => {
    setList((now) =>
      now.kind === 'ready' ? { kind: 'ready', accounts: change(now.accounts) } : now,
    );
    setStatus(next);
  };
  const without = (email: string) => (all: Account[]) => all.filter((a) => a.email !== email);

  return (
    <>
      <h1>{t('accounts.heading')}</h1>
      <p className="note">{t('accounts.intro')}</p>
      <div role="status" className="admin-status-region">
        {status !== null && (
          <p className="admin-status">{t(status.key, { email: status.email })}</p>
        )}
      </div>
      <div aria-live="polite" aria-busy={list.kind === 'loading'}>
        {list.kind === 'loading' && <p>{t('units.loading')}</p>}
        {list.kind === 'failed' && <p role="alert">{t(errorKey(list.reason))}</p>}
      </div>
      {list.kind === 'ready' && (
        <AccountsTable
          accounts={list.accounts}
          ownEmail={me.email}
          units={units}
          onChanged={(changed) =>
            update((all) => all.map((a) => (a.email === changed.email ? changed : a)), {
              key: 'accounts.status.unitsSaved',
              email: changed.email,
            })
          }
          onRemoved={(email) => update(without(email), { key: 'accounts.status.removed', email })}
          onGone={(email) => update(without(email), { key: 'accounts.status.gone', email })}
          onSignedOut={onSignedOut}
        />
      )}
      <section className="admin-add" aria-labelledby={addHeadingId}>
        <h2 id={addHeadingId}>{t('accounts.form.heading')}</h2>
        <AddAccountForm
          units={units}
          oidc={oidc}
          onAdded={(added) =>
            update((all) => [...without(added.email)(all), added].sort(byEmail), {
              key: 'accounts.status.added',
              email: added.email,
            })
          }
          onSignedOut={onSignedOut}
        />
      </section>
    </>
  );
}
