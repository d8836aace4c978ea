import type { BoxIdentity } from './line-firmware';
import type { BoxProtocol, VirtualBoxOptions } from './virtual-box-types';

export type ResolvedOptions = {
  identity: BoxIdentity;
  protocol: BoxProtocol;
  releaseMs: number | false;
  bootMs: number;
  kioskWaitMs: number;
};

// HELLO's tokens are separated by single spaces: a model with a space would change its meaning.
const tokenPattern = /^[\x21-\x7e]+$/;

/** The options with their defaults; a box the protocol cannot describe is a caller's bug. */
export function withDefaults(options: VirtualBoxOptions): ResolvedOptions {
  const identity = {
    model: options.model ?? 'HYMY-SIM',
    firmware: options.firmware ?? '1.0.0',
    buttons: options.buttons ?? 4,
  };
  if (!Number.isInteger(identity.buttons) || identity.buttons < 1 || identity.buttons > 9) {
    throw new RangeError(`a box has 1–9 buttons, not ${identity.buttons}`);
  }
  if (!tokenPattern.test(identity.model) || !tokenPattern.test(identity.firmware)) {
    throw new RangeError('model and firmware are single printable tokens (no spaces)');
  }
  return {
    identity,
    protocol: options.protocol,
    releaseMs: options.releaseMs ?? 50,
    bootMs: options.bootMs ?? 50,
    kioskWaitMs: options.kioskWaitMs ?? 2000,
  };
}
