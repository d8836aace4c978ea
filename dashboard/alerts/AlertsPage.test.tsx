import { fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Me } from '../../core/accounts-api';
import type { Alert } from '../../core/feedback-api';
import type { UnitsReport } from '../../core/reports-api';
import type { Language } from '../i18n/language';
import { NBSP, renderIn, stubServer, type Handler } from '../test-support';
import { AlertsPage } from './AlertsPage';

const CHILDREN = {
  id: 'khks-lapset',
  name: { fi: 'Lastenyksikkö', sv: 'Barnenheten', en: "Children's unit" },
};
const CLINIC = { id: 'psykiatria', name: { fi: 'Psykiatrian poliklinikka' } };
const COUNTY: Me = { email: 'staff@county.example.fi', role: 'county', units: [] };

function unitsReport(): UnitsReport {
  return [CHILDREN, CLINIC].map(({ id, name }) => ({
    unitId: id,
    name,
    questionId: null,
    scale: null,
    n: 0,
    positiveShare: null,
    negativeShare: null,
    rankScore: null,
    target: null,
  }));
}

const OPEN: Alert = {
  id: 'a_open',
  unitId: CHILDREN.id,
  questionId: 'visit',
  openedAt: '2026-03-02T08:30:00.000Z',
  negativeInWindow: 9,
  answersInWindow: 20,
  state: 'open',
  baselineNegativeShare: 0.15,
};
const DONE: Alert = {
  id: 'a_done',
  unitId: CLINIC.id,
  questionId: 'visit',
  openedAt: '2026-02-10T08:30:00.000Z',
  negativeInWindow: 6,
  answersInWindow: 11,
  state: 'acknowledged',
  acknowledgedBy: 'lead@clinic.example.fi',
  acknowledgedAt: '2026-02-11T09:00:00.000Z',
  comment: 'Staffing gap on Mondays; fixed.',
  baselineNegativeShare: 0.2,
};

function serverWith(alerts: Alert[], routes: Record<string, Handler> = {}) {
  return stubServer({
    'GET /v1/alerts': { status: 200, body: alerts },
    'GET /v1/reports/units': { status: 200, body: unitsReport() },
    [`POST /v1/alerts/${OPEN.id}/acknowledge`]: ({ body }) => ({
      status: 200,
      body: {
        ...OPEN,
        state: 'acknowledged',
        acknowledgedBy: COUNTY.email,
        acknowledgedAt: '2026-03-03T10:00:00.000Z',
        ...(body as object),
      },
    }),
    ...routes,
  });
}

afterEach(() => {
  vi.unstubAllGlobals();
});

async function renderPage(language: Language = 'en', onAlertsChanged = vi.fn()) {
  renderIn(
    language,
    <AlertsPage me={COUNTY} onSignedOut={vi.fn()} onAlertsChanged={onAlertsChanged} />,
  );
  await screen.findByRole('heading', { level: 2, name: /^(Open alerts|Avoimet|Öppna)/ });
  return onAlertsChanged;
}

const posts = (fetch: ReturnType<typeof serverWith>) =>
  fetch.mock.calls
    .filter(([, init]) => init?.method === 'POST')
    .map(([url, init]) => ({
      url,
      body: typeof init?.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined,
    }));

describe('the alerts page', () => {
  it('shows the open alerts first, then the acknowledged, each told in words', async () => {
    serverWith([DONE, OPEN]);
    await renderPage('en');
    expect(screen.getByRole('heading', { level: 1, name: 'Alerts' })).toBeInTheDocument();
    const [open, done] = screen.getAllByRole('list');
    const openCard = within(open as HTMLElement).getByRole('listitem', { name: "Children's unit" });
    expect(openCard.textContent).toContain('⚠ Open');
    expect(openCard.textContent).toContain(
      "9 of 20 answers were negative since the unit's answers were last at their usual level.",
    );
    expect(openCard.textContent).toContain("Usually 15% of the unit's answers are negative.");
    expect(openCard.textContent).toMatch(/Opened \S/);
    const doneCard = within(done as HTMLElement).getByRole('listitem', {
      name: 'Psykiatrian poliklinikka',
    });
    expect(doneCard.textContent).toContain('Acknowledged by lead@clinic.example.fi');
    expect(doneCard.textContent).toContain('Staffing gap on Mondays; fixed.');
    expect(within(doneCard).queryByRole('button')).toBeNull();
    expect(document.title).toBe('Hymy – alerts');
  });

  it('speaks Finnish', async () => {
    serverWith([OPEN]);
    await renderPage('fi');
    expect(
      screen.getByRole('heading', { level: 2, name: 'Avoimet hälytykset (1)' }),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'Kielteisiä vastauksia 9/20 sen jälkeen, kun yksikön vastaukset olivat viimeksi tavallisella tasollaan.',
      ),
    ).toBeInTheDocument();
    expect(document.body.textContent).toContain(
      `Tavallisesti yksikön vastauksista 15${NBSP}% on kielteisiä.`,
    );
  });

  it('acknowledges an alert only with a comment, then lists it as acknowledged', async () => {
    const fetch = serverWith([OPEN]);
    const onAlertsChanged = await renderPage('en');
    fireEvent.click(await screen.findByRole('button', { name: "Acknowledge (Children's unit)" }));
    const comment = screen.getByRole('textbox', { name: 'Comment (required)' });
    expect(comment).toHaveFocus();
    fireEvent.click(screen.getByRole('button', { name: 'Acknowledge the alert' }));
    expect(comment).toHaveAttribute('aria-invalid', 'true');
    expect(comment).toHaveAccessibleDescription(
      'Write a comment: what was done, or why nothing needs doing.',
    );
    expect(posts(fetch)).toEqual([]);

    fireEvent.change(comment, { target: { value: 'Talked it through with the team.' } });
    fireEvent.click(screen.getByRole('button', { name: 'Acknowledge the alert' }));
    await screen.findByText("The alert of Children's unit was acknowledged.");
    expect(posts(fetch)).toEqual([
      {
        url: '/v1/alerts/a_open/acknowledge',
        body: { comment: 'Talked it through with the team.' },
      },
    ]);
    expect(screen.getByText('No open alerts.')).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 2, name: 'Open alerts (0)' })).toHaveFocus();
    expect(screen.getByText(/Talked it through with the team\./)).toBeInTheDocument();
    expect(onAlertsChanged).toHaveBeenCalled();
  });

  it('Cancel and Escape close the form and put the focus back on its button', async () => {
    serverWith([OPEN]);
    await renderPage('en');
    const button = await screen.findByRole('button', { name: "Acknowledge (Children's unit)" });
    fireEvent.click(button);
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.getByRole('button', { name: "Acknowledge (Children's unit)" })).toHaveFocus();
    fireEvent.click(screen.getByRole('button', { name: "Acknowledge (Children's unit)" }));
    fireEvent.keyDown(screen.getByRole('textbox'), { key: 'Escape' });
    expect(screen.queryByRole('textbox')).toBeNull();
    expect(screen.getByRole('button', { name: "Acknowledge (Children's unit)" })).toHaveFocus();
  });

  it('says so when someone else acknowledged the alert first, and loads the alerts again', async () => {
    let acknowledged = false;
    serverWith([], {
      'GET /v1/alerts': () => ({
        status: 200,
        body: [acknowledged ? { ...OPEN, state: 'acknowledged', comment: 'Done.' } : OPEN],
      }),
      [`POST /v1/alerts/${OPEN.id}/acknowledge`]: () => {
        acknowledged = true;
        return { status: 409, body: { error: { code: 'alert_acknowledged', message: 'x' } } };
      },
    });
    await renderPage('sv');
    fireEvent.click(await screen.findByRole('button', { name: 'Kvittera (Barnenheten)' }));
    fireEvent.change(screen.getByRole('textbox'), { target: { value: 'Ok' } });
    fireEvent.click(screen.getByRole('button', { name: 'Kvittera larmet' }));
    await screen.findByText('Inga öppna larm.');
    expect(screen.getByText(/Done\./)).toBeInTheDocument();
  });
});
