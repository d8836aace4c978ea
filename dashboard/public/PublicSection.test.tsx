import { fireEvent, screen, within } from '@testing-library/react';
import axe from 'axe-core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Language } from '../i18n/language';
import { MANAGER, renderPage, SECTION, serve } from './public-test-server';

afterEach(() => {
  vi.unstubAllGlobals();
});

/** The section, once the unit's report has come. */
function section(name = SECTION) {
  return screen.findByRole('region', { name });
}

describe('the wall poster and the monthly report', () => {
  it('links to the PDFs of the month chosen, last month at first; comments only when asked for', async () => {
    serve();
    renderPage('en', MANAGER);
    const region = await section();
    const month = within(region).getByRole('combobox', { name: 'Month' });
    const options = within(month).getAllByRole('option');
    expect(options).toHaveLength(24);
    expect(options[0]).toHaveTextContent('March 2026 (so far)');
    expect(options.at(-1)).toHaveTextContent('April 2024');
    expect(month).toHaveValue('2026-02');
    const poster = () => within(region).getByRole('link', { name: /^Wall poster \(PDF\)/ });
    const report = () => within(region).getByRole('link', { name: /^Monthly report/ });
    expect(poster()).toHaveAccessibleName('Wall poster (PDF), February 2026');
    expect(poster()).toHaveAttribute('href', '/v1/reports/units/ward-7/poster.pdf?month=2026-02');
    expect(poster()).toHaveAttribute('download');
    expect(report()).toHaveAttribute('href', '/v1/reports/units/ward-7/month.pdf?month=2026-02');
    expect(report()).toHaveAttribute('download');

    fireEvent.change(month, { target: { value: '2025-11' } });
    expect(poster()).toHaveAttribute('href', '/v1/reports/units/ward-7/poster.pdf?month=2025-11');
    expect(report()).toHaveAttribute('href', '/v1/reports/units/ward-7/month.pdf?month=2025-11');

    const comments = within(region).getByRole('checkbox', {
      name: 'Include comments in the monthly report',
    });
    expect(comments).toHaveAccessibleDescription(/recorded in the audit log/);
    fireEvent.click(comments);
    expect(report()).toHaveAccessibleName('Monthly report with comments (PDF), November 2025');
    expect(report()).toHaveAttribute(
      'href',
      '/v1/reports/units/ward-7/month.pdf?month=2025-11&comments=true',
    );
    expect(poster()).toHaveAttribute('href', '/v1/reports/units/ward-7/poster.pdf?month=2025-11');
    fireEvent.click(comments);
    expect(report()).toHaveAttribute('href', '/v1/reports/units/ward-7/month.pdf?month=2025-11');
  });
});

describe('the section in every language', () => {
  it.each<[Language, string[]]>([
    [
      'fi',
      [
        'Julkiset tulokset ja raportit',
        'Julkaiseminen',
        'Te sanoitte, me teimme',
        'Lisää merkintä',
        'Seinäjuliste ja kuukausiraportti',
        'Seinäjuliste (PDF), helmikuu 2026',
        'Kuukausiraportti (PDF), helmikuu 2026',
        'Julkaise tulokset',
      ],
    ],
    [
      'sv',
      [
        'Offentliga resultat och rapporter',
        'Publicering',
        'Ni sa, vi gjorde',
        'Lägg till en anteckning',
        'Väggaffisch och månadsrapport',
        'Väggaffisch (PDF), februari 2026',
        'Månadsrapport (PDF), februari 2026',
        'Publicera resultaten',
      ],
    ],
    [
      'en',
      [
        'Public results and reports',
        'Publishing',
        'You said, we did',
        'Add a note',
        'Wall poster and monthly report',
        'Wall poster (PDF), February 2026',
        'Monthly report (PDF), February 2026',
        'Publish results',
      ],
    ],
  ])('%s', async (language, words) => {
    serve();
    renderPage(language);
    const region = await section(words[0]);
    await vi.waitFor(() => expect(within(region).getAllByRole('listitem')).toHaveLength(4));
    const [, publishing, notes, add, reports, poster, report, publish] = words;
    for (const heading of [publishing, notes, add, reports]) {
      expect(within(region).getByRole('heading', { name: heading })).toBeInTheDocument();
    }
    expect(within(region).getByRole('link', { name: poster })).toBeInTheDocument();
    expect(within(region).getByRole('link', { name: report })).toBeInTheDocument();
    expect(within(region).getByRole('button', { name: publish })).toBeInTheDocument();
    // Every placeholder filled in.
    expect(region.textContent).not.toMatch(/\{\{|\}\}/);
  });
});

describe('accessibility', () => {
  it('axe finds nothing in the section, with notes, a question open and the form’s errors shown', async () => {
    serve({}, { published: true });
    renderPage('en');
    const region = await section();
    const list = await within(region).findByRole('list', { name: 'Notes, newest first' });
    fireEvent.click(
      within(within(list).getAllByRole('listitem')[0]!).getByRole('button', {
        name: 'Delete note',
      }),
    );
    fireEvent.click(within(region).getByRole('button', { name: 'Add note' }));
    await within(region).findByText('Write what you were told in at least one language.');
    const results = await axe.run(region, {
      runOnly: {
        type: 'tag',
        values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'],
      },
      // jsdom lays nothing out: contrast is for the browser's check (test/e2e).
      rules: { 'color-contrast': { enabled: false } },
    });
    expect(results.passes.length).toBeGreaterThan(0);
    expect(
      results.violations.map(
        (v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
      ),
    ).toEqual([]);
  });
});
