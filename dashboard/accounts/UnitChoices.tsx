import { useId, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import type { KnownUnit } from './known-units';

type Props = {
  legend: string;
  units: readonly KnownUnit[];
  chosen: ReadonlySet<string>;
  onChange: (chosen: Set<string>) => void;
  /** What is wrong with the choice, said under the legend and tied to the group. */
  error?: string | undefined;
  /** The first checkbox, for a form that moves the focus here. */
  firstRef?: Ref<HTMLInputElement> | undefined;
};

/** A unit account's units: a checkbox for every unit the county knows. */
export function UnitChoices({ legend, units, chosen, onChange, error, firstRef }: Props) {
  const { t } = useTranslation();
  const errorId = useId();
  const toggle = (id: string, on: boolean) => {
    const next = new Set(chosen);
    if (on) {
      next.add(id);
    } else {
      next.delete(id);
    }
    onChange(next);
  };
  return (
    <fieldset
      className="admin-choices"
      aria-describedby={error === undefined ? undefined : errorId}
    >
      <legend>{legend}</legend>
      {error !== undefined && (
        <p id={errorId} className="error">
          {error}
        </p>
      )}
      {units.length === 0 ? (
        <p className="note">{t('accounts.units.none')}</p>
      ) : (
        <ul>
          {units.map((unit, index) => (
            <li key={unit.id}>
              <label>
                <input
                  ref={index === 0 ? firstRef : undefined}
                  type="checkbox"
                  value={unit.id}
                  checked={chosen.has(unit.id)}
                  onChange={(event) => toggle(unit.id, event.target.checked)}
                />
                {unit.name}
              </label>
            </li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}
