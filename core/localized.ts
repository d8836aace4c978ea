import { z } from 'zod';

/** A language code such as `fi`, `sv` or `en`. New languages are added by locale, not by code. */
export const LanguageCodeSchema = z
  .string()
  .regex(/^[a-z]{2,3}$/, 'a two- or three-letter language code');
export type LanguageCode = z.infer<typeof LanguageCodeSchema>;

/** Text in one or more languages; a missing language falls back to the terminal's own words. */
export const LocalizedTextSchema = z
  .record(LanguageCodeSchema, z.string().min(1).max(500))
  .refine((text) => Object.keys(text).length > 0, 'needs at least one language');
export type LocalizedText = z.infer<typeof LocalizedTextSchema>;

/** The text in `language`, else undefined so the caller can use its translation. */
export function pickText(
  text: LocalizedText | undefined,
  language: LanguageCode,
): string | undefined {
  return text?.[language];
}
