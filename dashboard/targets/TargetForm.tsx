import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { UnitTarget } from '../../core/accounts-api';
import { changeErrorKey } from '../accounts/change-errors';
import type { ChangeFailure } from '../accounts/api';
import { formatters, npsText, shareText } from '../format';
import type { UnitRow } from '../units/sort';
import { setUnitTarget } from './api';
import {
  offersNps,
  parseTargetInput,
  targetInputText,
  type TargetChoice,
  type TargetInputError,
} from './target-input';

type Props = {
  row: UnitRow;
  /** The unit's name in the UI's language. */
  name: string;
  /** The period the figures are for, in words ("Last 90 days"). */
  period: string;
  onSaved: (target: UnitTarget | null) => void;
  onCancel: () => void;
  onSignedOut: () => void;
};

type FormState =
  | { kind: 'editing'; failure: ChangeFailure | null; error: TargetInputError | null }
  | { kind: 'sending' };

/**
 * A unit's target, set under its row: a positive share as a percentage, an NPS where the unit
 * asks the 0–10 question, or none. The unit's figure for the chosen measure stands beside the
 * field, so the target is set knowing where the unit is.
 */
export function TargetForm({ row, name, period, onSaved, onCancel, onSignedOut }: Props) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const f = formatters(i18n.language);
  const [choice, setChoice] = useState<TargetChoice>(row.target?.measure ?? 'positiveShare');
  const [text, setText] = useState(() => targetInputText(row.target, i18n.language));
  const [state, setState] = useState<FormState>({ kind: 'editing', failure: null, error: null });
  const checkedRef = useRef<HTMLInputElement>(null);
  const valueRef = useRef<HTMLInputElement>(null);
  const nps = offersNps(row);
  const choices: TargetChoice[] = nps
    ? ['positiveShare', 'nps', 'none']
    : ['positiveShare', 'none'];

  useEffect(() => {
    checkedRef.current?.focus();
  }, []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (state.kind === 'sending') {
      return;
    }
    const parsed = parseTargetInput(choice, text);
    if (!parsed.ok) {
      setState({ kind: 'editing', failure: null, error: parsed.error });
      valueRef.current?.focus();
      return;
    }
    setState({ kind: 'sending' });
    const result = await setUnitTarget(row.unitId, parsed.target);
    if (result.ok) {
      onSaved(result.value);
    } else if (result.reason === 'unauthorized') {
      onSignedOut();
    } else {
      setState({ kind: 'editing', failure: result.reason, error: null });
    }
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      onCancel();
    }
  };

  const current = () => {
    const figure = row.n === 0 ? null : choice === 'nps' ? (row.nps ?? null) : row.positiveShare;
    if (figure === null) {
      return t('targets.form.noFigure', { period });
    }
    const value = choice === 'nps' ? npsText(f, figure) : shareText(f, figure);
    return t('targets.form.current', { value, period });
  };

  const failure = state.kind === 'editing' ? state.failure : null;
  const error = state.kind === 'editing' ? state.error : null;
  return (
    <form
      className="admin-form admin-detail"
      onSubmit={(event) => void submit(event)}
      onKeyDown={onKeyDown}
      noValidate
    >
      <fieldset className="admin-choices">
        <legend>{t('targets.form.legend', { unit: name })}</legend>
        {choices.map((value) => (
          <div key={value} className="admin-choice">
            <label>
              <input
                ref={choice === value ? checkedRef : undefined}
                type="radio"
                name={`${id}-measure`}
                value={value}
                checked={choice === value}
                onChange={() => {
                  setChoice(value);
                  // The unit's own target in the field when its measure is chosen again.
                  setText(
                    row.target?.measure === value ? targetInputText(row.target, i18n.language) : '',
                  );
                  setState({ kind: 'editing', failure: null, error: null });
                }}
              />
              {t(`targets.form.measure.${value}`)}
            </label>
          </div>
        ))}
        {!nps && <p className="admin-hint">{t('targets.form.npsNotOffered')}</p>}
      </fieldset>
      {choice !== 'none' && (
        <div className="field">
          <label htmlFor={`${id}-value`}>{t(`targets.form.value.${choice}`)}</label>
          <p id={`${id}-current`} className="admin-hint">
            {current()}
          </p>
          {error !== null && (
            <p id={`${id}-error`} className="error">
              {t(`targets.form.${error}`)}
            </p>
          )}
          <input
            ref={valueRef}
            id={`${id}-value`}
            type="text"
            inputMode={choice === 'positiveShare' ? 'decimal' : 'text'}
            autoComplete="off"
            aria-invalid={error !== null}
            aria-describedby={error === null ? `${id}-current` : `${id}-error ${id}-current`}
            value={text}
            onChange={(event) => setText(event.target.value)}
          />
        </div>
      )}
      {choice === 'none' && row.target !== null && (
        <p className="admin-hint">{t('targets.form.removeNote')}</p>
      )}
      <div role="alert" className="alert-region">
        {failure !== null && (
          <p className="error">{t(changeErrorKey(failure, 'targets.errors.invalid'))}</p>
        )}
      </div>
      <div className="admin-actions">
        <button type="submit" aria-disabled={state.kind === 'sending'}>
          {state.kind === 'sending' ? t('targets.form.saving') : t('targets.form.save')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('targets.form.cancel')}
        </button>
      </div>
    </form>
  );
}
