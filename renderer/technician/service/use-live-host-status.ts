import { useCallback, useEffect, useState } from 'react';
import type { Bridge, HostStatus } from '../../../core';

/** The screens ask again this often, in case a change was sent while the link was down. */
const REFRESH_MS = 10_000;

export type LiveHostStatus = {
  status: HostStatus | null;
  /** The host did not answer the last time it was asked. */
  unreachable: boolean;
  refresh: () => void;
};

function looksLikeStatus(data: unknown): data is HostStatus {
  return typeof data === 'object' && data !== null && 'appVersion' in data && 'central' in data;
}

/** The host's status while the service screens are open: asked, refreshed, and pushed. */
export function useLiveHostStatus(bridge: Bridge): LiveHostStatus {
  const [status, setStatus] = useState<HostStatus | null>(null);
  const [unreachable, setUnreachable] = useState(false);
  const [asked, setAsked] = useState(0);

  useEffect(() => {
    let stopped = false;
    const accept = (data: unknown): void => {
      if (!stopped && looksLikeStatus(data)) {
        setStatus(data);
        setUnreachable(false);
      }
    };
    const ask = (): void => {
      bridge.call('status:get', null).then(accept, () => {
        if (!stopped) {
          setUnreachable(true);
        }
      });
    };
    const stop = bridge.on('status:changed', accept);
    ask();
    const timer = setInterval(ask, REFRESH_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
      stop();
    };
  }, [bridge, asked]);

  const refresh = useCallback(() => setAsked((n) => n + 1), []);
  return { status, unreachable, refresh };
}
