import type { Db } from '../db';
import { createEnrollmentCodeStore } from './enrollment-codes';
import { createReportStore } from './reports';
import { createResponseStore } from './responses';
import { createSurveyHistoryStore } from './survey-history';
import { createTerminalStore } from './terminals';

/** Every table's prepared statements, made once when the server opens its database. */
export function createStores(db: Db) {
  return {
    terminals: createTerminalStore(db),
    codes: createEnrollmentCodeStore(db),
    surveys: createSurveyHistoryStore(db),
    responses: createResponseStore(db),
    reports: createReportStore(db),
  };
}

export type Stores = ReturnType<typeof createStores>;
