import { useCallback, useEffect, useState } from 'react';
import type { HymyDb } from '../../store/db';
import { readUnsent, type Unsent } from './unsent';

export type UnsentState =
  { phase: 'counting' } | ({ phase: 'counted' } & Unsent) | { phase: 'failed' };

/** The unsent answers, counted when a screen opens and again on `recount()`. */
export function useUnsent(db: HymyDb): { unsent: UnsentState; recount: () => void } {
  const [unsent, setUnsent] = useState<UnsentState>({ phase: 'counting' });
  const [round, setRound] = useState(0);

  useEffect(() => {
    let stopped = false;
    readUnsent(db).then(
      (counted) => {
        if (!stopped) {
          setUnsent({ phase: 'counted', ...counted });
        }
      },
      () => {
        if (!stopped) {
          setUnsent({ phase: 'failed' });
        }
      },
    );
    return () => {
      stopped = true;
    };
  }, [db, round]);

  const recount = useCallback(() => setRound((n) => n + 1), []);
  return { unsent, recount };
}
