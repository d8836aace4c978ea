import {
  createAccountStore,
  createAuditStore,
  createLoginFailureStore,
  createSessionStore,
} from './accounts';
import { createEnrollmentCodeStore } from './enrollment-codes';
import type { Executor } from './executor';
import { createFeedbackStore } from './feedback';
import { createSurveyHistoryStore } from './survey-history';
import { createTerminalStore } from './terminals';
import { createUnitStore } from './units';

/** Every table's queries over one executor: the database, or a transaction on it. */
export function createStores(db: Executor) {
  return {
    terminals: createTerminalStore(db),
    codes: createEnrollmentCodeStore(db),
    surveys: createSurveyHistoryStore(db),
    units: createUnitStore(db),
    accounts: createAccountStore(db),
    sessions: createSessionStore(db),
    loginFailures: createLoginFailureStore(db),
    audit: createAuditStore(db),
    feedback: createFeedbackStore(db),
  };
}

export type Stores = ReturnType<typeof createStores>;
