import type { Respondent, Survey } from '../../core';

/**
 * One patient's way through a survey, as pure steps: who is answering (when the survey asks),
 * each question in order, a question's follow-up after an answer in its `when`, the open
 * question, then whether to be contacted (when the terminal's config asks). Every answer is stored the moment it is given (a Response of its own); a later
 * screen only adds to the visit, and any screen after the first may be skipped.
 */
export type VisitStep =
  | { kind: 'respondent' }
  | { kind: 'question'; index: number }
  | { kind: 'followUp'; index: number }
  | { kind: 'comment' }
  /** "Shall we contact you?"; `form`: yes was chosen, the details are being typed. */
  | { kind: 'contact'; form: boolean };

/** Where a visit goes next: another screen, or its end (the thank-you). */
export type VisitNext = VisitStep | { kind: 'done' };

export type Visit = {
  /** Grows with every visit: an answer committed for an earlier visit moves no screen. */
  seq: number;
  step: VisitStep;
  respondent: Respondent | undefined;
  /** Its first answer is given (maybe not yet stored): a box press now begins another visit. */
  started: boolean;
  /** The stored Response of each answered question, by question index. */
  answers: ReadonlyMap<number, string>;
};

/** The first screen of every visit. */
export function firstStep(survey: Survey): VisitStep {
  return survey.askRespondent ? { kind: 'respondent' } : { kind: 'question', index: 0 };
}

export function newVisit(survey: Survey, seq: number): Visit {
  return {
    seq,
    step: firstStep(survey),
    respondent: undefined,
    started: false,
    answers: new Map(),
  };
}

/** Untouched: at its first screen with nothing chosen. Such a visit has nothing to time out. */
export function isFresh(survey: Survey, visit: Visit): boolean {
  const first = firstStep(survey);
  return (
    !visit.started &&
    visit.respondent === undefined &&
    visit.step.kind === first.kind &&
    (visit.step.kind !== 'question' || visit.step.index === 0)
  );
}

/** After the open question (or the last question without one): the contact question, or the end. */
export function stepAfterComment(contact: boolean): VisitNext {
  return contact ? { kind: 'contact', form: false } : { kind: 'done' };
}

/**
 * After question `index`, answered or skipped (no follow-up): the next question, or the last
 * screens. `contact`: the terminal's config asks whether the patient wants to be contacted.
 */
export function stepAfterQuestion(survey: Survey, index: number, contact: boolean): VisitNext {
  if (index + 1 < survey.questions.length) {
    return { kind: 'question', index: index + 1 };
  }
  return survey.comment.enabled ? { kind: 'comment' } : stepAfterComment(contact);
}

/** After an answer of `value` to question `index`: its follow-up when the value asks for it. */
export function stepAfterAnswer(
  survey: Survey,
  index: number,
  value: number,
  contact: boolean,
): VisitNext {
  const followUp = survey.questions[index]?.followUp;
  if (followUp?.when.includes(value)) {
    return { kind: 'followUp', index };
  }
  return stepAfterQuestion(survey, index, contact);
}

/**
 * The question, counted from 1, and how many there are, for the progress indicator: a
 * follow-up belongs to its question; the respondent, comment and contact screens stand outside, and a
 * survey of one question has no progress to show.
 */
export function progressOf(
  survey: Survey,
  step: VisitStep,
): { current: number; total: number } | undefined {
  if ((step.kind !== 'question' && step.kind !== 'followUp') || survey.questions.length < 2) {
    return undefined;
  }
  return { current: step.index + 1, total: survey.questions.length };
}
