import { act, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { manualClock, type ManualClock } from '../../../core/timers';
import { TimersContext } from '../../app/timers';
import { serviceConfig } from '../../testing/scripted-service-bridge';
import { ServiceScreens } from './ServiceScreens';
import { TestModeRibbon } from './TestModeRibbon';
import {
  LANGUAGES,
  NOW,
  closeDbs,
  renderIn,
  settle,
  testDeps,
  type TestDeps,
} from './testing/service-kit';
import { TOUCH_EVERY_MS } from './use-service-session';

afterEach(async () => {
  await closeDbs();
});

type Rendered = ReturnType<typeof renderIn> & {
  deps: TestDeps;
  onClose: ReturnType<typeof vi.fn>;
  onTestMode: ReturnType<typeof vi.fn>;
  /** The screens' clock: their session's idle close and its touches run on it. */
  clock: ManualClock;
};

function open(
  language: (typeof LANGUAGES)[number],
  options: { idleCloseMs?: number; testMode?: boolean } = {},
): Rendered {
  const clock = manualClock({ start: NOW });
  const deps = { ...testDeps(), now: () => clock.now() } as TestDeps;
  const onClose = vi.fn();
  const onTestMode = vi.fn();
  const rendered = renderIn(
    language,
    <TimersContext.Provider value={clock.timers}>
      <ServiceScreens
        deps={deps}
        config={serviceConfig()}
        language={language}
        idleCloseMs={options.idleCloseMs ?? 120_000}
        testMode={options.testMode ?? false}
        onTestMode={onTestMode}
        onClose={onClose}
        onReset={() => undefined}
      />
    </TimersContext.Provider>,
  );
  return { ...rendered, deps, onClose, onTestMode, clock };
}

function screenName(container: HTMLElement): string | null | undefined {
  return container.querySelector('main [data-screen]')?.getAttribute('data-screen');
}

describe.each(LANGUAGES)('the service screens in %s', (language) => {
  it('open on a menu with a big button to each screen, and come back to it', async () => {
    const { container, t } = open(language);
    expect(container.querySelector('main')).toHaveAttribute('data-screen', 'service');
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent(t('menu.title'));
    const screens = ['status', 'buttons', 'sync', 'export', 'language', 'enroll', 'reset'];
    for (const name of screens) {
      fireEvent.click(screen.getByRole('button', { name: t(`menu.${name}`) }));
      expect(screenName(container)).toBe(`service-${name}`);
      expect(screen.getByRole('button', { name: t('close') })).toBeInTheDocument();
      fireEvent.click(screen.getByRole('button', { name: t('back') }));
      expect(screenName(container)).toBe('service-menu');
    }
    await settle();
  });

  it('Close asks the host to close the session, then closes the screens', async () => {
    const { deps, onClose, t } = open(language);
    fireEvent.click(screen.getByRole('button', { name: t('close') }));
    await settle();
    expect(deps.bridge.argsOf('service:close')).toHaveLength(1);
    expect(onClose).toHaveBeenCalledTimes(1);
  });

  it('close themselves after two minutes without a touch, and a touch starts the wait again', async () => {
    const { deps, onClose, clock } = open(language, { idleCloseMs: 120_000 });
    await act(() => clock.advance(100_000));
    fireEvent.pointerDown(document.body);
    await act(() => clock.advance(100_000));
    await settle();
    expect(onClose).not.toHaveBeenCalled();
    await act(() => clock.advance(20_001));
    await settle();
    expect(deps.bridge.argsOf('service:close')).toHaveLength(1);
    expect(onClose).toHaveBeenCalledTimes(1);
  });

  it('tell the host the technician is there at most every 20 seconds', async () => {
    const { deps, clock, onClose } = open(language);
    const touches = (): number => deps.bridge.argsOf('service:touch').length;
    await act(() => clock.advance(5000));
    fireEvent.pointerDown(document.body);
    expect(touches()).toBe(0);
    await act(() => clock.advance(TOUCH_EVERY_MS));
    fireEvent.keyDown(window, { key: 'a' });
    fireEvent.pointerDown(document.body);
    expect(touches()).toBe(1);
    await act(() => clock.advance(TOUCH_EVERY_MS));
    fireEvent.pointerDown(document.body);
    expect(touches()).toBe(2);
    await settle();
    expect(onClose).not.toHaveBeenCalled();
  });

  it('close when the host says the session is over', async () => {
    const first = open(language);
    act(() => first.deps.bridge.emit('service:closed', null));
    expect(first.onClose).toHaveBeenCalledTimes(1);
    first.unmount();

    const second = open(language);
    second.deps.bridge.answer('service:touch', () => ({ open: false }));
    await act(() => second.clock.advance(TOUCH_EVERY_MS));
    fireEvent.pointerDown(document.body);
    await settle();
    expect(second.onClose).toHaveBeenCalledTimes(1);
  });

  it('turn test mode on without closing, and end it when they close', async () => {
    const { onTestMode, onClose, t, unmount } = open(language);
    const toggle = screen.getByRole('switch', { name: t('menu.testMode') });
    expect(toggle).toHaveAttribute('aria-checked', 'false');
    fireEvent.click(toggle);
    expect(onTestMode).toHaveBeenCalledWith(true);
    expect(onClose).not.toHaveBeenCalled();
    unmount();

    const on = open(language, { testMode: true });
    expect(screen.getByRole('switch', { name: on.t('menu.testMode') })).toHaveAttribute(
      'aria-checked',
      'true',
    );
    fireEvent.click(screen.getByRole('button', { name: on.t('close') }));
    await settle();
    expect(on.onTestMode).toHaveBeenCalledWith(false);
    expect(on.onClose).toHaveBeenCalledTimes(1);
  });

  it('neither record nor light a box press made on them', async () => {
    const { deps, t } = open(language);
    act(() => deps.bridge.emit('button:press', { pressId: 'p-1', button: 2, at: NOW }));
    fireEvent.click(screen.getByRole('button', { name: t('menu.buttons') }));
    act(() => deps.bridge.emit('button:press', { pressId: 'p-2', button: 3, at: NOW }));
    await settle();
    expect(deps.bridge.argsOf('button:ack')).toEqual([]);
    expect(await deps.db.responses.count()).toBe(0);
  });
});

describe.each(LANGUAGES)('the test-mode ribbon in %s', (language) => {
  it('says answers are marked as tests, and ends test mode', () => {
    const onEnd = vi.fn();
    const { t } = renderIn(language, <TestModeRibbon language={language} onEnd={onEnd} />);
    expect(screen.getByRole('status')).toHaveTextContent(t('testRibbon.text'));
    fireEvent.click(screen.getByRole('button', { name: t('testRibbon.end') }));
    expect(onEnd).toHaveBeenCalledTimes(1);
  });
});
