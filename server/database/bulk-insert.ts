import { CompiledQuery } from 'kysely';

/**
 * The hand-written multi-row INSERTs of the ingest path (the answers, server/store/responses.ts;
 * the rollups, server/rollups.ts), in both engines' forms. Kysely's tree for the thousands of
 * values an upload has cost more than the statements' own work (4 ms of a 16 ms batch), and
 * their text is the same every time anyway.
 */

export type BulkValue = string | number | null;

/**
 * How many rows each of SQLite's statements of `count` rows takes: `largest` at a time, then
 * fewer in a few fixed sizes. A statement's text depends on its row count, and the connection
 * keeps a prepared statement per text: with any count from 1 to 500 its cache would hold
 * hundreds of texts of thousands of parameters each and prepare most of them anew; with these,
 * five per table. (PostgreSQL takes any count in one statement of arrays: `unnestArrays`.)
 */
export function statementSizes(count: number, largest: number): number[] {
  const sizes: number[] = [];
  let left = count;
  for (const size of [largest, 64, 16, 4, 1]) {
    while (left >= size) {
      sizes.push(size);
      left -= size;
    }
  }
  return sizes;
}

const texts = new Map<string, string>();

/** `INSERT INTO table (columns) VALUES (?, …), … tail` for `rows` rows, made once. */
function insertText(head: string, width: number, tail: string, rows: number): string {
  const key = `${head}\u0000${tail}\u0000${rows}`;
  let text = texts.get(key);
  if (text === undefined) {
    const tuple = `(${Array.from({ length: width }, () => '?').join(', ')})`;
    text = `${head} VALUES ${Array.from({ length: rows }, () => tuple).join(', ')} ${tail}`;
    texts.set(key, text);
  }
  return text;
}

/**
 * SQLite's INSERTs of `rows` (values in `columns` order) into `table`, at most `largest` rows a
 * statement (keep `largest` × columns under SQLite's parameter limit), `tail` after each
 * (`ON CONFLICT …`, `RETURNING …`). Rows go in in their order.
 */
export function sqliteInserts(
  table: string,
  columns: readonly string[],
  tail: string,
  rows: readonly (readonly BulkValue[])[],
  largest: number,
): CompiledQuery[] {
  const head = `INSERT INTO ${table} (${columns.join(', ')})`;
  const statements: CompiledQuery[] = [];
  let at = 0;
  for (const size of statementSizes(rows.length, largest)) {
    // Loops, not flatMap: flatMap took 3 ms of a 500-answer batch, these 0.1 ms.
    const values: BulkValue[] = [];
    for (let r = at; r < at + size; r += 1) {
      for (const value of rows[r]!) {
        values.push(value);
      }
    }
    statements.push(CompiledQuery.raw(insertText(head, columns.length, tail, size), values));
    at += size;
  }
  return statements;
}

/**
 * PostgreSQL's rows source for an INSERT of any number of rows: `unnest($first::type[], …)`,
 * one array parameter per column (server/database/pg-array.ts `columnLiterals` writes them), so
 * the text is the same whatever the count and is parsed and planned once per connection.
 */
export function unnestArrays(types: readonly string[], first = 1): string {
  return `unnest(${types.map((type, i) => `$${first + i}::${type}[]`).join(', ')})`;
}
