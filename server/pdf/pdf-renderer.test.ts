import { describe, expect, it } from 'vitest';
import { manualClock } from '../../core/timers';
import { createLogger } from '../log';
import { pdfOptions } from './pdf-layout';
import {
  createPdfRenderer,
  MAX_PARALLEL_RENDERS,
  RENDER_TIMEOUT_MS,
  type PdfBrowser,
} from './pdf-renderer';

/**
 * The renderer's promises without a browser: Playwright's browser is replaced by a small fake
 * whose PDFs finish when the test says. What Chromium itself draws is checked end to end in
 * test/e2e/unit-pdfs.test.ts.
 */

type Deferred = { resolve(pdf: Buffer): void; reject(error: Error): void };

function fakeChromium() {
  const pending: Deferred[] = [];
  const browsers: { crash(): void; closed: boolean }[] = [];
  let contextsOpen = 0;
  const launch = (): Promise<PdfBrowser> => {
    let connected = true;
    const listeners: (() => void)[] = [];
    const state = {
      closed: false,
      crash: () => {
        connected = false;
        listeners.forEach((listener) => listener());
        for (const waiting of pending.splice(0)) {
          waiting.reject(new Error('Target closed'));
        }
      },
    };
    browsers.push(state);
    return Promise.resolve({
      isConnected: () => connected,
      on: (_event, listener) => listeners.push(listener),
      close: () => {
        connected = false;
        state.closed = true;
        return Promise.resolve();
      },
      newContext: () => {
        contextsOpen += 1;
        return Promise.resolve({
          close: () => {
            contextsOpen -= 1;
            return Promise.resolve();
          },
          newPage: () =>
            Promise.resolve({
              setContent: () => Promise.resolve(),
              pdf: () =>
                new Promise<Buffer>((resolve, reject) => pending.push({ resolve, reject })),
            }),
        });
      },
    });
  };
  return { launch, pending, browsers, contextsOpen: () => contextsOpen };
}

function recorder() {
  const events: string[] = [];
  const logger = createLogger({
    level: 'debug',
    write: (line) => events.push((JSON.parse(line) as { event: string }).event),
  });
  return { events, logger };
}

const settle = async () => {
  for (let i = 0; i < 50; i += 1) {
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
};

describe('the PDF renderer', () => {
  it('starts one browser on the first PDF and makes at most two at once, the rest in turn', async () => {
    const chromium = fakeChromium();
    const { logger } = recorder();
    const renderer = createPdfRenderer({ logger, launch: chromium.launch });
    expect(chromium.browsers).toHaveLength(0);
    const renders = [1, 2, 3, 4].map(() => renderer.render('<p>x</p>'));
    await settle();
    expect(chromium.browsers).toHaveLength(1);
    expect(chromium.pending).toHaveLength(MAX_PARALLEL_RENDERS);
    chromium.pending.shift()!.resolve(Buffer.from('%PDF-1'));
    await settle();
    expect(chromium.pending).toHaveLength(MAX_PARALLEL_RENDERS);
    while (chromium.pending.length > 0) {
      chromium.pending.shift()!.resolve(Buffer.from('%PDF-n'));
      await settle();
    }
    const made = await Promise.all(renders);
    expect(made.map((r) => r.ok)).toEqual([true, true, true, true]);
    expect(chromium.contextsOpen()).toBe(0);
    expect(chromium.browsers).toHaveLength(1);
    await renderer.close();
    expect(chromium.browsers[0]!.closed).toBe(true);
  });

  it('gives up on a render that takes too long, with pdf_timeout, and frees its turn', async () => {
    const chromium = fakeChromium();
    const { logger, events } = recorder();
    const clock = manualClock();
    const renderer = createPdfRenderer({ logger, launch: chromium.launch, timers: clock.timers });
    const slow = renderer.render('<p>slow</p>');
    await settle();
    expect(clock.pending()).toEqual([RENDER_TIMEOUT_MS]);
    clock.fire();
    const result = await slow;
    expect(result).toMatchObject({ ok: false, failure: { status: 503, code: 'pdf_timeout' } });
    expect(events).toContain('pdf_render_timeout');
    // Its context was closed under it; the next render runs.
    await settle();
    expect(chromium.contextsOpen()).toBe(0);
    const next = renderer.render('<p>next</p>');
    await settle();
    chromium.pending.at(-1)!.resolve(Buffer.from('%PDF-2'));
    expect((await next).ok).toBe(true);
    await renderer.close();
  });

  it('starts the browser again after it crashed, and tries a render it took down once more', async () => {
    const chromium = fakeChromium();
    const { logger, events } = recorder();
    const renderer = createPdfRenderer({ logger, launch: chromium.launch });
    const first = renderer.render('<p>1</p>');
    await settle();
    chromium.browsers[0]!.crash();
    await settle();
    // Retried in a second browser.
    expect(chromium.browsers).toHaveLength(2);
    chromium.pending.shift()!.resolve(Buffer.from('%PDF-1'));
    expect((await first).ok).toBe(true);
    expect(events).toEqual(expect.arrayContaining(['pdf_browser_gone', 'pdf_render_retried']));
    await renderer.close();
  });

  it('answers 503 pdf_unavailable, naming the path, when Chromium cannot start, and logs it', async () => {
    const { logger, events } = recorder();
    const renderer = createPdfRenderer({ logger, executablePath: '/nonexistent/chromium' });
    const result = await renderer.render('<p>x</p>');
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.failure).toMatchObject({ status: 503, code: 'pdf_unavailable' });
      expect(result.failure.message).toContain('/nonexistent/chromium');
    }
    expect(events).toContain('pdf_browser_unavailable');
    await renderer.close();
  });

  it('refuses renders once closed', async () => {
    const chromium = fakeChromium();
    const renderer = createPdfRenderer({ logger: recorder().logger, launch: chromium.launch });
    await renderer.close();
    expect(await renderer.render('<p>x</p>')).toMatchObject({
      ok: false,
      failure: { status: 503, code: 'shutting_down' },
    });
    expect(chromium.browsers).toHaveLength(0);
  });

  it('prints a footer with page numbers, escaped, and keeps a poster to its first page', () => {
    const report = pdfOptions({
      footer: 'Hymy – <Lasten> & "nuorten"',
      margin: { bottom: '16mm' },
    });
    expect(report.displayHeaderFooter).toBe(true);
    expect(report.footerTemplate).toContain('&#60;Lasten&#62; &#38; &#34;nuorten&#34;');
    expect(report.footerTemplate).toContain('<span class="pageNumber"></span>');
    expect(report.pageRanges).toBeUndefined();
    expect(pdfOptions({ firstPageOnly: true })).toMatchObject({ format: 'A4', pageRanges: '1' });
  });
});
