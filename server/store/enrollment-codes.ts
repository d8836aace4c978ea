import type { Db } from '../db';

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

type Row = { unit_id: string; config_json: string; expires_at_ms: number; used_at: string | null };

export function createEnrollmentCodeStore(db: Db) {
  const insert = db.prepare<{
    codeHash: string;
    unitId: string;
    configJson: string;
    createdAt: string;
    expiresAt: string;
    expiresAtMs: number;
  }>(
    `INSERT INTO enrollment_codes (code_hash, unit_id, config_json, created_at, expires_at,
       expires_at_ms)
     VALUES (@codeHash, @unitId, @configJson, @createdAt, @expiresAt, @expiresAtMs)`,
  );
  const find = db.prepare<[string], Row>(
    `SELECT unit_id, config_json, expires_at_ms, used_at FROM enrollment_codes
     WHERE code_hash = ?`,
  );
  const markUsed = db.prepare<{ codeHash: string; usedAt: string; terminalId: string }>(
    `UPDATE enrollment_codes SET used_at = @usedAt, terminal_id = @terminalId
     WHERE code_hash = @codeHash AND used_at IS NULL`,
  );

  return {
    insert: (code: {
      codeHash: string;
      unitId: string;
      configJson: string;
      createdAt: string;
      expiresAt: string;
      expiresAtMs: number;
    }) => void insert.run(code),
    find: (codeHash: string): EnrollmentCodeRecord | undefined => {
      const row = find.get(codeHash);
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
    markUsed: (codeHash: string, usedAt: string, terminalId: string): boolean =>
      markUsed.run({ codeHash, usedAt, terminalId }).changes === 1,
  };
}

export type EnrollmentCodeStore = ReturnType<typeof createEnrollmentCodeStore>;
