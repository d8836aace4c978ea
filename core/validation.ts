import type { z } from 'zod';

export type Parsed<T> = { ok: true; value: T } | { ok: false; field: string; message: string };

/**
 * Parses untrusted data (a file, the network, the bridge) with a schema and returns the first
 * problem with the field it is in, so a refused config can say which field was wrong.
 */
export function parseWith<S extends z.ZodType>(schema: S, data: unknown): Parsed<z.infer<S>> {
  const result = schema.safeParse(data);
  if (result.success) {
    return { ok: true, value: result.data };
  }
  const issue = result.error.issues[0];
  const field = issue && issue.path.length > 0 ? issue.path.map(String).join('.') : '(root)';
  return { ok: false, field, message: issue?.message ?? 'invalid' };
}
