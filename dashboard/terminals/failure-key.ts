import type { Failure } from '../api';
import { errorKey } from '../errors';

/**
 * The sentence for a failure on this page. The shared keys are the sign-in's for `invalid`
 * ("enter your e-mail and password"), so a refused change here has words of its own.
 */
export function failureKey(failure: Failure): string {
  return failure === 'invalid' ? 'terminals.refused' : errorKey(failure);
}
