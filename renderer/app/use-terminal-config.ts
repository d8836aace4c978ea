import { useEffect, useState } from 'react';
import { TerminalConfigSchema, type Bridge, type TerminalConfig } from '../../core';

const POLL_WHILE_STARTING_MS = 2000;
const REFRESH_MS = 60_000;

/** A config from the bridge, checked again: the renderer trusts no data it did not make. */
function parseConfig(data: unknown): TerminalConfig | null {
  const parsed = TerminalConfigSchema.safeParse(data);
  return parsed.success ? parsed.data : null;
}

/**
 * The terminal's config: asked for at start, replaced on `config:changed`. Asked again every
 * few seconds while there is none (the host may still be starting) and now and then after, in
 * case a change was sent while the connection was down. A refused config keeps the last good one.
 */
export function useTerminalConfig(bridge: Bridge): TerminalConfig | null {
  const [config, setConfig] = useState<TerminalConfig | null>(null);

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let changes = 0;

    const accept = (data: unknown): boolean => {
      const next = parseConfig(data);
      if (next) {
        // The same config again (a refresh) keeps the same object: nothing re-renders.
        setConfig((prev) => (prev && JSON.stringify(prev) === JSON.stringify(next) ? prev : next));
      }
      return next !== null;
    };

    const ask = (): void => {
      const asked = changes;
      bridge
        .call('config:get', null)
        // An event that came while asking is newer than this answer.
        .then((data) => (asked === changes ? accept(data) : true))
        .catch(() => false)
        .then(
          (have) => {
            if (!stopped) {
              timer = setTimeout(ask, have ? REFRESH_MS : POLL_WHILE_STARTING_MS);
            }
          },
          () => undefined,
        );
    };

    const stop = bridge.on('config:changed', (data) => {
      changes += 1;
      accept(data);
    });
    ask();
    return () => {
      stopped = true;
      clearTimeout(timer);
      stop();
    };
  }, [bridge]);

  return config;
}
