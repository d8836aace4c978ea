import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { OIDC_LOGIN_PATH, offersOidc, signIn, type Failure } from './api';
import { errorKey } from './errors';
import type { Language } from './i18n/language';
import { LanguageSwitcher } from './LanguageSwitcher';

type Props = {
  /** A failure from before this page (the server could not be reached to ask who is in). */
  initialFailure?: Failure | null;
  /** The session ended under a page (30 minutes idle, or 8 hours): said above the form. */
  sessionEnded?: boolean;
  onSignedIn: () => void;
  onLanguage: (language: Language) => void;
};

type FormState = { kind: 'editing'; failure: Failure | null } | { kind: 'sending' };

export function SignInPage({
  initialFailure = null,
  sessionEnded = false,
  onSignedIn,
  onLanguage,
}: Props) {
  const { t } = useTranslation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [state, setState] = useState<FormState>({ kind: 'editing', failure: initialFailure });
  const [oidc, setOidc] = useState(false);

  useEffect(() => {
    document.title = t('app.signInTitle');
  }, [t]);

  useEffect(() => {
    let live = true;
    void offersOidc().then((offered) => {
      if (live) {
        setOidc(offered);
      }
    });
    return () => {
      live = false;
    };
  }, []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setState({ kind: 'sending' });
    const result = await signIn(email.trim(), password);
    if (result.ok) {
      onSignedIn();
    } else {
      setState({ kind: 'editing', failure: result.reason });
    }
  };

  const failure = state.kind === 'editing' ? state.failure : null;
  return (
    <>
      <header className="top">
        <span className="brand">{t('app.name')}</span>
        <LanguageSwitcher onChange={onLanguage} />
      </header>
      <main className="sign-in">
        <h1>{t('signIn.heading')}</h1>
        {sessionEnded && (
          <p role="status" className="notice">
            {t('signIn.sessionEnded')}
          </p>
        )}
        <form onSubmit={(event) => void submit(event)} noValidate>
          <div className="field">
            <label htmlFor="email">{t('signIn.email')}</label>
            <input
              id="email"
              type="email"
              autoComplete="username"
              required
              value={email}
              onChange={(event) => setEmail(event.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor="password">{t('signIn.password')}</label>
            <input
              id="password"
              type="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(event) => setPassword(event.target.value)}
            />
          </div>
          <div role="alert" className="alert-region">
            {failure !== null && <p className="error">{t(errorKey(failure))}</p>}
          </div>
          <button type="submit" disabled={state.kind === 'sending'}>
            {state.kind === 'sending' ? t('signIn.submitting') : t('signIn.submit')}
          </button>
        </form>
        {oidc && (
          <p className="oidc">
            <a href={OIDC_LOGIN_PATH}>{t('signIn.oidc')}</a>
          </p>
        )}
      </main>
    </>
  );
}
