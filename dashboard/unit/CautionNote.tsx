import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { formatters } from '../format';
import type { Caution } from './cautions';

/** The small-n warning: why these figures need care, each reason in words. */
export function CautionNote({ cautions }: { cautions: readonly Caution[] }) {
  const { t, i18n } = useTranslation();
  const f = formatters(i18n.language);
  const headingId = useId();
  if (cautions.length === 0) {
    return null;
  }
  const say = (caution: Caution): string => {
    switch (caution.kind) {
      case 'fewAnswers':
        return t('unit.caution.fewAnswers', { count: caution.n, n: f.count(caution.n) });
      case 'wideShare':
        return t('unit.caution.wideShare', {
          points: f.percentNumber(caution.halfWidth),
          value: f.percent(caution.value),
        });
      case 'wideNps':
        return t('unit.caution.wideNps', {
          points: f.count(caution.halfWidth),
          value: f.nps(caution.value),
        });
    }
  };
  return (
    <div className="caution" role="note" aria-labelledby={headingId}>
      <p id={headingId} className="caution-heading">
        <span aria-hidden="true">⚠ </span>
        {t('unit.caution.heading')}
      </p>
      <ul>
        {cautions.map((caution) => (
          <li key={caution.kind}>{say(caution)}</li>
        ))}
      </ul>
    </div>
  );
}
