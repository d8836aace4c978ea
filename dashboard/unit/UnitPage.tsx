import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { loadCharts } from '../charts/load';
import { formatters, unitName } from '../format';
import { DEFAULT_PERIOD, periodRange, type Period } from '../period';
import { PeriodPicker } from '../PeriodPicker';
import { PublicSection } from '../public/PublicSection';
import type { PageProps } from '../shell/page';
import { routeHash } from '../shell/route';
import { useReport } from '../use-report';
import { answersCsvHref, fetchUnitQuestions, fetchUnitReport, type ReportRespondent } from './api';
import { failureKey } from './failure';
import { UnitResults } from './UnitResults';
import './unit.css';

const RESPONDENTS = ['all', 'patient', 'relative', 'other', 'unknown'] as const;
type RespondentChoice = (typeof RESPONDENTS)[number];

type Selection = {
  period: Period;
  range: { from: string; to: string };
  /** Undefined: the unit's first question, as the server picks it. */
  questionId: string | undefined;
  respondent: RespondentChoice;
};

/** What an answer is for: another selection shows as loading until its own answer comes. */
function reportKey(s: Selection): string {
  return JSON.stringify([s.range, s.questionId ?? null, s.respondent]);
}

/**
 * One unit's page: its figures for one question over a period, who answered, and the charts
 * (weekly trend, distribution, hour × weekday, follow-up reasons), with the pickers that choose
 * what is shown and the unit's answers as CSV. The report and the list of questions are asked
 * for at once, and ECharts is fetched meanwhile. Below them, once a report has come (so the unit
 * is one the account may see), its public results, "You said, we did" notes and PDFs.
 */
/** `now` tells the time (tests pass their own; the page reads the clock otherwise). */
export function UnitPage({
  unitId,
  me,
  onSignedOut,
  now = () => new Date(),
}: PageProps & { unitId: string; now?: () => Date }) {
  const { t, i18n } = useTranslation();
  const f = formatters(i18n.language);
  const questionLabelId = useId();
  const [selection, setSelection] = useState<Selection>(() => ({
    period: DEFAULT_PERIOD,
    range: periodRange(DEFAULT_PERIOD, now()),
    questionId: undefined,
    respondent: 'all',
  }));
  const { range } = selection;
  const respondent: ReportRespondent | undefined =
    selection.respondent === 'all' ? undefined : selection.respondent;
  // The unit is in neither key: the page is mounted afresh for another unit.
  const { shown: currentReport, last: known } = useReport(
    reportKey(selection),
    () => fetchUnitReport(unitId, { ...range, questionId: selection.questionId, respondent }),
    onSignedOut,
  );
  const { shown: currentQuestions } = useReport(
    JSON.stringify(range),
    () => fetchUnitQuestions(unitId, range),
    onSignedOut,
  );
  // `known`, the last report that came, names the unit while the next one loads.
  const name = known?.name === undefined ? unitId : unitName(known.name, i18n.language, unitId);

  useEffect(() => {
    document.title = t('unit.title', { name });
  }, [t, name]);

  useEffect(() => {
    loadCharts().catch(() => {
      // The charts will try again when they mount; their tables need nothing of it.
    });
  }, []);

  const choosePeriod = (period: Period) =>
    setSelection((s) => ({ ...s, period, range: periodRange(period, now()) }));
  const questionList = currentQuestions.kind === 'ready' ? currentQuestions.value : [];
  /** A question in the survey's words in the page's language, else by its id. */
  const questionName = (questionId: string | null): string | undefined => {
    if (questionId === null) {
      return undefined;
    }
    const text = questionList.find((question) => question.questionId === questionId)?.text;
    return text ? unitName(text, i18n.language, questionId) : questionId;
  };
  const questionShown =
    selection.questionId ??
    (currentReport.kind === 'ready' ? currentReport.value.questionId : null) ??
    known?.questionId ??
    questionList[0]?.questionId ??
    '';

  return (
    <>
      <p className="back">
        <a href={routeHash({ page: 'units' })}>
          <span aria-hidden="true">← </span>
          {t('unit.back')}
        </a>
      </p>
      <h1>{name}</h1>
      <div className="unit-controls">
        <PeriodPicker name="unit-period" period={selection.period} onChange={choosePeriod} />
        {questionList.length > 0 && (
          <div className="field">
            <label htmlFor={questionLabelId}>{t('unit.question')}</label>
            <select
              id={questionLabelId}
              value={questionShown}
              onChange={(event) => setSelection((s) => ({ ...s, questionId: event.target.value }))}
            >
              {questionList.map((question) => (
                <option key={question.questionId} value={question.questionId}>
                  {t('unit.questionOption', {
                    question: questionName(question.questionId),
                    scale: t(`unit.scale.${question.scale}`),
                    n: f.count(question.n),
                  })}
                </option>
              ))}
            </select>
          </div>
        )}
        {currentQuestions.kind === 'failed' && currentReport.kind !== 'failed' && (
          <p role="alert">{t('unit.questionsFailed')}</p>
        )}
        <fieldset className="period">
          <legend>{t('unit.respondents')}</legend>
          {RESPONDENTS.map((value) => (
            <label key={value}>
              <input
                type="radio"
                name="unit-respondent"
                value={value}
                checked={selection.respondent === value}
                onChange={() => setSelection((s) => ({ ...s, respondent: value }))}
              />
              {t(`unit.respondent.${value}`)}
            </label>
          ))}
        </fieldset>
      </div>
      <p className="download">
        <a href={answersCsvHref(unitId, selection.range)} download>
          {t('unit.csv', { period: t(`period.${selection.period}`) })}
        </a>
      </p>
      <div aria-live="polite" aria-busy={currentReport.kind === 'loading'}>
        {currentReport.kind === 'loading' && <p role="status">{t('unit.loading')}</p>}
        {currentReport.kind === 'failed' && (
          <p role="alert">{t(failureKey(currentReport.reason))}</p>
        )}
      </div>
      {currentReport.kind === 'ready' && (
        <UnitResults
          report={currentReport.value}
          questionName={questionName(currentReport.value.questionId)}
        />
      )}
      {known !== null && (
        <PublicSection
          unitId={unitId}
          unitName={name}
          me={me}
          isPublic={known.public ?? false}
          timeZone={known.timeZone}
          onSignedOut={onSignedOut}
          now={now}
        />
      )}
    </>
  );
}
