import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../core/local-time';
import {
  publicN,
  publicNps,
  publicShare,
  type PublicQuestion,
  type PublicResults,
} from '../core/public-api';
import type { Counts } from '../core/report-figures';
import type { Response } from '../core/response';
import { negotiateLanguage, pickLocalized, publicPageLanguage } from './public/language';
import { tidySvg } from './charts/svg';
import { weeklyShareSvg } from './public/page-chart';
import { isoWeek, pageFormat } from './public/page-format';
import { renderErrorPage, renderPublicPage } from './public/page';
import { PAGE_CSS, PAGE_CSS_HASH } from './public/page-style';
import { fill, fillHtml, publicTexts } from './public/page-texts';
import { escapeHtml } from './html';
import { etagMatches } from './etag';
import { answer, startTestServer, UNIT, type TestServer } from './test-support';

/**
 * The public page (central-reports.md, "Public results") drawn from hand-made results: what it
 * says in each language, that a suppressed figure never shows a number, that untrusted text
 * stays text, and its chart's SVG; then over HTTP on a real server: the language it picks, its
 * headers, ETag and 304, and the 404 and 400 pages.
 */

const WEEKS = Array.from({ length: 13 }, (_, i) => addDays('2026-08-31', 7 * i));
/** Per week: answers and positive ones; week 6 (5 Oct) has 3 answers, so it is suppressed. */
const SMILEY: Counts[] = WEEKS.map((_, i) =>
  i === 5 ? { n: 3, positive: 2, negative: 1 } : { n: 30 + i, positive: 25 + (i % 4), negative: 2 },
);
const NPS: Counts[] = WEEKS.map((_, i) =>
  i < 2 ? { n: 2, positive: 1, negative: 1 } : { n: 12, positive: 6, negative: 2 },
);

function question(
  questionId: string,
  scale: PublicQuestion['scale'],
  perWeek: readonly Counts[],
  text: PublicQuestion['text'],
): PublicQuestion {
  const total = perWeek.reduce(
    (sum, c) => ({
      n: sum.n + c.n,
      positive: sum.positive + c.positive,
      negative: sum.negative + c.negative,
    }),
    { n: 0, positive: 0, negative: 0 },
  );
  const withNps = scale === 'nps11';
  return {
    questionId,
    text,
    scale,
    n: publicN(total.n),
    positiveShare: publicShare(total),
    ...(withNps ? { nps: publicNps(total) } : {}),
    weeks: perWeek.map((counts, i) => ({
      start: WEEKS[i]!,
      n: publicN(counts.n),
      positiveShare: publicShare(counts),
      ...(withNps ? { nps: publicNps(counts) } : {}),
    })),
  };
}

function sample(overrides: Partial<PublicResults> = {}): PublicResults {
  return {
    unitId: 'lasten-pkl',
    name: { fi: 'Lasten poliklinikka', sv: 'Barnpolikliniken' },
    from: '2026-08-30T21:00:00.000Z',
    to: '2026-11-29T22:00:00.000Z',
    timeZone: 'Europe/Helsinki',
    questions: [
      question('overall', 'smiley4', SMILEY, { fi: 'Miten käyntisi sujui?', en: 'How was it?' }),
      question('recommend', 'nps11', NPS, null),
      question('tiny', 'smiley5', [{ n: 4, positive: 4, negative: 0 }], { sv: 'Bara svenska' }),
    ],
    notes: [
      {
        id: 'n1',
        youSaid: { fi: 'Odotusaika oli pitkä.', en: 'The wait was long.' },
        weDid: { fi: 'Lisäsimme iltavastaanoton.' },
        month: '2026-11',
      },
    ],
    ...overrides,
  };
}

/** The page's text without its tags, its style or its charts. */
function visibleText(html: string): string {
  return html
    .replace(/<style>[\s\S]*?<\/style>/g, '')
    .replace(/<svg[\s\S]*?<\/svg>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ');
}

function section(html: string, id: string): string {
  const start = html.indexOf(`<section aria-labelledby="${id}">`);
  expect(start, id).toBeGreaterThanOrEqual(0);
  return html.slice(start, html.indexOf('</section>', start));
}

describe('the public page, drawn from results', () => {
  it('says the unit, the period, and each figure with its interval in words', () => {
    const fi = visibleText(renderPublicPage(sample(), 'fi'));
    expect(fi).toContain('Lasten poliklinikka');
    expect(fi).toContain('13 viikkoa: 31. elokuuta – 29. marraskuuta 2026');
    expect(sample().questions[0]!.n).toBe(436);
    expect(fi).toMatch(/\d\d % myönteisiä \(95 %:n luottamusväli \d\d–\d\d %\), 436 vastausta/);
    const en = visibleText(renderPublicPage(sample(), 'en'));
    expect(en).toContain('13 weeks: 31 August – 29 November 2026');
    expect(en).toMatch(/\d\d% positive \(95% interval \d\d–\d\d%\), 436 answers/);
    expect(en).toMatch(/Net Promoter Score \(NPS\) \+\d+ \(95% interval [-+]?\d+ to \+\d+\)/);
    expect(en).toContain('Week 36, 2026');
    expect(en).toContain('You said, we did');
    expect(en).toContain('November 2026');
  });

  it('says what the chart shows: the first and last week shown and how many are hidden', () => {
    const en = visibleText(section(renderPublicPage(sample(), 'en'), 'q1'));
    expect(en).toMatch(
      /In the first week shown \(week 36, 2026\) the share was \d+%, in the last \(week 48, 2026\) \d+%\. One of 13 weeks is not shown because it had too few answers\./,
    );
    const nps = visibleText(section(renderPublicPage(sample(), 'en'), 'q2'));
    expect(nps).toContain('(week 38, 2026)');
    expect(nps).toContain('2 of 13 weeks are not shown');
  });

  it('never shows a number for a suppressed figure', () => {
    const html = renderPublicPage(sample(), 'en');
    const tiny = visibleText(section(html, 'q3'));
    expect(tiny).toContain('Fewer than 5 answers — not shown.');
    expect(section(html, 'q3')).not.toContain('<svg');
    // The small week's row: its label and the words, no count, no share.
    const row = /<tr><th scope="row"><time datetime="2026-W41">[^<]*<\/time><\/th>(.*?)<\/tr>/.exec(
      html,
    );
    expect(row?.[1]).toBe('<td colspan="2" class="hidden">Too few answers — not shown</td>');
    for (const language of ['fi', 'sv', 'en'] as const) {
      const page = renderPublicPage(sample(), language);
      // Without the words saying why, the column's "95 %" and the week's name, no digit is left.
      const words = visibleText(section(page, 'q3'))
        .replace(publicTexts(language).question.shareSuppressed, '')
        .replace(/95\s?%/g, '')
        .replace(/(Week|Viikko|Vecka) 36(, |\/)2026/, '');
      expect(words, language).not.toMatch(/\d/);
    }
  });

  it('keeps a hostile unit name, question and note as text', () => {
    const hostile = '<script>alert(1)</script>"><img src=x onerror=alert(2)>';
    const page = renderPublicPage(
      sample({
        unitId: 'x"><b>',
        name: { fi: hostile },
        questions: [question('q', 'smiley4', SMILEY, { fi: hostile })],
        notes: [{ id: 'n', youSaid: { fi: hostile }, weDid: { xx: hostile }, month: '2026-11' }],
      }),
      'fi',
    );
    expect(page).not.toMatch(/<script|<img|<b>|onerror=alert\(2\)>/);
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img');
    expect(page).toContain('href="/public/v1/units/x%22%3E%3Cb%3E"');
    expect(page).toContain('<dd><span lang="xx">&lt;script&gt;');
  });

  it('marks a text that is not in the page language with its own', () => {
    const page = renderPublicPage(sample(), 'en');
    expect(page).toContain('<h1 lang="fi">Lasten poliklinikka</h1>');
    expect(page).toContain('<h2 id="q1">How was it?</h2>');
    expect(page).toContain('<h2 id="q2">recommend</h2>');
    expect(page).toContain('<h2 id="q3" lang="sv">Bara svenska</h2>');
    expect(page).toContain(
      '<caption id="q3t">Weekly results: <span lang="sv">Bara svenska</span> <span class="note">',
    );
    expect(page).toContain('<dd><span lang="fi">Lisäsimme iltavastaanoton.</span></dd>');
    expect(renderPublicPage(sample(), 'sv')).toContain('<h1>Barnpolikliniken</h1>');
  });

  it('links each language, the current one marked, keeping the period, and the JSON', () => {
    const period = { from: '2026-06-01T00:00:00+03:00', to: '2026-09-01T00:00:00+03:00' };
    const page = renderPublicPage(sample(), 'sv', period);
    const keep = 'from=2026-06-01T00%3A00%3A00%2B03%3A00&amp;to=2026-09-01T00%3A00%3A00%2B03%3A00';
    expect(page).toContain(
      `<a href="/public/units/lasten-pkl?lang=fi&amp;${keep}" hreflang="fi" lang="fi">Suomi</a>`,
    );
    expect(page).toContain(
      `<a href="/public/units/lasten-pkl?lang=sv&amp;${keep}" hreflang="sv" lang="sv" aria-current="page">Svenska</a>`,
    );
    expect(page).toContain(`<a href="/public/v1/units/lasten-pkl?${keep}">`);
    expect(page).toMatch(/^<!doctype html>\n<html lang="sv">/);
    expect(page).toContain('<a class="skip" href="#main">Hoppa till huvudinnehållet</a>');
  });

  it('has one style, the one its CSP names, and no script', () => {
    const page = renderPublicPage(sample(), 'fi');
    expect(page.match(/<style>/g)).toHaveLength(1);
    expect(page).toContain(`<style>${PAGE_CSS}</style>`);
    expect(PAGE_CSS_HASH).toMatch(/^'sha256-[A-Za-z0-9+/]{43}='$/);
    expect(page).not.toMatch(/<script|style="| on[a-z]+=/i);
  });

  it('draws the chart as an SVG without styles, the same bytes every time', () => {
    const f = pageFormat('fi');
    const weeks = sample().questions[0]!.weeks;
    const svg = weeklyShareSvg(weeks, f, 'q1c');
    expect(svg).toMatch(/^<svg aria-hidden="true" focusable="false" /);
    expect(svg).not.toMatch(/style|class=|zr\d+-|ecmeta/);
    expect(svg).toContain('clip-path="url(#q1c-c0)"');
    expect(svg).toContain('>vk 36</text>');
    expect(weeklyShareSvg(weeks, f, 'q1c')).toBe(svg);
    expect(
      tidySvg(
        '<svg><text style="font-size:12px;font-family:x;cursor:pointer;">a</text></svg>',
        'p',
      ),
    ).toBe('<svg><text font-size="12px">a</text></svg>');
    expect(renderPublicPage(sample(), 'fi')).toBe(renderPublicPage(sample(), 'fi'));
  });

  it('names ISO weeks and periods as each language writes them', () => {
    expect(isoWeek('2025-12-29')).toEqual({ week: 1, year: 2026 });
    expect(isoWeek('2027-01-04')).toEqual({ week: 1, year: 2027 });
    expect(isoWeek('2026-12-28')).toEqual({ week: 53, year: 2026 });
    expect(pageFormat('fi').week('2026-08-31')).toBe('viikko 36/2026');
    expect(pageFormat('sv').week('2026-08-31')).toBe('vecka 36, 2026');
    expect(pageFormat('fi').npsRange(-12, 51)).toBe('−12…+51');
    expect(pageFormat('en').percentRange(0.8, 0.9)).toBe('80–90%');
    const one = renderPublicPage(sample({ to: '2026-09-06T21:00:00.000Z' }), 'en');
    expect(visibleText(one)).toContain('1 week: 31 August – 6 September 2026');
  });

  it('fills placeholders as text, and as HTML only where the caller made it', () => {
    expect(fill('{{a}} and {{ b }} and {{c}}', { a: '<x>', b: 2 })).toBe('<x> and 2 and {{c}}');
    expect(fillHtml('<{{q}}>&', { q: '<i>q</i>' }, escapeHtml)).toBe('&lt;<i>q</i>&gt;&amp;');
  });

  it('picks a localized text in the language, else Finnish, else any', () => {
    expect(pickLocalized({ fi: 'a', sv: 'b' }, 'sv')).toEqual({ text: 'b', lang: 'sv' });
    expect(pickLocalized({ fi: 'a', sv: 'b' }, 'en')).toEqual({ text: 'a', lang: 'fi' });
    expect(pickLocalized({ de: 'c' }, 'en')).toEqual({ text: 'c', lang: 'de' });
    expect(pickLocalized(null, 'en')).toBeUndefined();
  });
});

describe("the page's language", () => {
  it.each([
    [undefined, 'fi'],
    ['', 'fi'],
    ['sv-FI,sv;q=0.9,en;q=0.8', 'sv'],
    ['en-GB,en;q=0.9,fi;q=0.8', 'en'],
    ['de-DE,de;q=0.9,en;q=0.5,sv;q=0.4', 'en'],
    ['de, fr', 'fi'],
    ['en;q=0.2, sv;q=0.7', 'sv'],
    ['sv;q=0, en', 'en'],
    ['*', 'fi'],
    ['en;q=abc, sv', 'sv'],
    ['SV', 'sv'],
  ])('Accept-Language %j gives %s', (header, expected) => {
    expect(negotiateLanguage(header, ['fi', 'sv', 'en'], 'fi')).toBe(expected);
  });

  it('reads no further than the first 32 languages of a long header', () => {
    expect(negotiateLanguage(`${'x,'.repeat(2000)}en`, ['fi', 'sv', 'en'], 'fi')).toBe('fi');
    expect(negotiateLanguage(`${'x,'.repeat(10)}en`, ['fi', 'sv', 'en'], 'fi')).toBe('en');
  });

  it('takes ?lang= before the header', () => {
    expect(publicPageLanguage('en', 'sv')).toBe('en');
    expect(publicPageLanguage('de', 'sv')).toBe('sv');
    expect(publicPageLanguage(undefined, undefined)).toBe('fi');
  });
});

describe('If-None-Match', () => {
  it.each([
    [undefined, false],
    ['"abc"', true],
    ['W/"abc"', true],
    ['"x", "abc"', true],
    ['*', true],
    ['"abcd"', false],
  ])('%j against "abc" is %s', (header, expected) => {
    expect(etagMatches(header, '"abc"')).toBe(expected);
  });
});

// A Wednesday: the 13 whole weeks before it run from 31 August to 29 November 2026.
const NOW = new Date('2026-12-02T12:00:00.000Z');
const SURVEY = {
  id: 'visit-smiley',
  version: 3,
  questions: [{ id: 'overall', scale: 'smiley4', text: { fi: 'Miten käyntisi sujui?' } }],
};

describe('the public page over HTTP', () => {
  let t: TestServer;

  beforeAll(async () => {
    t = await startTestServer({ now: () => NOW });
    const { token } = await t.enroll({ unit: UNIT, survey: SURVEY });
    const answers: Response[] = Array.from({ length: 12 }, (_, i) =>
      answer(i + 1, {
        surveyId: SURVEY.id,
        surveyVersion: 3,
        value: i % 4 === 0 ? 2 : 4,
        answeredAt: new Date(Date.parse('2026-11-16T09:00:00.000Z') + i * 3_600_000).toISOString(),
      }),
    );
    expect((await t.upload(token, answers)).status).toBe(200);
    expect((await t.admin('PATCH', `/v1/admin/units/${UNIT.id}`, { public: true })).status).toBe(
      200,
    );
  });

  afterAll(async () => {
    await t?.cleanup();
  });

  const path = `/public/units/${UNIT.id}`;

  it('answers in the language of Accept-Language, and of ?lang= before it', async () => {
    const sv = await t.call('GET', path, { headers: { 'accept-language': 'sv-FI,en;q=0.5' } });
    expect(sv.status).toBe(200);
    expect(sv.text).toMatch(/<html lang="sv">/);
    expect(sv.text).toContain('<h1>Barnenheten</h1>');
    expect(sv.headers.get('content-language')).toBe('sv');
    const en = await t.call('GET', `${path}?lang=en`, { headers: { 'accept-language': 'sv' } });
    expect(en.text).toContain(`<h1>${escapeHtml(UNIT.name.en)}</h1>`);
    expect((await t.call('GET', path)).text).toMatch(/<html lang="fi">/);
  });

  it('is cacheable, strict about what runs, and answers a revisit with 304', async () => {
    const first = await t.call('GET', path);
    expect(first.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(first.headers.get('cache-control')).toBe('public, max-age=300');
    expect(first.headers.get('vary')).toBe('Accept-Language');
    expect(first.headers.get('x-content-type-options')).toBe('nosniff');
    expect(first.headers.get('content-security-policy')).toBe(
      `default-src 'none'; style-src ${PAGE_CSS_HASH}; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
    );
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{22}"$/);
    expect((await t.call('GET', path)).headers.get('etag')).toBe(etag);
    const again = await t.call('GET', path, { headers: { 'if-none-match': etag! } });
    expect(again.status).toBe(304);
    expect(again.text).toBe('');
    expect(again.headers.get('etag')).toBe(etag);
    expect(again.headers.get('cache-control')).toBe('public, max-age=300');
    const other = await t.call('GET', `${path}?lang=en`, { headers: { 'if-none-match': etag! } });
    expect(other.status).toBe(200);
    expect(other.headers.get('etag')).not.toBe(etag);
  });

  it('shows the seeded week and hides nothing it should show', async () => {
    const page = visibleText((await t.call('GET', `${path}?lang=en`)).text);
    expect(page).toContain('13 weeks: 31 August – 29 November 2026');
    expect(page).toMatch(/75% positive \(95% interval \d+–\d+%\), 12 answers/);
    expect(page).toContain('Week 47, 2026 12 75%');
    expect(page).toContain('12 of 13 weeks are not shown');
  });

  it('says in the reader language that an unknown or unpublished unit has no public results', async () => {
    const unknown = await t.call('GET', '/public/units/no-such-unit', {
      headers: { 'accept-language': 'en' },
    });
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(unknown.text).toContain('<h1>No public results for this unit</h1>');
    expect(unknown.text).not.toMatch(/unit_unknown|Error|at .*\.ts/);
    expect(unknown.headers.get('cache-control')).toBe('no-store');
    expect(unknown.headers.get('vary')).toBe('Accept-Language');
    const { token } = await t.enroll({
      unit: { id: 'hidden-unit', name: { fi: 'Piilo' } },
      survey: SURVEY,
    });
    expect(token).toBeTruthy();
    const hidden = await t.call('GET', '/public/units/hidden-unit?lang=sv');
    expect(hidden.status).toBe(404);
    expect(hidden.text).toContain('Det finns inga offentliga resultat för den här enheten');
    expect(hidden.text).not.toContain('Piilo');
  });

  it('answers a bad query with a 400 page that links to the last 13 weeks', async () => {
    for (const query of ['?from=yesterday', '?lang=de', '?colour=red', '?lang=en&lang=fi']) {
      const bad = await t.call('GET', `${path}${query}`, { headers: { 'accept-language': 'en' } });
      expect(bad.status, query).toBe(400);
      expect(bad.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(bad.text).toContain('<h1>This address is not valid</h1>');
      expect(bad.text).toContain(`<a href="/public/units/${UNIT.id}?lang=en">`);
      expect(bad.text).not.toContain('colour');
    }
    const late = await t.call('GET', `${path}?from=2026-11-30T00:00:00%2B02:00`);
    expect(late.status).toBe(400);
    expect(late.text).toContain('<h1>Osoite ei kelpaa</h1>');
  });

  it('says a fault is passing, in the reader language', () => {
    expect(renderErrorPage('unavailable', 'en', 'x')).toContain('Please try again in a moment.');
  });
});
