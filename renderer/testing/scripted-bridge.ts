import { act, render, type RenderResult } from '@testing-library/react';
import { createElement, type ReactElement } from 'react';
import { I18nextProvider } from 'react-i18next';
import type { Bridge, BridgeCallName, BridgeCalls } from '../../core';
import { BridgeCallError } from '../bridge/bridge-error';
import { createI18n } from '../i18n/i18n';
import { EventHub } from './event-hub';

/** What a test's host answers to one call: a value, a promise, or a throw. */
export type Script = {
  [K in BridgeCallName]?: (
    args: BridgeCalls[K]['args'],
  ) => BridgeCalls[K]['result'] | Promise<BridgeCalls[K]['result']>;
};

type Call = { name: BridgeCallName; args: unknown };

/**
 * A host whose answers the test writes: each call goes to its script, a call without one fails
 * as a real bridge would for an unknown call. Every call is recorded; events are emitted by hand.
 */
export class ScriptedBridge extends EventHub implements Bridge {
  readonly calls: Call[] = [];

  constructor(public script: Script = {}) {
    super();
  }

  call<K extends BridgeCallName>(
    name: K,
    args: BridgeCalls[K]['args'],
  ): Promise<BridgeCalls[K]['result']> {
    this.calls.push({ name, args });
    const handler = this.script[name];
    if (!handler) {
      return Promise.reject(new BridgeCallError('unscripted', `no script for ${name}`));
    }
    return Promise.resolve().then(() => handler(args));
  }

  /** The arguments of every call of `name`, in order. */
  argsOf<K extends BridgeCallName>(name: K): BridgeCalls[K]['args'][] {
    return this.calls
      .filter((call) => call.name === name)
      .map((call) => call.args as BridgeCalls[K]['args']);
  }
}

/** A promise the test settles by hand, to see what shows while the host has not answered. */
export function deferred<T>(): {
  promise: Promise<T>;
  resolve(value: T): void;
  reject(error: unknown): void;
} {
  let resolve: (value: T) => void = () => undefined;
  let reject: (error: unknown) => void = () => undefined;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Renders a screen with the bundled locales, as the app's provider gives them. */
export function renderWithI18n(ui: ReactElement): RenderResult {
  return render(createElement(I18nextProvider, { i18n: createI18n() }, ui));
}

/** Lets pending promises (a bridge answer) run and React apply what they changed. */
export async function flush(): Promise<void> {
  await act(async () => {
    for (let i = 0; i < 20; i += 1) {
      await Promise.resolve();
    }
  });
}
