import type { BridgeHandlers, ButtonBoxStatus, ButtonPress, TerminalConfig } from '../core';
import type { Timers } from '../core/timers';
import { DEFAULT_BAUD_RATE, startButtonBox } from '../hardware/button-box';
import { createBoxRelay } from './box-relay';
import type { Logger } from './log';
import { realTimers } from '../node/real-timers';
import { parseSerial } from './serial-choice';
import type { ButtonBoxPort, HostServicesOptions, SerialChoice } from './services-types';
import type { TerminalSettings } from './terminal-files';

/** As the config schema's default, for the moments before any config is known. */
const DEFAULT_LIGHT_MS = 1500;

/** `--serial` if given, else the settings' `serial`, else the host's fallback. */
export function chooseSerial(
  options: Pick<HostServicesOptions, 'serial' | 'serialFallback'>,
  settings: TerminalSettings,
  logger: Logger,
): SerialChoice {
  if (options.serial !== undefined) {
    return options.serial;
  }
  if (settings.serial !== undefined) {
    const chosen = parseSerial(settings.serial);
    if (chosen) {
      return chosen;
    }
    logger.warn('settings_serial_invalid');
  }
  return options.serialFallback ?? { kind: 'none' };
}

/**
 * The serial box of `--serial` (or the settings), driven for as long as the host runs. `timers`
 * drive its retries, watches and PINGs (tests pass a manual clock).
 */
export function driveSerialBox(
  serial: SerialChoice,
  config: () => TerminalConfig | null,
  logger: Logger,
  timers: Timers = realTimers,
): ButtonBoxPort | undefined {
  if (serial.kind === 'none') {
    return undefined;
  }
  const boxLogger = logger.with({ room: 'button-box' });
  const driver = startButtonBox({
    target: serial.kind === 'auto' ? { kind: 'auto' } : { kind: 'path', path: serial.path },
    logger: boxLogger,
    baudRate: () => config()?.buttonBox.baudRate ?? DEFAULT_BAUD_RATE,
    timers,
  });
  return createBoxRelay(driver, {
    logger: boxLogger,
    lightMs: () => config()?.buttonBox.lightMs ?? DEFAULT_LIGHT_MS,
  });
}

export type BoxDomainOptions = Pick<
  HostServicesOptions,
  'buttonBox' | 'serial' | 'serialFallback'
> & {
  /** The settings at start: they may name the serial port. */
  settings: TerminalSettings;
  /** The config now: its baud rate and how long a button stays lit. */
  config: () => TerminalConfig | null;
  logger: Logger;
  onPress: (press: ButtonPress) => void;
  /** The box's status changed (connected, identity, malformed lines). */
  changed: () => void;
};

/** The button box: its presses go to the UI, the UI's acks light its buttons. */
export type BoxDomain = {
  /** Null when the terminal has no box (keys still answer). */
  status: () => ButtonBoxStatus | null;
  handlers: Pick<BridgeHandlers, 'button:ack'>;
  close: () => Promise<void>;
};

export function createBoxDomain(options: BoxDomainOptions): BoxDomain {
  const box =
    options.buttonBox ??
    driveSerialBox(
      chooseSerial(options, options.settings, options.logger),
      options.config,
      options.logger,
    );
  const stopPresses = box?.onPress(options.onPress);
  const stopStatus = box?.onStatus?.(options.changed);

  return {
    status: () => (box ? box.status() : null),
    handlers: {
      'button:ack': async ({ pressId }) => {
        // The renderer calls this only after the press is committed: lighting the button is the
        // box's promise to the patient that the answer counted.
        if (box) {
          await box.ack(pressId);
        }
      },
    },
    async close() {
      stopPresses?.();
      stopStatus?.();
      await box?.close?.();
    },
  };
}
