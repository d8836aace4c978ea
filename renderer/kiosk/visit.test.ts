import { describe, expect, it } from 'vitest';
import { SurveySchema, surveyTemplate, type SurveyInput } from '../../core';
import {
  firstStep,
  isFresh,
  newVisit,
  progressOf,
  stepAfterAnswer,
  stepAfterComment,
  stepAfterQuestion,
} from './visit';

const parse = (input: SurveyInput) => SurveySchema.parse(input);
const national = parse(surveyTemplate('national', { askRespondent: true }));
const visitSmiley = parse(surveyTemplate('visit-smiley'));
const oneFace = parse({ id: 's', version: 1, questions: [{ id: 'q', scale: 'smiley4' }] });

describe('the way through a visit', () => {
  it('asks who is answering first only when the survey says so', () => {
    expect(firstStep(national)).toEqual({ kind: 'respondent' });
    expect(firstStep(visitSmiley)).toEqual({ kind: 'question', index: 0 });
  });

  it('goes through the questions in order, then to the open question, then ends', () => {
    const steps = national.questions.map((_, index) => stepAfterQuestion(national, index, false));
    expect(steps).toEqual([
      { kind: 'question', index: 1 },
      { kind: 'question', index: 2 },
      { kind: 'question', index: 3 },
      { kind: 'question', index: 4 },
      { kind: 'question', index: 5 },
      { kind: 'comment' },
    ]);
    expect(stepAfterQuestion(oneFace, 0, false)).toEqual({ kind: 'done' });
  });

  it('asks the follow-up only after an answer in its `when`', () => {
    expect(stepAfterAnswer(visitSmiley, 0, 1, false)).toEqual({ kind: 'followUp', index: 0 });
    expect(stepAfterAnswer(visitSmiley, 0, 2, false)).toEqual({ kind: 'followUp', index: 0 });
    expect(stepAfterAnswer(visitSmiley, 0, 3, false)).toEqual({ kind: 'done' });
    expect(stepAfterAnswer(national, 0, 0, false)).toEqual({ kind: 'question', index: 1 });
  });

  it('asks whether to contact the patient last, after the open question, when the config asks', () => {
    expect(stepAfterQuestion(national, 5, true)).toEqual({ kind: 'comment' });
    expect(stepAfterComment(true)).toEqual({ kind: 'contact', form: false });
    expect(stepAfterComment(false)).toEqual({ kind: 'done' });
    // Without the open question, straight after the last question or its follow-up.
    expect(stepAfterQuestion(oneFace, 0, true)).toEqual({ kind: 'contact', form: false });
    expect(stepAfterAnswer(visitSmiley, 0, 3, true)).toEqual({ kind: 'contact', form: false });
    expect(stepAfterAnswer(visitSmiley, 0, 1, true)).toEqual({ kind: 'followUp', index: 0 });
    expect(stepAfterQuestion(national, 2, true)).toEqual({ kind: 'question', index: 3 });
  });

  it('counts the questions for the progress indicator; a follow-up belongs to its question', () => {
    expect(progressOf(national, { kind: 'question', index: 2 })).toEqual({ current: 3, total: 6 });
    expect(progressOf(national, { kind: 'followUp', index: 4 })).toEqual({
      current: 5,
      total: 6,
    });
    expect(progressOf(visitSmiley, { kind: 'followUp', index: 0 })).toBeUndefined();
    expect(progressOf(national, { kind: 'respondent' })).toBeUndefined();
    expect(progressOf(national, { kind: 'comment' })).toBeUndefined();
    expect(progressOf(national, { kind: 'contact', form: true })).toBeUndefined();
  });

  it('calls a visit fresh only while nothing is chosen on its first screen', () => {
    const visit = newVisit(national, 1);
    expect(isFresh(national, visit)).toBe(true);
    expect(isFresh(national, { ...visit, step: { kind: 'question', index: 0 } })).toBe(false);
    expect(isFresh(national, { ...visit, respondent: 'relative' })).toBe(false);
    const smiley = newVisit(oneFace, 2);
    expect(isFresh(oneFace, smiley)).toBe(true);
    expect(isFresh(oneFace, { ...smiley, started: true })).toBe(false);
  });
});
