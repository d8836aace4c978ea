import type { Executor } from './executor';

/**
 * People's accounts (central-reports.md, Accounts): an e-mail in lower case (each call here
 * lowers what it is given), a role, the units a
 * `unit` account may see, and a scrypt hash of the password (server/accounts/password.ts).
 */

export type Role = 'county' | 'unit';

export type AccountRecord = {
  email: string;
  role: Role;
  /** The units a `unit` account may see; empty for a `county` account, which sees every one. */
  units: string[];
  passwordHash: string | null;
  language: string;
};

export type NewAccount = {
  email: string;
  role: Role;
  units: readonly string[];
  passwordHash: string | null;
  createdAt: string;
  /** fi (default), sv or en: the language of its e-mails. */
  language?: string;
};

/** E-mail addresses are compared without case and surrounding space. */
export function normalEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function createAccountStore(db: Executor) {
  const unitsOf = async (emails: readonly string[]): Promise<Map<string, string[]>> => {
    const byEmail = new Map<string, string[]>(emails.map((email) => [email, []]));
    if (emails.length === 0) {
      return byEmail;
    }
    const rows = await db
      .selectFrom('account_units')
      .select(['email', 'unit_id'])
      .where('email', 'in', emails)
      .orderBy('unit_id')
      .execute();
    for (const row of rows) {
      byEmail.get(row.email)?.push(row.unit_id);
    }
    return byEmail;
  };
  const accounts = () =>
    db.selectFrom('accounts').select(['email', 'role', 'password_hash', 'language']);
  type Row = { email: string; role: string; password_hash: string | null; language: string };
  const toAccount = (row: Row, units: string[]): AccountRecord => ({
    email: row.email,
    role: row.role as Role,
    units,
    passwordHash: row.password_hash,
    language: row.language,
  });

  return {
    /** Adds an account; false when the e-mail is already in use (nothing changed then). */
    add: async (account: NewAccount): Promise<boolean> => {
      const email = normalEmail(account.email);
      const inserted = await db
        .insertInto('accounts')
        .values({
          email,
          role: account.role,
          password_hash: account.passwordHash,
          created_at: account.createdAt,
          ...(account.language === undefined ? {} : { language: account.language }),
        })
        .onConflict((oc) => oc.column('email').doNothing())
        .returning('email')
        .executeTakeFirst();
      if (inserted === undefined) {
        return false;
      }
      if (account.units.length > 0) {
        await db
          .insertInto('account_units')
          .values([...new Set(account.units)].map((unit_id) => ({ email, unit_id })))
          .execute();
      }
      return true;
    },
    byEmail: async (email: string): Promise<AccountRecord | undefined> => {
      const row = await accounts().where('email', '=', normalEmail(email)).executeTakeFirst();
      return row ? toAccount(row, (await unitsOf([row.email])).get(row.email)!) : undefined;
    },
    list: async (): Promise<AccountRecord[]> => {
      const rows = await accounts().orderBy('email').execute();
      const units = await unitsOf(rows.map((row) => row.email));
      return rows.map((row) => toAccount(row, units.get(row.email)!));
    },
    /** Replaces a unit account's units. */
    setUnits: async (email: string, units: readonly string[]): Promise<void> => {
      const key = normalEmail(email);
      await db.deleteFrom('account_units').where('email', '=', key).execute();
      if (units.length > 0) {
        await db
          .insertInto('account_units')
          .values([...new Set(units)].map((unit_id) => ({ email: key, unit_id })))
          .execute();
      }
    },
    setLanguage: async (email: string, language: string): Promise<void> => {
      await db
        .updateTable('accounts')
        .set({ language })
        .where('email', '=', normalEmail(email))
        .execute();
    },
    /** Removes an account and its sessions; false when there was none. */
    remove: async (email: string): Promise<boolean> => {
      const removed = await db
        .deleteFrom('accounts')
        .where('email', '=', normalEmail(email))
        .returning('email')
        .executeTakeFirst();
      return removed !== undefined;
    },
  };
}

export type AccountStore = ReturnType<typeof createAccountStore>;

/** A session as stored: whose it is and when it began and was last used. */
export type SessionRecord = { email: string; createdAtMs: number; lastSeenMs: number };

export function createSessionStore(db: Executor) {
  return {
    insert: async (tokenHash: string, email: string, nowMs: number): Promise<void> => {
      await db
        .insertInto('sessions')
        .values({ token_hash: tokenHash, email, created_at_ms: nowMs, last_seen_ms: nowMs })
        .execute();
    },
    find: async (tokenHash: string): Promise<SessionRecord | undefined> => {
      const row = await db
        .selectFrom('sessions')
        .select(['email', 'created_at_ms', 'last_seen_ms'])
        .where('token_hash', '=', tokenHash)
        .executeTakeFirst();
      return row
        ? { email: row.email, createdAtMs: row.created_at_ms, lastSeenMs: row.last_seen_ms }
        : undefined;
    },
    touch: async (tokenHash: string, nowMs: number): Promise<void> => {
      await db
        .updateTable('sessions')
        .set({ last_seen_ms: nowMs })
        .where('token_hash', '=', tokenHash)
        .execute();
    },
    remove: async (tokenHash: string): Promise<void> => {
      await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
    },
    /** Sessions begun before `createdBeforeMs` or idle since before `idleBeforeMs`. */
    removeExpired: async (createdBeforeMs: number, idleBeforeMs: number): Promise<void> => {
      await db
        .deleteFrom('sessions')
        .where((eb) =>
          eb.or([eb('created_at_ms', '<', createdBeforeMs), eb('last_seen_ms', '<', idleBeforeMs)]),
        )
        .execute();
    },
  };
}

export function createLoginFailureStore(db: Executor) {
  return {
    add: async (email: string, nowMs: number): Promise<void> => {
      await db.insertInto('login_failures').values({ email, at_ms: nowMs }).execute();
    },
    countSince: async (email: string, sinceMs: number): Promise<number> => {
      const row = await db
        .selectFrom('login_failures')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('email', '=', email)
        .where('at_ms', '>=', sinceMs)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
    /** Forgets `email`'s failures before `beforeMs` (all of them when it signed in). */
    clear: async (email: string, beforeMs = Number.MAX_SAFE_INTEGER): Promise<void> => {
      await db
        .deleteFrom('login_failures')
        .where('email', '=', email)
        .where('at_ms', '<', beforeMs)
        .execute();
    },
  };
}

/** Who did something: an account's e-mail, the admin token, or the command line. */
export type Actor = string;
export const ADMIN_TOKEN_ACTOR = 'admin-token';
export const COMMAND_LINE_ACTOR = 'command-line';

export type AuditEntry = {
  at: string;
  actor: Actor;
  action: string;
  target: string | null;
  detail?: Record<string, unknown> | undefined;
};

export type AuditRecord = AuditEntry & { seq: number };

export function createAuditStore(db: Executor) {
  return {
    add: async (entry: AuditEntry): Promise<void> => {
      await db
        .insertInto('audit_log')
        .values({
          at: entry.at,
          actor: entry.actor,
          action: entry.action,
          target: entry.target,
          detail_json: entry.detail === undefined ? null : JSON.stringify(entry.detail),
        })
        .execute();
    },
    /** The newest `limit` entries, newest first. */
    newest: async (limit: number): Promise<AuditRecord[]> => {
      const rows = await db
        .selectFrom('audit_log')
        .selectAll()
        .orderBy('seq', 'desc')
        .limit(limit)
        .execute();
      return rows.map((row) => ({
        seq: Number(row.seq),
        at: row.at,
        actor: row.actor,
        action: row.action,
        target: row.target,
        ...(row.detail_json === null
          ? {}
          : { detail: JSON.parse(row.detail_json) as Record<string, unknown> }),
      }));
    },
  };
}
