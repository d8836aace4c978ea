import type { Scale } from '../../core/scales';
import { ScaleSchema } from '../../core/scales';
import type { Survey } from '../../core/survey';
import type { Executor } from './executor';

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

export function createSurveyHistoryStore(db: Executor) {
  const rows = () =>
    db
      .selectFrom('survey_questions')
      .select(['survey_id', 'survey_version', 'question_id', 'scale']);

  const load = (found: readonly Row[]): SurveyHistory => {
    const history: SurveyHistory = new Map();
    for (const row of found) {
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
    ofTerminal: async (terminalId: string): Promise<SurveyHistory> =>
      load(await rows().where('terminal_id', '=', terminalId).execute()),
    /**
     * Answers already stored under a survey version keep their meaning only if its questions
     * keep their scales: a changed question needs a new survey version.
     */
    conflict: async (terminalId: string, survey: Survey): Promise<ScaleConflict | undefined> => {
      const found = await rows()
        .where('terminal_id', '=', terminalId)
        .where('survey_id', '=', survey.id)
        .where('survey_version', '=', survey.version)
        .execute();
      const known = load(found).get(surveyKey(survey.id, survey.version));
      for (const [questionIndex, question] of survey.questions.entries()) {
        const recordedScale = known?.get(question.id);
        if (recordedScale !== undefined && recordedScale !== question.scale) {
          return { questionIndex, questionId: question.id, recordedScale };
        }
      }
      return undefined;
    },
    record: async (terminalId: string, survey: Survey): Promise<void> => {
      await db
        .insertInto('survey_questions')
        .values(
          survey.questions.map((question, position) => ({
            terminal_id: terminalId,
            survey_id: survey.id,
            survey_version: survey.version,
            question_id: question.id,
            scale: question.scale,
            position,
          })),
        )
        .onConflict((oc) => oc.doNothing())
        .execute();
    },
  };
}

export type SurveyHistoryStore = ReturnType<typeof createSurveyHistoryStore>;
