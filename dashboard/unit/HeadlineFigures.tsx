import { useTranslation } from 'react-i18next';
import type { UnitTarget } from '../../core/accounts-api';
import type { UnitReport } from '../../core/reports-api';
import type { TargetStanding } from '../../core/targets';
import { formatters, npsText, shareText, targetValueText } from '../format';
import { IntervalBar } from '../units/IntervalBar';
import { StandingText } from '../StandingText';

type Props = {
  report: UnitReport;
  target: UnitTarget | null;
  standing: TargetStanding | null;
};

/**
 * n, the positive and negative shares and NPS (nps11), each with its 95 % interval in words and
 * as a bar, and the unit's target with where the interval lies against it.
 */
export function HeadlineFigures({ report, target, standing }: Props) {
  const { t, i18n } = useTranslation();
  const f = formatters(i18n.language);
  const none = t('figures.none');
  const share = (key: 'positiveShare' | 'negativeShare', label: string) => {
    const figure = report[key];
    return (
      <div className="headline-item">
        <dt>{t(`unit.${key}`)}</dt>
        <dd>
          {figure === null ? (
            none
          ) : (
            <>
              <span className="figure-text">{shareText(f, figure)}</span>
              <IntervalBar
                interval={figure}
                min={0}
                max={1}
                target={
                  key === 'positiveShare' && target?.measure === 'positiveShare'
                    ? target.value
                    : undefined
                }
                label={t(label, {
                  value: f.percent(figure.value),
                  low: f.percent(figure.low),
                  high: f.percent(figure.high),
                })}
              />
            </>
          )}
        </dd>
      </div>
    );
  };
  const nps = report.nps ?? null;
  return (
    <dl className="headline">
      <div className="headline-item">
        <dt>{t('unit.n')}</dt>
        <dd>{f.count(report.n)}</dd>
      </div>
      {share('positiveShare', 'figures.shareLabel')}
      {share('negativeShare', 'unit.negativeLabel')}
      {report.scale === 'nps11' && (
        <div className="headline-item">
          <dt>{t('unit.nps')}</dt>
          <dd>
            {nps === null ? (
              none
            ) : (
              <>
                <span className="figure-text">{npsText(f, nps)}</span>
                <IntervalBar
                  interval={nps}
                  min={-100}
                  max={100}
                  target={target?.measure === 'nps' ? target.value : undefined}
                  label={t('figures.npsLabel', {
                    value: f.nps(nps.value),
                    low: f.nps(nps.low),
                    high: f.nps(nps.high),
                  })}
                />
              </>
            )}
          </dd>
        </div>
      )}
      <div className="headline-item">
        <dt>{t('unit.target')}</dt>
        <dd>
          {target === null ? (
            t('unit.noTarget')
          ) : (
            <>
              {t(`target.${target.measure}`, { value: targetValueText(f, target) })}
              {standing !== null && (
                <span className={`standing ${standing}`}>
                  {' – '}
                  <StandingText standing={standing} />
                </span>
              )}
            </>
          )}
        </dd>
      </div>
    </dl>
  );
}
