import type { z } from 'zod';

/**
 * A JSON column parsed back by its schema rather than trusted (a row written by an older server,
 * or by hand): unreadable, or NULL, reads as null.
 */
export function storedJson<T>(schema: z.ZodType<T>, json: string | null): T | null {
  if (json === null) {
    return null;
  }
  try {
    const parsed = schema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
