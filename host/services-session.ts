import type { BridgeHandlers } from '../core';
import type { Timers } from '../core/timers';
import type { Logger } from './log';
import { createServiceSession, type ServiceSession, type SessionEnd } from './service-session';

export type SessionDomainOptions = {
  dataDir: string;
  /** The PIN hash the settings hold now. */
  pinHash: () => string | undefined;
  logger: Logger;
  timers?: Timers | undefined;
  now?: (() => number) | undefined;
  /** The session opened or closed: the status shows it. */
  changed: () => void;
  /** The session ended, before the status says so (what it left open is to go). */
  onClose: (why: SessionEnd) => void;
  /** It ended because the technician left it idle: the UI goes back to the kiosk. */
  onIdle: () => void;
};

/**
 * The technician's service session: the PIN pad, the idle close, and the guard that every
 * service call but the pad goes through.
 */
export type SessionDomain = Pick<
  ServiceSession,
  'isOpen' | 'guard' | 'close' | 'forgetLock' | 'dispose'
> & {
  handlers: Pick<
    BridgeHandlers,
    'service:pin-state' | 'service:unlock' | 'service:touch' | 'service:close'
  >;
};

export function createSessionDomain(options: SessionDomainOptions): SessionDomain {
  const session = createServiceSession({
    dataDir: options.dataDir,
    pinHash: options.pinHash,
    logger: options.logger,
    ...(options.timers ? { timers: options.timers } : {}),
    ...(options.now ? { now: options.now } : {}),
    onOpen: options.changed,
    onClose(why) {
      options.onClose(why);
      options.changed();
      if (why === 'idle') {
        options.onIdle();
      }
    },
  });

  return {
    isOpen: () => session.isOpen(),
    guard: (work) => session.guard(work),
    close: (why) => session.close(why),
    forgetLock: () => session.forgetLock(),
    dispose: () => session.dispose(),
    handlers: {
      'service:pin-state': () => session.pinState(),
      'service:unlock': ({ pin }) => session.unlock(pin),
      'service:touch': () => ({ open: session.touch() }),
      'service:close': () => session.close('closed'),
    },
  };
}
