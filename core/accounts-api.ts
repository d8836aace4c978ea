import { z } from 'zod';

/**
 * The people's side of central-reports.md (Accounts, sessions and roles; a unit's target): the
 * bodies the server reads and the answers it sends, shared with the dashboard.
 */

export const RoleSchema = z.enum(['county', 'unit']);
export type Role = z.infer<typeof RoleSchema>;

/** `POST /v1/session`. */
export const SessionRequestSchema = z.object({
  email: z.string().min(1).max(254),
  password: z.string().min(1).max(1024),
});
export type SessionRequest = z.infer<typeof SessionRequestSchema>;

/** `GET /v1/me`. `email` is null for the admin token, which acts as a county account. */
export const MeSchema = z.object({
  email: z.string().nullable(),
  role: RoleSchema,
  units: z.array(z.string()),
});
export type Me = z.infer<typeof MeSchema>;

/** The cookie a session travels in. */
export const SESSION_COOKIE = 'hymy_session';

/**
 * `GET /v1/session/methods`: how one may sign in here, so the login page offers the county's
 * identity provider (`GET /v1/session/oidc`) only when the server has one.
 */
export const LoginMethodsSchema = z.object({ password: z.boolean(), oidc: z.boolean() });
export type LoginMethods = z.infer<typeof LoginMethodsSchema>;

/**
 * A unit's target: a positive share (a fraction 0…1, as the figures give it) or an NPS
 * (−100…100). HUS aims at +50 for psychiatry and emergency care and +70 for other care.
 */
export const UnitTargetSchema = z.discriminatedUnion('measure', [
  z.object({ measure: z.literal('positiveShare'), value: z.number().min(0).max(1) }),
  z.object({ measure: z.literal('nps'), value: z.number().min(-100).max(100) }),
]);
export type UnitTarget = z.infer<typeof UnitTargetSchema>;

/**
 * `PATCH /v1/admin/units/{unitId}` (a merge patch): `target` null removes it; `public` true
 * publishes the unit's results (central-reports.md, "Public results"), false withdraws them.
 */
export const UnitPatchSchema = z.strictObject({
  target: UnitTargetSchema.nullable().optional(),
  public: z.boolean().optional(),
});
export type UnitPatch = z.infer<typeof UnitPatchSchema>;

/** An account as a county account sees it (`GET /v1/admin/accounts`); never its password. */
export const AccountSchema = z.object({
  email: z.string(),
  role: RoleSchema,
  /** A `unit` account's units; empty for `county`, which sees every unit. */
  units: z.array(z.string()),
  /** The language of its e-mails: fi, sv or en. */
  language: z.string(),
  /** Whether it may sign in with a password (else only through the county's OpenID provider). */
  password: z.boolean(),
});
export type Account = z.infer<typeof AccountSchema>;
export const AccountListSchema = z.array(AccountSchema);

export const MIN_PASSWORD_LENGTH = 12;
export const AccountLanguageSchema = z.enum(['fi', 'sv', 'en']);
const AccountUnitsSchema = z.array(z.string().min(1).max(100)).max(1000);

/**
 * `POST /v1/admin/accounts`. `password` left out makes an account that signs in only through
 * the county's OpenID provider.
 */
export const NewAccountRequestSchema = z
  .strictObject({
    email: z.email().max(254),
    role: RoleSchema,
    units: AccountUnitsSchema.default([]),
    password: z.string().min(MIN_PASSWORD_LENGTH).max(1024).optional(),
    language: AccountLanguageSchema.default('fi'),
  })
  .superRefine((account, ctx) => {
    if (account.role === 'unit' && account.units.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['units'], message: 'a unit account needs its units' });
    }
    if (account.role === 'county' && account.units.length > 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['units'],
        message: 'a county account sees every unit: give it none',
      });
    }
  });
export type NewAccountRequest = z.input<typeof NewAccountRequestSchema>;

/** `PATCH /v1/admin/accounts/{email}`: a unit account's units, an account's language. */
export const AccountPatchSchema = z.strictObject({
  units: AccountUnitsSchema.min(1).optional(),
  language: AccountLanguageSchema.optional(),
});
