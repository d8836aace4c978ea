import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SurveyTemplateListSchema, type EnrollAnswer } from '../core/central-api';
import { TerminalConfigSchema } from '../core/terminal-config';
import { SurveySchema } from '../core/survey';
import { NPS_TEXT, surveyTemplate } from '../core/templates';
import { startTestServer, UNIT, type Call, type TestServer } from './test-support';

const errorOf = (call: Call) => (call.body as { error: { code: string; message: string } }).error;

function expectRefused(call: Call, field: string): void {
  expect(call.status).toBe(400);
  expect(errorOf(call).code).toBe('invalid_body');
  expect(errorOf(call).message.startsWith(`${field}: `)).toBe(true);
}

describe('built-in survey templates in the admin API (issue 7)', () => {
  let t: TestServer;

  beforeEach(async () => {
    t = await startTestServer();
  });
  afterEach(() => t.cleanup());

  const codes = (body: unknown) => t.admin('POST', '/v1/admin/enrollment-codes', body);

  it('a terminal enrolled from the national template asks NPS first, then the chosen statements in order', async () => {
    const terminal = await t.enroll({
      unit: UNIT,
      surveyTemplate: {
        id: 'national',
        options: {
          statements: ['useful', 'access', 'met'],
          unitStatements: [
            { id: 'parking', text: { fi: 'Pysäköinti', sv: 'Parkering', en: 'Parking' } },
          ],
        },
      },
    });
    const { survey } = terminal.config;
    expect(survey.id).toBe('national');
    expect(survey.questions.map((question) => question.id)).toEqual([
      'nps',
      'access',
      'met',
      'useful',
      'parking',
    ]);
    expect(survey.questions[0]).toMatchObject({ scale: 'nps11', text: NPS_TEXT });
    expect(survey.comment.enabled).toBe(true);
    const read = await t.call('GET', '/v1/terminal/config', { token: terminal.token });
    expect(TerminalConfigSchema.parse(read.body).survey).toEqual(survey);
  });

  it('a terminal enrolled from the children template with four smileys asks on smiley4', async () => {
    const terminal = await t.enroll({
      unit: UNIT,
      languages: ['fi', 'sv'],
      surveyTemplate: { id: 'children', options: { scale: 'smiley4' } },
    });
    expect(terminal.config.languages).toEqual(['fi', 'sv']);
    expect(terminal.config.survey.id).toBe('children');
    expect(terminal.config.survey.questions.length).toBe(4);
    expect(terminal.config.survey.questions.every(({ scale }) => scale === 'smiley4')).toBe(true);
  });

  it('a PATCH with a template changes the config and its ETag', async () => {
    const terminal: EnrollAnswer = await t.enroll();
    const path = `/v1/admin/terminals/${terminal.terminalId}`;
    const before = await t.call('GET', '/v1/terminal/config', { token: terminal.token });
    const changed = await t.admin('PATCH', path, {
      surveyTemplate: { id: 'visit-smiley', options: { scale: 'smiley5', followUp: false } },
    });
    expect(changed.status).toBe(200);
    const after = await t.call('GET', '/v1/terminal/config', { token: terminal.token });
    expect(after.headers.get('etag')).not.toBe(before.headers.get('etag'));
    const { survey } = TerminalConfigSchema.parse(after.body);
    expect(survey).toEqual(TerminalConfigSchema.parse(changed.body).survey);
    // Stored as if the survey the template builds had been sent.
    expect(survey).toEqual(
      SurveySchema.parse(surveyTemplate('visit-smiley', { scale: 'smiley5', followUp: false })),
    );
    expect(survey.questions[0]?.followUp).toBeUndefined();
  });

  it('a template changed on an enrolled terminal goes out under the version the admin gives', async () => {
    const terminal = await t.enroll({ unit: UNIT, surveyTemplate: { id: 'children' } });
    expect(terminal.config.survey.version).toBe(1);
    const path = `/v1/admin/terminals/${terminal.terminalId}`;
    const four = { id: 'children', version: 2, options: { scale: 'smiley4' } };
    const changed = await t.admin('PATCH', path, { surveyTemplate: four });
    expect(changed.status).toBe(200);
    const { survey } = TerminalConfigSchema.parse(changed.body);
    expect(survey.version).toBe(2);
    expect(survey.questions.every(({ scale }) => scale === 'smiley4')).toBe(true);
  });

  it('a body with both a survey and a template is refused, naming surveyTemplate', async () => {
    const survey = { id: 'lobby', version: 1, questions: [{ id: 'q1', scale: 'agree5' }] };
    const surveyTemplate = { id: 'national' };
    expectRefused(await codes({ unit: UNIT, survey, surveyTemplate }), 'surveyTemplate');
    const terminal = await t.enroll();
    const patched = await t.admin('PATCH', `/v1/admin/terminals/${terminal.terminalId}`, {
      survey,
      surveyTemplate,
    });
    expectRefused(patched, 'surveyTemplate');
  });

  it('an enrollment code with neither a survey nor a template is refused, naming survey', async () => {
    expectRefused(await codes({ unit: UNIT }), 'survey');
  });

  it('a template that cannot be built is refused, naming the option, and no code is made', async () => {
    const national = (options: unknown) => ({
      unit: UNIT,
      surveyTemplate: { id: 'national', options },
    });
    const cases: [unknown, string][] = [
      [national({ statements: ['access'] }), 'surveyTemplate.options.statements'],
      [
        national({ statements: ['access', 'met', 'parking'] }),
        'surveyTemplate.options.statements.2',
      ],
      [
        national({ statements: ['access', 'met', 'access'] }),
        'surveyTemplate.options.statements.2',
      ],
      [
        national({
          unitStatements: [{ id: 'parking', text: { fi: 'Pysäköinti', sv: ' ', en: 'Parking' } }],
        }),
        'surveyTemplate.options.unitStatements.0.text.sv',
      ],
      [
        national({
          unitStatements: [{ id: 'met', text: { fi: 'Kohtelu', sv: 'Bemötande', en: 'Met' } }],
        }),
        'surveyTemplate.options.unitStatements.0.id',
      ],
      [
        { unit: UNIT, surveyTemplate: { id: 'children', options: { questions: ['listened'] } } },
        'surveyTemplate.options.questions',
      ],
      [
        { unit: UNIT, surveyTemplate: { id: 'children', options: { scale: 'smiley5' } } },
        'surveyTemplate.options.scale',
      ],
      [{ unit: UNIT, surveyTemplate: { id: 'lobby' } }, 'surveyTemplate.id'],
    ];
    for (const [body, field] of cases) {
      expectRefused(await codes(body), field);
    }
  });

  it('a PATCH with a template that cannot be built changes nothing', async () => {
    const terminal = await t.enroll();
    const before = await t.call('GET', '/v1/terminal/config', { token: terminal.token });
    const refused = await t.admin('PATCH', `/v1/admin/terminals/${terminal.terminalId}`, {
      surveyTemplate: { id: 'national', options: { statements: [] } },
    });
    expectRefused(refused, 'surveyTemplate.options.statements');
    const after = await t.call('GET', '/v1/terminal/config', { token: terminal.token });
    expect(after.body).toEqual(before.body);
  });

  it('lists the three templates and the national statements, behind the admin token', async () => {
    const path = '/v1/admin/survey-templates';
    expect((await t.call('GET', path)).status).toBe(401);
    const terminal = await t.enroll();
    expect((await t.call('GET', path, { token: terminal.token })).status).toBe(401);
    const listed = await t.admin('GET', path);
    expect(listed.status).toBe(200);
    const list = SurveyTemplateListSchema.parse(listed.body);
    expect(list.templates.map(({ id }) => id)).toEqual(['visit-smiley', 'children', 'national']);
    expect(list.templates[2]?.name.sv).toBe('Nationell kundrespons');
    expect(list.national.statements.map(({ id }) => id)).toEqual([
      'access',
      'contact',
      'met',
      'involved',
      'safety',
      'information',
      'useful',
    ]);
    expect(list.national.statements[0]).toMatchObject({
      default: true,
      text: { en: 'I got the service when I needed it.' },
    });
    expect(list.national.statementCount).toEqual({ min: 2, max: 7 });
  });
});
