import {
  MIN_PASSWORD_LENGTH,
  NewAccountRequestSchema,
  type NewAccountRequest,
  type Role,
} from '../../core/accounts-api';

/** What the add-account form holds as typed. */
export type AccountDraft = {
  email: string;
  role: Role;
  units: ReadonlySet<string>;
  language: 'fi' | 'sv' | 'en';
  password: string;
};

export type DraftField = 'email' | 'units' | 'password';

/** The translation key of each field's complaint, in the form's order. */
export type DraftErrors = Partial<Record<DraftField, string>>;

export const FIELD_ORDER: readonly DraftField[] = ['email', 'units', 'password'];

/**
 * The request the form would send, or what is wrong with it, judged by the server's own schema
 * (core/accounts-api.ts) so the form and the server never disagree. An empty password is no
 * password: the account signs in through the county's identity provider only.
 */
export function accountRequest(
  draft: AccountDraft,
): { ok: true; request: NewAccountRequest } | { ok: false; errors: DraftErrors } {
  const request: NewAccountRequest = {
    email: draft.email.trim(),
    role: draft.role,
    units: draft.role === 'unit' ? [...draft.units] : [],
    language: draft.language,
    ...(draft.password === '' ? {} : { password: draft.password }),
  };
  const parsed = NewAccountRequestSchema.safeParse(request);
  if (parsed.success) {
    return { ok: true, request };
  }
  const errors: DraftErrors = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path[0];
    if (field === 'email') {
      errors.email =
        request.email === '' ? 'accounts.form.emailMissing' : 'accounts.form.emailInvalid';
    } else if (field === 'units') {
      errors.units = 'accounts.form.unitsMissing';
    } else if (field === 'password') {
      errors.password =
        draft.password.length < MIN_PASSWORD_LENGTH
          ? 'accounts.form.passwordShort'
          : 'accounts.form.passwordLong';
    }
  }
  return { ok: false, errors };
}
