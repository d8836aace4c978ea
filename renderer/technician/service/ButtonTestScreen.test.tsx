import { act, fireEvent, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ScriptedServiceBridge } from '../../testing/scripted-service-bridge';
import { ButtonTestScreen } from './ButtonTestScreen';
import { LANGUAGES, NOW, renderIn } from './testing/service-kit';

describe.each(LANGUAGES)('the button test in %s', (language) => {
  it('shows each box press and each key 1–9 with a count, and records nothing', () => {
    const bridge = new ScriptedServiceBridge();
    const { container, t } = renderIn(
      language,
      <ButtonTestScreen bridge={bridge} language={language} />,
    );
    const tile = (n: number): Element | null => container.querySelector(`[data-button="${n}"]`);
    expect(container.querySelector('[data-screen="service-buttons"]')).toBeInTheDocument();
    expect(screen.getByText(t('buttons.noRecord'))).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent(t('buttons.waiting'));

    act(() => bridge.emit('button:press', { pressId: 'a', button: 3, at: NOW }));
    act(() => bridge.emit('button:press', { pressId: 'b', button: 3, at: NOW }));
    expect(tile(3)).toHaveAttribute('data-last', 'true');
    expect(tile(3)).toHaveTextContent(t('buttons.button', { number: 3 }));
    expect(tile(3)).toHaveTextContent(t('buttons.count', { count: 2 }));
    expect(screen.getByRole('status')).toHaveTextContent(
      t('buttons.last', { number: 3, count: 2 }),
    );

    fireEvent.keyDown(window, { key: '1', code: 'Digit1' });
    expect(tile(1)).toHaveAttribute('data-last', 'true');
    expect(tile(3)).toHaveAttribute('data-last', 'false');
    expect(tile(1)).toHaveTextContent(t('buttons.count', { count: 1 }));

    // A box with more buttons than five shows them as they are pressed.
    act(() => bridge.emit('button:press', { pressId: 'c', button: 7, at: NOW }));
    expect(tile(7)).toHaveTextContent(t('buttons.count', { count: 1 }));

    expect(bridge.argsOf('button:ack')).toEqual([]);
  });
});
