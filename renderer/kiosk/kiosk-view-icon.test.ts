import { describe, expect, it } from 'vitest';
import { surveyTemplate, TerminalConfigSchema, type SurveyInput } from '../../core';
import { testConfig } from '../testing/render-app';
import { kioskView } from './kiosk-view';

const t = (key: string) => key;
const languageName = (code: string) => code;

/** The pictogram the kiosk shows for each question of a survey sent by a server. */
function iconsOf(survey: SurveyInput): (string | undefined)[] {
  const config = TerminalConfigSchema.parse({ ...testConfig(), survey });
  return config.survey.questions.map(
    (_, index) => kioskView(config, 'fi', t, languageName, index).icon,
  );
}

describe('the question pictogram', () => {
  it("comes from the survey's icon: the children's template draws one per question", () => {
    expect(iconsOf(surveyTemplate('children'))).toEqual(['ear', 'info', 'shield', 'home']);
  });

  it("is never chosen by the question's id: a county's own question `safe` gets none", () => {
    const survey: SurveyInput = {
      id: 'county-own',
      version: 1,
      childMode: true,
      questions: [
        { id: 'safe', scale: 'smiley3' },
        { id: 'listened', scale: 'smiley3', icon: 'hand' },
      ],
    };
    expect(iconsOf(survey)).toEqual([undefined, 'hand']);
  });

  it('is none for a name from a newer server, and the config is still taken', () => {
    const survey: SurveyInput = {
      id: 'newer',
      version: 1,
      childMode: true,
      questions: [{ id: 'q1', scale: 'smiley3', icon: 'rocket-2' }],
    };
    expect(iconsOf(survey)).toEqual([undefined]);
  });
});
