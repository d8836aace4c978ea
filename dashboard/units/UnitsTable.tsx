import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { unitVersusTarget } from '../../core/targets';
import { TREND_WEEKS } from '../api';
import { formatters, npsText, shareText, targetValueText, unitName } from '../format';
import { routeHash } from '../shell/route';
import { IntervalBar } from './IntervalBar';
import { Sparkline } from './Sparkline';
import { sharedDomain, sparklineLabel } from './sparkline';
import './units.css';
import { DEFAULT_SORT, nextSort, sortRows, type Sort, type SortKey, type UnitRow } from './sort';
import { SortHeader } from '../SortHeader';
import { StandingText } from '../StandingText';

type Props = { rows: readonly UnitRow[]; caption: string };

/**
 * Every unit the account may see, one row each, sortable by its column headers; a unit's name
 * opens its page. Each figure is text first ("84 % (78–89 %)"); the bar beside it draws the
 * same interval. The trend line of the last weeks is named in words.
 */
export function UnitsTable({ rows, caption }: Props) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const f = formatters(language);
  const [sort, setSort] = useState<Sort>(DEFAULT_SORT);
  const captionId = useId();
  const none = t('figures.none');
  const showNps = rows.some((row) => row.nps !== undefined && row.nps !== null);
  const sorted = sortRows(rows, sort, language);
  const domain = sharedDomain(rows);

  const header = (key: SortKey, text: string) => (
    <SortHeader column={key} sort={sort} onSort={(column) => setSort(nextSort(sort, column))}>
      {text}
    </SortHeader>
  );

  return (
    <div className="table-scroll" role="region" aria-labelledby={captionId} tabIndex={0}>
      <table className="units">
        <caption id={captionId}>{caption}</caption>
        <thead>
          <tr>
            {header('name', t('columns.name'))}
            {header('n', t('columns.n'))}
            {header('positiveShare', t('columns.positiveShare'))}
            <th scope="col">{t('columns.trend', { weeks: TREND_WEEKS })}</th>
            {showNps && header('nps', t('columns.nps'))}
            {header('rankScore', t('columns.rankScore'))}
            <th scope="col">{t('columns.target')}</th>
            {header('standing', t('columns.standing'))}
          </tr>
        </thead>
        <tbody>
          {sorted.map((row) => {
            const standing = unitVersusTarget(row, row.target);
            const share = row.n > 0 ? row.positiveShare : null;
            const nps = row.n > 0 ? (row.nps ?? null) : null;
            // No weeks yet while the trend is still on its way: the cell waits empty.
            const weeks = row.weeks;
            const trend = weeks === undefined ? undefined : sparklineLabel(weeks, t, f);
            return (
              <tr key={row.unitId}>
                <th scope="row">
                  <a href={routeHash({ page: 'unit', unitId: row.unitId })}>
                    {unitName(row.name, language, row.unitId)}
                  </a>
                </th>
                <td className="number">{f.count(row.n)}</td>
                <td className="figure">
                  {share === null ? (
                    none
                  ) : (
                    <>
                      <span className="figure-text">{shareText(f, share)}</span>
                      <IntervalBar
                        interval={share}
                        min={0}
                        max={1}
                        target={
                          row.target?.measure === 'positiveShare' ? row.target.value : undefined
                        }
                        label={t('figures.shareLabel', {
                          value: f.percent(share.value),
                          low: f.percent(share.low),
                          high: f.percent(share.high),
                        })}
                      />
                    </>
                  )}
                </td>
                <td>
                  {weeks === undefined ? null : trend === undefined ? (
                    none
                  ) : (
                    <Sparkline weeks={weeks} domain={domain} label={trend} />
                  )}
                </td>
                {showNps && (
                  <td className="figure">
                    {nps === null ? (
                      none
                    ) : (
                      <>
                        <span className="figure-text">{npsText(f, nps)}</span>
                        <IntervalBar
                          interval={nps}
                          min={-100}
                          max={100}
                          target={row.target?.measure === 'nps' ? row.target.value : undefined}
                          label={t('figures.npsLabel', {
                            value: f.nps(nps.value),
                            low: f.nps(nps.low),
                            high: f.nps(nps.high),
                          })}
                        />
                      </>
                    )}
                  </td>
                )}
                <td className="number">
                  {row.rankScore === null || row.n === 0 ? none : f.rankScore(row.rankScore)}
                </td>
                <td>
                  {row.target === null
                    ? none
                    : t(`target.${row.target.measure}`, {
                        value: targetValueText(f, row.target),
                      })}
                </td>
                <td className={standing === null ? undefined : `standing ${standing}`}>
                  {standing === null ? none : <StandingText standing={standing} />}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
