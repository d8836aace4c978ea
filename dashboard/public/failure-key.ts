import { errorKey } from '../errors';
import type { PublicFailure } from './api';

/**
 * The sentence for a refused call of the public section. `invalid` (a 400) says the caller's own
 * words, as only it knows what it sent; a 401 never gets here (the page signs out).
 */
export function publicFailureKey(failure: PublicFailure, invalidKey: string): string {
  switch (failure) {
    case 'forbidden':
      return 'public.errors.forbidden';
    case 'unit_unknown':
      return 'unit.errors.unitUnknown';
    case 'note_unknown':
      return 'public.errors.noteUnknown';
    case 'invalid':
      return invalidKey;
    default:
      return errorKey(failure);
  }
}
