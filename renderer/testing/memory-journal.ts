import type { JournalWriteResult, Response } from '../../core';
import type { JournalPort } from '../store/journaled-store';

/** A promise the test settles, as a write Chromium or the host answers late, or never. */
export function later<T>() {
  let settle: (value: T) => void = () => undefined;
  const promise = new Promise<T>((resolve) => {
    settle = resolve;
  });
  return { promise, settle };
}

/**
 * The host's journal in memory, for the journaled store's tests: what it holds, the calls it
 * got, a fault to answer with (`answer`), or an append that answers only when told (`stall`).
 */
export function memoryJournal() {
  const held = new Map<string, Response>();
  const calls: string[] = [];
  let answer: JournalWriteResult | 'down' = { ok: true };
  let stalled: ReturnType<typeof later<JournalWriteResult>> | null = null;
  const port: JournalPort = {
    async append(response) {
      calls.push(`append ${response.id}`);
      const wait = stalled;
      stalled = null;
      const result = wait ? await wait.promise : answer;
      if (result === 'down') {
        throw new Error('bridge_disconnected');
      }
      if (result.ok) {
        held.set(response.id, response);
      }
      return result;
    },
    withdraw(id) {
      calls.push(`withdraw ${id}`);
      held.delete(id);
      return Promise.resolve({ ok: true });
    },
  };
  return {
    port,
    held,
    calls,
    answer(next: JournalWriteResult | 'down') {
      answer = next;
    },
    /** The next append answers only when the returned `settle` is called. */
    stall() {
      stalled = later<JournalWriteResult>();
      return stalled;
    },
  };
}
