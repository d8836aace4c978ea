/**
 * A query's parameters, those left empty dropped: central-api.md writes its queries as
 * `?unitId=&surveyId=&…`, and a form that sends `unitId=` means "any unit", not "unit ''".
 */
export function givenParams(query: unknown): unknown {
  if (typeof query !== 'object' || query === null) {
    return query;
  }
  return Object.fromEntries(Object.entries(query).filter(([, value]) => value !== ''));
}
