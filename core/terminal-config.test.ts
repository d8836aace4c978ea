import { describe, expect, it } from 'vitest';
import { DEMO_CONFIG } from './demo';
import { DEFAULT_RESERVE_BYTES } from './durability';
import { TerminalConfigSchema, buttonValue, reserveBytes } from './terminal-config';
import { parseWith } from './validation';

const minimal = {
  terminalId: 't_1',
  unit: {
    id: 'khks-lapset',
    name: { fi: 'Lastenyksikkö', sv: 'Barnenheten', en: "Children's unit" },
  },
  survey: { id: 'visit-smiley', version: 3, questions: [{ id: 'overall', scale: 'smiley4' }] },
};

describe('terminal config', () => {
  it('fills every default of operator-interface.md when only the required fields are given', () => {
    const config = TerminalConfigSchema.parse(minimal);
    expect(config.languages).toEqual(['fi', 'sv', 'en']);
    expect(config.defaultLanguage).toBe('fi');
    expect(config.timing).toEqual({
      thankYouMs: 4000,
      idleResetMs: 30000,
      repeatWindowMs: 4000,
      visitIdleMs: 20000,
    });
    expect(config.survey.comment).toEqual({ enabled: false });
    expect(config.survey.askRespondent).toBe(false);
    expect(config.survey.childMode).toBe(false);
    expect(config.buttonBox).toEqual({ lightMs: 1500, baudRate: 9600 });
  });

  it('keeps given timing and fills only the missing parts', () => {
    const config = TerminalConfigSchema.parse({ ...minimal, timing: { thankYouMs: 2500 } });
    expect(config.timing).toEqual({
      thankYouMs: 2500,
      idleResetMs: 30000,
      repeatWindowMs: 4000,
      visitIdleMs: 20000,
    });
  });

  it('keeps 50 MB free for answers unless the config sets another reserve', () => {
    const old = TerminalConfigSchema.parse(minimal);
    expect(old).not.toHaveProperty('storage');
    expect(reserveBytes(old)).toBe(DEFAULT_RESERVE_BYTES);
    expect(reserveBytes(null)).toBe(50 * 1024 * 1024);
    expect(TerminalConfigSchema.parse({ ...minimal, storage: {} }).storage).toEqual({
      reserveMb: 50,
    });
    const set = TerminalConfigSchema.parse({ ...minimal, storage: { reserveMb: 200 } });
    expect(reserveBytes(set)).toBe(200 * 1024 * 1024);
  });

  it('offers "cannot say" only on an agree5 statement', () => {
    const survey = (question: object) => ({
      ...minimal,
      survey: { ...minimal.survey, questions: [question] },
    });
    const statement = { id: 'safe', scale: 'agree5', cannotSay: true };
    expect(TerminalConfigSchema.safeParse(survey(statement)).success).toBe(true);
    const nps = TerminalConfigSchema.safeParse(survey({ ...statement, scale: 'nps11' }));
    expect(nps.success).toBe(false);
    expect(nps.error?.issues[0]?.path).toEqual(['survey', 'questions', 0, 'cannotSay']);
  });

  it('accepts the example of operator-interface.md', () => {
    const example = {
      ...minimal,
      languages: ['fi', 'sv', 'en'],
      defaultLanguage: 'fi',
      timing: { thankYouMs: 4000, idleResetMs: 30000, repeatWindowMs: 4000 },
      buttonBox: { map: { '1': 1, '2': 2, '3': 3, '4': 4 } },
    };
    expect(TerminalConfigSchema.safeParse(example).success).toBe(true);
  });

  it.each([
    [{ ...minimal, defaultLanguage: 'de' }, 'defaultLanguage'],
    [{ ...minimal, timing: { thankYouMs: -1 } }, 'timing.thankYouMs'],
    [{ ...minimal, survey: { ...minimal.survey, questions: [] } }, 'survey.questions'],
    [
      { ...minimal, survey: { ...minimal.survey, questions: [{ id: 'q', scale: 'stars5' }] } },
      'survey.questions.0.scale',
    ],
    [{ ...minimal, unit: { id: 'u', name: {} } }, 'unit.name'],
    [{ ...minimal, buttonBox: { map: { '0': 1 } } }, 'buttonBox.map.0'],
    [{ ...minimal, buttonBox: { lightMs: 20_000 } }, 'buttonBox.lightMs'],
    [{ ...minimal, buttonBox: { baudRate: 9601 } }, 'buttonBox.baudRate'],
    [{ ...minimal, storage: { reserveMb: 5 } }, 'storage.reserveMb'],
    [{ ...minimal, storage: { reserveMb: 10_001 } }, 'storage.reserveMb'],
    [{ ...minimal, storage: { reserveMb: 50.5 } }, 'storage.reserveMb'],
  ])('refuses a bad config and names the field (%#)', (input, field) => {
    const parsed = parseWith(TerminalConfigSchema, input);
    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? '' : parsed.field).toBe(field);
  });

  it('refuses a follow-up that triggers on a value the scale does not have', () => {
    const survey = {
      ...minimal.survey,
      questions: [
        {
          id: 'overall',
          scale: 'smiley3',
          followUp: { id: 'reason', when: [4], options: [{ id: 'x', text: { en: 'X' } }] },
        },
      ],
    };
    const parsed = parseWith(TerminalConfigSchema, { ...minimal, survey });
    expect(parsed).toMatchObject({ ok: false, field: 'survey.questions.0.followUp.when' });
  });

  it('maps box buttons through the map, and button n to value n without one', () => {
    const plain = TerminalConfigSchema.parse(minimal);
    expect(buttonValue(plain, 3)).toBe(3);
    const mapped = TerminalConfigSchema.parse({
      ...minimal,
      buttonBox: { map: { '1': 4, '2': 1 } },
    });
    expect(buttonValue(mapped, 1)).toBe(4);
    expect(buttonValue(mapped, 3)).toBeUndefined();
  });

  it.each([
    ['missing', { enabled: true }],
    ['not base64', { enabled: true, publicKey: 'not a key!' }],
    ['of 16 bytes, not 32', { enabled: true, publicKey: Buffer.alloc(16, 1).toString('base64') }],
    ['URL-safe base64', { enabled: true, publicKey: Buffer.alloc(32, 0xfb).toString('base64url') }],
  ])('refuses contact enabled with a public key %s, naming contact.publicKey', (_name, contact) => {
    const parsed = parseWith(TerminalConfigSchema, { ...minimal, contact });
    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? '' : parsed.field).toBe('contact.publicKey');
    expect(parsed.ok ? '' : parsed.message).toMatch(/publicKey/);
  });

  it('takes contact enabled with the county’s key, and contact off without one', () => {
    const publicKey = Buffer.alloc(32, 7).toString('base64');
    const on = TerminalConfigSchema.parse({ ...minimal, contact: { enabled: true, publicKey } });
    expect(on.contact).toEqual({ enabled: true, publicKey, replyWithinDays: 7 });
    const off = TerminalConfigSchema.parse({ ...minimal, contact: { enabled: false } });
    expect(off.contact?.enabled).toBe(false);
  });

  it('ships a demo config that is itself valid', () => {
    expect(TerminalConfigSchema.safeParse(DEMO_CONFIG).success).toBe(true);
  });
});
