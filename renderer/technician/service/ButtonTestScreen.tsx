import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ButtonPressSchema, type Bridge, type LanguageCode } from '../../../core';
import { buttonOfKey } from '../../kiosk/keys';
import { ScreenTitle } from './ScreenTitle';

type Props = { bridge: Bridge; language: LanguageCode };

/** The box has three to five buttons; more show up as they are pressed. */
const SHOWN_AT_LEAST = 5;

type Presses = { counts: Record<number, number>; last: number | null; total: number };

const NONE: Presses = { counts: {}, last: null, total: 0 };

function pressed(presses: Presses, button: number): Presses {
  return {
    counts: { ...presses.counts, [button]: (presses.counts[button] ?? 0) + 1 },
    last: button,
    total: presses.total + 1,
  };
}

/**
 * Each press of the box (and each key 1–9) shown as it comes. Nothing is stored and no press
 * is acknowledged, so the box stays dark: its light is the receipt of a stored answer.
 */
export function ButtonTestScreen({ bridge, language }: Props) {
  const { t } = useTranslation('service', { lng: language });
  const [presses, setPresses] = useState<Presses>(NONE);

  useEffect(() => {
    const stop = bridge.on('button:press', (data) => {
      const press = ButtonPressSchema.safeParse(data);
      if (press.success) {
        setPresses((before) => pressed(before, press.data.button));
      }
    });
    const onKey = (event: KeyboardEvent): void => {
      const button = buttonOfKey(event);
      if (button !== undefined) {
        setPresses((before) => pressed(before, button));
      }
    };
    window.addEventListener('keydown', onKey);
    return () => {
      stop();
      window.removeEventListener('keydown', onKey);
    };
  }, [bridge]);

  const highest = Math.max(SHOWN_AT_LEAST, ...Object.keys(presses.counts).map(Number));
  const buttons = Array.from({ length: highest }, (_, i) => i + 1);
  return (
    <section data-screen="service-buttons" aria-labelledby="service-buttons-title">
      <ScreenTitle id="service-buttons-title">{t('buttons.title')}</ScreenTitle>
      <p className="service-intro">{t('buttons.intro')}</p>
      <p className="service-note">{t('buttons.noRecord')}</p>
      <ul className="button-tiles">
        {buttons.map((button) => {
          const count = presses.counts[button] ?? 0;
          return (
            <li
              key={button}
              className="button-tile"
              data-button={button}
              data-last={presses.last === button}
              aria-current={presses.last === button ? 'true' : undefined}
            >
              <span className="button-tile-name">{t('buttons.button', { number: button })}</span>
              <span className="button-tile-count">{t('buttons.count', { count })}</span>
            </li>
          );
        })}
      </ul>
      <p className="button-last" role="status" aria-live="polite">
        {presses.last === null
          ? t('buttons.waiting')
          : t('buttons.last', {
              number: presses.last,
              count: presses.counts[presses.last] ?? 0,
            })}
      </p>
    </section>
  );
}
