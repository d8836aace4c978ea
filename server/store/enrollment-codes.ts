import type { Executor } from './executor';

/**
 * Enrollment codes, kept as SHA-256 hashes like terminal tokens: a copied database gives no
 * code to enroll with. Each holds the config its terminal will get (less the terminal's id).
 */

export type EnrollmentCodeRecord = {
  unitId: string;
  configJson: string;
  expiresAtMs: number;
  used: boolean;
};

export type NewEnrollmentCode = {
  codeHash: string;
  unitId: string;
  configJson: string;
  createdAt: string;
  expiresAt: string;
  expiresAtMs: number;
};

export function createEnrollmentCodeStore(db: Executor) {
  return {
    insert: async (code: NewEnrollmentCode): Promise<void> => {
      await db
        .insertInto('enrollment_codes')
        .values({
          code_hash: code.codeHash,
          unit_id: code.unitId,
          config_json: code.configJson,
          created_at: code.createdAt,
          expires_at: code.expiresAt,
          expires_at_ms: code.expiresAtMs,
        })
        .execute();
    },
    find: async (codeHash: string): Promise<EnrollmentCodeRecord | undefined> => {
      const row = await db
        .selectFrom('enrollment_codes')
        .select(['unit_id', 'config_json', 'expires_at_ms', 'used_at'])
        .where('code_hash', '=', codeHash)
        .executeTakeFirst();
      return row
        ? {
            unitId: row.unit_id,
            configJson: row.config_json,
            expiresAtMs: row.expires_at_ms,
            used: row.used_at !== null,
          }
        : undefined;
    },
    /** False when another enrollment used the code first. */
    markUsed: async (codeHash: string, usedAt: string, terminalId: string): Promise<boolean> => {
      const result = await db
        .updateTable('enrollment_codes')
        .set({ used_at: usedAt, terminal_id: terminalId })
        .where('code_hash', '=', codeHash)
        .where('used_at', 'is', null)
        .executeTakeFirst();
      return result.numUpdatedRows === 1n;
    },
  };
}

export type EnrollmentCodeStore = ReturnType<typeof createEnrollmentCodeStore>;
