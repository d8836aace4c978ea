import { useId } from 'react';
import type { LanguageCode } from '../../../core';
import type { ShownText, Translate } from '../kiosk-view';
import { ContactForm, type ContactFormTexts, type ContactSend } from './ContactForm';
import './visit.css';
import { VisitHeading } from './VisitHeading';

export type ContactTexts = ContactFormTexts & {
  /** "Would you like us to contact you about your feedback?" */
  question: string;
  /** "We will contact you within 7 days.", translated by the caller. */
  replyWithin: string;
  yes: string;
  no: string;
};

/** The contact screens' words in the screen's language. */
export function contactTexts(t: Translate, replyWithinDays: number): ContactTexts {
  return {
    question: t('visit.contact.question'),
    replyWithin: t('visit.contact.replyWithin', { count: replyWithinDays }),
    yes: t('visit.contact.yes'),
    no: t('visit.contact.no'),
    prompt: t('visit.contact.prompt'),
    help: t('visit.contact.help'),
    name: t('visit.contact.name'),
    phone: t('visit.contact.phone'),
    email: t('visit.contact.email'),
    send: t('visit.contact.send'),
    sending: t('visit.contact.sending'),
    skip: t('visit.skip'),
    problems: {
      phone: t('visit.contact.problem.phone'),
      email: t('visit.contact.problem.email'),
      missing: t('visit.contact.problem.missing'),
    },
    failed: t('visit.contact.failed'),
  };
}

type Props = {
  language: LanguageCode;
  unitName: ShownText;
  /** Yes was chosen: the form, not the question. */
  form: boolean;
  texts: ContactTexts;
  onAccept: () => void;
  /** No, or the form left: the visit ends with the thank-you. */
  onDecline: () => void;
  onSend: ContactSend;
};

/**
 * The visit's last screen when the terminal's config asks: whether the patient wants to be
 * contacted, then the form. Yes and No are as large as the answers; No ends the visit thanked.
 */
export function ContactScreen({
  language,
  unitName,
  form,
  texts,
  onAccept,
  onDecline,
  onSend,
}: Props) {
  const id = useId();
  if (form) {
    return (
      <ContactForm
        language={language}
        unitName={unitName}
        texts={texts}
        onSend={onSend}
        onSkip={onDecline}
      />
    );
  }
  const promptId = `${id}-prompt`;
  return (
    <main data-screen="contact" className="screen visit-screen visit-contact">
      <VisitHeading unitName={unitName} prompt={texts.question} promptId={promptId} />
      <p className="visit-contact-note">{texts.replyWithin}</p>
      <div role="group" aria-labelledby={promptId} className="visit-actions visit-contact-choice">
        <button
          type="button"
          className="visit-action visit-secondary"
          data-action="no"
          onClick={onDecline}
        >
          {texts.no}
        </button>
        <button
          type="button"
          className="visit-action visit-primary"
          data-action="yes"
          onClick={onAccept}
        >
          {texts.yes}
        </button>
      </div>
    </main>
  );
}
