import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Me } from '../../core/accounts-api';
import type { Language } from '../i18n/language';
import { Shell } from './Shell';
import type { Route } from './route';
import { renderIn } from '../test-support';

const COUNTY: Me = { email: 'staff@county.example.fi', role: 'county', units: ['a', 'b'] };
const MANAGER: Me = { email: 'manager@unit.example.fi', role: 'unit', units: ['a'] };

function renderShell(me: Me, route: Route, language: Language = 'en') {
  renderIn(
    language,
    <Shell me={me} route={route} onSignOut={() => undefined} onLanguage={() => undefined}>
      <h1>Content</h1>
    </Shell>,
  );
}

const links = (name: string) =>
  within(screen.getByRole('navigation', { name })).getAllByRole('link');

describe("the signed-in dashboard's frame", () => {
  it("shows a county account every page, and marks the one it is on (a unit's page is under Units)", () => {
    renderShell(COUNTY, { page: 'unit', unitId: 'a' });
    const nav = links('Pages');
    expect(nav.map((link) => link.textContent)).toEqual([
      'Units',
      'Terminals',
      'Targets',
      'Accounts',
    ]);
    expect(nav.map((link) => link.getAttribute('href'))).toEqual([
      '#/units',
      '#/terminals',
      '#/targets',
      '#/accounts',
    ]);
    expect(screen.getByRole('link', { name: 'Units' })).toHaveAttribute('aria-current', 'page');
    expect(screen.getByRole('link', { name: 'Terminals' })).not.toHaveAttribute('aria-current');
  });

  it('offers a unit account only its units', () => {
    renderShell(MANAGER, { page: 'units' });
    expect(links('Pages').map((link) => link.textContent)).toEqual(['Units']);
    expect(screen.getByText('Signed in as manager@unit.example.fi')).toBeInTheDocument();
  });

  it.each([
    ['fi', 'Sivut', ['Yksiköt', 'Päätteet', 'Tavoitteet', 'Käyttäjät'], 'Siirry sisältöön'],
    ['sv', 'Sidor', ['Enheter', 'Terminaler', 'Mål', 'Konton'], 'Hoppa till innehållet'],
  ] as const)('speaks %s', (language, label, names, skip) => {
    renderShell(COUNTY, { page: 'targets' }, language);
    expect(links(label).map((link) => link.textContent)).toEqual(names);
    expect(screen.getByRole('link', { name: skip })).toHaveAttribute('href', '#main');
    expect(screen.getByRole('link', { name: names[2] })).toHaveAttribute('aria-current', 'page');
  });

  it('puts the page inside main, where the skip link leads', () => {
    renderShell(COUNTY, { page: 'units' });
    const main = screen.getByRole('main');
    expect(main).toHaveAttribute('id', 'main');
    expect(within(main).getByRole('heading', { name: 'Content' })).toBeInTheDocument();
  });
});
