import { useCallback, useEffect, useRef, useState } from 'react';

/** What a page shows of something it asked the server for. */
export type Loaded<T, F> =
  { kind: 'loading' } | { kind: 'ready'; value: T } | { kind: 'failed'; reason: F };

type Asked<T, F> = { ok: true; value: T } | { ok: false; reason: F };

export type Report<T, F> = {
  /** The answer for the current key; another key's reads as loading until its own comes. */
  shown: Loaded<T, F>;
  /** The last value that came, whatever key it was for (a name to show while the next loads). */
  last: T | null;
  /** Changes the value shown, as a change saved on the server changed it. */
  update: (change: (value: T) => T) => void;
};

/**
 * Asks `load()` whenever `key` changes, and keeps its answer. An answer that comes after the key
 * changed is dropped; 'unauthorized' means the session has ended, so the page gives way to the
 * sign-in page (`onSignedOut`) and shows no failure of its own.
 */
export function useReport<T, F>(
  key: string,
  load: () => Promise<Asked<T, F>>,
  onSignedOut: () => void,
): Report<T, Exclude<F, 'unauthorized'>> {
  type Shown = Loaded<T, Exclude<F, 'unauthorized'>>;
  const [answer, setAnswer] = useState<{ key: string; loaded: Shown } | null>(null);
  const [last, setLast] = useState<T | null>(null);
  // The newest `load` (a closure over the page's choices): the key says when to call it again.
  const latest = useRef(load);
  useEffect(() => {
    latest.current = load;
  });

  useEffect(() => {
    let live = true;
    void latest.current().then((result) => {
      if (!live) {
        return;
      }
      if (result.ok) {
        setAnswer({ key, loaded: { kind: 'ready', value: result.value } });
        setLast(result.value);
      } else if (result.reason === 'unauthorized') {
        onSignedOut();
      } else {
        // Not 'unauthorized', as just asked: TypeScript does not narrow a type parameter.
        const reason = result.reason as Exclude<F, 'unauthorized'>;
        setAnswer({ key, loaded: { kind: 'failed', reason } });
      }
    });
    return () => {
      live = false;
    };
  }, [key, onSignedOut]);

  const update = useCallback((change: (value: T) => T) => {
    setAnswer((now) =>
      now !== null && now.loaded.kind === 'ready'
        ? { key: now.key, loaded: { kind: 'ready', value: change(now.loaded.value) } }
        : now,
    );
  }, []);

  const shown: Shown = answer !== null && answer.key === key ? answer.loaded : { kind: 'loading' };
  return { shown, last, update };
}
