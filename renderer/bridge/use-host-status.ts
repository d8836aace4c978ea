import { useCallback, useEffect, useState } from 'react';
import type { Bridge, HostStatus } from '../../core';

/** Asked again this often while the host has not answered (it may still be starting). */
const RETRY_MS = 2000;

export type HostStatusView = {
  status: HostStatus | null;
  /** The host did not answer the last time it was asked. */
  unreachable: boolean;
  /** Asks again now. */
  refresh: () => void;
};

/** A status from the bridge, looked at just enough: an odd answer counts as none. */
function looksLikeStatus(data: unknown): data is HostStatus {
  return (
    typeof data === 'object' &&
    data !== null &&
    'configSource' in data &&
    'appVersion' in data &&
    'central' in data
  );
}

/**
 * The host's status (is the terminal set up, its hardware id, the service session, …): asked at
 * start, again every few seconds until the host answers, then every `refreshMs` if given (in
 * case a change was sent while the link was down); replaced at once on `status:changed`.
 */
export function useHostStatus(
  bridge: Bridge,
  options: { refreshMs?: number } = {},
): HostStatusView {
  const { refreshMs } = options;
  const [status, setStatus] = useState<HostStatus | null>(null);
  const [unreachable, setUnreachable] = useState(false);
  const [asked, setAsked] = useState(0);

  useEffect(() => {
    let stopped = false;
    let heard = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const accept = (data: unknown): void => {
      if (!stopped && looksLikeStatus(data)) {
        heard = true;
        setStatus(data);
        setUnreachable(false);
      }
    };
    const ask = (): void => {
      bridge
        .call('status:get', null)
        .then(accept, () => {
          if (!stopped) {
            setUnreachable(true);
          }
        })
        .finally(() => {
          const next = heard ? refreshMs : RETRY_MS;
          if (!stopped && next !== undefined) {
            timer = setTimeout(ask, next);
          }
        });
    };
    const stop = bridge.on('status:changed', accept);
    ask();
    return () => {
      stopped = true;
      clearTimeout(timer);
      stop();
    };
  }, [bridge, refreshMs, asked]);

  const refresh = useCallback(() => setAsked((n) => n + 1), []);
  return { status, unreachable, refresh };
}
