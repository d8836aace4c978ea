import type { Question, Respondent, ResponseSource, Survey, TerminalConfig } from '../../core';
import type { ResponseAmendment } from '../store/response-store';
import { initialKioskState, kioskReducer, type KioskEvent, type KioskState } from './kiosk-state';
import {
  isFresh,
  newVisit,
  stepAfterAnswer,
  stepAfterComment,
  stepAfterQuestion,
  type Visit,
  type VisitNext,
} from './visit';

/**
 * The visit as one pure reducer: `(state, event) → { state, effects }`. The screen's phase
 * (kiosk-state.ts) and the patient's way through the survey (visit.ts) change together here, and
 * everything that touches the world (writing an answer, the outbox hold, the box's light, the
 * timers) comes out as an effect for the hook (use-answer-flow.ts) to run. The promises it keeps:
 * the thank-you and the light only once an answer is stored (`recorded`, never `answered`), the
 * open visit's answers held out of the outbox until it ends, and a first answer given again (a
 * box press on a later screen) beginning a new visit, and a contact request kept only sealed.
 */

/** How long the "could not be saved" message stays before the kiosk is plain ready again. */
export const FAILED_MESSAGE_MS = 3000;
/** The open question and the contact form wait this many times `timing.visitIdleMs`. */
export const COMMENT_IDLE_FACTOR = 3;

export type VisitMachineState = {
  /** The survey being answered; null before any config. */
  survey: Survey | null;
  /** The survey's contents: the same survey polled again is not a new one. */
  surveyKey: string;
  /** The config asks, last, whether the patient wants to be contacted (it has the key). */
  contact: boolean;
  thankYouMs: number;
  /** How long a visit left on a later screen waits before it ends; undefined: never. */
  visitIdleMs: number | undefined;
  visit: Visit;
  kiosk: KioskState;
};

/** An answer on its way to the store, as the `record` effect asks for it and `recorded` returns. */
export type AnswerTicket = {
  /** The visit it belongs to: a later visit's screens do not move for it. */
  seq: number;
  /** Which question, by index. */
  index: number;
  value: number;
  /** The box press to light once the answer is stored. */
  pressId?: string;
  /** The tap's time on the performance clock (bench-marks.ts). */
  start: number;
};

export type VisitEvent =
  | { type: 'configured'; config: TerminalConfig | null }
  /** A value chosen: a tap, a key or a box press. `atMs`: the moment, by the recorder's clock. */
  | {
      type: 'answered';
      index: number;
      value: number;
      source: ResponseSource;
      atMs: number;
      start: number;
      pressId?: string;
    }
  /** The answer is stored (the store and the host's journal): `responseId` is its row. */
  | { type: 'recorded'; ticket: AnswerTicket; responseId: string }
  | { type: 'recordFailed'; ticket: AnswerTicket }
  | { type: 'respondentChosen'; respondent: Respondent | null }
  /** A chip of the follow-up, or null to skip it. */
  | { type: 'followUpChosen'; optionId: string | null }
  /** The open question's text, already redacted ('' for nothing to keep). */
  | { type: 'commentSent'; comment: string }
  /** Yes to "Shall we contact you?": the form opens. */
  | { type: 'contactAccepted' }
  /**
   * The contact details, sealed (contact-seal.ts) for the visit `seq`: never the plain details.
   * Sealing takes a moment; a visit that has meanwhile ended takes nothing.
   */
  | { type: 'contactSent'; seq: number; sealed: string }
  | { type: 'skipped' }
  | { type: 'cannotSay' }
  | { type: 'finished' }
  /** Nobody touched a later screen for the visit idle time. */
  | { type: 'idle' }
  /** The kiosk is left (the service screens): nothing stays held meanwhile. */
  | { type: 'left' }
  | { type: 'thanksElapsed'; seq: number }
  | { type: 'failedElapsed'; seq: number };

export type VisitEffect =
  /** Write the answer; report `recorded` or `recordFailed` with the ticket. */
  | {
      type: 'record';
      ticket: AnswerTicket;
      question: Question;
      source: ResponseSource;
      respondent: Respondent | undefined;
      startsVisit: boolean;
      atMs: number;
    }
  /** Add a follow-up, a comment or a sealed contact request to a stored answer. */
  | { type: 'amend'; responseId: string; amendment: ResponseAmendment }
  /** Hold the answers from `fromMs` on out of the outbox: a visit began. */
  | { type: 'hold'; fromMs: number }
  /** Lift the hold: the visit's answers may go. */
  | { type: 'release' }
  /** Light the box's button: its press is stored. */
  | { type: 'ack'; pressId: string }
  /** A stored answer brought the thank-you: time it from its tap to the painted screen. */
  | { type: 'measureThanks'; start: number }
  /** Send `then` after `ms`; a timer of the same name set before is cancelled. */
  | { type: 'timer'; name: 'thanks' | 'failed'; ms: number; then: VisitEvent };

export type VisitTransition = { state: VisitMachineState; effects: VisitEffect[] };

/** Before any config: a visit of nothing, replaced as soon as the survey is known. */
const NO_VISIT: Visit = {
  seq: 0,
  step: { kind: 'question', index: 0 },
  respondent: undefined,
  started: false,
  answers: new Map(),
};

export const initialVisitState: VisitMachineState = {
  survey: null,
  surveyKey: '',
  contact: false,
  thankYouMs: 0,
  visitIdleMs: undefined,
  visit: NO_VISIT,
  kiosk: initialKioskState,
};

/**
 * How long the visit may be left alone before it ends, or undefined when there is nothing to
 * time out (a fresh visit, or the thank-you). The open question and the contact form wait three
 * times as long: writing takes thought, and a pause must not lose the text.
 */
export function visitIdleTimeout(state: VisitMachineState): number | undefined {
  const { survey, visit, visitIdleMs } = state;
  if (!survey || visitIdleMs === undefined || isFresh(survey, visit)) {
    return undefined;
  }
  if (state.kiosk.phase === 'thanks') {
    return undefined;
  }
  const { step } = visit;
  const writing = step.kind === 'comment' || (step.kind === 'contact' && step.form);
  return visitIdleMs * (writing ? COMMENT_IDLE_FACTOR : 1);
}

/** The kiosk's phase moves; entering the thank-you or the failure message starts its timer. */
function withKiosk(
  state: VisitMachineState,
  event: KioskEvent,
  effects: VisitEffect[],
): VisitMachineState {
  const kiosk = kioskReducer(state.kiosk, event);
  if (kiosk.phase === 'thanks' && kiosk.thanksSeq !== state.kiosk.thanksSeq) {
    effects.push({
      type: 'timer',
      name: 'thanks',
      ms: state.thankYouMs,
      then: { type: 'thanksElapsed', seq: kiosk.thanksSeq },
    });
  }
  if (kiosk.phase === 'failed' && kiosk.failedSeq !== state.kiosk.failedSeq) {
    effects.push({
      type: 'timer',
      name: 'failed',
      ms: FAILED_MESSAGE_MS,
      then: { type: 'failedElapsed', seq: kiosk.failedSeq },
    });
  }
  return kiosk === state.kiosk ? state : { ...state, kiosk };
}

/** The visit ends: its answers may go, and the next person starts afresh. */
function endVisit(state: VisitMachineState, thanks: boolean): VisitTransition {
  const { survey, visit } = state;
  if (!survey) {
    return { state, effects: [] };
  }
  const effects: VisitEffect[] = [{ type: 'release' }];
  let next: VisitMachineState = { ...state, visit: newVisit(survey, visit.seq + 1) };
  if (thanks && visit.answers.size > 0) {
    next = withKiosk(next, { type: 'finished' }, effects);
  }
  return { state: next, effects };
}

/**
 * On to the next screen of the same visit, or its end with the thank-you. A visit with no stored
 * answer is not asked about contact: the request would have no answer to go with.
 */
function advance(state: VisitMachineState, next: VisitNext): VisitTransition {
  if (next.kind === 'done' || (next.kind === 'contact' && state.visit.answers.size === 0)) {
    return endVisit(state, true);
  }
  return { state: { ...state, visit: { ...state.visit, step: next } }, effects: [] };
}

function configured(state: VisitMachineState, config: TerminalConfig | null): VisitTransition {
  const effects: VisitEffect[] = [];
  let next = withKiosk(state, { type: 'configured', present: config !== null }, effects);
  if (!config) {
    return { state: next, effects };
  }
  const { survey, timing } = config;
  const contact = config.contact?.enabled === true && config.contact.publicKey !== undefined;
  next = { ...next, contact, thankYouMs: timing.thankYouMs, visitIdleMs: timing.visitIdleMs };
  // A new survey (or its first) begins a new visit; the same survey polled again does not.
  const surveyKey = JSON.stringify(survey);
  if (surveyKey !== state.surveyKey) {
    next = { ...next, survey, surveyKey, visit: newVisit(survey, state.visit.seq + 1) };
    effects.push({ type: 'release' });
  } else {
    next = { ...next, survey };
  }
  return { state: next, effects };
}

function answered(
  state: VisitMachineState,
  event: Extract<VisitEvent, { type: 'answered' }>,
): VisitTransition {
  const { survey } = state;
  const question = survey?.questions[event.index];
  if (!survey || !question) {
    return { state, effects: [] };
  }
  const effects: VisitEffect[] = [];
  let visit = state.visit;
  const startsVisit = event.index === 0;
  if (startsVisit) {
    // A first answer begins the visit; given again (a box press), it begins another.
    if (visit.started) {
      visit = newVisit(survey, visit.seq + 1);
    }
    visit = { ...visit, started: true };
    effects.push({ type: 'hold', fromMs: event.atMs });
  }
  effects.push({
    type: 'record',
    ticket: {
      seq: visit.seq,
      index: event.index,
      value: event.value,
      start: event.start,
      ...(event.pressId !== undefined && { pressId: event.pressId }),
    },
    question,
    source: event.source,
    respondent: visit.respondent,
    startsVisit,
    atMs: event.atMs,
  });
  const next = withKiosk({ ...state, visit }, { type: 'submitted' }, effects);
  return { state: next, effects };
}

function recorded(state: VisitMachineState, ticket: AnswerTicket, responseId: string) {
  const { survey, visit } = state;
  const effects: VisitEffect[] = [];
  if (ticket.pressId !== undefined) {
    // The light promises the press is stored: only now, after the commit.
    effects.push({ type: 'ack', pressId: ticket.pressId });
  }
  if (!survey) {
    return { state: withKiosk(state, { type: 'committed', thanks: false }, effects), effects };
  }
  // An answer that ends its visit is thanked, as every box press is; one whose visit a later
  // press has replaced meanwhile moves no screen: that visit goes on, not this.
  const after = stepAfterAnswer(survey, ticket.index, ticket.value, state.contact);
  const thanks = after.kind === 'done';
  if (thanks) {
    effects.push({ type: 'measureThanks', start: ticket.start });
  }
  let next = state;
  if (visit.seq === ticket.seq) {
    if (after.kind === 'done') {
      effects.push({ type: 'release' });
      next = { ...state, visit: newVisit(survey, ticket.seq + 1) };
    } else {
      const answers = new Map(visit.answers).set(ticket.index, responseId);
      next = { ...state, visit: { ...visit, answers, step: after } };
    }
  }
  return { state: withKiosk(next, { type: 'committed', thanks }, effects), effects };
}

function recordFailed(state: VisitMachineState, ticket: AnswerTicket): VisitTransition {
  const effects: VisitEffect[] = [];
  const { visit } = state;
  let next = state;
  if (ticket.index === 0 && visit.seq === ticket.seq && visit.answers.size === 0) {
    // Nothing of this visit is stored: the next press answers it again.
    next = { ...state, visit: { ...visit, started: false } };
    effects.push({ type: 'release' });
  }
  // The store (renderer/store/healing-store.ts) tells the host and mends itself.
  return { state: withKiosk(next, { type: 'failed' }, effects), effects };
}

function chooseRespondent(state: VisitMachineState, respondent: Respondent | null) {
  const { visit } = state;
  if (visit.step.kind !== 'respondent') {
    return { state, effects: [] };
  }
  const step = { kind: 'question', index: 0 } as const;
  return {
    state: { ...state, visit: { ...visit, respondent: respondent ?? undefined, step } },
    effects: [],
  };
}

function chooseFollowUp(state: VisitMachineState, optionId: string | null): VisitTransition {
  const { survey, visit } = state;
  const { step } = visit;
  if (!survey || step.kind !== 'followUp') {
    return { state, effects: [] };
  }
  const followUp = survey.questions[step.index]?.followUp;
  const responseId = visit.answers.get(step.index);
  const amend: VisitEffect[] =
    optionId !== null && followUp && responseId !== undefined
      ? [
          {
            type: 'amend',
            responseId,
            amendment: { followUp: { questionId: followUp.id, value: optionId } },
          },
        ]
      : [];
  const moved = advance(state, stepAfterQuestion(survey, step.index, state.contact));
  // The follow-up is written before the visit's hold is lifted: it goes with its answer.
  return { state: moved.state, effects: [...amend, ...moved.effects] };
}

function sendComment(state: VisitMachineState, comment: string): VisitTransition {
  const { step, answers } = state.visit;
  if (step.kind !== 'comment') {
    return { state, effects: [] };
  }
  // The comment belongs to the visit's first answer: the question it explains.
  const target = answers.get(0) ?? [...answers.values()][0];
  const amend: VisitEffect[] =
    comment !== '' && target !== undefined
      ? [{ type: 'amend', responseId: target, amendment: { comment } }]
      : [];
  const moved = advance(state, stepAfterComment(state.contact));
  return { state: moved.state, effects: [...amend, ...moved.effects] };
}

function acceptContact(state: VisitMachineState): VisitTransition {
  const { visit } = state;
  if (visit.step.kind !== 'contact' || visit.step.form) {
    return { state, effects: [] };
  }
  return {
    state: { ...state, visit: { ...visit, step: { kind: 'contact', form: true } } },
    effects: [],
  };
}

/** The sealed request goes with the visit's first answer, as the comment does; then the thanks. */
function sendContact(state: VisitMachineState, seq: number, sealed: string): VisitTransition {
  const { step, answers } = state.visit;
  if (step.kind !== 'contact' || !step.form || state.visit.seq !== seq) {
    return { state, effects: [] };
  }
  const target = answers.get(0) ?? [...answers.values()][0];
  const amend: VisitEffect[] =
    target !== undefined
      ? [{ type: 'amend', responseId: target, amendment: { contactSealed: sealed } }]
      : [];
  const ended = endVisit(state, true);
  return { state: ended.state, effects: [...amend, ...ended.effects] };
}

function skip(state: VisitMachineState): VisitTransition {
  const { survey, visit } = state;
  if (!survey) {
    return { state, effects: [] };
  }
  switch (visit.step.kind) {
    case 'respondent':
      return chooseRespondent(state, null);
    case 'question':
      // The first question is the visit itself: it is answered, or the visit times out.
      return visit.step.index > 0
        ? advance(state, stepAfterQuestion(survey, visit.step.index, state.contact))
        : { state, effects: [] };
    case 'followUp':
      return chooseFollowUp(state, null);
    case 'comment':
      return advance(state, stepAfterComment(state.contact));
    case 'contact':
      // No, or the form left unsent: the visit ends thanked, nothing of the form kept.
      return endVisit(state, true);
  }
}

function cannotSay(state: VisitMachineState): VisitTransition {
  const { survey, visit } = state;
  if (!survey || visit.step.kind !== 'question') {
    return { state, effects: [] };
  }
  // Even on the first question it is the visit's beginning: it goes on, and times out.
  const started = { ...state, visit: { ...visit, started: true } };
  return advance(started, stepAfterQuestion(survey, visit.step.index, state.contact));
}

export function visitMachine(state: VisitMachineState, event: VisitEvent): VisitTransition {
  switch (event.type) {
    case 'configured':
      return configured(state, event.config);
    case 'answered':
      return answered(state, event);
    case 'recorded':
      return recorded(state, event.ticket, event.responseId);
    case 'recordFailed':
      return recordFailed(state, event.ticket);
    case 'respondentChosen':
      return chooseRespondent(state, event.respondent);
    case 'followUpChosen':
      return chooseFollowUp(state, event.optionId);
    case 'commentSent':
      return sendComment(state, event.comment);
    case 'contactAccepted':
      return acceptContact(state);
    case 'contactSent':
      return sendContact(state, event.seq, event.sealed);
    case 'skipped':
      return skip(state);
    case 'cannotSay':
      return cannotSay(state);
    case 'finished':
      return endVisit(state, true);
    case 'idle':
      return endVisit(state, false);
    case 'left':
      return { state, effects: [{ type: 'release' }] };
    case 'thanksElapsed':
    case 'failedElapsed': {
      const effects: VisitEffect[] = [];
      return { state: withKiosk(state, event, effects), effects };
    }
  }
}
