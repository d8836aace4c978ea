import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { monthReportHref, posterHref } from './api';
import { monthName, recentMonths } from './months';

type Props = {
  unitId: string;
  /** The unit's time zone: its months begin at midnight there. */
  timeZone: string;
  /** The clock: the months offered end with the current one. */
  now: () => Date;
};

/**
 * The unit's wall poster and monthly report as PDFs for a month chosen from a list (a select
 * reads and moves by keyboard alike in every browser, where a month input does not): last month
 * at first, this month so far, never a future one. Plain links: the session cookie goes along.
 */
export function ReportLinks({ unitId, timeZone, now }: Props) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const [months] = useState(() => recentMonths(now(), timeZone));
  const [month, setMonth] = useState(() => months[1] ?? months[0] ?? '');
  const [comments, setComments] = useState(false);
  const name = (value: string) => monthName(value, i18n.language);

  return (
    <div className="public-part">
      <h3>{t('public.reports.heading')}</h3>
      <div className="field">
        <label htmlFor={`${id}-month`}>{t('public.reports.month')}</label>
        <select
          id={`${id}-month`}
          className="public-month"
          value={month}
          onChange={(event) => setMonth(event.target.value)}
        >
          {months.map((value, index) => (
            <option key={value} value={value}>
              {index === 0 ? t('public.reports.soFar', { month: name(value) }) : name(value)}
            </option>
          ))}
        </select>
      </div>
      <ul className="public-links">
        <li>
          <a href={posterHref(unitId, month)} download aria-describedby={`${id}-poster`}>
            {t('public.reports.poster', { month: name(month) })}
          </a>
          <p id={`${id}-poster`} className="note">
            {t('public.reports.posterHint')}
          </p>
        </li>
        <li>
          <div className="public-check">
            <input
              id={`${id}-comments`}
              type="checkbox"
              checked={comments}
              aria-describedby={`${id}-comments-hint`}
              onChange={(event) => setComments(event.target.checked)}
            />
            <label htmlFor={`${id}-comments`}>{t('public.reports.comments')}</label>
          </div>
          <p id={`${id}-comments-hint`} className="note">
            {t('public.reports.commentsHint')}
          </p>
          <a href={monthReportHref(unitId, month, comments)} download>
            {t(comments ? 'public.reports.monthWithComments' : 'public.reports.monthReport', {
              month: name(month),
            })}
          </a>
        </li>
      </ul>
    </div>
  );
}
