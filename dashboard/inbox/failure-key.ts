import type { Failure } from '../api';
import { errorKey } from '../errors';
import type { ChangeFailure, ContactFailure } from './api';

/**
 * The sentence for a failure on the inbox. The shared keys are the sign-in's for `invalid`
 * ("enter your e-mail and password"), so a refused change here has words of its own.
 */
export function changeFailureKey(failure: ChangeFailure): string {
  switch (failure) {
    case 'note_required':
      return 'inbox.handle.noteRequired';
    case 'feedback_unknown':
      return 'inbox.errors.unknown';
    case 'forbidden':
      return 'inbox.errors.forbidden';
    case 'invalid':
      return 'inbox.errors.refused';
    default:
      return errorKey(failure);
  }
}

export function contactFailureKey(failure: ContactFailure): string {
  switch (failure) {
    case 'contact_deleted':
      return 'inbox.contact.deleted';
    case 'contact_key_missing':
      return 'inbox.contact.keyMissing';
    case 'contact_unreadable':
      return 'inbox.contact.unreadable';
    case 'contact_unknown':
      return 'inbox.contact.none';
    case 'feedback_unknown':
      return 'inbox.errors.unknown';
    case 'forbidden':
      return 'inbox.errors.forbidden';
    case 'invalid':
      return 'inbox.errors.refused';
    default:
      return errorKey(failure);
  }
}

/** The list's failure: the shared sentences, a refused query in words of its own. */
export function listFailureKey(failure: Failure): string {
  return failure === 'invalid' ? 'inbox.errors.refused' : errorKey(failure);
}
