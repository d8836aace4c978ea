import { useTranslation } from 'react-i18next';
import { PERIODS, type Period } from './period';

/**
 * The period a page's figures cover: 30 days, 90 days or 12 months, as radios that the arrow
 * keys move between. `name` keeps two pickers on one page apart.
 */
export function PeriodPicker({
  name,
  period,
  onChange,
}: {
  name: string;
  period: Period;
  onChange: (period: Period) => void;
}) {
  const { t } = useTranslation();
  return (
    <fieldset className="period">
      <legend>{t('period.legend')}</legend>
      {PERIODS.map((value) => (
        <label key={value}>
          <input
            type="radio"
            name={name}
            value={value}
            checked={period === value}
            onChange={() => onChange(value)}
          />
          {t(`period.${value}`)}
        </label>
      ))}
    </fieldset>
  );
}
