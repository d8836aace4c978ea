import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { serviceConfig } from '../../testing/scripted-service-bridge';
import { ServiceScreens } from './ServiceScreens';
import {
  LANGUAGES,
  closeDbs,
  renderIn,
  storedAnswer,
  testDeps,
  type TestDeps,
} from './testing/service-kit';

afterEach(closeDbs);

type Language = (typeof LANGUAGES)[number];

function openEnroll(language: Language, deps: TestDeps) {
  const rendered = renderIn(
    language,
    <ServiceScreens
      deps={deps}
      config={serviceConfig()}
      language={language}
      idleCloseMs={120_000}
      testMode={false}
      onTestMode={vi.fn()}
      onClose={vi.fn()}
      onReset={vi.fn()}
    />,
  );
  fireEvent.click(screen.getByRole('button', { name: rendered.t('menu.enroll') }));
  return rendered;
}

function fill(container: HTMLElement, name: string, value: string): void {
  const input = container.querySelector<HTMLInputElement>(`input[name="${name}"]`);
  if (!input) {
    throw new Error(`no field ${name}`);
  }
  fireEvent.change(input, { target: { value } });
}

describe.each(LANGUAGES)('enrolling again in %s', (language) => {
  it('warns how many answers are unsent, enrolls, and comes back to the menu saying so', async () => {
    const deps = testDeps();
    await deps.db.responses.bulkAdd([storedAnswer(1), storedAnswer(2), storedAnswer(3, 'sent')]);
    const { container, t } = openEnroll(language, deps);
    expect(container.querySelector('[data-screen="service-enroll"]')).toBeInTheDocument();
    expect(
      await screen.findByText(t('enroll.unsent', { count: 2, number: '2' })),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: t('enroll.toExport') })).toBeInTheDocument();

    fill(container, 'apiUrl', 'https://palaute.example.fi');
    fill(container, 'code', 'K7QD-M3XP');
    fill(container, 'pin', '4826');
    fill(container, 'pinAgain', '4826');
    fireEvent.submit(container.querySelector('form')!);

    await waitFor(() =>
      expect(container.querySelector('[data-screen="service-menu"]')).toBeInTheDocument(),
    );
    expect(deps.bridge.argsOf('setup:enroll')).toEqual([
      { apiUrl: 'https://palaute.example.fi', code: 'K7QD-M3XP', pin: '4826' },
    ]);
    expect(screen.getByRole('status')).toHaveTextContent(
      t('enroll.done', { terminal: 't_new', unit: 'khks-lapset' }),
    );
  });

  it('says all answers are sent when none waits, and stays on a refused code', async () => {
    const deps = testDeps();
    deps.bridge.answer('setup:enroll', () => ({ ok: false, reason: 'code_used' }));
    const { container, t } = openEnroll(language, deps);
    expect(await screen.findByText(t('enroll.noneUnsent'))).toBeInTheDocument();
    fill(container, 'apiUrl', 'https://palaute.example.fi');
    fill(container, 'code', 'K7QD-M3XP');
    fill(container, 'pin', '4826');
    fill(container, 'pinAgain', '4826');
    fireEvent.submit(container.querySelector('form')!);
    await waitFor(() => expect(deps.bridge.argsOf('setup:enroll')).toHaveLength(1));
    expect(container.querySelector('[data-screen="service-enroll"]')).toBeInTheDocument();
  });
});
