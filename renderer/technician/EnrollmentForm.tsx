import {
  useEffect,
  useId,
  useLayoutEffect,
  useRef,
  useState,
  type InputHTMLAttributes,
} from 'react';
import { useTranslation } from 'react-i18next';
import {
  normalizeEnrollmentCode,
  PinSchema,
  type Bridge,
  type EnrollFailureReason,
  type EnrollResult,
  type LanguageCode,
} from '../../core';
import { editText, OnScreenKeyboard, type KeyboardLayout } from './OnScreenKeyboard';
import './technician.css';

type Props = {
  bridge: Bridge;
  language: LanguageCode;
  onEnrolled: (result: { terminalId: string; unitId: string }) => void;
  /** The address already known (re-enroll); else the field starts with `https://`. */
  initialApiUrl?: string;
};

type Field = 'apiUrl' | 'code' | 'pin' | 'pinAgain';
const FIELDS: readonly Field[] = ['apiUrl', 'code', 'pin', 'pinAgain'];
type Values = Record<Field, string>;

/** What the form itself finds wrong before asking the host; each names a message. */
export type Check =
  | 'apiUrlEmpty'
  | 'apiUrlInvalid'
  | 'codeEmpty'
  | 'codeMalformed'
  | 'pinMalformed'
  | 'pinAgainEmpty'
  | 'pinMismatch';
export type Checks = Partial<Record<Field, Check>>;

/** `error`: the bridge call itself failed, or the host answered something unexpected. */
type Failure = EnrollFailureReason | 'error';

type FormState =
  { phase: 'editing'; failure: Failure | null } | { phase: 'sending' } | { phase: 'enrolled' };

const INPUT: Record<Field, InputHTMLAttributes<HTMLInputElement> & { layout: KeyboardLayout }> = {
  apiUrl: { layout: 'url', type: 'text', inputMode: 'url', maxLength: 500 },
  code: {
    layout: 'code',
    type: 'text',
    inputMode: 'text',
    maxLength: 64,
    autoCapitalize: 'characters',
  },
  pin: { layout: 'digits', type: 'password', inputMode: 'numeric', maxLength: 8 },
  pinAgain: { layout: 'digits', type: 'password', inputMode: 'numeric', maxLength: 8 },
};

/** Every reason the host may give, and the field it is about (marked invalid with it). */
const FAILURE_FIELD: Record<Failure, Field | null> = {
  api_url_invalid: 'apiUrl',
  code_malformed: 'code',
  pin_malformed: 'pin',
  code_unknown: 'code',
  code_used: 'code',
  code_expired: 'code',
  unreachable: null,
  server_busy: null,
  server_refused: null,
  not_saved: null,
  not_allowed: null,
  error: null,
};

function knownFailure(reason: unknown): Failure {
  return typeof reason === 'string' && Object.hasOwn(FAILURE_FIELD, reason)
    ? (reason as Failure)
    : 'error';
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/** The checks the form makes before the host is asked: empty fields, the PIN's form, a typo. */
export function checkEnrollment(values: Values): Checks {
  const checks: Checks = {};
  const apiUrl = values.apiUrl.trim();
  if (apiUrl === '' || /^https?:\/\/$/i.test(apiUrl)) {
    checks.apiUrl = 'apiUrlEmpty';
  } else if (!isHttpUrl(apiUrl)) {
    checks.apiUrl = 'apiUrlInvalid';
  }
  if (values.code.trim() === '') {
    checks.code = 'codeEmpty';
  } else if (normalizeEnrollmentCode(values.code) === null) {
    checks.code = 'codeMalformed';
  }
  if (!PinSchema.safeParse(values.pin).success) {
    checks.pin = 'pinMalformed';
  }
  if (values.pinAgain === '') {
    checks.pinAgain = 'pinAgainEmpty';
  } else if (values.pinAgain !== values.pin) {
    checks.pinAgain = 'pinMismatch';
  }
  return checks;
}

function selectionOf(input: HTMLInputElement | null | undefined) {
  const start = input?.selectionStart;
  const end = input?.selectionEnd;
  return typeof start === 'number' && typeof end === 'number' ? { start, end } : null;
}

/**
 * The API address, the enrollment code and the technician's new PIN (twice), typed with a
 * physical keyboard or the on-screen one below, which types into the field last focused. The
 * host enrolls; every reason it gives for not doing so has its own message.
 */
export function EnrollmentForm({ bridge, language, onEnrolled, initialApiUrl }: Props) {
  const { t } = useTranslation('setup', { lng: language });
  const id = useId();
  const [values, setValues] = useState<Values>({
    apiUrl: initialApiUrl ?? 'https://',
    code: '',
    pin: '',
    pinAgain: '',
  });
  const [checks, setChecks] = useState<Checks>({});
  const [state, setState] = useState<FormState>({ phase: 'editing', failure: null });
  const [active, setActive] = useState<Field>('apiUrl');
  const inputs = useRef<Partial<Record<Field, HTMLInputElement | null>>>({});
  const pendingCaret = useRef<{ field: Field; at: number } | null>(null);
  const busy = useRef(false);

  // The technician starts typing at once, after the address's `https://`.
  useEffect(() => {
    const input = inputs.current.apiUrl;
    input?.focus();
    input?.setSelectionRange(input.value.length, input.value.length);
  }, []);

  // After an on-screen key the caret stands just after what it typed.
  useLayoutEffect(() => {
    const pending = pendingCaret.current;
    if (pending) {
      pendingCaret.current = null;
      inputs.current[pending.field]?.setSelectionRange(pending.at, pending.at);
    }
  });

  const editing = state.phase === 'editing';
  const failure = state.phase === 'editing' ? state.failure : null;

  // On a short screen the message may fall below the fold: bring it into sight.
  const alert = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (failure !== null) {
      alert.current?.scrollIntoView?.({ block: 'nearest' });
    }
  }, [failure]);

  const setField = (field: Field, text: string): void => {
    setValues((current) => ({ ...current, [field]: text }));
    setChecks((current) => (current[field] ? { ...current, [field]: undefined } : current));
  };

  const focusField = (field: Field): void => {
    setActive(field);
    inputs.current[field]?.focus();
  };

  const typeKey = (key: string | null): void => {
    if (!editing) {
      return;
    }
    const input = inputs.current[active];
    const edit = editText(values[active], key, selectionOf(input), INPUT[active].maxLength ?? 64);
    setField(active, edit.text);
    pendingCaret.current = { field: active, at: edit.caret };
    if (input && document.activeElement !== input) {
      input.focus();
    }
  };

  const send = async (): Promise<void> => {
    let result: EnrollResult | undefined;
    try {
      result = await bridge.call('setup:enroll', {
        apiUrl: values.apiUrl.trim(),
        code: values.code.trim(),
        pin: values.pin,
      });
    } catch {
      result = undefined;
    }
    busy.current = false;
    if (result?.ok === true) {
      setState({ phase: 'enrolled' });
      setValues((current) => ({ ...current, pin: '', pinAgain: '' }));
      onEnrolled({ terminalId: result.terminalId, unitId: result.unitId });
    } else {
      setState({ phase: 'editing', failure: knownFailure(result?.reason) });
    }
  };

  const submit = (): void => {
    if (!editing || busy.current) {
      return;
    }
    const found = checkEnrollment(values);
    setChecks(found);
    const firstWrong = FIELDS.find((field) => found[field] !== undefined);
    if (firstWrong) {
      setState({ phase: 'editing', failure: null });
      focusField(firstWrong);
      return;
    }
    busy.current = true;
    setState({ phase: 'sending' });
    void send();
  };

  const enter = (): void => {
    const next = FIELDS[FIELDS.indexOf(active) + 1];
    if (next) {
      focusField(next);
    } else {
      submit();
    }
  };

  const alertId = `${id}-alert`;
  return (
    <div className="enroll">
      <form
        className="tech-form"
        noValidate
        aria-labelledby={`${id}-title`}
        aria-busy={state.phase === 'sending'}
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <h2 id={`${id}-title`} className="tech-subtitle">
          {t('enroll.title')}
        </h2>
        <p className="tech-intro">{t('enroll.intro')}</p>
        {FIELDS.map((field) => {
          const check = checks[field];
          const errorId = `${id}-${field}-error`;
          const blamed = failure !== null && FAILURE_FIELD[failure] === field;
          const describedBy = [check ? errorId : null, blamed ? alertId : null].filter(Boolean);
          const { layout: _layout, ...attributes } = INPUT[field];
          return (
            <div key={field} className="tech-field">
              <label htmlFor={`${id}-${field}`}>{t(`enroll.${field}`)}</label>
              <input
                {...attributes}
                id={`${id}-${field}`}
                name={field}
                ref={(element) => {
                  inputs.current[field] = element;
                }}
                className={field === 'code' ? 'tech-input tech-input-code' : 'tech-input'}
                value={values[field]}
                autoComplete="off"
                autoCorrect="off"
                spellCheck={false}
                readOnly={!editing}
                aria-invalid={check !== undefined || blamed}
                aria-describedby={describedBy.length > 0 ? describedBy.join(' ') : undefined}
                onFocus={() => setActive(field)}
                onChange={(event) => {
                  if (editing) {
                    setField(field, event.target.value);
                  }
                }}
              />
              {check ? (
                <p id={errorId} className="tech-field-error">
                  {t(`enroll.check.${check}`)}
                </p>
              ) : null}
            </div>
          );
        })}
        <div ref={alert} id={alertId} role="alert" className="tech-alert">
          {failure ? t(`enroll.failure.${failure}`) : null}
        </div>
        <button type="submit" className="tech-button tech-primary" disabled={!editing}>
          {state.phase === 'sending' ? t('enroll.sending') : t('enroll.submit')}
        </button>
      </form>
      <OnScreenKeyboard
        layout={INPUT[active].layout}
        language={language}
        disabled={!editing}
        onKey={(key) => typeKey(key)}
        onBackspace={() => typeKey(null)}
        onEnter={enter}
      />
    </div>
  );
}
