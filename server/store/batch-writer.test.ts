import { afterEach, describe, expect, it, vi } from 'vitest';
import { UploadAnswerSchema } from '../../core/central-api';
import type { Database } from '../database';
import { answer, startTestServer, TEST_ENGINE, UNIT, type TestServer } from '../test-support';
import { batchWriter } from './batch-writer';

/** Uploads that arrive together, stored by group commit on SQLite and one by one on PostgreSQL. */
describe(`storing uploads that arrive together (${TEST_ENGINE})`, () => {
  let t: TestServer | undefined;
  afterEach(() => t?.cleanup());

  const batch = (terminal: number, size: number) =>
    Array.from({ length: size }, (_, i) => answer(terminal * 1000 + i));
  const arrival = (terminalId: string) => ({
    terminalId,
    unitId: UNIT.id,
    receivedAt: new Date().toISOString(),
    timeZone: 'Europe/Helsinki',
  });

  it('each upload hears its own lists and every answer is counted once', async () => {
    t = await startTestServer();
    const terminals = [];
    for (let i = 0; i < 6; i += 1) {
      terminals.push(await t.enroll());
    }
    // Six terminals at once, one of them sending a batch that repeats another's ids.
    const sent = await Promise.all([
      ...terminals.map((terminal, i) => t!.upload(terminal.token, batch(i, 40 + i))),
      t.upload(terminals[0]!.token, batch(0, 10)),
    ]);
    const lists = sent.map((call) => UploadAnswerSchema.parse(call.body));
    for (let i = 1; i < 6; i += 1) {
      expect(lists[i]).toEqual({
        accepted: batch(i, 40 + i).map((a) => a.id),
        duplicate: [],
        rejected: [],
      });
    }
    // Terminal 0's ten repeated ids were stored once, by whichever batch the server took first.
    const first = [...lists[0]!.accepted, ...lists[6]!.accepted].sort();
    expect(first).toEqual(
      batch(0, 40)
        .map((a) => a.id)
        .sort(),
    );
    expect(lists[0]!.duplicate.length + lists[6]!.duplicate.length).toBe(10);
    const summary = await t.admin('GET', '/v1/admin/summary?questionId=overall');
    expect((summary.body as { total: number }).total).toBe(6 * 40 + 15);
  });

  it('batches that wait together share one transaction on SQLite, one each on PostgreSQL', async () => {
    let database: Database | undefined;
    t = await startTestServer({
      onDatabaseOpen: (opened) => {
        database = opened;
      },
    });
    const terminals = [await t.enroll(), await t.enroll(), await t.enroll()];
    const store = batchWriter(database!);
    const transactions = vi.spyOn(database!.db, 'transaction');
    const outcomes = await Promise.all(
      terminals.map((terminal, i) => store(arrival(terminal.terminalId), batch(i, 10))),
    );
    expect(outcomes.map((o) => o.accepted.length)).toEqual([10, 10, 10]);
    expect(transactions).toHaveBeenCalledTimes(TEST_ENGINE === 'sqlite' ? 1 : 3);
    // A group is at most GROUP_ANSWERS answers: 4,000 and 1 more take two.
    transactions.mockClear();
    const big = await Promise.all([
      store(arrival(terminals[0]!.terminalId), batch(10, 500).slice(0, 400).concat(batch(11, 500))),
      ...Array.from({ length: 7 }, (_, i) =>
        store(arrival(terminals[1]!.terminalId), batch(20 + i, 500)),
      ),
      store(arrival(terminals[2]!.terminalId), batch(40, 1)),
    ]);
    expect(big.reduce((sum, o) => sum + o.accepted.length, 0)).toBe(900 + 7 * 500 + 1);
    expect(transactions).toHaveBeenCalledTimes(TEST_ENGINE === 'sqlite' ? 2 : 9);
  });

  it('a batch that cannot be stored fails alone; the others of its group are stored', async () => {
    let database: Database | undefined;
    t = await startTestServer({
      onDatabaseOpen: (opened) => {
        database = opened;
      },
    });
    const good = [await t.enroll(), await t.enroll()];
    const store = batchWriter(database!);
    // A terminal the database does not know breaks its batch's foreign key.
    const outcomes = await Promise.allSettled([
      store(arrival(good[0]!.terminalId), batch(1, 5)),
      store(arrival('no-such-terminal'), batch(2, 5)),
      store(arrival(good[1]!.terminalId), batch(3, 5)),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(outcomes[0]).toMatchObject({ value: { accepted: batch(1, 5).map((a) => a.id) } });
    expect(outcomes[2]).toMatchObject({ value: { accepted: batch(3, 5).map((a) => a.id) } });
    const summary = await t.admin('GET', '/v1/admin/summary?questionId=overall');
    expect((summary.body as { total: number }).total).toBe(10);
  });
});
