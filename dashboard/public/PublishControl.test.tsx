import { fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SAMPLE_REPORT } from '../unit/sample-report';
import { changes, MANAGER, renderPage, SECTION, serve } from './public-test-server';

afterEach(() => {
  vi.unstubAllGlobals();
});

/** The section, once the unit's report has come. */
function section(name = SECTION) {
  return screen.findByRole('region', { name });
}

describe('publishing a unit’s results', () => {
  it('a county account publishes only after confirming in words, then sees the public page’s link (en)', async () => {
    const asked = serve({
      'PATCH /v1/admin/units/ward-7': {
        status: 200,
        body: {
          unitId: 'ward-7',
          name: SAMPLE_REPORT.name,
          timeZone: 'Europe/Helsinki',
          target: null,
          public: true,
        },
      },
    });
    renderPage('en');
    const region = await section();
    expect(within(region).getByText(/results are not public/)).toBeInTheDocument();
    expect(within(region).queryByRole('link', { name: /public page/ })).toBeNull();
    fireEvent.click(within(region).getByRole('button', { name: 'Publish results' }));
    const question = within(region).getByRole('group', { name: /Publish the results of Ward 7\?/ });
    expect(question).toHaveFocus();
    expect(question).toHaveTextContent(
      "Anyone can then read this unit's figures; figures from fewer than 5 answers stay hidden.",
    );
    expect(changes(asked)).toEqual([]);
    fireEvent.click(within(question).getByRole('button', { name: 'Yes, publish' }));
    await within(region).findByText('The results are now public.');
    expect(changes(asked).map((a) => [a.method, a.path, a.body])).toEqual([
      ['PATCH', '/v1/admin/units/ward-7', { public: true }],
    ]);
    expect(
      within(region).getByRole('link', { name: "Open the unit's public page" }),
    ).toHaveAttribute('href', '/public/units/ward-7?lang=en');
    const toggle = within(region).getByRole('button', { name: 'Withdraw from public' });
    expect(toggle).toHaveFocus();
    expect(
      within(region).getByText(/These notes are on the unit's public page/),
    ).toBeInTheDocument();
  });

  it('cancelling, or Escape, publishes nothing and gives the focus back to the button', async () => {
    const asked = serve();
    renderPage('en');
    const region = await section();
    fireEvent.click(within(region).getByRole('button', { name: 'Publish results' }));
    fireEvent.click(within(region).getByRole('button', { name: 'Cancel' }));
    expect(within(region).getByRole('button', { name: 'Publish results' })).toHaveFocus();
    fireEvent.click(within(region).getByRole('button', { name: 'Publish results' }));
    fireEvent.keyDown(within(region).getByRole('group', { name: /Publish the results/ }), {
      key: 'Escape',
    });
    expect(within(region).queryByRole('group', { name: /Publish the results/ })).toBeNull();
    expect(within(region).getByRole('button', { name: 'Publish results' })).toHaveFocus();
    expect(changes(asked)).toEqual([]);
  });

  it('a county account withdraws a public unit at once, without a question (fi)', async () => {
    const asked = serve(
      {
        'PATCH /v1/admin/units/ward-7': {
          status: 200,
          body: {
            unitId: 'ward-7',
            name: SAMPLE_REPORT.name,
            timeZone: 'Europe/Helsinki',
            target: null,
            public: false,
          },
        },
      },
      { published: true },
    );
    renderPage('fi');
    const region = await section('Julkiset tulokset ja raportit');
    expect(
      within(region).getByRole('link', { name: 'Avaa yksikön julkinen sivu' }),
    ).toHaveAttribute('href', '/public/units/ward-7?lang=fi');
    fireEvent.click(within(region).getByRole('button', { name: 'Poista julkisuudesta' }));
    await within(region).findByText('Tulokset eivät ole enää julkisia.');
    expect(changes(asked).map((a) => a.body)).toEqual([{ public: false }]);
    expect(within(region).queryByRole('link', { name: /julkinen sivu/ })).toBeNull();
    expect(within(region).getByRole('button', { name: 'Julkaise tulokset' })).toBeInTheDocument();
  });

  it('a unit account sees whether the unit is public and its link, but no button (sv)', async () => {
    serve({}, { published: true });
    renderPage('sv', MANAGER);
    const region = await section('Offentliga resultat och rapporter');
    expect(within(region).getByText(/Enhetens resultat är offentliga/)).toBeInTheDocument();
    expect(
      within(region).getByRole('link', { name: 'Öppna enhetens offentliga sida' }),
    ).toHaveAttribute('href', '/public/units/ward-7?lang=sv');
    expect(within(region).queryByRole('button', { name: /Publicera|Dra tillbaka/ })).toBeNull();
  });

  it('says a refused change in its own words, never the server’s', async () => {
    serve({
      'PATCH /v1/admin/units/ward-7': {
        status: 403,
        body: { error: { code: 'forbidden', message: 'Error: role x at y.ts:3' } },
      },
    });
    renderPage('en');
    const region = await section();
    fireEvent.click(within(region).getByRole('button', { name: 'Publish results' }));
    fireEvent.click(within(region).getByRole('button', { name: 'Yes, publish' }));
    expect(await within(region).findByRole('alert')).toHaveTextContent(
      "Your account may not change this unit's public results or notes.",
    );
    expect(document.body.textContent).not.toMatch(/y\.ts/);
    expect(within(region).getByText(/results are not public/)).toBeInTheDocument();
  });
});
