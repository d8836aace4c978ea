import { describe, expect, it } from 'vitest';
import { TerminalConfigSchema, type TerminalConfig } from '../../core';
import type { KioskPhase } from './kiosk-state';
import type { VisitStep } from './visit';
import {
  FAILED_MESSAGE_MS,
  initialVisitState,
  visitIdleTimeout,
  visitMachine,
  type AnswerTicket,
  type VisitEffect,
  type VisitEvent,
  type VisitMachineState,
} from './visit-machine';

const AT = Date.parse('2026-11-23T10:00:00.000Z');

function config(survey: object): TerminalConfig {
  return TerminalConfigSchema.parse({
    terminalId: 't_test',
    unit: { id: 'u', name: { fi: 'Yksikkö' } },
    survey,
    timing: { thankYouMs: 400, idleResetMs: 5000, visitIdleMs: 8000 },
  });
}

/** Who answers, a question with a follow-up after a low answer, a second one, the comment. */
const FULL = config({
  id: 'full',
  version: 1,
  askRespondent: true,
  questions: [
    {
      id: 'overall',
      scale: 'smiley4',
      followUp: {
        id: 'reason',
        when: [1, 2],
        options: [{ id: 'waiting', text: { fi: 'Odotus' } }],
      },
    },
    { id: 'staff', scale: 'smiley4' },
  ],
  comment: { enabled: true },
});
/** One face and nothing else: its answer ends the visit. */
const ONE = config({ id: 'one', version: 1, questions: [{ id: 'q', scale: 'smiley4' }] });
/** The county's public key: any 32 bytes in standard base64 will do for the visit's way. */
const PUBLIC_KEY = btoa('k'.repeat(32));
const SEALED = btoa('s'.repeat(80));
/** The FULL survey on a terminal that asks, last, whether to contact the patient. */
const CONTACT = TerminalConfigSchema.parse({
  ...FULL,
  contact: { enabled: true, publicKey: PUBLIC_KEY },
});
const FULL_SURVEY = FULL.survey;

/** A state of the FULL survey's first visit. */
function at(
  step: VisitStep,
  {
    answers = {},
    started = Object.keys(answers).length > 0,
    phase = 'ready',
    inFlight = 0,
    seq = 1,
    thanksSeq = 0,
    survey = FULL,
    contact = false,
  }: {
    answers?: Record<number, string>;
    started?: boolean;
    phase?: KioskPhase;
    inFlight?: number;
    seq?: number;
    thanksSeq?: number;
    survey?: TerminalConfig;
    contact?: boolean;
  } = {},
): VisitMachineState {
  return {
    survey: survey.survey,
    surveyKey: JSON.stringify(survey.survey),
    contact,
    thankYouMs: 400,
    visitIdleMs: 8000,
    visit: {
      seq,
      step,
      respondent: undefined,
      started,
      answers: new Map(Object.entries(answers).map(([index, id]) => [Number(index), id])),
    },
    kiosk: { phase, inFlight, thanksSeq, failedSeq: 0 },
  };
}

const RESPONDENT: VisitStep = { kind: 'respondent' };
const Q0: VisitStep = { kind: 'question', index: 0 };
const Q1: VisitStep = { kind: 'question', index: 1 };
const FOLLOW_UP: VisitStep = { kind: 'followUp', index: 0 };
const COMMENT: VisitStep = { kind: 'comment' };
const ASK_CONTACT: VisitStep = { kind: 'contact', form: false };
const CONTACT_FORM: VisitStep = { kind: 'contact', form: true };
/** A state of the FULL survey's first visit on a terminal that asks about contact. */
const withContact = (step: VisitStep, options: Parameters<typeof at>[1] = {}) =>
  at(step, { ...options, contact: true });

const ticket = (index: number, value: number, extra: Partial<AnswerTicket> = {}): AnswerTicket => ({
  seq: 1,
  index,
  value,
  start: 5,
  ...extra,
});
const answered = (index: number, value: number, pressId?: string): VisitEvent => ({
  type: 'answered',
  index,
  value,
  source: pressId === undefined ? 'touch' : 'button',
  atMs: AT,
  start: 5,
  ...(pressId !== undefined && { pressId }),
});
const record = (index: number, value: number, more: Partial<VisitEffect> = {}): VisitEffect =>
  ({
    type: 'record',
    ticket: ticket(index, value),
    question: FULL_SURVEY.questions[index],
    source: 'touch',
    respondent: undefined,
    startsVisit: index === 0,
    atMs: AT,
    ...more,
  }) as VisitEffect;
const thanksTimer = (seq: number): VisitEffect => ({
  type: 'timer',
  name: 'thanks',
  ms: 400,
  then: { type: 'thanksElapsed', seq },
});

/** What a row expects of the next state: the visit's screen and the kiosk's phase. */
type Expected = {
  seq: number;
  step: VisitStep;
  started: boolean;
  answers: Record<number, string>;
  phase: KioskPhase;
};

function shape(state: VisitMachineState): Expected {
  return {
    seq: state.visit.seq,
    step: state.visit.step,
    started: state.visit.started,
    answers: Object.fromEntries(state.visit.answers),
    phase: state.kiosk.phase,
  };
}

const same = (state: VisitMachineState): Expected => shape(state);
const fresh = (seq: number, phase: KioskPhase = 'ready'): Expected => ({
  seq,
  step: RESPONDENT,
  started: false,
  answers: {},
  phase,
});

type Row = [string, VisitMachineState, VisitEvent, Expected, VisitEffect[]];

const configuredOnce = visitMachine(initialVisitState, { type: 'configured', config: FULL }).state;
const configuredContact = visitMachine(initialVisitState, { type: 'configured', config: CONTACT });
const saving0 = at(Q0, { started: true, phase: 'saving', inFlight: 1 });
const replaced = at(Q1, { seq: 2, answers: { 0: 'r9' }, phase: 'saving', inFlight: 1 });

// One row per state × event; kept a row a line, as a table reads.
// prettier-ignore
const TABLE: Row[] = [
  // The config.
  ['before any config × a config', initialVisitState, { type: 'configured', config: FULL }, fresh(1), [{ type: 'release' }]],
  ['a fresh visit × the same survey polled again', configuredOnce, { type: 'configured', config: FULL }, fresh(1), []],
  ['a visit under way × another survey', at(Q1, { answers: { 0: 'r1' } }), { type: 'configured', config: ONE }, { seq: 2, step: Q0, started: false, answers: {}, phase: 'ready' }, [{ type: 'release' }]],
  ['a visit × the config taken away', at(Q1, { answers: { 0: 'r1' } }), { type: 'configured', config: null }, { ...same(at(Q1, { answers: { 0: 'r1' } })), phase: 'starting' }, []],
  // Who answers.
  ['who answers × a choice', at(RESPONDENT), { type: 'respondentChosen', respondent: 'relative' }, { ...fresh(1), step: Q0 }, []],
  ['who answers × skip', at(RESPONDENT), { type: 'skipped' }, { ...fresh(1), step: Q0 }, []],
  // The first answer begins the visit and holds its answers out of the outbox.
  ['the first question × an answer', at(Q0), answered(0, 1), { seq: 1, step: Q0, started: true, answers: {}, phase: 'saving' }, [{ type: 'hold', fromMs: AT }, record(0, 1)]],
  ['the first question × a box press', at(Q0), answered(0, 3, 'p1'), { seq: 1, step: Q0, started: true, answers: {}, phase: 'saving' }, [{ type: 'hold', fromMs: AT }, record(0, 3, { ticket: ticket(0, 3, { pressId: 'p1' }), source: 'button' })]],
  ['the first question × a question the survey has not', at(Q0), answered(5, 1), same(at(Q0)), []],
  // Stored: on to the next screen; the light only now.
  ['a low first answer × stored', saving0, { type: 'recorded', ticket: ticket(0, 1), responseId: 'r1' }, { seq: 1, step: FOLLOW_UP, started: true, answers: { 0: 'r1' }, phase: 'ready' }, []],
  ['a good first answer × stored', saving0, { type: 'recorded', ticket: ticket(0, 4), responseId: 'r1' }, { seq: 1, step: Q1, started: true, answers: { 0: 'r1' }, phase: 'ready' }, []],
  ['a box press × stored', saving0, { type: 'recorded', ticket: ticket(0, 4, { pressId: 'p1' }), responseId: 'r1' }, { seq: 1, step: Q1, started: true, answers: { 0: 'r1' }, phase: 'ready' }, [{ type: 'ack', pressId: 'p1' }]],
  ['the last answer of a one-question visit × stored', at(Q0, { started: true, phase: 'saving', inFlight: 1, survey: ONE }), { type: 'recorded', ticket: ticket(0, 4, { pressId: 'p1' }), responseId: 'r1' }, { seq: 2, step: Q0, started: false, answers: {}, phase: 'thanks' }, [{ type: 'ack', pressId: 'p1' }, { type: 'measureThanks', start: 5 }, { type: 'release' }, thanksTimer(1)]],
  // Not stored: no thank-you, no light; a first answer is given again by the next press.
  ['a first answer × not stored', saving0, { type: 'recordFailed', ticket: ticket(0, 1, { pressId: 'p1' }) }, { seq: 1, step: Q0, started: false, answers: {}, phase: 'failed' }, [{ type: 'release' }, { type: 'timer', name: 'failed', ms: FAILED_MESSAGE_MS, then: { type: 'failedElapsed', seq: 1 } }]],
  ['a later answer × not stored', at(Q1, { answers: { 0: 'r1' }, phase: 'saving', inFlight: 1 }), { type: 'recordFailed', ticket: ticket(1, 2) }, { seq: 1, step: Q1, started: true, answers: { 0: 'r1' }, phase: 'failed' }, [{ type: 'timer', name: 'failed', ms: FAILED_MESSAGE_MS, then: { type: 'failedElapsed', seq: 1 } }]],
  // A box press on a later screen begins a new visit; the old one's answers stay stored.
  ['a later question × a box press', at(Q1, { answers: { 0: 'r1' } }), answered(0, 3, 'p2'), { seq: 2, step: RESPONDENT, started: true, answers: {}, phase: 'saving' }, [{ type: 'hold', fromMs: AT }, record(0, 3, { ticket: ticket(0, 3, { seq: 2, pressId: 'p2' }), source: 'button' })]],
  ['a visit replaced by a press × the old visit\u2019s answer stored', replaced, { type: 'recorded', ticket: ticket(0, 4), responseId: 'r1' }, { ...same(replaced), phase: 'ready' }, []],
  // Only a visit's first answer may be flagged `repeat`: a later one does not start a visit.
  ['a later question × an answer', at(Q1, { answers: { 0: 'r1' } }), answered(1, 4), { seq: 1, step: Q1, started: true, answers: { 0: 'r1' }, phase: 'saving' }, [record(1, 4)]],
  ['a later answer × stored', at(Q1, { answers: { 0: 'r1' }, phase: 'saving', inFlight: 1 }), { type: 'recorded', ticket: ticket(1, 4), responseId: 'r2' }, { seq: 1, step: COMMENT, started: true, answers: { 0: 'r1', 1: 'r2' }, phase: 'ready' }, []],
  // The follow-up amends its answer's row.
  ['the follow-up × a chip', at(FOLLOW_UP, { answers: { 0: 'r1' } }), { type: 'followUpChosen', optionId: 'waiting' }, { seq: 1, step: Q1, started: true, answers: { 0: 'r1' }, phase: 'ready' }, [{ type: 'amend', responseId: 'r1', amendment: { followUp: { questionId: 'reason', value: 'waiting' } } }]],
  ['the follow-up × skip', at(FOLLOW_UP, { answers: { 0: 'r1' } }), { type: 'skipped' }, { seq: 1, step: Q1, started: true, answers: { 0: 'r1' }, phase: 'ready' }, []],
  // Later questions may be skipped or not known; the first is the visit itself.
  ['a later question × skip', at(Q1, { answers: { 0: 'r1' } }), { type: 'skipped' }, { seq: 1, step: COMMENT, started: true, answers: { 0: 'r1' }, phase: 'ready' }, []],
  ['the first question × skip', at(Q0), { type: 'skipped' }, same(at(Q0)), []],
  ['the first question × cannot say', at(Q0), { type: 'cannotSay' }, { seq: 1, step: Q1, started: true, answers: {}, phase: 'ready' }, []],
  ['a later question × cannot say', at(Q1, { answers: { 0: 'r1' } }), { type: 'cannotSay' }, { seq: 1, step: COMMENT, started: true, answers: { 0: 'r1' }, phase: 'ready' }, []],
  // The comment amends the first answer's row; then the visit ends, thanked, and its hold goes.
  ['the comment × sent', at(COMMENT, { answers: { 0: 'r1', 1: 'r2' } }), { type: 'commentSent', comment: 'kiitos' }, fresh(2, 'thanks'), [{ type: 'amend', responseId: 'r1', amendment: { comment: 'kiitos' } }, { type: 'release' }, thanksTimer(1)]],
  ['the comment × sent empty', at(COMMENT, { answers: { 0: 'r1' } }), { type: 'commentSent', comment: '' }, fresh(2, 'thanks'), [{ type: 'release' }, thanksTimer(1)]],
  ['the comment × skip', at(COMMENT, { answers: { 0: 'r1' } }), { type: 'skipped' }, fresh(2, 'thanks'), [{ type: 'release' }, thanksTimer(1)]],
  ['a later question × finish', at(Q1, { answers: { 0: 'r1' } }), { type: 'finished' }, fresh(2, 'thanks'), [{ type: 'release' }, thanksTimer(1)]],
  ['nothing answered × finish', at(Q1, { started: true }), { type: 'finished' }, fresh(2), [{ type: 'release' }]],
  // Left alone, the visit ends without a thank-you; its answers are kept and may go.
  ['the follow-up × idle', at(FOLLOW_UP, { answers: { 0: 'r1' } }), { type: 'idle' }, fresh(2), [{ type: 'release' }]],
  ['the comment × idle', at(COMMENT, { answers: { 0: 'r1' } }), { type: 'idle' }, fresh(2), [{ type: 'release' }]],
  // Contact, when the config asks: last, after the open question; only the sealed text is kept.
  ['the comment × sent, contact asked', withContact(COMMENT, { answers: { 0: 'r1', 1: 'r2' } }), { type: 'commentSent', comment: 'kiitos' }, { seq: 1, step: ASK_CONTACT, started: true, answers: { 0: 'r1', 1: 'r2' }, phase: 'ready' }, [{ type: 'amend', responseId: 'r1', amendment: { comment: 'kiitos' } }]],
  ['the comment × skip, contact asked', withContact(COMMENT, { answers: { 0: 'r1' } }), { type: 'skipped' }, { seq: 1, step: ASK_CONTACT, started: true, answers: { 0: 'r1' }, phase: 'ready' }, []],
  ['the last question × stored, no comment, contact asked', at(Q0, { started: true, phase: 'saving', inFlight: 1, survey: ONE, contact: true }), { type: 'recorded', ticket: ticket(0, 4), responseId: 'r1' }, { seq: 1, step: ASK_CONTACT, started: true, answers: { 0: 'r1' }, phase: 'ready' }, []],
  ['nothing answered × the last question skipped, contact asked', at(Q1, { started: true, contact: true, survey: config({ ...FULL_SURVEY, comment: { enabled: false } }) }), { type: 'skipped' }, fresh(2), [{ type: 'release' }]],
  ['the contact question × no', withContact(ASK_CONTACT, { answers: { 0: 'r1' } }), { type: 'skipped' }, fresh(2, 'thanks'), [{ type: 'release' }, thanksTimer(1)]],
  ['the contact question × yes', withContact(ASK_CONTACT, { answers: { 0: 'r1' } }), { type: 'contactAccepted' }, { seq: 1, step: CONTACT_FORM, started: true, answers: { 0: 'r1' }, phase: 'ready' }, []],
  ['the contact form × sealed and sent', withContact(CONTACT_FORM, { answers: { 0: 'r1', 1: 'r2' } }), { type: 'contactSent', seq: 1, sealed: SEALED }, fresh(2, 'thanks'), [{ type: 'amend', responseId: 'r1', amendment: { contactSealed: SEALED } }, { type: 'release' }, thanksTimer(1)]],
  ['the contact form × sealed for a visit already ended', withContact(CONTACT_FORM, { seq: 2, answers: { 0: 'r5' } }), { type: 'contactSent', seq: 1, sealed: SEALED }, same(withContact(CONTACT_FORM, { seq: 2, answers: { 0: 'r5' } })), []],
  ['the contact question × sealed before yes', withContact(ASK_CONTACT, { answers: { 0: 'r1' } }), { type: 'contactSent', seq: 1, sealed: SEALED }, same(withContact(ASK_CONTACT, { answers: { 0: 'r1' } })), []],
  ['the contact form × skip', withContact(CONTACT_FORM, { answers: { 0: 'r1' } }), { type: 'skipped' }, fresh(2, 'thanks'), [{ type: 'release' }, thanksTimer(1)]],
  ['the contact form × idle', withContact(CONTACT_FORM, { answers: { 0: 'r1' } }), { type: 'idle' }, fresh(2), [{ type: 'release' }]],
  ['the contact form × a box press', withContact(CONTACT_FORM, { answers: { 0: 'r1' } }), answered(0, 3, 'p2'), { seq: 2, step: RESPONDENT, started: true, answers: {}, phase: 'saving' }, [{ type: 'hold', fromMs: AT }, record(0, 3, { ticket: ticket(0, 3, { seq: 2, pressId: 'p2' }), source: 'button' })]],
  ['any screen × the kiosk left', at(Q1, { answers: { 0: 'r1' } }), { type: 'left' }, same(at(Q1, { answers: { 0: 'r1' } })), [{ type: 'release' }]],
  // The thank-you and the failure message go by their own timers.
  ['the thank-you × its time passed', at(RESPONDENT, { phase: 'thanks', thanksSeq: 1 }), { type: 'thanksElapsed', seq: 1 }, fresh(1), []],
  ['the thank-you × an older thank-you\u2019s time passed', at(RESPONDENT, { phase: 'thanks', thanksSeq: 2 }), { type: 'thanksElapsed', seq: 1 }, fresh(1, 'thanks'), []],
];

describe('the visit, state by event', () => {
  it.each(TABLE)('%s', (_name, state, event, expected, effects) => {
    const next = visitMachine(state, event);
    expect(shape(next.state)).toEqual(expected);
    expect(next.effects).toEqual(effects);
  });

  it('never lights the box or thanks before an answer is stored', () => {
    for (const [, state, event] of TABLE) {
      const { effects } = visitMachine(state, event);
      const promises = effects.filter((e) => e.type === 'ack' || e.type === 'measureThanks');
      if (promises.length > 0) {
        expect(event.type).toBe('recorded');
      }
    }
  });
});

describe('how long a visit may be left alone', () => {
  it.each<[string, VisitMachineState, number | undefined]>([
    ['a fresh visit', at(RESPONDENT), undefined],
    ['who answers, chosen', { ...at(Q0), visit: { ...at(Q0).visit, respondent: 'patient' } }, 8000],
    ['the follow-up', at(FOLLOW_UP, { answers: { 0: 'r1' } }), 8000],
    ['the open question, three times as long', at(COMMENT, { answers: { 0: 'r1' } }), 24_000],
    ['the contact question', withContact(ASK_CONTACT, { answers: { 0: 'r1' } }), 8000],
    [
      'the contact form, three times as long',
      withContact(CONTACT_FORM, { answers: { 0: 'r1' } }),
      24_000,
    ],
    ['the thank-you', at(Q1, { answers: { 0: 'r1' }, phase: 'thanks' }), undefined],
  ])('%s', (_name, state, ms) => {
    expect(visitIdleTimeout(state)).toBe(ms);
  });
});

describe('the contact question’s place in the config', () => {
  it('is known from the config: asked only when enabled with the county’s key', () => {
    expect(configuredContact.state.contact).toBe(true);
    expect(configuredOnce.contact).toBe(false);
    const off = TerminalConfigSchema.parse({ ...FULL, contact: { enabled: false } });
    expect(
      visitMachine(configuredContact.state, { type: 'configured', config: off }).state.contact,
    ).toBe(false);
  });
});
