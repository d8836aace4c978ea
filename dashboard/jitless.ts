import { config } from 'zod';

/**
 * The page's CSP has no 'unsafe-eval': zod must not even probe for `new Function` (Chromium
 * reports the probe as a violation though zod catches it). The probe runs when a schema is first
 * built, so this module is imported before anything that builds one: first in main.tsx.
 */
config({ jitless: true });
