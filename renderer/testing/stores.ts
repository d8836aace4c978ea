import { afterEach } from 'vitest';
import type { Response } from '../../core';
import { HymyDb } from '../store/db';
import type {
  AmendResult,
  ResponseAmendment,
  ResponseStore,
  SaveResult,
} from '../store/response-store';

/** Answers kept in an array; `fail` makes the next writes fail with that code. */
export class MemoryStore implements ResponseStore {
  readonly rows: Response[] = [];
  fail: Extract<SaveResult, { ok: false }> | undefined;

  /** `storedBefore`: when the last answer of an earlier run was made, as after a restart. */
  constructor(private readonly storedBefore?: number) {}

  save(response: Response): Promise<SaveResult> {
    if (this.fail) {
      return Promise.resolve(this.fail);
    }
    this.rows.push(response);
    return Promise.resolve({ ok: true });
  }

  lastAnsweredAt(): Promise<number | undefined> {
    const last = this.rows.at(-1);
    return Promise.resolve(last ? Date.parse(last.answeredAt) : this.storedBefore);
  }

  amend(id: string, amendment: ResponseAmendment): Promise<AmendResult> {
    const index = this.rows.findIndex((row) => row.id === id);
    if (this.fail || index < 0) {
      return Promise.resolve(this.fail ?? { ok: false, code: 'refused' });
    }
    this.rows[index] = { ...this.rows[index]!, ...amendment };
    return Promise.resolve({ ok: true });
  }

  /** Every hold the kiosk asked for, in order (null: lifted). */
  readonly holds: (string | null)[] = [];

  hold(fromIso: string | null): void {
    this.holds.push(fromIso);
  }
}

/** Holds every write until the test lets it through, to see what shows before a commit. */
export class GatedStore implements ResponseStore {
  private readonly gates: (() => void)[] = [];

  constructor(private readonly inner: ResponseStore) {}

  get waiting(): number {
    return this.gates.length;
  }

  async save(response: Response): Promise<SaveResult> {
    await new Promise<void>((resolve) => this.gates.push(resolve));
    return this.inner.save(response);
  }

  /** Lets the oldest held write go on to the real store. */
  release(): void {
    this.gates.shift()?.();
  }

  lastAnsweredAt(): Promise<number | undefined> {
    return this.inner.lastAnsweredAt();
  }

  amend(id: string, amendment: ResponseAmendment): Promise<AmendResult> {
    return this.inner.amend(id, amendment);
  }

  hold(fromIso: string | null): void {
    this.inner.hold(fromIso);
  }
}

/**
 * A fresh, empty store per call (fake-indexeddb in component tests), each deleted after its
 * test: `const freshDb = throwawayDbs('hymy-restore');` at the top of a test file.
 */
export function throwawayDbs(prefix: string): () => HymyDb {
  const opened: HymyDb[] = [];
  afterEach(async () => {
    for (const db of opened.splice(0)) {
      await db.delete();
    }
  });
  return () => {
    const db = new HymyDb(`${prefix}-${opened.length + 1}-${Math.random().toString(36).slice(2)}`);
    opened.push(db);
    return db;
  };
}
