import { z } from 'zod';
import { ContactConfigSchema, ContactPublicKeySchema } from './contact';
import { DEFAULT_RESERVE_BYTES } from './durability';
import { LanguageCodeSchema, LocalizedTextSchema } from './localized';
import { SurveySchema } from './survey';

export const TimingSchema = z.object({
  /** How long the thank-you stays before the kiosk is ready again. */
  thankYouMs: z.number().int().min(0).max(60_000).default(4000),
  /** No interaction for this long returns the kiosk to its default language. */
  idleResetMs: z.number().int().min(1000).max(3_600_000).default(30_000),
  /** A tap within this long of the previous one is kept but flagged `repeat`. */
  repeatWindowMs: z.number().int().min(0).max(600_000).default(4000),
  /**
   * Extension of operator-interface.md: a later screen of a visit (a follow-up, a later
   * question) left untouched this long ends the visit; its answers are kept. The open
   * question waits three times as long.
   */
  visitIdleMs: z.number().int().min(3000).max(600_000).default(20_000),
});
export type Timing = z.infer<typeof TimingSchema>;

/** Box button number (1-9) → scale value. Buttons not in the map record nothing. */
export const ButtonMapSchema = z.record(
  z.string().regex(/^[1-9]$/, 'a button number 1-9'),
  z.number().int(),
);

export const ButtonBoxConfigSchema = z.object({
  /** Left out: button n answers value n. */
  map: ButtonMapSchema.optional(),
  /** How long a stored press lights its button (`L <n> <ms>`; the protocol allows ≤ 10 s). */
  lightMs: z.number().int().min(100).max(10_000).default(1500),
  /** The link speed (button-box-protocol.md: 9600 unless the config says otherwise). */
  baudRate: z
    .union([1200, 2400, 4800, 9600, 19_200, 38_400, 57_600, 115_200].map((rate) => z.literal(rate)))
    .default(9600),
});

const MIB = 1024 * 1024;

export const StorageConfigSchema = z.object({
  /**
   * Free space (MiB) the terminal keeps for answers: below it the status screen turns red, the
   * log keeps fewer old files and then stops, and an export to the terminal's own disk stops.
   */
  reserveMb: z
    .number()
    .int()
    .min(10)
    .max(10_000)
    .default(DEFAULT_RESERVE_BYTES / MIB),
});

export const UnitSchema = z.object({
  id: z.string().min(1).max(100),
  name: LocalizedTextSchema,
});
export type Unit = z.infer<typeof UnitSchema>;

/** The terminal config of operator-interface.md, as the central API sends it. */
export const TerminalConfigSchema = z
  .object({
    terminalId: z.string().min(1).max(100),
    unit: UnitSchema,
    survey: SurveySchema,
    languages: z.array(LanguageCodeSchema).min(1).default(['fi', 'sv', 'en']),
    defaultLanguage: LanguageCodeSchema.default('fi'),
    timing: TimingSchema.prefault({}),
    buttonBox: ButtonBoxConfigSchema.prefault({}),
    /** Optional (and left out of a config that has none), so every earlier config is the same. */
    storage: StorageConfigSchema.optional(),
    /** Contact requests at a visit's end (central-reports.md); left out, none. */
    contact: ContactConfigSchema.optional(),
  })
  .superRefine((config, ctx) => {
    if (!config.languages.includes(config.defaultLanguage)) {
      ctx.addIssue({
        code: 'custom',
        path: ['defaultLanguage'],
        message: `${config.defaultLanguage} is not one of languages`,
      });
    }
    if (new Set(config.languages).size !== config.languages.length) {
      ctx.addIssue({ code: 'custom', path: ['languages'], message: 'a language is listed twice' });
    }
    const contact = config.contact;
    if (contact?.enabled === true && !ContactPublicKeySchema.safeParse(contact.publicKey).success) {
      ctx.addIssue({
        code: 'custom',
        path: ['contact', 'publicKey'],
        message:
          'contact is enabled but publicKey is not the county’s public key (standard base64 of 32 bytes, from npm run server -- keys)',
      });
    }
  });
export type TerminalConfig = z.infer<typeof TerminalConfigSchema>;
export type TerminalConfigInput = z.input<typeof TerminalConfigSchema>;

/** The free space the terminal keeps for answers, in bytes: the config's, or 50 MiB. */
export function reserveBytes(config: TerminalConfig | null): number {
  const mb = config?.storage?.reserveMb;
  return mb === undefined ? DEFAULT_RESERVE_BYTES : mb * MIB;
}

/** The scale value a box button answers, or undefined when the button is not mapped. */
export function buttonValue(config: TerminalConfig, button: number): number | undefined {
  const map = config.buttonBox.map;
  return map ? map[String(button)] : button;
}
