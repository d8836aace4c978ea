import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { UnitQuestions } from '../../core/reports-api';
import { scaleValues } from '../../core/scales';
import { periodRange } from '../period';
import { PeriodPicker } from '../PeriodPicker';
import { questionText, valueText } from './answer-text';
import { STATE_CHOICES, type InboxFilters, type StateChoice } from './filters';

type Props = {
  filters: InboxFilters;
  onChange: (filters: InboxFilters) => void;
  units: readonly { unitId: string; name: string }[];
  /** The chosen unit's questions; undefined while none is chosen or they load. */
  questions: UnitQuestions | undefined;
};

/**
 * The inbox's filters, each applied as it is changed: unit, state, period, question (of the
 * chosen unit) and its value, and contact requests only. Another unit clears the question, and
 * another question its value.
 */
export function InboxFilterForm({ filters, onChange, units, questions }: Props) {
  const { t, i18n } = useTranslation();
  const unitId = useId();
  const questionId = useId();
  const valueId = useId();
  const contactId = useId();
  const set = (change: Partial<InboxFilters>) => onChange({ ...filters, ...change });
  const question = questions?.find((q) => q.questionId === filters.questionId);

  return (
    <div className="inbox-filters">
      <div className="field">
        <label htmlFor={unitId}>{t('inbox.filters.unit')}</label>
        <select
          id={unitId}
          value={filters.unitId ?? ''}
          onChange={(event) =>
            set({ unitId: event.target.value || null, questionId: null, value: null })
          }
        >
          <option value="">{t('inbox.filters.allUnits')}</option>
          {units.map((unit) => (
            <option key={unit.unitId} value={unit.unitId}>
              {unit.name}
            </option>
          ))}
        </select>
      </div>
      <fieldset className="period">
        <legend>{t('inbox.filters.state')}</legend>
        {STATE_CHOICES.map((choice: StateChoice) => (
          <label key={choice}>
            <input
              type="radio"
              name="inbox-state"
              value={choice}
              checked={filters.state === choice}
              onChange={() => set({ state: choice })}
            />
            {t(`inbox.filters.states.${choice}`)}
          </label>
        ))}
      </fieldset>
      <PeriodPicker
        name="inbox-period"
        period={filters.period}
        onChange={(period) => set({ period, range: periodRange(period, new Date()) })}
      />
      <div className="field">
        <label htmlFor={questionId}>{t('inbox.filters.question')}</label>
        <select
          id={questionId}
          value={filters.questionId ?? ''}
          disabled={filters.unitId === null || questions === undefined}
          aria-describedby={filters.unitId === null ? `${questionId}-hint` : undefined}
          onChange={(event) => set({ questionId: event.target.value || null, value: null })}
        >
          <option value="">{t('inbox.filters.allQuestions')}</option>
          {(questions ?? []).map((q) => (
            <option key={q.questionId} value={q.questionId}>
              {questionText(questions, q.questionId, i18n.language)}
            </option>
          ))}
        </select>
        {filters.unitId === null && (
          <p id={`${questionId}-hint`} className="inbox-hint">
            {t('inbox.filters.questionHint')}
          </p>
        )}
      </div>
      {question !== undefined && (
        <div className="field">
          <label htmlFor={valueId}>{t('inbox.filters.value')}</label>
          <select
            id={valueId}
            value={filters.value === null ? '' : String(filters.value)}
            onChange={(event) =>
              set({ value: event.target.value === '' ? null : Number(event.target.value) })
            }
          >
            <option value="">{t('inbox.filters.allValues')}</option>
            {scaleValues(question.scale).map((value) => (
              <option key={value} value={String(value)}>
                {valueText(t, question.scale, value)}
              </option>
            ))}
          </select>
        </div>
      )}
      <div className="inbox-check">
        <input
          id={contactId}
          type="checkbox"
          checked={filters.contactOnly}
          onChange={(event) => set({ contactOnly: event.target.checked })}
        />
        <label htmlFor={contactId}>{t('inbox.filters.contactOnly')}</label>
      </div>
    </div>
  );
}
