import { useCallback, useEffect, useReducer, useRef } from 'react';
import type { Bridge, ResponseSource, TerminalConfig } from '../../core';
import type { StatusReporter } from '../app/status-reporter';
import type { AnswerRecorder, RecordResult } from './answer-recorder';
import { TAP_TO_COMMIT, TAP_TO_THANKS, afterPaint, markTap, measureSince } from './bench-marks';
import { firstQuestion } from './kiosk-view';
import { initialKioskState, kioskReducer, type KioskState } from './kiosk-state';

/** How long the "could not be saved" message stays before the kiosk is plain ready again. */
export const FAILED_MESSAGE_MS = 3000;

export type Answer = {
  value: number;
  source: ResponseSource;
  /** The tap's time on the performance clock (see bench-marks.ts). */
  start: number;
  /** The box press to acknowledge once the answer is stored. */
  pressId?: string;
};

export type AnswerFlowDeps = {
  config: TerminalConfig | null;
  language: string;
  bridge: Bridge;
  recorder: AnswerRecorder;
  reporter: StatusReporter;
};

/**
 * From a chosen value to the thank-you: the answer is written, and only once the write has
 * committed does the thank-you show and the box's button light. A write that fails shows no
 * thank-you and lights nothing; the host hears why.
 */
export function useAnswerFlow({ config, language, bridge, recorder, reporter }: AnswerFlowDeps): {
  state: KioskState;
  submit: (answer: Answer) => void;
} {
  const [state, dispatch] = useReducer(kioskReducer, initialKioskState);
  // Taps committed and not yet measured to their painted thank-you.
  const awaitingThanks = useRef<number[]>([]);

  useEffect(() => {
    dispatch({ type: 'configured', present: config !== null });
  }, [config]);

  const submit = useCallback(
    (answer: Answer) => {
      if (!config) {
        return;
      }
      markTap(answer.start);
      dispatch({ type: 'submitted' });
      const request = {
        config,
        question: firstQuestion(config),
        value: answer.value,
        source: answer.source,
        language,
      };
      void recorder
        .record(request)
        .catch((): RecordResult => ({ ok: false, code: 'write_failed' }))
        .then((result) => {
          if (!result.ok) {
            dispatch({ type: 'failed' });
            reporter.report({ ok: false, code: result.code });
            return;
          }
          measureSince(TAP_TO_COMMIT, answer.start);
          awaitingThanks.current.push(answer.start);
          dispatch({ type: 'committed' });
          reporter.report({ ok: true });
          if (answer.pressId !== undefined) {
            // The light promises the press is stored: only now, after the commit.
            bridge.call('button:ack', { pressId: answer.pressId }).catch(() => undefined);
          }
        });
    },
    [config, language, recorder, reporter, bridge],
  );

  useEffect(() => {
    if (state.thanksSeq === 0) {
      return;
    }
    afterPaint(() => {
      for (const start of awaitingThanks.current.splice(0)) {
        measureSince(TAP_TO_THANKS, start);
      }
    });
  }, [state.thanksSeq]);

  const thankYouMs = config?.timing.thankYouMs ?? 0;
  useEffect(() => {
    if (state.phase !== 'thanks') {
      return;
    }
    const seq = state.thanksSeq;
    const timer = setTimeout(() => dispatch({ type: 'thanksElapsed', seq }), thankYouMs);
    return () => clearTimeout(timer);
  }, [state.phase, state.thanksSeq, thankYouMs]);

  useEffect(() => {
    if (state.phase !== 'failed') {
      return;
    }
    const seq = state.failedSeq;
    const timer = setTimeout(() => dispatch({ type: 'failedElapsed', seq }), FAILED_MESSAGE_MS);
    return () => clearTimeout(timer);
  }, [state.phase, state.failedSeq]);

  return { state, submit };
}
