import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Me } from '../../core/accounts-api';
import type { MailStatus } from '../../core/feedback-api';
import type { Language } from '../i18n/language';
import type { Notices } from './notices';
import { Shell } from './Shell';
import type { Route } from './route';
import { renderIn } from '../test-support';

const COUNTY: Me = { email: 'staff@county.example.fi', role: 'county', units: ['a', 'b'] };
const MAIL_OK: MailStatus = { configured: true, pending: 1, failing: 0 };
const MAIL_FAILING: MailStatus = {
  configured: true,
  pending: 4,
  failing: 3,
  lastError: { at: '2026-03-02T07:00:00.000Z', message: '535 Authentication failed' },
  nextAttemptAt: '2026-03-02T07:15:00.000Z',
};
const MANAGER: Me = { email: 'manager@unit.example.fi', role: 'unit', units: ['a'] };

function renderShell(me: Me, route: Route, language: Language = 'en', notices?: Notices) {
  renderIn(
    language,
    <Shell
      me={me}
      route={route}
      onSignOut={() => undefined}
      onLanguage={() => undefined}
      {...(notices === undefined ? {} : { notices })}
    >
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
      'Inbox',
      'Alerts',
      'Terminals',
      'Targets',
      'Accounts',
    ]);
    expect(nav.map((link) => link.getAttribute('href'))).toEqual([
      '#/units',
      '#/inbox',
      '#/alerts',
      '#/terminals',
      '#/targets',
      '#/accounts',
    ]);
    expect(screen.getByRole('link', { name: 'Units' })).toHaveAttribute('aria-current', 'page');
    expect(screen.getByRole('link', { name: 'Terminals' })).not.toHaveAttribute('aria-current');
  });

  it('offers a unit account its units, its inbox and its alerts, and nothing of the county', () => {
    renderShell(MANAGER, { page: 'inbox' });
    expect(links('Pages').map((link) => link.textContent)).toEqual(['Units', 'Inbox', 'Alerts']);
    expect(screen.getByRole('link', { name: 'Inbox' })).toHaveAttribute('aria-current', 'page');
    expect(screen.getByText('Signed in as manager@unit.example.fi')).toBeInTheDocument();
  });

  it.each([
    [
      'fi',
      'Sivut',
      ['Yksiköt', 'Palautteet', 'Hälytykset', 'Päätteet', 'Tavoitteet', 'Käyttäjät'],
      'Siirry sisältöön',
    ],
    [
      'sv',
      'Sidor',
      ['Enheter', 'Respons', 'Larm', 'Terminaler', 'Mål', 'Konton'],
      'Hoppa till innehållet',
    ],
  ] as const)('speaks %s', (language, label, names, skip) => {
    renderShell(COUNTY, { page: 'targets' }, language);
    expect(links(label).map((link) => link.textContent)).toEqual(names);
    expect(screen.getByRole('link', { name: skip })).toHaveAttribute('href', '#main');
    expect(screen.getByRole('link', { name: names[4] })).toHaveAttribute('aria-current', 'page');
  });

  it('puts the page inside main, where the skip link leads', () => {
    renderShell(COUNTY, { page: 'units' });
    const main = screen.getByRole('main');
    expect(main).toHaveAttribute('id', 'main');
    expect(within(main).getByRole('heading', { name: 'Content' })).toBeInTheDocument();
  });

  it('counts the open alerts in the navigation', () => {
    renderShell(MANAGER, { page: 'units' }, 'fi', { mail: null, openAlerts: 2 });
    expect(screen.getByRole('link', { name: 'Hälytykset (2)' })).toHaveAttribute(
      'href',
      '#/alerts',
    );
  });

  it('says nothing of mail while it gets through', () => {
    renderShell(COUNTY, { page: 'units' }, 'en', { mail: MAIL_OK, openAlerts: 0 });
    expect(screen.queryByRole('status')).toBeNull();
    expect(screen.getByRole('link', { name: 'Alerts' })).toBeInTheDocument();
  });

  it.each([
    {
      language: 'en' as const,
      text: /^⚠ E-mail cannot be delivered: 3 messages are waiting; the last attempt failed .+\. Last error: 535 Authentication failed$/,
    },
    {
      language: 'fi' as const,
      text: /^⚠ Sähköpostia ei saada perille: 3 viestiä odottaa lähetystä; viimeisin yritys epäonnistui .+\. Viimeisin virhe: 535 Authentication failed$/,
    },
    {
      language: 'sv' as const,
      text: /^⚠ E-post kan inte levereras: 3 meddelanden väntar; det senaste försöket misslyckades .+\. Senaste fel: 535 Authentication failed$/,
    },
  ])('in $language: warns in words when e-mail cannot be delivered', ({ language, text }) => {
    renderShell(COUNTY, { page: 'units' }, language, { mail: MAIL_FAILING, openAlerts: null });
    const main = screen.getByRole('main');
    const warning = within(main).getByRole('status');
    expect(warning.querySelector('p')?.textContent).toMatch(text);
    expect(warning.textContent).toMatch(/(Next attempt|Seuraava yritys|Nästa försök) \S/);
  });
});
