import { useEffect, useState } from 'react';
import type { Bridge, HostStatus } from '../../core';

const RETRY_MS = 2000;

/** A status from the bridge, looked at just enough: an odd answer counts as none. */
function asStatus(data: unknown): HostStatus | null {
  return typeof data === 'object' && data !== null && 'configSource' in data
    ? (data as HostStatus)
    : null;
}

/**
 * The host's status (is the terminal set up, its hardware id, the service session): asked for
 * at start, and again every few seconds until the host answers; replaced on `status:changed`.
 */
export function useHostStatus(bridge: Bridge): HostStatus | null {
  const [status, setStatus] = useState<HostStatus | null>(null);

  useEffect(() => {
    let stopped = false;
    let heard = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const accept = (data: unknown): void => {
      const next = asStatus(data);
      if (next && !stopped) {
        heard = true;
        setStatus(next);
      }
    };
    const ask = (): void => {
      bridge
        .call('status:get', null)
        .then(accept, () => undefined)
        .finally(() => {
          if (!heard && !stopped) {
            timer = setTimeout(ask, RETRY_MS);
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
  }, [bridge]);

  return status;
}
