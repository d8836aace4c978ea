import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import type { Response } from '../../core';
import { HymyDb } from './db';
import { requestPersistence } from './persistence';
import { createResponseStore, lastAnsweredAt, saveResponse } from './response-store';
import { storeFaultCode } from './store-fault';

let count = 0;
const opened: HymyDb[] = [];

function freshDb(): HymyDb {
  count += 1;
  const db = new HymyDb(`hymy-test-${count}`);
  opened.push(db);
  return db;
}

function answer(overrides: Partial<Response> = {}): Response {
  return {
    id: '0193a6f2-7c1e-7d2a-9b1e-3f2a1c4d5e6f',
    surveyId: 'visit-smiley',
    surveyVersion: 3,
    questionId: 'overall',
    scale: 'smiley4',
    value: 4,
    language: 'fi',
    source: 'touch',
    answeredAt: '2026-11-23T10:15:00.123Z',
    flags: [],
    ...overrides,
  };
}

afterEach(async () => {
  const dbs = opened.splice(0);
  dbs.forEach((db) => db.close());
  for (const db of dbs) {
    await db.delete();
  }
});

describe('the response store', () => {
  it('keeps a saved answer as pending in the outbox', async () => {
    const db = freshDb();
    const store = createResponseStore(db);
    await expect(store.save(answer())).resolves.toEqual({ ok: true });
    const pending = await db.responses
      .where('[syncState+answeredAt]')
      .between(['pending', Dexie.minKey], ['pending', Dexie.maxKey])
      .toArray();
    expect(pending).toEqual([{ ...answer(), syncState: 'pending' }]);
  });

  it('opens the database named hymy by default', () => {
    const db = new HymyDb();
    expect(db.name).toBe('hymy');
    db.close();
  });

  it('says when the latest answer was made, also after a restart', async () => {
    const db = freshDb();
    await expect(lastAnsweredAt(db)).resolves.toBeUndefined();
    const store = createResponseStore(db);
    await store.save(answer({ id: '0193a6f2-7c1e-7d2a-9b1e-000000000002' }));
    await store.save(
      answer({
        id: '0193a6f2-7c1e-7d2a-9b1e-000000000001',
        answeredAt: '2026-11-23T10:16:00.000Z',
      }),
    );
    db.close();
    const reopened = new HymyDb(db.name);
    opened.push(reopened);
    await expect(createResponseStore(reopened).lastAnsweredAt()).resolves.toBe(
      Date.parse('2026-11-23T10:16:00.000Z'),
    );
  });

  it('reports a write to a closed database as a value, not an exception', async () => {
    const db = freshDb();
    await db.open();
    db.close({ disableAutoOpen: true });
    await expect(saveResponse(db, { ...answer(), syncState: 'pending' })).resolves.toEqual({
      ok: false,
      code: 'database_closed',
    });
  });

  it('reports a refused write (the same id twice) as write_failed', async () => {
    const db = freshDb();
    const store = createResponseStore(db);
    await store.save(answer());
    await expect(store.save(answer())).resolves.toEqual({ ok: false, code: 'write_failed' });
  });
});

describe('what a failed write means', () => {
  it('finds a full disk inside the aborted transaction', () => {
    const quota = new DOMException('full', 'QuotaExceededError');
    expect(storeFaultCode(new Dexie.AbortError('aborted', quota))).toBe('quota_exceeded');
    expect(storeFaultCode(new Dexie.QuotaExceededError('full'))).toBe('quota_exceeded');
    expect(storeFaultCode(quota)).toBe('quota_exceeded');
  });

  it('tells a closed database from other failures', () => {
    expect(storeFaultCode(new Dexie.DatabaseClosedError('closed'))).toBe('database_closed');
    expect(storeFaultCode(new Dexie.ConstraintError('dup'))).toBe('write_failed');
    expect(storeFaultCode('odd')).toBe('write_failed');
  });
});

describe('asking for persistent storage', () => {
  it('says null where the browser has no such request', async () => {
    await expect(requestPersistence(undefined)).resolves.toBeNull();
    await expect(requestPersistence({})).resolves.toBeNull();
  });

  it('does not ask again when already persistent', async () => {
    let asked = false;
    const storage = {
      persisted: () => Promise.resolve(true),
      persist: () => {
        asked = true;
        return Promise.resolve(true);
      },
    };
    await expect(requestPersistence(storage)).resolves.toBe(true);
    expect(asked).toBe(false);
  });

  it('reports a refusal or a failure as not persistent', async () => {
    await expect(requestPersistence({ persist: () => Promise.resolve(false) })).resolves.toBe(
      false,
    );
    await expect(
      requestPersistence({ persist: () => Promise.reject(new Error('x')) }),
    ).resolves.toBe(false);
  });
});

describe('adding to a stored answer', () => {
  it('adds a follow-up and a comment to a pending answer, durably', async () => {
    const db = freshDb();
    const store = createResponseStore(db);
    await store.save(answer());
    const followUp = { questionId: 'reason', value: 'waiting-time' };
    // Each amendment tells the answer as it is now and the row as it was (for the journal).
    expect(await store.amend(answer().id, { followUp })).toEqual({
      ok: true,
      response: { ...answer(), followUp },
      before: { ...answer(), syncState: 'pending' },
    });
    expect(await store.amend(answer().id, { comment: 'Odotus oli pitkä' })).toMatchObject({
      ok: true,
      response: { followUp, comment: 'Odotus oli pitkä' },
    });
    expect(await db.responses.get(answer().id)).toMatchObject({
      value: 4,
      followUp,
      comment: 'Odotus oli pitkä',
      syncState: 'pending',
    });
  });

  it('leaves an answer already sent, a missing one and a too long comment as they were', async () => {
    const db = freshDb();
    const store = createResponseStore(db);
    await saveResponse(db, { ...answer(), syncState: 'sent' });
    const refused = { ok: false, code: 'refused' };
    expect(await store.amend(answer().id, { comment: 'myöhässä' })).toEqual(refused);
    expect(await store.amend('0193a6f2-7c1e-7d2a-9b1e-000000000000', { comment: 'x' })).toEqual(
      refused,
    );
    const pending = answer({ id: '0193a6f2-7c1e-7d2a-9b1e-3f2a1c4d5e70' });
    await store.save(pending);
    expect(await store.amend(pending.id, { comment: 'x'.repeat(501) })).toEqual(refused);
    expect((await db.responses.get(answer().id))?.comment).toBeUndefined();
    expect((await db.responses.get(pending.id))?.comment).toBeUndefined();
  });

  it('remembers the hold of the open visit for the outbox', () => {
    const store = createResponseStore(freshDb());
    expect(store.heldFrom()).toBeNull();
    store.hold('2026-11-23T10:15:00.123Z');
    expect(store.heldFrom()).toBe('2026-11-23T10:15:00.123Z');
    store.hold(null);
    expect(store.heldFrom()).toBeNull();
  });
});
