import { errorKey } from '../errors';
import type { UnitFailure } from './api';

/** The sentence for a failed unit report: the two of this page, else the dashboard's own. */
export function failureKey(failure: UnitFailure): string {
  switch (failure) {
    case 'unit_unknown':
      return 'unit.errors.unitUnknown';
    case 'forbidden':
      return 'unit.errors.forbidden';
    default:
      return errorKey(failure);
  }
}
