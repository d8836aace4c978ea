import type { Failure } from './api';

/** The sentence a person reads for a failure: the server's meaning, never its message. */
export function errorKey(failure: Failure): string {
  switch (failure) {
    case 'bad_credentials':
      return 'errors.badCredentials';
    case 'too_many_attempts':
      return 'errors.tooManyAttempts';
    case 'invalid':
      return 'errors.invalid';
    case 'network':
      return 'errors.network';
    case 'unauthorized':
    case 'server':
      return 'errors.server';
  }
}
