import type { Executor } from '../store/executor';

/**
 * Who is mailed: the `unit` accounts whose units include the unit. County accounts are not:
 * they see every unit, and mailing each of them about every unit's alert and feedback would
 * teach them to ignore the mail; they read alerts and the inbox on the dashboard.
 */

export type Recipient = { email: string; language: string };

/** The unit accounts of `unitId`, by e-mail. */
export async function unitRecipients(db: Executor, unitId: string): Promise<Recipient[]> {
  return db
    .selectFrom('accounts as a')
    .innerJoin('account_units as au', 'au.email', 'a.email')
    .select(['a.email', 'a.language'])
    .where('a.role', '=', 'unit')
    .where('au.unit_id', '=', unitId)
    .orderBy('a.email')
    .execute();
}

export type DigestRecipient = Recipient & { units: string[] };

/** Every unit account with its units (a digest each). */
export async function digestRecipients(db: Executor): Promise<DigestRecipient[]> {
  const rows = await db
    .selectFrom('accounts as a')
    .innerJoin('account_units as au', 'au.email', 'a.email')
    .select(['a.email', 'a.language', 'au.unit_id'])
    .where('a.role', '=', 'unit')
    .orderBy('a.email')
    .orderBy('au.unit_id')
    .execute();
  const byEmail = new Map<string, DigestRecipient>();
  for (const row of rows) {
    const recipient = byEmail.get(row.email) ?? {
      email: row.email,
      language: row.language,
      units: [],
    };
    recipient.units.push(row.unit_id);
    byEmail.set(row.email, recipient);
  }
  return [...byEmail.values()];
}
