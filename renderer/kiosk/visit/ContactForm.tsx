import { useEffect, useId, useLayoutEffect, useRef, useState, type RefObject } from 'react';
import {
  CONTACT_EMAIL_MAX_LENGTH,
  CONTACT_NAME_MAX_LENGTH,
  type LanguageCode,
} from '../../../core';
import type { ContactDetails } from '../../../core';
import { editText, OnScreenKeyboard, type KeyboardLayout } from '../../technician/OnScreenKeyboard';
import type { ShownText } from '../kiosk-view';
import {
  checkContact,
  EMPTY_CONTACT,
  type ContactField,
  type ContactFields,
  type ContactProblem,
} from './contact-form';
import { SkipButton } from './SkipButton';
import './visit.css';
import { VisitHeading } from './VisitHeading';

export type ContactFormTexts = {
  /** "How can we reach you?" */
  prompt: string;
  /** A phone number or an e-mail; the name optional; sealed at once. */
  help: string;
  name: string;
  phone: string;
  email: string;
  send: string;
  sending: string;
  skip: string;
  /** The message of each problem, tied to its field. */
  problems: Record<ContactProblem, string>;
  /** The request could not be sealed; the answers are kept. */
  failed: string;
};

/** What the caller does with the details: seal them and take the visit on, or say it could not. */
export type ContactSend = (details: ContactDetails) => Promise<{ ok: boolean }>;

type Phase = 'editing' | 'sealing' | 'failed';

type Props = {
  language: LanguageCode;
  unitName: ShownText;
  texts: ContactFormTexts;
  onSend: ContactSend;
  onSkip: () => void;
};

const FIELDS: readonly ContactField[] = ['name', 'phone', 'email'];
const MAX_LENGTH: Record<ContactField, number> = {
  name: CONTACT_NAME_MAX_LENGTH,
  phone: 40,
  email: CONTACT_EMAIL_MAX_LENGTH,
};
/** Each field's own keys: letters for a name, digits and + for a number, @ and . for an address. */
const LAYOUT: Record<ContactField, KeyboardLayout> = {
  name: 'text',
  phone: 'phone',
  email: 'email',
};

/** Which problems a field's message list shows, and so which fields are marked invalid. */
function problemsOf(field: ContactField, problems: readonly ContactProblem[]): ContactProblem[] {
  if (field === 'name') {
    return [];
  }
  return problems.filter((problem) => problem === field || problem === 'missing');
}

/**
 * The contact form: a name (optional), a phone number, an e-mail address, typed with the
 * on-screen keys of the field in focus. The details live only in this screen's state: checked
 * with core's shapes, handed to `onSend` to be sealed, and cleared once sealed.
 */
export function ContactForm({ language, unitName, texts, onSend, onSkip }: Props) {
  const id = useId();
  const [fields, setFields] = useState<ContactFields>(EMPTY_CONTACT);
  const [active, setActive] = useState<ContactField>('name');
  const [problems, setProblems] = useState<ContactProblem[]>([]);
  const [phase, setPhase] = useState<Phase>('editing');
  const nameField = useRef<HTMLInputElement>(null);
  const phoneField = useRef<HTMLInputElement>(null);
  const emailField = useRef<HTMLInputElement>(null);
  const refs: Record<ContactField, RefObject<HTMLInputElement | null>> = {
    name: nameField,
    phone: phoneField,
    email: emailField,
  };
  const pendingCaret = useRef<number | null>(null);
  const mounted = useRef(true);

  useEffect(() => {
    mounted.current = true;
    // As the form opens, the first field takes the keys.
    nameField.current?.focus();
    return () => {
      mounted.current = false;
    };
  }, []);

  // After an on-screen key the caret stands just after what it typed.
  useLayoutEffect(() => {
    const at = pendingCaret.current;
    if (at !== null) {
      pendingCaret.current = null;
      refs[active].current?.setSelectionRange(at, at);
    }
  });

  const change = (field: ContactField, text: string): void => {
    setFields((current) => ({ ...current, [field]: text.slice(0, MAX_LENGTH[field]) }));
    // Typing into a field answers its message; the others stay until the next send.
    setProblems((current) => current.filter((problem) => !problemsOf(field, [problem]).length));
    if (phase === 'failed') {
      setPhase('editing');
    }
  };

  const typeKey = (key: string | null): void => {
    const element = refs[active].current;
    const start = element?.selectionStart ?? null;
    const end = element?.selectionEnd ?? null;
    const selection = start !== null && end !== null ? { start, end } : null;
    const edit = editText(fields[active], key, selection, MAX_LENGTH[active]);
    change(active, edit.text);
    pendingCaret.current = edit.caret;
    if (element && document.activeElement !== element) {
      element.focus();
    }
  };

  const send = (): void => {
    if (phase === 'sealing') {
      return;
    }
    const checked = checkContact(fields);
    if (!checked.ok) {
      setProblems(checked.problems);
      const first = FIELDS.find((field) => problemsOf(field, checked.problems).length > 0);
      if (first) {
        refs[first].current?.focus();
      }
      return;
    }
    setProblems([]);
    setPhase('sealing');
    void onSend(checked.details)
      .catch(() => ({ ok: false }))
      .then((result) => {
        if (!mounted.current) {
          return;
        }
        if (result.ok) {
          // Sealed and stored: nothing plain stays behind, even for a moment.
          setFields(EMPTY_CONTACT);
          setPhase('editing');
        } else {
          setPhase('failed');
        }
      });
  };

  const promptId = `${id}-prompt`;
  const helpId = `${id}-help`;
  const failedId = `${id}-failed`;
  return (
    <main
      data-screen="contact-form"
      className="screen visit-screen visit-comment visit-contact-form"
      aria-busy={phase === 'sealing'}
    >
      <VisitHeading unitName={unitName} prompt={texts.prompt} promptId={promptId} />
      <p id={helpId} className="visit-warning">
        {texts.help}
      </p>
      <div className="visit-contact-fields" role="group" aria-labelledby={promptId}>
        {FIELDS.map((field) => {
          const shown = problemsOf(field, problems);
          const messageIds = shown.map((problem) => `${id}-${field}-${problem}`);
          return (
            <div key={field} className="visit-contact-field">
              <label htmlFor={`${id}-${field}`}>{texts[field]}</label>
              <input
                ref={refs[field]}
                id={`${id}-${field}`}
                name={field}
                type="text"
                className="visit-input"
                value={fields[field]}
                maxLength={MAX_LENGTH[field]}
                // The on-screen keys are the keyboard: a touch must not open the system's too.
                inputMode="none"
                autoComplete="off"
                autoCorrect="off"
                autoCapitalize="off"
                spellCheck={false}
                aria-invalid={shown.length > 0 ? true : undefined}
                aria-describedby={[helpId, ...messageIds].join(' ')}
                onFocus={() => setActive(field)}
                onChange={(event) => change(field, event.target.value)}
                onKeyDown={(event) => {
                  if (event.key === 'Enter') {
                    send();
                  }
                }}
              />
              {shown.map((problem) => (
                <p key={problem} id={`${id}-${field}-${problem}`} className="visit-field-error">
                  {texts.problems[problem]}
                </p>
              ))}
            </div>
          );
        })}
      </div>
      {phase === 'failed' && (
        <p id={failedId} role="alert" className="failure visit-contact-failed">
          {texts.failed}
        </p>
      )}
      <div className="visit-comment-bar">
        <div className="visit-actions">
          <SkipButton label={texts.skip} onSkip={onSkip} />
          <button
            type="button"
            className="visit-action visit-primary"
            data-action="send"
            disabled={phase === 'sealing'}
            onClick={send}
          >
            {phase === 'sealing' ? texts.sending : texts.send}
          </button>
        </div>
      </div>
      <OnScreenKeyboard
        layout={LAYOUT[active]}
        language={language}
        onKey={(key) => typeKey(key)}
        onBackspace={() => typeKey(null)}
        onEnter={send}
      />
    </main>
  );
}
