import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { OpenedContact } from '../../core/feedback-api';
import { openContact, type ContactFailure } from './api';
import { contactFailureKey } from './failure-key';

type Props = {
  itemId: string;
  /** Deleted already (handled, or 30 days passed): nothing to open. */
  deleted: boolean;
  onSignedOut: () => void;
};

type ContactState =
  | { kind: 'closed' }
  | { kind: 'confirming' }
  | { kind: 'opening' }
  | { kind: 'shown'; contact: OpenedContact['contact'] }
  | { kind: 'deleted' }
  | { kind: 'failed'; reason: ContactFailure };

/** A number a phone can dial: digits and a leading +, nothing a link could be misled by. */
function telHref(phone: string): string | null {
  const digits = phone.replace(/[\s()./-]/g, '');
  return /^\+?\d{3,20}$/.test(digits) ? `tel:${digits}` : null;
}

function mailtoHref(email: string): string | null {
  return /^[^\s@?&#/:]+@[^\s@?&#/:]+$/.test(email) ? `mailto:${email}` : null;
}

/**
 * A contact request's details, opened on purpose: the person is told first that every opening is
 * written to the audit log, and confirms. The details live in this component's state only, so
 * they are gone once the item is closed (or hidden again); nothing keeps them.
 */
export function ContactDetails({ itemId, deleted, onSignedOut }: Props) {
  const { t } = useTranslation();
  const [state, setState] = useState<ContactState>(
    deleted ? { kind: 'deleted' } : { kind: 'closed' },
  );
  const questionId = useId();
  const confirmRef = useRef<HTMLDivElement>(null);
  const shownRef = useRef<HTMLDListElement>(null);
  const openerRef = useRef<HTMLButtonElement>(null);
  const returnFocus = useRef(false);

  useEffect(() => {
    if (state.kind === 'confirming') {
      confirmRef.current?.focus();
    } else if (state.kind === 'shown') {
      shownRef.current?.focus();
    } else if (state.kind === 'closed' && returnFocus.current) {
      returnFocus.current = false;
      openerRef.current?.focus();
    }
  }, [state.kind]);

  const open = async () => {
    setState({ kind: 'opening' });
    const result = await openContact(itemId);
    if (result.ok) {
      setState({ kind: 'shown', contact: result.value.contact });
    } else if (result.reason === 'unauthorized') {
      onSignedOut();
    } else if (result.reason === 'contact_deleted') {
      setState({ kind: 'deleted' });
    } else {
      setState({ kind: 'failed', reason: result.reason });
    }
  };

  const cancel = () => {
    returnFocus.current = true;
    setState({ kind: 'closed' });
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      cancel();
    }
  };

  switch (state.kind) {
    case 'deleted':
      return <p className="inbox-contact-gone">{t('inbox.contact.deleted')}</p>;
    case 'closed':
    case 'failed':
      return (
        <>
          <p className="inbox-hint">{t('inbox.contact.audited')}</p>
          {state.kind === 'failed' && <p role="alert">{t(contactFailureKey(state.reason))}</p>}
          <button type="button" ref={openerRef} onClick={() => setState({ kind: 'confirming' })}>
            {t('inbox.contact.show')}
          </button>
        </>
      );
    case 'confirming':
    case 'opening':
      return (
        <div
          ref={confirmRef}
          className="inbox-confirm"
          role="group"
          aria-labelledby={questionId}
          tabIndex={-1}
          onKeyDown={onKeyDown}
        >
          <p id={questionId}>
            <strong>{t('inbox.contact.confirmQuestion')}</strong> {t('inbox.contact.confirmText')}
          </p>
          <div className="inbox-actions">
            <button
              type="button"
              className="strong"
              aria-disabled={state.kind === 'opening'}
              onClick={() => {
                if (state.kind === 'confirming') {
                  void open();
                }
              }}
            >
              {t(state.kind === 'opening' ? 'inbox.contact.opening' : 'inbox.contact.confirm')}
            </button>
            <button type="button" onClick={cancel}>
              {t('inbox.cancel')}
            </button>
          </div>
        </div>
      );
    case 'shown': {
      const { name, phone, email } = state.contact;
      const tel = phone === undefined ? null : telHref(phone);
      const mailto = email === undefined ? null : mailtoHref(email);
      return (
        <>
          <dl
            ref={shownRef}
            className="inbox-contact"
            tabIndex={-1}
            aria-label={t('inbox.contact.heading')}
          >
            <dt>{t('inbox.contact.name')}</dt>
            <dd>{name ?? t('inbox.contact.notGiven')}</dd>
            <dt>{t('inbox.contact.phone')}</dt>
            <dd>
              {phone === undefined ? (
                t('inbox.contact.notGiven')
              ) : tel === null ? (
                phone
              ) : (
                <a href={tel}>{phone}</a>
              )}
            </dd>
            <dt>{t('inbox.contact.email')}</dt>
            <dd>
              {email === undefined ? (
                t('inbox.contact.notGiven')
              ) : mailto === null ? (
                email
              ) : (
                <a href={mailto}>{email}</a>
              )}
            </dd>
          </dl>
          <p className="inbox-hint inbox-contact-recorded">{t('inbox.contact.recorded')}</p>
          <button type="button" onClick={cancel}>
            {t('inbox.contact.hide')}
          </button>
        </>
      );
    }
  }
}
