import {
  CONTACT_NAME_MAX_LENGTH,
  normalEmail,
  normalPhone,
  type ContactDetails,
} from '../../../core';

/** The contact form's fields as typed. */
export type ContactFields = { name: string; phone: string; email: string };
export type ContactField = keyof ContactFields;

/** What is wrong with the form: a field's shape, or neither phone nor e-mail given. */
export type ContactProblem = 'phone' | 'email' | 'missing';

export type ContactCheck =
  { ok: true; details: ContactDetails } | { ok: false; problems: ContactProblem[] };

export const EMPTY_CONTACT: ContactFields = { name: '', phone: '', email: '' };

/** Control characters have no place in a name (and JSON would make each six bytes). */
const CONTROL = /\p{Cc}/gu;

/**
 * The form checked with core's shapes (contact.ts): a phone number (Finnish or international)
 * or an e-mail address, each normalised; a name if one was given.
 */
export function checkContact(fields: ContactFields): ContactCheck {
  const name = fields.name.replace(CONTROL, '').trim().slice(0, CONTACT_NAME_MAX_LENGTH);
  const phoneText = fields.phone.trim();
  const emailText = fields.email.trim();
  const phone = phoneText === '' ? undefined : normalPhone(phoneText);
  const email = emailText === '' ? undefined : normalEmail(emailText);
  const problems: ContactProblem[] = [];
  if (phoneText === '' && emailText === '') {
    problems.push('missing');
  }
  if (phoneText !== '' && phone === undefined) {
    problems.push('phone');
  }
  if (emailText !== '' && email === undefined) {
    problems.push('email');
  }
  if (problems.length > 0) {
    return { ok: false, problems };
  }
  return {
    ok: true,
    details: {
      ...(name !== '' && { name }),
      ...(phone !== undefined && { phone }),
      ...(email !== undefined && { email }),
    },
  };
}
