import type { Scale } from '../../core/scales';
import { ScaleSchema } from '../../core/scales';
import type { Survey } from '../../core/survey';
import type { Db } from '../db';

/**
 * Every (survey, version, question → scale) a terminal was ever configured with, filled when a
 * config is made or patched. An answer is accepted only for a question its terminal was given.
 */

/** `surveyId \0 version` → question id → scale. */
export type SurveyHistory = Map<string, Map<string, Scale>>;

export function surveyKey(surveyId: string, version: number): string {
  return `${surveyId}\u0000${version}`;
}

/** A question whose scale would change under a survey version the terminal already had. */
export type ScaleConflict = { questionIndex: number; questionId: string; recordedScale: Scale };

type Row = { survey_id: string; survey_version: number; question_id: string; scale: string };

export function createSurveyHistoryStore(db: Db) {
  const insert = db.prepare<{
    terminalId: string;
    surveyId: string;
    version: number;
    questionId: string;
    scale: Scale;
  }>(
    `INSERT INTO survey_questions (terminal_id, survey_id, survey_version, question_id, scale)
     VALUES (@terminalId, @surveyId, @version, @questionId, @scale)
     ON CONFLICT DO NOTHING`,
  );
  const ofTerminal = db.prepare<[string], Row>(
    `SELECT survey_id, survey_version, question_id, scale FROM survey_questions
     WHERE terminal_id = ?`,
  );
  const ofSurvey = db.prepare<[string, string, number], Row>(
    `SELECT survey_id, survey_version, question_id, scale FROM survey_questions
     WHERE terminal_id = ? AND survey_id = ? AND survey_version = ?`,
  );

  const load = (rows: Row[]): SurveyHistory => {
    const history: SurveyHistory = new Map();
    for (const row of rows) {
      const scale = ScaleSchema.safeParse(row.scale);
      if (!scale.success) {
        continue;
      }
      const key = surveyKey(row.survey_id, row.survey_version);
      const questions = history.get(key) ?? new Map<string, Scale>();
      questions.set(row.question_id, scale.data);
      history.set(key, questions);
    }
    return history;
  };

  return {
    ofTerminal: (terminalId: string): SurveyHistory => load(ofTerminal.all(terminalId)),
    /**
     * Answers already stored under a survey version keep their meaning only if its questions
     * keep their scales: a changed question needs a new survey version.
     */
    conflict: (terminalId: string, survey: Survey): ScaleConflict | undefined => {
      const known = load(ofSurvey.all(terminalId, survey.id, survey.version)).get(
        surveyKey(survey.id, survey.version),
      );
      for (const [questionIndex, question] of survey.questions.entries()) {
        const recordedScale = known?.get(question.id);
        if (recordedScale !== undefined && recordedScale !== question.scale) {
          return { questionIndex, questionId: question.id, recordedScale };
        }
      }
      return undefined;
    },
    record: (terminalId: string, survey: Survey): void => {
      for (const question of survey.questions) {
        insert.run({
          terminalId,
          surveyId: survey.id,
          version: survey.version,
          questionId: question.id,
          scale: question.scale,
        });
      }
    },
  };
}

export type SurveyHistoryStore = ReturnType<typeof createSurveyHistoryStore>;
