import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import {
  COMMENT_MAX_LENGTH,
  REDACTION_PLACEHOLDERS,
  redactPersonalData,
  type Bridge,
  type LanguageCode,
  type Respondent,
  type ResponseSource,
  type Survey,
  type TerminalConfig,
} from '../../core';
import type { AnswerRecorder, RecordResult } from './answer-recorder';
import { TAP_TO_COMMIT, TAP_TO_THANKS, afterPaint, markTap, measureSince } from './bench-marks';
import { initialKioskState, kioskReducer, type KioskState } from './kiosk-state';
import { useIdleReset } from './use-idle-reset';
import {
  isFresh,
  newVisit,
  stepAfterAnswer,
  stepAfterQuestion,
  type Visit,
  type VisitNext,
} from './visit';

/** How long the "could not be saved" message stays before the kiosk is plain ready again. */
export const FAILED_MESSAGE_MS = 3000;
/** The open question waits this many times `timing.visitIdleMs` before the visit ends. */
export const COMMENT_IDLE_FACTOR = 3;

export type Answer = {
  value: number;
  source: ResponseSource;
  /** The tap's time on the performance clock (see bench-marks.ts). */
  start: number;
  /** The box press to acknowledge once the answer is stored. */
  pressId?: string;
  /** Which question, by index (default 0: a box or a key always answers the first). */
  question?: number;
};

/** What the later screens of a visit do; each acts only on its own screen. */
export type VisitControls = {
  chooseRespondent: (respondent: Respondent | null) => void;
  /** A chip of the follow-up, or null to skip it. */
  chooseFollowUp: (optionId: string | null) => void;
  /** The open question's text, redacted here before it is stored. */
  sendComment: (text: string) => void;
  /** Past the question (a later one, or "cannot say"), the follow-up or the open question. */
  skip: () => void;
  /** "Cannot say" on a statement: no answer (agree5 has no value for it), on to the next. */
  cannotSay: () => void;
  /** Ends the visit now, with the thank-you when something was answered. */
  finish: () => void;
};

export type AnswerFlowDeps = {
  config: TerminalConfig | null;
  language: LanguageCode;
  bridge: Bridge;
  recorder: AnswerRecorder;
};

/** The comment as it may be stored: trimmed, personal data out, within the limit. */
export function redactComment(text: string, language: LanguageCode): string {
  const placeholder =
    REDACTION_PLACEHOLDERS[language as keyof typeof REDACTION_PLACEHOLDERS] ??
    REDACTION_PLACEHOLDERS.en;
  return redactPersonalData(text.trim(), placeholder).text.slice(0, COMMENT_MAX_LENGTH).trim();
}

/** Before any config: a visit of nothing, replaced as soon as the survey is known. */
const NO_VISIT: Visit = {
  seq: 0,
  step: { kind: 'question', index: 0 },
  respondent: undefined,
  started: false,
  answers: new Map(),
};

/**
 * From a chosen value to the thank-you, through every screen of a visit. Each answer is written
 * at once, and only once the write has committed does the visit move on (or the thank-you show)
 * and the box's button light. A write that fails shows no thank-you and lights nothing; the
 * host hears why. The open visit's answers are held out of the outbox until it ends, so a
 * follow-up or a comment always reaches the server with its answer.
 */
export function useAnswerFlow({ config, language, bridge, recorder }: AnswerFlowDeps): {
  state: KioskState;
  visit: Visit;
  submit: (answer: Answer) => void;
  controls: VisitControls;
} {
  const [state, dispatch] = useReducer(kioskReducer, initialKioskState);
  // Taps committed and not yet measured to their painted thank-you.
  const awaitingThanks = useRef<number[]>([]);
  // The visit as the callbacks see it at once; the state copy draws the screen.
  const visitRef = useRef<Visit>(NO_VISIT);
  const [visit, setVisitState] = useState<Visit>(NO_VISIT);
  const setVisit = useCallback((next: Visit) => {
    visitRef.current = next;
    setVisitState(next);
  }, []);
  const survey: Survey | undefined = config?.survey;
  // A new survey (or its first) begins a new visit; the same survey polled again does not.
  const surveyKey = useMemo(() => (survey ? JSON.stringify(survey) : ''), [survey]);

  useEffect(() => {
    dispatch({ type: 'configured', present: config !== null });
  }, [config]);

  useEffect(() => {
    if (survey) {
      recorder.hold(null);
      setVisit(newVisit(survey, visitRef.current.seq + 1));
    }
    // The key stands for the survey's contents.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [surveyKey, recorder, setVisit]);

  /** The visit ends: its answers may go, and the next person starts afresh. */
  const endVisit = useCallback(
    (thanks: boolean) => {
      const ended = visitRef.current;
      if (!survey) {
        return;
      }
      recorder.hold(null);
      setVisit(newVisit(survey, ended.seq + 1));
      if (thanks && ended.answers.size > 0) {
        dispatch({ type: 'finished' });
      }
    },
    [survey, recorder, setVisit],
  );

  const advance = useCallback(
    (next: VisitNext) => {
      if (next.kind === 'done') {
        endVisit(true);
      } else {
        setVisit({ ...visitRef.current, step: next });
      }
    },
    [endVisit, setVisit],
  );

  const submit = useCallback(
    (answer: Answer) => {
      const index = answer.question ?? 0;
      const question = config?.survey.questions[index];
      if (!config || !question) {
        return;
      }
      markTap(answer.start);
      const atMs = recorder.now();
      let current = visitRef.current;
      if (index === 0) {
        // A first answer begins the visit; given again (a box press), it begins another.
        if (current.started) {
          current = newVisit(config.survey, current.seq + 1);
        }
        current = { ...current, started: true };
        setVisit(current);
        recorder.hold(atMs);
      }
      const { seq, respondent } = current;
      dispatch({ type: 'submitted' });
      const request = {
        config,
        question,
        value: answer.value,
        source: answer.source,
        language,
        respondent,
        startsVisit: index === 0,
        atMs,
      };
      void recorder
        .record(request)
        .catch((): RecordResult => ({ ok: false, code: 'write_failed' }))
        .then((result) => {
          const now = visitRef.current;
          if (!result.ok) {
            if (index === 0 && now.seq === seq && now.answers.size === 0) {
              // Nothing of this visit is stored: the next press answers it again.
              setVisit({ ...now, started: false });
              recorder.hold(null);
            }
            // The store (renderer/store/healing-store.ts) tells the host and mends itself.
            dispatch({ type: 'failed' });
            return;
          }
          measureSince(TAP_TO_COMMIT, answer.start);
          if (answer.pressId !== undefined) {
            // The light promises the press is stored: only now, after the commit.
            bridge.call('button:ack', { pressId: answer.pressId }).catch(() => undefined);
          }
          // An answer that ends its visit is thanked, as every box press is; one whose visit
          // a later press has replaced meanwhile moves no screen: that visit goes on, not this.
          const next = stepAfterAnswer(config.survey, index, answer.value);
          const thanks = next.kind === 'done';
          if (thanks) {
            awaitingThanks.current.push(answer.start);
          }
          if (now.seq === seq) {
            if (next.kind === 'done') {
              recorder.hold(null);
              setVisit(newVisit(config.survey, seq + 1));
            } else {
              const answers = new Map(now.answers).set(index, result.response.id);
              setVisit({ ...now, answers, step: next });
            }
          }
          dispatch({ type: 'committed', thanks });
        });
    },
    [config, language, recorder, bridge, setVisit],
  );

  const controls = useMemo((): VisitControls => {
    const chooseFollowUp = (optionId: string | null): void => {
      const { step, answers } = visitRef.current;
      if (!survey || step.kind !== 'followUp') {
        return;
      }
      const followUp = survey.questions[step.index]?.followUp;
      const responseId = answers.get(step.index);
      if (optionId !== null && followUp && responseId !== undefined) {
        // A store that cannot write tells the host itself (renderer/store/healing-store.ts).
        void recorder.amend(responseId, {
          followUp: { questionId: followUp.id, value: optionId },
        });
      }
      advance(stepAfterQuestion(survey, step.index));
    };
    const chooseRespondent = (respondent: Respondent | null): void => {
      const current = visitRef.current;
      if (current.step.kind === 'respondent') {
        setVisit({
          ...current,
          respondent: respondent ?? undefined,
          step: { kind: 'question', index: 0 },
        });
      }
    };
    return {
      chooseRespondent,
      chooseFollowUp,
      sendComment: (text) => {
        const { step, answers } = visitRef.current;
        if (step.kind !== 'comment') {
          return;
        }
        // The comment belongs to the visit's first answer: the question it explains.
        const target = answers.get(0) ?? [...answers.values()][0];
        const comment = redactComment(text, language);
        if (comment !== '' && target !== undefined) {
          void recorder.amend(target, { comment });
        }
        endVisit(true);
      },
      skip: () => {
        const { step } = visitRef.current;
        if (!survey) {
          return;
        }
        switch (step.kind) {
          case 'respondent':
            chooseRespondent(null);
            return;
          case 'question':
            // The first question is the visit itself: it is answered, or the visit times out.
            if (step.index > 0) {
              advance(stepAfterQuestion(survey, step.index));
            }
            return;
          case 'followUp':
            chooseFollowUp(null);
            return;
          case 'comment':
            endVisit(true);
            return;
        }
      },
      cannotSay: () => {
        const current = visitRef.current;
        if (survey && current.step.kind === 'question') {
          // Even on the first question it is the visit's beginning: it goes on, and times out.
          setVisit({ ...current, started: true });
          advance(stepAfterQuestion(survey, current.step.index));
        }
      },
      finish: () => {
        endVisit(true);
      },
    };
  }, [survey, language, recorder, advance, endVisit, setVisit]);

  // A visit left on a later screen ends by itself; its answers are kept. The open question
  // waits three times as long: writing takes thought, and a pause must not lose the text.
  const idleMs = config?.timing.visitIdleMs;
  const visitIdleMs =
    survey && idleMs !== undefined && !isFresh(survey, visit) && state.phase !== 'thanks'
      ? idleMs * (visit.step.kind === 'comment' ? COMMENT_IDLE_FACTOR : 1)
      : undefined;
  useIdleReset(visitIdleMs, () => endVisit(false));

  // Leaving the kiosk (the service screens) ends the visit: nothing stays held meanwhile.
  useEffect(() => () => recorder.hold(null), [recorder]);

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

  return { state, visit, submit, controls };
}
