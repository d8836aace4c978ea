import type { TerminalPatchRequest } from '../core/central-api';
import {
  TerminalConfigSchema,
  type TerminalConfig,
  type TerminalConfigInput,
} from '../core/terminal-config';
import { strongEtag } from './etag';

/** A terminal's config as stored: its JSON text, and the ETag that text is served with. */

export function configEtag(configJson: string): string {
  return strongEtag(configJson, 27);
}

/** Stored data is parsed before use (STYLE.md); a stored config that fails is a corrupt row. */
export function storedConfig(configJson: string): TerminalConfig {
  return TerminalConfigSchema.parse(JSON.parse(configJson));
}

/**
 * The config a PATCH asks for, before validation: a field given replaces the current one;
 * `timing`, `buttonBox` and `storage` change field by field (`buttonBox.map: null` drops the
 * map); the survey is replaced whole.
 */
export function mergeConfigPatch(
  current: TerminalConfig,
  patch: TerminalPatchRequest,
): TerminalConfigInput {
  const merged: TerminalConfigInput = { ...current };
  if (patch.languages !== undefined) {
    merged.languages = patch.languages;
  }
  if (patch.defaultLanguage !== undefined) {
    merged.defaultLanguage = patch.defaultLanguage;
  }
  if (patch.survey !== undefined) {
    merged.survey = patch.survey;
  }
  if (patch.timing !== undefined) {
    merged.timing = { ...current.timing, ...definedFields(patch.timing) };
  }
  if (patch.buttonBox !== undefined) {
    const { map, ...rest } = patch.buttonBox;
    const buttonBox = { ...current.buttonBox, ...definedFields(rest) };
    if (map === null) {
      delete buttonBox.map;
    } else if (map !== undefined) {
      buttonBox.map = map;
    }
    merged.buttonBox = buttonBox;
  }
  if (patch.storage !== undefined) {
    merged.storage = { ...current.storage, ...definedFields(patch.storage) };
  }
  if (patch.contact !== undefined) {
    merged.contact = { ...current.contact, ...definedFields(patch.contact) };
  }
  return merged;
}

function definedFields<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(value).filter(([, field]) => field !== undefined),
  ) as Partial<T>;
}
