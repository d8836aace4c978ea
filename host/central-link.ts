import type { CentralStatus, Heartbeat, TerminalConfig } from '../core';
import type { Timers } from '../core/timers';
import { watchServerClock } from './central-client';
import { pollStatus, startConfigPoller } from './config-poller';
import { beatStatus, startHeartbeat } from './heartbeat';
import type { Logger } from './log';
import type { TransportTarget } from './central-http';

/** An enrolled terminal's link to its API: the upload's target, the config poller, the heartbeat. */
export type CentralLink = {
  target: TransportTarget;
  /** Stops both; resolves once the poll and the beat under way have settled. */
  stop(): Promise<void>;
};

export type CentralLinkHooks = {
  dataDir: string;
  logger: Logger;
  configPollMs: number | undefined;
  heartbeatMs: number | undefined;
  /** The poll's and the beat's timers (tests drive them by hand); Node's by default. */
  timers?: Timers | undefined;
  collect(): Heartbeat;
  onConfig(config: TerminalConfig): Promise<void>;
  onCentral(change: Partial<CentralStatus>): void;
};

export function startCentralLink(target: TransportTarget, hooks: CentralLinkHooks): CentralLink {
  let live = true;
  const report = (change: Partial<CentralStatus>): void => {
    if (live) {
      hooks.onCentral(change);
    }
  };
  // The clock is read off the poll's and the heartbeat's answers (not the uploads': a drain of
  // many batches would flood the UI with status news for the same figure).
  const fetchImpl = watchServerClock(fetch, (clock) => report({ clock }));
  const poller = startConfigPoller({
    target,
    dataDir: hooks.dataDir,
    logger: hooks.logger,
    fetchImpl,
    ...(hooks.configPollMs !== undefined ? { intervalMs: hooks.configPollMs } : {}),
    ...(hooks.timers ? { timers: hooks.timers } : {}),
    onConfig: (config) => (live ? hooks.onConfig(config) : undefined),
    onStatus: (poll) => report({ configPoll: pollStatus(poll) }),
  });
  const heartbeat = startHeartbeat({
    target,
    logger: hooks.logger,
    fetchImpl,
    ...(hooks.heartbeatMs !== undefined ? { intervalMs: hooks.heartbeatMs } : {}),
    ...(hooks.timers ? { timers: hooks.timers } : {}),
    collect: () => hooks.collect(),
    onResult: (outcome) => report({ heartbeat: beatStatus(outcome) }),
  });
  return {
    target,
    async stop() {
      live = false;
      await Promise.all([poller.stop(), heartbeat.stop()]);
    },
  };
}
