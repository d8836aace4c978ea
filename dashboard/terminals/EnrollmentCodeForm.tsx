import { useId, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EnrollmentCodeAnswer, SurveyTemplateList } from '../../core/central-api';
import { unitName } from '../format';
import type { NamedUnit } from '../unit-names';
import { createEnrollmentCode } from './api';
import {
  codeRequest,
  formFieldOf,
  initialCodeForm,
  NAME_LANGUAGES,
  type CodeForm,
  type FieldProblem,
  type FormField,
} from './code-request';
import { CodeResult } from './CodeResult';
import { failureKey } from './failure-key';

type Props = {
  units: readonly NamedUnit[];
  templates: SurveyTemplateList;
  /** Where a terminal reaches this server: the API address the technician types. */
  apiUrl: string;
  locale: string;
  onSignedOut: () => void;
};

type Phase =
  | { kind: 'editing' }
  | { kind: 'sending' }
  | { kind: 'made'; answer: EnrollmentCodeAnswer }
  /** A failure that is no field's: the translation key of its sentence. */
  | { kind: 'failed'; message: string };

/** The sentence for a problem with a field, in the page's words. */
function problemKey(problem: FieldProblem): string {
  return `terminals.code.problem.${problem.field}.${problem.problem}`;
}

/**
 * Makes an enrollment code: a unit (one there is, or a new one with its names), a built-in
 * survey template and its choices, the code's validity. A problem is shown next to its field and
 * that field gets the focus; the code made is shown big, with how a technician uses it.
 */
export function EnrollmentCodeForm({ units, templates, apiUrl, locale, onSignedOut }: Props) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const [form, setForm] = useState<CodeForm>(() => initialCodeForm(units, templates));
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [phase, setPhase] = useState<Phase>({ kind: 'editing' });
  const focusFirstProblem = useRef(false);
  const formRef = useRef<HTMLFormElement>(null);
  const base = useId();
  const idOf = (name: string) => `${base}-${name}`;

  const collator = new Intl.Collator(language);
  const unitOptions = units
    .map(({ unitId, name }) => ({
      unitId,
      label: `${unitName(name, language, unitId)} (${unitId})`,
    }))
    .sort((a, b) => collator.compare(a.label, b.label));

  const problemOf = (field: FormField) => problems.find((problem) => problem.field === field);

  // After a refused submit has rendered its problems: the first field with one gets the focus.
  useLayoutEffect(() => {
    if (!focusFirstProblem.current) {
      return;
    }
    focusFirstProblem.current = false;
    formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  });

  const update = (change: Partial<CodeForm>) => setForm((current) => ({ ...current, ...change }));

  const submit = async () => {
    const built = codeRequest(form, units, templates);
    if (!built.ok) {
      setProblems(built.problems);
      setPhase({ kind: 'editing' });
      focusFirstProblem.current = true;
      return;
    }
    setProblems([]);
    setPhase({ kind: 'sending' });
    const made = await createEnrollmentCode(built.body);
    if (made.ok) {
      setPhase({ kind: 'made', answer: made.value });
      return;
    }
    if (made.reason === 'unauthorized') {
      onSignedOut();
      return;
    }
    const field = made.field === undefined ? undefined : formFieldOf(made.field, form);
    if (field !== undefined) {
      setProblems([{ field, problem: 'refused' }]);
      setPhase({ kind: 'editing' });
      focusFirstProblem.current = true;
      return;
    }
    setPhase({ kind: 'failed', message: failureKey(made.reason) });
  };

  /** The ids an input is described by: its hint, if any, and its problem, if any. */
  const describedBy = (field: FormField, hint?: string) =>
    [hint, problemOf(field) === undefined ? undefined : idOf(`${field}-problem`)]
      .filter((id) => id !== undefined)
      .join(' ') || undefined;

  const problemText = (field: FormField) => {
    const problem = problemOf(field);
    if (problem === undefined) {
      return null;
    }
    return (
      <p id={idOf(`${field}-problem`)} className="field-problem">
        {t(problemKey(problem), 'min' in problem ? { min: problem.min, max: problem.max } : {})}
      </p>
    );
  };

  const invalid = (field: FormField) => (problemOf(field) === undefined ? undefined : true);

  const itemList = (
    field: 'statements' | 'questions',
    items: readonly { id: string; text: Record<'fi' | 'sv' | 'en', string> }[],
    count: { min: number; max: number },
  ) => (
    <fieldset className="choices">
      <legend>{t(`terminals.code.${field}`, { min: count.min, max: count.max })}</legend>
      {problemText(field)}
      {items.map((item, index) => (
        <label key={item.id} className="choice">
          <input
            type="checkbox"
            checked={form[field].includes(item.id)}
            aria-invalid={index === 0 ? invalid(field) : undefined}
            aria-describedby={index === 0 ? describedBy(field) : undefined}
            onChange={(event) =>
              update({
                [field]: event.target.checked
                  ? [...form[field], item.id]
                  : form[field].filter((id) => id !== item.id),
              })
            }
          />
          {item.text[language as 'fi' | 'sv' | 'en'] ?? item.text.fi}
        </label>
      ))}
    </fieldset>
  );

  return (
    <section className="code-section" aria-labelledby={idOf('heading')}>
      <h2 id={idOf('heading')}>{t('terminals.code.heading')}</h2>
      <p className="note">{t('terminals.code.intro')}</p>
      <form
        ref={formRef}
        className="code-form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (phase.kind !== 'sending') {
            void submit();
          }
        }}
      >
        <fieldset className="group">
          <legend>{t('terminals.code.unit')}</legend>
          <div className="choices inline">
            {(['existing', 'new'] as const).map((choice) => (
              <label key={choice} className="choice">
                <input
                  type="radio"
                  name={idOf('unit-choice')}
                  value={choice}
                  checked={form.unitChoice === choice}
                  disabled={choice === 'existing' && units.length === 0}
                  onChange={() => update({ unitChoice: choice })}
                />
                {t(`terminals.code.${choice}Unit`)}
              </label>
            ))}
          </div>
          {form.unitChoice === 'existing' ? (
            <div className="field">
              <label htmlFor={idOf('existingUnit')}>{t('terminals.code.pickUnit')}</label>
              <select
                id={idOf('existingUnit')}
                value={form.existingUnitId}
                aria-invalid={invalid('existingUnit')}
                aria-describedby={describedBy('existingUnit')}
                onChange={(event) => update({ existingUnitId: event.target.value })}
              >
                {unitOptions.map(({ unitId, label }) => (
                  <option key={unitId} value={unitId}>
                    {label}
                  </option>
                ))}
              </select>
              {problemText('existingUnit')}
            </div>
          ) : (
            <>
              <div className="field">
                <label htmlFor={idOf('newUnitId')}>{t('terminals.code.newUnitId')}</label>
                <span id={idOf('newUnitId-hint')} className="hint">
                  {t('terminals.code.newUnitIdHint')}
                </span>
                <input
                  id={idOf('newUnitId')}
                  type="text"
                  autoComplete="off"
                  spellCheck={false}
                  value={form.newUnitId}
                  aria-invalid={invalid('newUnitId')}
                  aria-describedby={describedBy('newUnitId', idOf('newUnitId-hint'))}
                  onChange={(event) => update({ newUnitId: event.target.value })}
                />
                {problemText('newUnitId')}
              </div>
              <fieldset className="names">
                <legend>{t('terminals.code.newUnitNames')}</legend>
                {problemText('newUnitName')}
                {NAME_LANGUAGES.map((nameLanguage, index) => (
                  <div key={nameLanguage} className="field">
                    <label htmlFor={idOf(`name-${nameLanguage}`)}>
                      {t(`terminals.code.nameIn.${nameLanguage}`)}
                    </label>
                    <input
                      id={idOf(`name-${nameLanguage}`)}
                      type="text"
                      lang={nameLanguage}
                      autoComplete="off"
                      value={form.newUnitName[nameLanguage]}
                      aria-invalid={index === 0 ? invalid('newUnitName') : undefined}
                      aria-describedby={index === 0 ? describedBy('newUnitName') : undefined}
                      onChange={(event) =>
                        update({
                          newUnitName: { ...form.newUnitName, [nameLanguage]: event.target.value },
                        })
                      }
                    />
                  </div>
                ))}
              </fieldset>
            </>
          )}
        </fieldset>

        <fieldset className="group">
          <legend>{t('terminals.code.template')}</legend>
          {problemText('template')}
          <div className="choices">
            {templates.templates.map((template, index) => (
              <div key={template.id} className="template-choice">
                <label className="choice">
                  <input
                    type="radio"
                    name={idOf('template')}
                    value={template.id}
                    checked={form.templateId === template.id}
                    aria-describedby={idOf(`template-${template.id}`)}
                    aria-invalid={index === 0 ? invalid('template') : undefined}
                    onChange={() => update({ templateId: template.id })}
                  />
                  <strong>
                    {template.name[language as 'fi' | 'sv' | 'en'] ?? template.name.fi}
                  </strong>
                </label>
                <span id={idOf(`template-${template.id}`)} className="hint">
                  {template.description[language as 'fi' | 'sv' | 'en'] ?? template.description.fi}
                </span>
              </div>
            ))}
          </div>
          {form.templateId === 'national' &&
            itemList(
              'statements',
              templates.national.statements,
              templates.national.statementCount,
            )}
          {form.templateId === 'children' &&
            itemList('questions', templates.children.questions, templates.children.questionCount)}
          <label className="choice">
            <input
              type="checkbox"
              checked={form.askRespondent}
              onChange={(event) => update({ askRespondent: event.target.checked })}
            />
            {t('terminals.code.askRespondent')}
          </label>
        </fieldset>

        <div className="field narrow">
          <label htmlFor={idOf('ttlHours')}>{t('terminals.code.ttlHours')}</label>
          <input
            id={idOf('ttlHours')}
            type="number"
            inputMode="numeric"
            min={1}
            step={1}
            value={form.ttlHours}
            aria-invalid={invalid('ttlHours')}
            aria-describedby={describedBy('ttlHours')}
            onChange={(event) => update({ ttlHours: event.target.value })}
          />
          {problemText('ttlHours')}
        </div>

        <div aria-live="polite">
          {problems.length > 0 && <p className="error">{t('terminals.code.checkFields')}</p>}
          {phase.kind === 'failed' && <p role="alert">{t(phase.message)}</p>}
        </div>
        <button type="submit" aria-disabled={phase.kind === 'sending'}>
          {t(phase.kind === 'sending' ? 'terminals.code.making' : 'terminals.code.make')}
        </button>
      </form>
      {phase.kind === 'made' && (
        <CodeResult key={phase.answer.code} answer={phase.answer} apiUrl={apiUrl} locale={locale} />
      )}
    </section>
  );
}
