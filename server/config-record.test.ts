import { describe, expect, it } from 'vitest';
import { ButtonBoxPatchSchema, StoragePatchSchema, TimingPatchSchema } from '../core/central-api';
import {
  ButtonBoxConfigSchema,
  StorageConfigSchema,
  TerminalConfigSchema,
  TimingSchema,
} from '../core/terminal-config';
import { configEtag, mergeConfigPatch } from './config-record';

const current = TerminalConfigSchema.parse({
  terminalId: 't_1',
  unit: { id: 'u', name: { fi: 'Yksikkö' } },
  survey: { id: 's', version: 1, questions: [{ id: 'q', scale: 'smiley4' }] },
  buttonBox: { map: { '1': 1 } },
});

describe('a config patch', () => {
  it('can name every timing, button box and storage field of the config', () => {
    expect(Object.keys(TimingPatchSchema.shape).sort()).toEqual(
      Object.keys(TimingSchema.shape).sort(),
    );
    expect(Object.keys(ButtonBoxPatchSchema.shape).sort()).toEqual(
      Object.keys(ButtonBoxConfigSchema.shape).sort(),
    );
    expect(Object.keys(StoragePatchSchema.shape).sort()).toEqual(
      Object.keys(StorageConfigSchema.shape).sort(),
    );
  });

  it('changes only the fields it gives', () => {
    const merged = mergeConfigPatch(current, {
      timing: { thankYouMs: 1 },
      buttonBox: { lightMs: 200 },
    });
    expect(merged.timing).toEqual({ ...current.timing, thankYouMs: 1 });
    expect(merged.buttonBox).toEqual({ ...current.buttonBox, lightMs: 200 });
    expect(merged.languages).toEqual(current.languages);
    expect(mergeConfigPatch(current, {})).toEqual(current);
  });

  it('gives a config without a reserve the one asked for, and the schema its other defaults', () => {
    const merged = mergeConfigPatch(current, { storage: { reserveMb: 200 } });
    expect(merged.storage).toEqual({ reserveMb: 200 });
    expect(TerminalConfigSchema.parse(merged).storage).toEqual({ reserveMb: 200 });
    expect(mergeConfigPatch(current, { storage: {} }).storage).toEqual({});
  });

  it('drops the button map on null', () => {
    expect(mergeConfigPatch(current, { buttonBox: { map: null } }).buttonBox).not.toHaveProperty(
      'map',
    );
  });
});

describe('a config ETag', () => {
  it('changes with the config and only with it', () => {
    const json = JSON.stringify(current);
    expect(configEtag(json)).toBe(configEtag(json));
    expect(configEtag(json)).not.toBe(
      configEtag(JSON.stringify({ ...current, languages: ['fi'] })),
    );
  });
});
