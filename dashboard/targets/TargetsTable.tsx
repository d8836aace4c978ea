import { Fragment, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UnitTarget } from '../../core/accounts-api';
import type { IntervalFigure } from '../../core/targets';
import { unitVersusTarget } from '../../core/targets';
import { formatters, npsText, shareText, targetValueText, unitName } from '../format';
import { IntervalBar } from '../units/IntervalBar';
import { sortRows, type UnitRow } from '../units/sort';
import { TargetForm } from './TargetForm';
import { StandingText } from '../StandingText';

type Props = {
  rows: readonly UnitRow[];
  caption: string;
  /** The period the figures are for, in words. */
  period: string;
  onSaved: (row: UnitRow, target: UnitTarget | null) => void;
  onSignedOut: () => void;
};

/**
 * Every unit with its figures, its target and where its interval lies against it; a unit's
 * target is set in a row opened under its own, and the focus returns to the row's button.
 */
export function TargetsTable({ rows, caption, period, onSaved, onSignedOut }: Props) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const f = formatters(language);
  const captionId = useId();
  const none = t('figures.none');
  const [open, setOpen] = useState<string | null>(null);
  const buttons = useRef(new Map<string, HTMLButtonElement>());
  const focusNext = useRef<string | null>(null);
  const showNps = rows.some((row) => row.nps !== undefined && row.nps !== null);
  const columns = showNps ? 7 : 6;
  const sorted = sortRows(rows, { key: 'name', direction: 'ascending' }, language);

  useEffect(() => {
    const unitId = focusNext.current;
    focusNext.current = null;
    if (unitId !== null) {
      buttons.current.get(unitId)?.focus();
    }
  });
  const close = (unitId: string) => {
    focusNext.current = unitId;
    setOpen(null);
  };

  const figure = (
    value: IntervalFigure | null,
    kind: 'share' | 'nps',
    target: UnitTarget | null,
  ) => {
    if (value === null) {
      return none;
    }
    const share = kind === 'share';
    const measure = share ? 'positiveShare' : 'nps';
    const format = (x: number) => (share ? f.percent(x) : f.nps(x));
    return (
      <>
        <span className="figure-text">{share ? shareText(f, value) : npsText(f, value)}</span>
        <IntervalBar
          interval={value}
          min={share ? 0 : -100}
          max={share ? 1 : 100}
          target={target?.measure === measure ? target.value : undefined}
          label={t(share ? 'figures.shareLabel' : 'figures.npsLabel', {
            value: format(value.value),
            low: format(value.low),
            high: format(value.high),
          })}
        />
      </>
    );
  };

  return (
    <div className="table-scroll" role="region" aria-labelledby={captionId} tabIndex={0}>
      <table className="admin">
        <caption id={captionId}>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('columns.name')}</th>
            <th scope="col">{t('columns.n')}</th>
            <th scope="col">{t('columns.positiveShare')}</th>
            {showNps && <th scope="col">{t('columns.nps')}</th>}
            <th scope="col">{t('columns.target')}</th>
            <th scope="col">{t('columns.standing')}</th>
            <th scope="col">{t('targets.columns.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {sorted.map((row) => {
            const name = unitName(row.name, language, row.unitId);
            const standing = unitVersusTarget(row, row.target);
            const opened = open === row.unitId;
            return (
              <Fragment key={row.unitId}>
                <tr>
                  <th scope="row">{name}</th>
                  <td className="admin-number">{f.count(row.n)}</td>
                  <td className="figure">
                    {figure(row.n > 0 ? row.positiveShare : null, 'share', row.target)}
                  </td>
                  {showNps && (
                    <td className="figure">
                      {figure(row.n > 0 ? (row.nps ?? null) : null, 'nps', row.target)}
                    </td>
                  )}
                  <td>
                    {row.target === null
                      ? t('targets.noTarget')
                      : t(`target.${row.target.measure}`, {
                          value: targetValueText(f, row.target),
                        })}
                  </td>
                  <td className={standing === null ? undefined : `standing ${standing}`}>
                    {standing === null ? none : <StandingText standing={standing} />}
                  </td>
                  <td>
                    <button
                      ref={(element) => {
                        if (element === null) {
                          buttons.current.delete(row.unitId);
                        } else {
                          buttons.current.set(row.unitId, element);
                        }
                      }}
                      type="button"
                      aria-expanded={opened}
                      onClick={() => setOpen(opened ? null : row.unitId)}
                    >
                      {row.target === null ? t('targets.set') : t('targets.change')}{' '}
                      <span className="admin-hidden-text">
                        {t('targets.forUnit', { unit: name })}
                      </span>
                    </button>
                  </td>
                </tr>
                {opened && (
                  <tr className="admin-detail-row">
                    <td colSpan={columns}>
                      <TargetForm
                        row={row}
                        name={name}
                        period={period}
                        onSaved={(target) => {
                          close(row.unitId);
                          onSaved(row, target);
                        }}
                        onCancel={() => close(row.unitId)}
                        onSignedOut={onSignedOut}
                      />
                    </td>
                  </tr>
                )}
              </Fragment>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
