import { describe, expect, it } from 'vitest';
import { wilson } from '../../core/intervals';
import { publicN, publicShare } from '../../core/public-api';
import type { PosterData } from './poster-data';
import { posterHtml } from './poster-html';

/** The poster's HTML without a browser: suppression, languages, escaping (the PDF: e2e). */

function data(nov: { n: number; positive: number }, over: Partial<PosterData> = {}): PosterData {
  const months = ['2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11'];
  return {
    unitId: 'khks-lapset',
    name: { fi: 'Lastenyksikkö <script>alert(1)</script>', sv: 'Barnenheten' },
    languages: ['fi', 'sv', 'en'],
    month: '2026-11',
    measure: 'positiveShare',
    questionText: { fi: 'Millainen käyntisi oli?' },
    months: months.map((month, i) => {
      const counts = i === 5 ? { ...nov, negative: 0 } : { n: 10, positive: 9, negative: 1 };
      return { month, n: publicN(counts.n), figure: publicShare(counts) };
    }),
    published: false,
    ...over,
  };
}

const PLACE = { origin: 'https://hymy.example.fi' };

/** The text a reader sees, roughly: tags and the chart's SVG left out. */
function visible(html: string): string {
  return html
    .replace(/<svg[\s\S]*?<\/svg>/g, '')
    .replace(/<style>[\s\S]*?<\/style>/, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/gu, ' ');
}

describe('the poster’s HTML', () => {
  it('shows a month of 5 answers with its interval and n', () => {
    const html = visible(posterHtml(data({ n: 5, positive: 4 }), PLACE));
    const share = wilson(4, 5)!;
    expect(share).toEqual({ value: 0.8, low: 0.3755, high: 0.9638 });
    expect(html).toContain('80 % myönteisiä vastauksia');
    expect(html).toContain('95 %:n luottamusväli 38 %–96 % · 5 vastausta');
    expect(html).not.toContain('Alle 5 vastausta');
  });

  it('shows no figure, interval or n for a month of 4 answers', () => {
    const html = visible(posterHtml(data({ n: 4, positive: 4 }), PLACE));
    expect(html).toContain('Alle 5 vastausta');
    expect(html).toContain('Färre än 5 svar · Fewer than 5 answers');
    expect(html).not.toContain('100 %');
    expect(html).not.toContain('luottamusväli');
    expect(html).not.toContain('4 vastausta');
  });

  it('escapes the unit’s name and prints the public address only when published', () => {
    const closed = posterHtml(data({ n: 5, positive: 4 }), PLACE);
    expect(closed).not.toContain('<script>');
    expect(closed).toContain('Lastenyksikkö &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(closed).not.toContain('/public/units/');
    const open = posterHtml(data({ n: 5, positive: 4 }, { published: true }), PLACE);
    expect(visible(open)).toContain('https://hymy.example.fi/public/units/khks-lapset');
  });

  it('speaks only the unit’s languages, the first one first', () => {
    const html = visible(
      posterHtml(data({ n: 5, positive: 4 }, { languages: ['sv', 'fi'] }), PLACE),
    );
    expect(html).toContain('Tack för din respons!');
    expect(html.indexOf('Tack för din respons!')).toBeLessThan(
      html.indexOf('Kiitos palautteestasi!'),
    );
    expect(html).not.toContain('Thank you');
  });
});
