import type { LocalizedText } from '../../core/localized';
import { storedConfig } from '../config-record';
import type { Executor } from '../store/executor';

/**
 * The words of a unit's questions and follow-up choices, for reports that otherwise name them by
 * id: read from the configs of the unit's terminals, where the surveys live (answers carry only
 * ids). Of two survey versions that word the same id differently, the newer's words are given.
 */
export type SurveyTexts = {
  question(questionId: string): LocalizedText | null;
  /** A follow-up choice: its question's id and the option's id (the answer's value). */
  option(questionId: string, optionId: string): LocalizedText | null;
};

export async function surveyTexts(db: Executor, unitId: string): Promise<SurveyTexts> {
  const rows = await db
    .selectFrom('terminals')
    .select('config_json')
    .where('unit_id', '=', unitId)
    .execute();
  const surveys = rows
    .map((row) => {
      try {
        return storedConfig(row.config_json).survey;
      } catch {
        // A config stored by an older server that today's schema refuses: its words are left out.
        return undefined;
      }
    })
    .filter((survey) => survey !== undefined)
    .sort((a, b) => a.version - b.version);
  const questions = new Map<string, LocalizedText>();
  const options = new Map<string, LocalizedText>();
  for (const survey of surveys) {
    for (const question of survey.questions) {
      if (question.text !== undefined) {
        questions.set(question.id, question.text);
      }
      for (const option of question.followUp?.options ?? []) {
        options.set(`${question.followUp!.id}\u0000${option.id}`, option.text);
      }
    }
  }
  return {
    question: (questionId) => questions.get(questionId) ?? null,
    option: (questionId, optionId) => options.get(`${questionId}\u0000${optionId}`) ?? null,
  };
}
