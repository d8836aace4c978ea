import { errorKey } from '../errors';
import type { ChangeFailure } from './api';

/**
 * The sentence for a refused change. `invalid` (a 400) says the form's own words, as only the
 * page knows which fields it sent; a 401 never gets here (the page signs out).
 */
export function changeErrorKey(failure: ChangeFailure, invalidKey: string): string {
  switch (failure) {
    case 'account_exists':
      return 'accounts.errors.exists';
    case 'own_account':
      return 'accounts.errors.ownAccount';
    case 'account_unknown':
      return 'accounts.errors.unknown';
    case 'unit_unknown':
      return 'targets.errors.unitUnknown';
    case 'invalid':
      return invalidKey;
    default:
      return errorKey(failure);
  }
}
