import type { z } from 'zod';
import { parseWith } from '../core/validation';
import { invalidInput, type Result } from './errors';

/**
 * A query's parameters, those left empty dropped: central-api.md writes its queries as
 * `?unitId=&surveyId=&…`, and a form that sends `unitId=` means "any unit", not "unit ''".
 */
function givenParams(query: unknown): unknown {
  if (typeof query !== 'object' || query === null) {
    return query;
  }
  return Object.fromEntries(Object.entries(query).filter(([, value]) => value !== ''));
}

const MAX_NAME_SHOWN = 100;

/**
 * An admin query read strictly: a parameter the call does not know (`unitId[]`), or one given
 * twice, is refused naming it (400 `invalid_query`). Dropped or merged silently, it would widen
 * a report to every unit while looking like the one asked for.
 */
export function parseQuery<S extends z.ZodObject>(schema: S, query: unknown): Result<z.infer<S>> {
  const params = givenParams(query);
  if (typeof params === 'object' && params !== null) {
    for (const [name, value] of Object.entries(params)) {
      // Cut short: the name is the client's text, echoed back.
      const shown = name.slice(0, MAX_NAME_SHOWN);
      if (!Object.hasOwn(schema.shape, name)) {
        return invalidInput('query', shown, 'not a parameter of this call');
      }
      if (Array.isArray(value)) {
        return invalidInput('query', shown, 'given more than once');
      }
    }
  }
  const parsed = parseWith(schema, params);
  return parsed.ok ? parsed : invalidInput('query', parsed.field, parsed.message);
}
