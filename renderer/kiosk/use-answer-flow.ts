import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import {
  COMMENT_MAX_LENGTH,
  REDACTION_PLACEHOLDERS,
  redactPersonalData,
  type Bridge,
  type ContactDetails,
  type LanguageCode,
  type Respondent,
  type ResponseSource,
  type TerminalConfig,
} from '../../core';
import { useTimers } from '../app/timers';
import type { AnswerRecorder, RecordResult } from './answer-recorder';
import { TAP_TO_COMMIT, TAP_TO_THANKS, afterPaint, markTap, measureSince } from './bench-marks';
import { loadSodium, sealContact, type SealFault } from './contact-seal';
import type { KioskState } from './kiosk-state';
import { useIdleReset } from './use-idle-reset';
import type { Visit } from './visit';
import {
  initialVisitState,
  visitIdleTimeout,
  visitMachine,
  type VisitEffect,
  type VisitEvent,
  type VisitMachineState,
} from './visit-machine';

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
  /** Yes to "Shall we contact you?": the form opens. */
  acceptContact: () => void;
  /**
   * Seals the contact details at once and adds only the sealed text to the visit's first answer;
   * the plain details go no further than this call.
   */
  sendContact: (details: ContactDetails) => Promise<ContactSendResult>;
  /** Past the question (a later one, or "cannot say"), the follow-up, the open question or contact. */
  skip: () => void;
  /** "Cannot say" on a statement: no answer (agree5 has no value for it), on to the next. */
  cannotSay: () => void;
  /** Ends the visit now, with the thank-you when something was answered. */
  finish: () => void;
};

export type ContactSendResult = { ok: true } | { ok: false; reason: SealFault };

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

/**
 * From a chosen value to the thank-you, through every screen of a visit. What happens when is
 * the visit machine's (visit-machine.ts); this hook only sends it events and runs the effects it
 * returns: writing an answer (and telling the machine once it is stored, or not), amending it,
 * the outbox hold, the box's light and the timers.
 */
export function useAnswerFlow({ config, language, bridge, recorder }: AnswerFlowDeps): {
  state: KioskState;
  visit: Visit;
  submit: (answer: Answer) => void;
  controls: VisitControls;
} {
  const timers = useTimers();
  // The machine's state as the next event sees it at once; the React copy draws the screen.
  // `send` is the one place both change.
  const machine = useRef<VisitMachineState>(initialVisitState);
  const [shown, setShown] = useState<VisitMachineState>(initialVisitState);
  // Taps committed and not yet measured to their painted thank-you.
  const awaitingThanks = useRef<number[]>([]);
  const pendingTimers = useRef(new Map<string, unknown>());
  // What an effect needs from the latest render (the record request's config and language).
  const latest = useRef({ config, language, bridge, recorder, timers });
  useEffect(() => {
    latest.current = { config, language, bridge, recorder, timers };
  });

  const send = useMemo(() => {
    function dispatch(event: VisitEvent): void {
      const { state, effects } = visitMachine(machine.current, event);
      if (state !== machine.current) {
        machine.current = state;
        setShown(state);
      }
      for (const effect of effects) {
        run(effect);
      }
    }

    function run(effect: VisitEffect): void {
      const deps = latest.current;
      switch (effect.type) {
        case 'record': {
          const { ticket } = effect;
          const { config: current, language: lang } = deps;
          if (!current) {
            return;
          }
          void deps.recorder
            .record({
              config: current,
              question: effect.question,
              value: ticket.value,
              source: effect.source,
              language: lang,
              respondent: effect.respondent,
              startsVisit: effect.startsVisit,
              atMs: effect.atMs,
            })
            .catch((): RecordResult => ({ ok: false, code: 'write_failed' }))
            .then((result) => {
              if (!result.ok) {
                dispatch({ type: 'recordFailed', ticket });
                return;
              }
              measureSince(TAP_TO_COMMIT, ticket.start);
              dispatch({ type: 'recorded', ticket, responseId: result.response.id });
            });
          return;
        }
        case 'amend':
          // A store that cannot write tells the host itself (renderer/store/healing-store.ts).
          void deps.recorder.amend(effect.responseId, effect.amendment);
          return;
        case 'hold':
          deps.recorder.hold(effect.fromMs);
          return;
        case 'release':
          deps.recorder.hold(null);
          return;
        case 'ack':
          deps.bridge.call('button:ack', { pressId: effect.pressId }).catch(() => undefined);
          return;
        case 'measureThanks':
          awaitingThanks.current.push(effect.start);
          return;
        case 'timer': {
          const { name, then } = effect;
          deps.timers.clearTimeout(pendingTimers.current.get(name));
          const handle = deps.timers.setTimeout(() => {
            pendingTimers.current.delete(name);
            dispatch(then);
          }, effect.ms);
          pendingTimers.current.set(name, handle);
          return;
        }
      }
    }

    return dispatch;
  }, []);

  useEffect(() => {
    send({ type: 'configured', config });
  }, [config, send]);

  // Leaving the kiosk (the service screens) ends the visit: nothing stays held meanwhile.
  useEffect(() => () => send({ type: 'left' }), [recorder, send]);

  // Gone: the thank-you's and the failure message's timers have nothing left to change.
  useEffect(() => {
    const waiting = pendingTimers.current;
    return () => {
      for (const handle of waiting.values()) {
        latest.current.timers.clearTimeout(handle);
      }
      waiting.clear();
    };
  }, []);

  const submit = useCallback(
    (answer: Answer) => {
      markTap(answer.start);
      send({
        type: 'answered',
        index: answer.question ?? 0,
        value: answer.value,
        source: answer.source,
        // The recorder's clock: the visit's hold and its first answer take the same moment.
        atMs: latest.current.recorder.now(),
        start: answer.start,
        ...(answer.pressId !== undefined && { pressId: answer.pressId }),
      });
    },
    [send],
  );

  const controls = useMemo(
    (): VisitControls => ({
      chooseRespondent: (respondent) => send({ type: 'respondentChosen', respondent }),
      chooseFollowUp: (optionId) => send({ type: 'followUpChosen', optionId }),
      sendComment: (text) =>
        send({ type: 'commentSent', comment: redactComment(text, latest.current.language) }),
      acceptContact: () => send({ type: 'contactAccepted' }),
      sendContact: async (details) => {
        const publicKey = latest.current.config?.contact?.publicKey;
        // The visit the details belong to: one ended meanwhile takes nothing.
        const { seq } = machine.current.visit;
        if (publicKey === undefined) {
          return { ok: false, reason: 'no_key' };
        }
        const sealed = await sealContact(details, publicKey);
        if (!sealed.ok) {
          return sealed;
        }
        send({ type: 'contactSent', seq, sealed: sealed.sealed });
        return { ok: true };
      },
      skip: () => send({ type: 'skipped' }),
      cannotSay: () => send({ type: 'cannotSay' }),
      finish: () => send({ type: 'finished' }),
    }),
    [send],
  );

  // libsodium loads while the patient reads the contact question, not with the kiosk's first
  // paint; a load that fails here is tried again, and told, when the form is sent.
  const askingContact = shown.visit.step.kind === 'contact';
  useEffect(() => {
    if (askingContact) {
      loadSodium().catch(() => undefined);
    }
  }, [askingContact]);

  // A visit left on a later screen ends by itself; its answers are kept.
  useIdleReset(visitIdleTimeout(shown), () => send({ type: 'idle' }));

  const { thanksSeq } = shown.kiosk;
  useEffect(() => {
    if (thanksSeq === 0) {
      return;
    }
    afterPaint(() => {
      for (const start of awaitingThanks.current.splice(0)) {
        measureSince(TAP_TO_THANKS, start);
      }
    });
  }, [thanksSeq]);

  return { state: shown.kiosk, visit: shown.visit, submit, controls };
}
