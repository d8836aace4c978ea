import type { Database } from '../database';
import type { Logger } from '../log';
import { createPdfRenderer, type PdfRenderer } from './pdf-renderer';

/**
 * One Chromium per running server, shared by the PDF routes and the monthly mail: both hold
 * the server's Database, so the renderer is kept by it. Each part takes a handle when it starts
 * and lets go when it closes; the browser closes with the last handle (or was never started,
 * when no PDF was asked for).
 */

type Shared = { renderer: PdfRenderer; holders: number };

const byDatabase = new WeakMap<Database, Shared>();

export type PdfRendererHandle = { renderer: PdfRenderer; release(): Promise<void> };

export function holdPdfRenderer(database: Database, logger: Logger): PdfRendererHandle {
  let shared = byDatabase.get(database);
  if (shared === undefined) {
    shared = { renderer: createPdfRenderer({ logger }), holders: 0 };
    byDatabase.set(database, shared);
  }
  const held = shared;
  held.holders += 1;
  let released = false;
  return {
    renderer: held.renderer,
    release: async () => {
      if (released) {
        return;
      }
      released = true;
      held.holders -= 1;
      if (held.holders === 0) {
        byDatabase.delete(database);
        await held.renderer.close();
      }
    },
  };
}
