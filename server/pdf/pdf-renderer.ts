import { chromium } from 'playwright-core';
import type { Timers } from '../../core/timers';
import { realTimers } from '../../node/real-timers';
import { fail, type Failure, type Result } from '../errors';
import { errorCode, type Logger } from '../log';
import { pdfOptions, type PdfLayout, type PdfOptions } from './pdf-layout';

/**
 * PDFs from HTML through a headless Chromium (the system's, Debian's `chromium` package): the
 * wall poster, the monthly report and its mail's attachment. One browser, started on the first
 * PDF and shared; each render gets a fresh context with JavaScript off (our HTML needs none and
 * carries no one else's script); at most two at once, the rest wait their turn. A browser that
 * crashed is started again for the next render.
 */

export const DEFAULT_CHROMIUM = '/usr/bin/chromium';
/** The flags the e2e tests run Chromium with; nothing on them is a secret. */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
/** Renders at once; each costs Chromium a renderer process, and the server has two cores. */
export const MAX_PARALLEL_RENDERS = 2;
/** Renders waiting beyond these are turned away (503 pdf_busy) rather than queued forever. */
export const MAX_WAITING_RENDERS = 20;
/** A render (once its turn came) gives up after this: a poster takes about a quarter second. */
export const RENDER_TIMEOUT_MS = 30_000;
const LAUNCH_TIMEOUT_MS = 30_000;
/** The environment Chromium is started with: none of the server's own (its tokens, its URL). */
const PASSED_ENV = ['PATH', 'HOME', 'TMPDIR', 'LANG', 'FONTCONFIG_PATH', 'XDG_CACHE_HOME'];

/** Of Playwright's page, context and browser, what a render uses (tests pass fakes). */
export type PdfPage = {
  setContent(html: string, options: { waitUntil: 'load'; timeout: number }): Promise<void>;
  pdf(options: PdfOptions): Promise<Buffer>;
};
export type PdfContext = { newPage(): Promise<PdfPage>; close(): Promise<void> };
export type PdfBrowser = {
  newContext(options: { javaScriptEnabled: boolean; offline: boolean }): Promise<PdfContext>;
  isConnected(): boolean;
  on(event: 'disconnected', listener: () => void): unknown;
  close(): Promise<void>;
};

export type PdfRenderer = {
  render(html: string, layout?: PdfLayout): Promise<Result<Buffer>>;
  /** Closes the browser; renders waiting are refused, one in flight fails. */
  close(): Promise<void>;
};

export type PdfRendererOptions = {
  logger: Logger;
  /** Chromium's executable; default HYMY_CHROMIUM, else /usr/bin/chromium. */
  executablePath?: string;
  /** Tests: a browser of their own. */
  launch?: () => Promise<PdfBrowser>;
  /** Real time by default, whatever clock the rest of the server runs on. */
  timers?: Timers;
  timeoutMs?: number;
};

function chromiumEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const name of PASSED_ENV) {
    const value = process.env[name];
    if (value !== undefined) {
      env[name] = value;
    }
  }
  return env;
}

export function chromiumPath(): string {
  const given = process.env['HYMY_CHROMIUM'];
  return given === undefined || given === '' ? DEFAULT_CHROMIUM : given;
}

/** Thrown inside a render; becomes the render's failure. */
class RenderFault extends Error {
  constructor(readonly failure: Failure) {
    super(failure.code);
  }
}

export function createPdfRenderer(options: PdfRendererOptions): PdfRenderer {
  const { logger } = options;
  const timers = options.timers ?? realTimers;
  const timeoutMs = options.timeoutMs ?? RENDER_TIMEOUT_MS;
  const executablePath = options.executablePath ?? chromiumPath();
  const launch =
    options.launch ??
    (() =>
      chromium.launch({
        executablePath,
        headless: true,
        args: CHROMIUM_ARGS,
        env: chromiumEnv(),
        timeout: LAUNCH_TIMEOUT_MS,
      }));

  let browser: PdfBrowser | undefined;
  let launching: Promise<PdfBrowser> | undefined;
  let closed = false;
  let active = 0;
  const waiting: (() => void)[] = [];

  const unavailable = (): Failure =>
    fail(
      503,
      'pdf_unavailable',
      `PDFs cannot be made now: Chromium (${executablePath}) did not start; ` +
        'install it or name it in HYMY_CHROMIUM',
    ).failure;

  /** The running browser, started if there is none (one start shared by every render). */
  const running = async (): Promise<PdfBrowser> => {
    if (browser?.isConnected()) {
      return browser;
    }
    launching ??= (async () => {
      const started = performance.now();
      try {
        const launched = await launch();
        launched.on('disconnected', () => {
          if (browser === launched) {
            browser = undefined;
            if (!closed) {
              logger.warn('pdf_browser_gone');
            }
          }
        });
        browser = launched;
        logger.info('pdf_browser_started', { ms: Math.round(performance.now() - started) });
        return launched;
      } catch (error) {
        logger.error('pdf_browser_unavailable', { error: errorCode(error) });
        throw new RenderFault(unavailable());
      } finally {
        launching = undefined;
      }
    })();
    return launching;
  };

  /** Each render's context, so that one which ran out of time can be closed under it. */
  type Render = { context?: PdfContext; abandoned: boolean };

  const renderIn = async (target: PdfBrowser, html: string, layout: PdfLayout, render: Render) => {
    // No script, and no network: everything a document shows is inside it.
    const context = await target.newContext({ javaScriptEnabled: false, offline: true });
    render.context = context;
    try {
      if (render.abandoned) {
        throw new Error('render abandoned');
      }
      const page = await context.newPage();
      await page.setContent(html, { waitUntil: 'load', timeout: timeoutMs });
      return await page.pdf(pdfOptions(layout));
    } finally {
      await context.close().catch(() => undefined);
    }
  };

  /** One render; again once in a new browser when the one it ran in died under it. */
  const attempt = async (html: string, layout: PdfLayout, render: Render): Promise<Buffer> => {
    const first = await running();
    try {
      return await renderIn(first, html, layout, render);
    } catch (error) {
      if (first.isConnected() || closed || render.abandoned) {
        throw error;
      }
      logger.warn('pdf_render_retried', { error: errorCode(error) });
      return renderIn(await running(), html, layout, render);
    }
  };

  const withTimeout = async (work: Promise<Buffer>): Promise<Buffer> => {
    let timer: unknown;
    const timeout = new Promise<never>((_, reject) => {
      timer = timers.setTimeout(
        () =>
          reject(
            new RenderFault(
              fail(
                503,
                'pdf_timeout',
                `the PDF took longer than ${Math.round(timeoutMs / 1000)} s to make; try again`,
              ).failure,
            ),
          ),
        timeoutMs,
      );
    });
    try {
      return await Promise.race([work, timeout]);
    } finally {
      timers.clearTimeout(timer);
    }
  };

  const busy = (): Failure =>
    fail(503, 'pdf_busy', 'too many PDFs are being made; try again in a moment').failure;

  /** A render's turn: one of the two slots, or a place in the queue for one. */
  const turn = async (): Promise<Result<void>> => {
    if (active < MAX_PARALLEL_RENDERS) {
      active += 1;
      return { ok: true, value: undefined };
    }
    if (waiting.length >= MAX_WAITING_RENDERS) {
      return { ok: false, failure: { ...busy(), retryAfterS: 10 } };
    }
    // The render that finishes hands its slot over (active stays as it is).
    await new Promise<void>((resolve) => waiting.push(resolve));
    return closed
      ? fail(503, 'shutting_down', 'the server is shutting down')
      : { ok: true, value: undefined };
  };

  const release = (): void => {
    const next = waiting.shift();
    if (next) {
      next();
    } else {
      active -= 1;
    }
  };

  return {
    render: async (html, layout = {}) => {
      if (closed) {
        return fail(503, 'shutting_down', 'the server is shutting down');
      }
      const slot = await turn();
      if (!slot.ok) {
        return slot;
      }
      const started = performance.now();
      const render: Render = { abandoned: false };
      const work = attempt(html, layout, render);
      // The slot is free once the work has ended, a render that ran out of time included.
      void work.then(release, release);
      try {
        const pdf = await withTimeout(work);
        logger.debug('pdf_rendered', {
          ms: Math.round(performance.now() - started),
          bytes: pdf.length,
        });
        return { ok: true, value: pdf };
      } catch (error) {
        if (error instanceof RenderFault) {
          if (error.failure.code === 'pdf_timeout') {
            render.abandoned = true;
            await render.context?.close().catch(() => undefined);
            logger.warn('pdf_render_timeout', { ms: timeoutMs });
          }
          return { ok: false, failure: error.failure };
        }
        logger.error('pdf_render_failed', { error: errorCode(error) });
        return fail(503, 'pdf_failed', 'the PDF could not be made; try again');
      }
    },
    close: async () => {
      closed = true;
      for (const next of waiting.splice(0)) {
        next();
      }
      const pending = launching;
      const open = browser;
      browser = undefined;
      await open?.close().catch(() => undefined);
      if (pending) {
        await pending.then((late) => late.close()).catch(() => undefined);
      }
    },
  };
}
