import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EnrollAnswerSchema, type EnrollAnswer } from '../../core/central-api';
import { TerminalConfigSchema, type TerminalConfig } from '../../core/terminal-config';
import { startTestCentral, type TestCentral } from '../../test/support/central';
import { startFaultProxy, type FaultProxy } from '../../test/support/fault-proxy';
import { runAdmin } from './admin/run';

type Run = { exit: number; stdout: string; stderr: string; token: string };
type RunOptions = {
  api?: string;
  /** The token of `--admin-token`; null: none on the command line. */
  token?: string | null;
  env?: Record<string, string>;
  timeoutMs?: number;
};

const WRONG_TOKEN = 'not-the-admin-token-4242';
const UNIT_FLAGS = ['--unit', 'ward-7', '--unit-name-fi', 'Osasto 7', '--unit-name-en', 'Ward 7'];

/** A port nothing listens on: bound once by the system, then let go. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') {
    throw new Error('no port');
  }
  return address.port;
}

describe('npm run admin: built-in survey templates without writing JSON', () => {
  let dir: string;
  let central: TestCentral;
  /** Between the tool and the real server: what reached the API, and forged answers. */
  let proxy: FaultProxy;
  let runs: Run[];

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hymy-admin-cli-'));
    central = await startTestCentral(join(dir, 'central'));
    proxy = await startFaultProxy(central.url);
    runs = [];
  });

  afterEach(async () => {
    // A promise of the tool, checked on every run of every test: no token is ever printed.
    for (const run of runs) {
      for (const token of [central.adminToken, run.token]) {
        expect(run.stdout + run.stderr).not.toContain(token);
      }
    }
    await proxy.close();
    await central.close();
    await rm(dir, { recursive: true, force: true });
  });

  async function admin(args: string[], options: RunOptions = {}): Promise<Run> {
    const token = options.token === undefined ? central.adminToken : options.token;
    const given = token ?? options.env?.HYMY_ADMIN_TOKEN ?? central.adminToken;
    const run: Run = { exit: -1, stdout: '', stderr: '', token: given };
    run.exit = await runAdmin(
      [
        ...args,
        '--api',
        options.api ?? proxy.url,
        ...(token === null ? [] : ['--admin-token', token]),
      ],
      {
        env: options.env ?? {},
        stdout: { write: (text: string) => (run.stdout += text) },
        stderr: { write: (text: string) => (run.stderr += text) },
        ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
      },
    );
    runs.push(run);
    return run;
  }

  /** The one line `code` prints, as the code and its expiry. */
  function codeLine(run: Run): { code: string; expiresAt: string } {
    expect(run.exit).toBe(0);
    expect(run.stderr).toBe('');
    const line = /^code ([A-Z0-9]{4}-[A-Z0-9]{4}) expires (\S+Z)\n$/.exec(run.stdout);
    expect(line).not.toBeNull();
    return { code: line?.[1] ?? '', expiresAt: line?.[2] ?? '' };
  }

  /** What a new terminal does with the code: POST /v1/enroll on the real server. */
  async function enroll(code: string): Promise<EnrollAnswer> {
    const answer = await fetch(`${central.url}/v1/enroll`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code, hardwareId: 'hw-admin-cli', appVersion: '0.1.0' }),
    });
    expect(answer.status).toBe(201);
    return EnrollAnswerSchema.parse(await answer.json());
  }

  async function terminalConfig(terminal: EnrollAnswer): Promise<TerminalConfig> {
    const answer = await fetch(`${central.url}/v1/terminal/config`, {
      headers: { authorization: `Bearer ${terminal.token}` },
    });
    expect(answer.status).toBe(200);
    return TerminalConfigSchema.parse(await answer.json());
  }

  it('explains itself with --help, the tool and each command, without a server', async () => {
    const outputs: string[] = [];
    const io = {
      env: {},
      stdout: { write: (text: string) => outputs.push(text) },
      stderr: { write: (text: string) => outputs.push(`stderr: ${text}`) },
    };
    expect(await runAdmin(['--help'], io)).toBe(0);
    expect(await runAdmin(['templates', '--help'], io)).toBe(0);
    expect(await runAdmin(['code', '--help'], io)).toBe(0);
    expect(await runAdmin(['set-survey', '--help'], io)).toBe(0);
    expect(outputs.map((text) => text.split('\n')[0])).toEqual([
      'Usage: npm run admin -- <command> --api URL [--admin-token T] [flags]',
      'Usage: npm run admin -- templates --api URL [--admin-token T] [--language fi|sv|en]',
      'Usage: npm run admin -- code --api URL [--admin-token T] --unit ID --unit-name-fi TEXT',
      'Usage: npm run admin -- set-survey --api URL [--admin-token T] --terminal ID --template ID',
    ]);
    expect(outputs[2]).toContain(
      '--statements LIST    2–7 of access,contact,met,involved,safety,information,useful',
    );
    expect(await runAdmin(['enroll'], io)).toBe(2);
    expect(outputs[4]).toBe(
      'stderr: hymy: unknown command "enroll"; the commands are templates, code, set-survey and contact\n',
    );
  });

  it('lists the three templates in English by default, with the statements and questions to choose', async () => {
    const run = await admin(['templates']);
    expect(run.exit).toBe(0);
    expect(run.stderr).toBe('');
    const lines = run.stdout.split('\n');
    expect(lines.filter((line) => /^\S/.test(line))).toEqual([
      'visit-smiley — Visit smiley',
      "children — Children's survey",
      'national — National customer feedback',
      'All templates: --ask-respondent, --comment/--no-comment, --child-mode/--no-child-mode',
    ]);
    expect(lines).toContain(
      '  One question about the visit with smileys. After a low rating a reason can be chosen.',
    );
    // A star marks what is asked unless chosen otherwise.
    expect(lines).toContain('    * access       I got the service when I needed it.');
    expect(lines).toContain('      contact      It was easy to contact the service.');
    expect(lines).toContain('    * listened  Were you listened to?');
    expect(lines).toContain('      helped    Did you get help?');
    expect(proxy.seen().map(({ method, path }) => `${method} ${path}`)).toEqual([
      'GET /v1/admin/survey-templates',
    ]);
  });

  it('lists the templates in Finnish with --language fi', async () => {
    const run = await admin(['templates', '--language', 'fi']);
    expect(run.exit).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines).toContain('national — Kansallinen asiakaspalaute');
    expect(lines).toContain('children — Lasten kysely');
    expect(lines).toContain('    * access       Sain palvelua silloin, kun tarvitsin.');
    expect(lines).toContain('    * listened  Kuunneltiinko sinua?');
    const refused = await admin(['templates', '--language', 'de']);
    expect(refused.exit).toBe(2);
    expect(refused.stderr).toBe('hymy: --language must be fi, sv or en, not "de"\n');
  });

  it('a code for the national template with two statements enrolls a terminal asking NPS, those two, and who answers', async () => {
    const run = await admin([
      'code',
      ...UNIT_FLAGS,
      '--template',
      'national',
      '--statements',
      'access,useful',
      '--ask-respondent',
    ]);
    const { code } = codeLine(run);
    // Only the options given are sent: the server's defaults stand for the rest.
    const [sent] = proxy.seen();
    expect(sent?.path).toBe('/v1/admin/enrollment-codes');
    expect(JSON.parse(sent?.body ?? '')).toEqual({
      unit: { id: 'ward-7', name: { fi: 'Osasto 7', en: 'Ward 7' } },
      surveyTemplate: {
        id: 'national',
        options: { statements: ['access', 'useful'], askRespondent: true },
      },
    });
    const { config } = await enroll(code);
    expect(config.unit).toEqual({ id: 'ward-7', name: { fi: 'Osasto 7', en: 'Ward 7' } });
    expect(config.survey.id).toBe('national');
    expect(config.survey.questions.map(({ id }) => id)).toEqual(['nps', 'access', 'useful']);
    expect(config.survey.askRespondent).toBe(true);
    expect(config.survey.comment.enabled).toBe(true);
  });

  it("a code for the national template carries the unit's own statements after the basic ones", async () => {
    const run = await admin([
      'code',
      ...UNIT_FLAGS,
      '--template',
      'national',
      '--unit-statement',
      'lab-waiting|Odotin laboratoriossa vain vähän.|Jag väntade bara kort i laboratoriet.|I waited only a short time at the laboratory.',
      '--unit-statement',
      'parking | Pysäköinti oli helppoa. | Parkeringen var lätt. | Parking was easy.',
    ]);
    const { config } = await enroll(codeLine(run).code);
    const questions = config.survey.questions;
    expect(questions.map(({ id }) => id)).toEqual([
      'nps',
      'access',
      'met',
      'safety',
      'information',
      'useful',
      'lab-waiting',
      'parking',
    ]);
    expect(questions.at(-1)).toEqual({
      id: 'parking',
      scale: 'agree5',
      cannotSay: true,
      text: { fi: 'Pysäköinti oli helppoa.', sv: 'Parkeringen var lätt.', en: 'Parking was easy.' },
    });
    const broken = await admin([
      'code',
      ...UNIT_FLAGS,
      '--template',
      'national',
      '--unit-statement',
      'parking|Pysäköinti oli helppoa.|Parking was easy.',
    ]);
    expect(broken.exit).toBe(2);
    expect(broken.stderr).toMatch(/^hymy: --unit-statement takes "id\|fi text\|sv text\|en text"/);
    expect(proxy.seen()).toHaveLength(1);
  });

  it('a code for the children template carries its scale, questions, modes, languages and lifetime', async () => {
    const before = Date.now();
    const run = await admin([
      'code',
      ...UNIT_FLAGS,
      '--template',
      'children',
      '--scale',
      'smiley4',
      '--questions',
      'helped, listened,told',
      '--no-child-mode',
      '--comment',
      '--languages',
      'fi,sv',
      '--default-language',
      'sv',
      '--ttl-hours',
      '2',
    ]);
    const { code, expiresAt } = codeLine(run);
    const twoHours = 2 * 3_600_000;
    expect(Date.parse(expiresAt)).toBeGreaterThanOrEqual(before + twoHours - 1000);
    expect(Date.parse(expiresAt)).toBeLessThanOrEqual(Date.now() + twoHours + 1000);
    const { config } = await enroll(code);
    expect(config.languages).toEqual(['fi', 'sv']);
    expect(config.defaultLanguage).toBe('sv');
    const { survey } = config;
    expect(survey.id).toBe('children');
    // Asked in the template's fixed order, whatever order they were named in.
    expect(survey.questions.map(({ id }) => id)).toEqual(['listened', 'told', 'helped']);
    expect(survey.questions.every(({ scale }) => scale === 'smiley4')).toBe(true);
    expect(survey.childMode).toBe(false);
    expect(survey.comment.enabled).toBe(true);
  });

  it('set-survey gives an enrolled terminal a new survey, which its next config poll returns', async () => {
    const made = await admin([
      'code',
      ...UNIT_FLAGS,
      '--template',
      'visit-smiley',
      '--scale',
      'smiley5',
      '--no-follow-up',
    ]);
    const terminal = await enroll(codeLine(made).code);
    expect(terminal.config.survey.questions).toMatchObject([{ id: 'overall', scale: 'smiley5' }]);
    expect(terminal.config.survey.questions[0]?.followUp).toBeUndefined();

    const run = await admin([
      'set-survey',
      '--terminal',
      terminal.terminalId,
      '--template',
      'national',
      '--statements',
      'met,safety,useful',
      '--no-cannot-say',
    ]);
    expect(run).toMatchObject({
      exit: 0,
      stdout: `survey national version 1 for ${terminal.terminalId}\n`,
      stderr: '',
    });
    const { survey } = await terminalConfig(terminal);
    expect(survey.id).toBe('national');
    expect(survey.questions.map(({ id }) => id)).toEqual(['nps', 'met', 'safety', 'useful']);
    expect(survey.questions.some((question) => question.cannotSay)).toBe(false);
  });

  it('contact turns contact requests on for every terminal with the key given, and off for one', async () => {
    const first = await enroll(
      codeLine(await admin(['code', ...UNIT_FLAGS, '--template', 'children'])).code,
    );
    const second = await enroll(
      codeLine(await admin(['code', ...UNIT_FLAGS, '--template', 'children'])).code,
    );
    const key = Buffer.alloc(32, 7).toString('base64');
    const missing = await admin(['contact', '--all']);
    expect(missing.exit).toBe(2);
    expect(missing.stderr).toContain('contact.publicKey');
    const on = await admin(['contact', '--all', '--public-key', key, '--reply-within-days', '3']);
    expect(on).toMatchObject({
      exit: 0,
      stdout:
        `contact on for ${first.terminalId} (reply within 3 days)\n` +
        `contact on for ${second.terminalId} (reply within 3 days)\n`,
    });
    expect((await terminalConfig(second)).contact).toEqual({
      enabled: true,
      publicKey: key,
      replyWithinDays: 3,
    });
    const off = await admin(['contact', '--terminal', first.terminalId, '--off']);
    expect(off).toMatchObject({ exit: 0, stdout: `contact off for ${first.terminalId}\n` });
    const both = await admin(['contact', '--terminal', first.terminalId, '--all']);
    expect(both.exit).toBe(2);
  });

  it('set-survey that would ask a question on another scale under the same version is refused, pointing to --template-version', async () => {
    const terminal = await enroll(
      codeLine(await admin(['code', ...UNIT_FLAGS, '--template', 'visit-smiley'])).code,
    );
    const set = (...extra: string[]) =>
      admin([
        'set-survey',
        '--terminal',
        terminal.terminalId,
        '--template',
        'visit-smiley',
        ...extra,
      ]);
    const refused = await set('--scale', 'smiley3');
    expect(refused.exit).toBe(2);
    const [first, second] = refused.stderr.split('\n');
    expect(first).toBe(
      "hymy: the central API refused to change the terminal's survey (invalid_body, HTTP 400)",
    );
    expect(second).toMatch(
      /^hymy: --template-version: visit-smiley version 1 already asked overall/,
    );
    expect((await terminalConfig(terminal)).survey.questions[0]?.scale).toBe('smiley4');

    const changed = await set('--scale', 'smiley3', '--template-version', '2');
    expect(changed.stdout).toBe(`survey visit-smiley version 2 for ${terminal.terminalId}\n`);
    const { survey } = await terminalConfig(terminal);
    expect(survey).toMatchObject({ version: 2, questions: [{ scale: 'smiley3' }] });
  });

  it('set-survey for a terminal the server does not know exits 2 with its refusal', async () => {
    const run = await admin(['set-survey', '--terminal', 't_nobody', '--template', 'children']);
    expect(run.exit).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      "hymy: the central API refused to change the terminal's survey (terminal_unknown, HTTP 404)\n" +
        'hymy: --terminal: no terminal has this id\n',
    );
  });

  it('an option of another template is refused before any request, naming the flag', async () => {
    const cases: [string[], string][] = [
      [
        ['code', ...UNIT_FLAGS, '--template', 'children', '--statements', 'access,met'],
        '--statements is an option of the national template, not of children',
      ],
      [
        ['code', ...UNIT_FLAGS, '--template', 'national', '--scale', 'smiley4'],
        '--scale is an option of the visit-smiley and children templates, not of national',
      ],
      [
        ['set-survey', '--terminal', 't_1', '--template', 'visit-smiley', '--questions', 'told'],
        '--questions is an option of the children template, not of visit-smiley',
      ],
      [
        ['code', ...UNIT_FLAGS, '--template', 'children', '--no-cannot-say'],
        '--no-cannot-say is an option of the national template, not of children',
      ],
      [
        ['code', ...UNIT_FLAGS, '--template', 'children', '--scale', 'smiley5'],
        '--scale must be smiley3 or smiley4 for the children template, not "smiley5"',
      ],
    ];
    for (const [args, message] of cases) {
      const run = await admin(args);
      expect({ exit: run.exit, stdout: run.stdout, stderr: run.stderr }).toEqual({
        exit: 2,
        stdout: '',
        stderr: `hymy: ${message}\n`,
      });
    }
    expect(proxy.seen()).toEqual([]);
  });

  it("a choice the template cannot be built from gets the builder's reason, and no code is made", async () => {
    const national = (statements: string) =>
      admin(['code', ...UNIT_FLAGS, '--template', 'national', '--statements', statements]);
    expect((await national('access')).stderr).toBe(
      'hymy: --statements: 1 chosen; the national template asks 2–7 of ' +
        'access,contact,met,involved,safety,information,useful (statement_count)\n',
    );
    expect((await national('access,parking')).stderr).toBe(
      'hymy: --statements: "parking" is not a basic statement; choose from ' +
        'access,contact,met,involved,safety,information,useful (unknown_item)\n',
    );
    expect((await national('access,met,access')).stderr).toBe(
      'hymy: --statements: access is given twice (repeated_item)\n',
    );
    const children = await admin([
      'code',
      ...UNIT_FLAGS,
      '--template',
      'children',
      '--questions',
      'listened,told,safe,nice,helped,listened',
    ]);
    expect(children.stderr).toBe('hymy: --questions: listened is given twice (repeated_item)\n');
    expect(runs.map(({ exit }) => exit)).toEqual([2, 2, 2, 2]);
    expect(proxy.seen()).toEqual([]);
  });

  it('unknown, missing and contradictory flags are refused with exit 2 before any request', async () => {
    const cases: [string[], RunOptions, string][] = [
      [['templates', '--bogus'], {}, "Unknown option '--bogus' (see --help)"],
      [
        ['code', ...UNIT_FLAGS, '--template', 'national', '--comment', '--no-comment'],
        {},
        '--comment and --no-comment contradict each other; give one of them',
      ],
      [
        ['code', '--unit', 'ward-7', '--template', 'national'],
        {},
        "--unit-name-fi is required: the unit's name in Finnish",
      ],
      [['code', ...UNIT_FLAGS], {}, '--template is required: visit-smiley, children or national'],
      [
        ['code', ...UNIT_FLAGS, '--template', 'national', '--ttl-hours', '1000'],
        {},
        '--ttl-hours: Too big: expected number to be <=720 [ttlHours]',
      ],
      [
        ['templates'],
        { token: null },
        'an admin token is required: --admin-token T or HYMY_ADMIN_TOKEN',
      ],
    ];
    for (const [args, options, message] of cases) {
      const run = await admin(args, options);
      expect({ exit: run.exit, stderr: run.stderr }).toEqual({
        exit: 2,
        stderr: `hymy: ${message}\n`,
      });
    }
    expect(proxy.seen()).toEqual([]);
  });

  it('a wrong admin token exits 4 and says which setting to check, without printing it', async () => {
    const flag = await admin(['templates'], { token: WRONG_TOKEN });
    expect(flag.exit).toBe(4);
    expect(flag.stdout).toBe('');
    expect(flag.stderr).toBe(
      `hymy: the central API at ${proxy.url} refused the admin token (HTTP 401); ` +
        'check --admin-token or HYMY_ADMIN_TOKEN\n',
    );
    const env = await admin(['code', ...UNIT_FLAGS, '--template', 'national'], {
      token: null,
      env: { HYMY_ADMIN_TOKEN: WRONG_TOKEN },
    });
    expect(env.exit).toBe(4);
    // The right token from the environment works as well as the flag.
    const right = await admin(['templates'], {
      token: null,
      env: { HYMY_ADMIN_TOKEN: central.adminToken },
    });
    expect(right.exit).toBe(0);
  });

  it('an API that cannot be reached exits 3 and names its URL', async () => {
    const api = `http://127.0.0.1:${await closedPort()}`;
    const refused = await admin(['templates'], { api });
    expect(refused.exit).toBe(3);
    expect(refused.stderr).toBe(
      `hymy: the central API at ${api} cannot be reached (connection refused); ` +
        'check --api and the network\n',
    );
    proxy.queue({ kind: 'stall' });
    const stalled = await admin(['code', ...UNIT_FLAGS, '--template', 'children'], {
      timeoutMs: 300,
    });
    expect(stalled.exit).toBe(3);
    expect(stalled.stderr).toContain(
      `the central API at ${proxy.url} cannot be reached (no answer`,
    );
  });

  it('an answer that is not the API’s exits 1 with a plain message, and a token it echoes is blanked', async () => {
    proxy.forge('/v1/admin/enrollment-codes', {
      status: 201,
      body: JSON.stringify({ code: 'K7QD-M3XP', expiresAt: 'tomorrow' }),
    });
    const code = await admin(['code', ...UNIT_FLAGS, '--template', 'national']);
    expect(code).toMatchObject({
      exit: 1,
      stdout: '',
      stderr: `hymy: the central API at ${proxy.url} answered with no usable code\n`,
    });
    proxy.forge('/v1/admin/survey-templates', { status: 200, body: '{"templates": "all"}' });
    const list = await admin(['templates']);
    expect(list.exit).toBe(1);
    expect(list.stderr).toMatch(/sent a template list that cannot be used \(templates: /);
    // A hostile server knows the token it was sent, and may try to have it printed.
    proxy.forge('/v1/admin/terminals/t_1', {
      status: 400,
      body: JSON.stringify({
        error: {
          code: 'invalid_body',
          message: `unit.id: \u001b[2Jyour token is ${central.adminToken}`,
        },
      }),
    });
    const echoed = await admin(['set-survey', '--terminal', 't_1', '--template', 'children']);
    expect(echoed.exit).toBe(2);
    expect(echoed.stderr).toContain('--unit:  [2Jyour token is [admin token] [unit.id]');
    expect(echoed.stderr).not.toContain('\u001b');
  });
});
