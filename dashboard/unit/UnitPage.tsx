import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UnitQuestions, UnitReport } from '../../core/reports-api';
import { loadCharts } from '../charts/load';
import { formatters, unitName } from '../format';
import { DEFAULT_PERIOD, PERIODS, periodRange, type Period } from '../period';
import type { PageProps } from '../shell/page';
import { routeHash } from '../shell/route';
import {
  answersCsvHref,
  fetchUnitQuestions,
  fetchUnitReport,
  type ReportRespondent,
  type UnitFailure,
  type UnitResult,
} from './api';
import { failureKey } from './failure';
import { UnitResults } from './UnitResults';
import './unit.css';

type Load<T> =
  { kind: 'loading' } | { kind: 'ready'; value: T } | { kind: 'failed'; reason: UnitFailure };
type Answer<T> = { key: string; load: Load<T> };

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
function questionsKey(range: Selection['range']): string {
  return JSON.stringify(range);
}

/** What a page shows for an answer; null when the session has ended (the sign-in page's turn). */
function loadOf<T>(result: UnitResult<T>): Load<T> | null {
  if (result.ok) {
    return { kind: 'ready', value: result.value };
  }
  return result.reason === 'unauthorized' ? null : { kind: 'failed', reason: result.reason };
}

function shown<T>(answer: Answer<T> | null, key: string): Load<T> {
  return answer !== null && answer.key === key ? answer.load : { kind: 'loading' };
}

/**
 * One unit's page: its figures for one question over a period, who answered, and the charts
 * (weekly trend, distribution, hour × weekday, follow-up reasons), with the pickers that choose
 * what is shown and the unit's answers as CSV. The report and the list of questions are asked
 * for at once, and ECharts is fetched meanwhile.
 */
export function UnitPage({ unitId, onSignedOut }: PageProps & { unitId: string }) {
  const { t, i18n } = useTranslation();
  const f = formatters(i18n.language);
  const questionLabelId = useId();
  const [selection, setSelection] = useState<Selection>(() => ({
    period: DEFAULT_PERIOD,
    range: periodRange(DEFAULT_PERIOD, new Date()),
    questionId: undefined,
    respondent: 'all',
  }));
  const [report, setReport] = useState<Answer<UnitReport> | null>(null);
  const [questions, setQuestions] = useState<Answer<UnitQuestions> | null>(null);
  // The last report that came, for the unit's name while the next one loads.
  const [known, setKnown] = useState<UnitReport | null>(null);

  const currentReport = shown(report, reportKey(selection));
  const currentQuestions = shown(questions, questionsKey(selection.range));
  const name = known?.name === undefined ? unitId : unitName(known.name, i18n.language, unitId);

  useEffect(() => {
    document.title = t('unit.title', { name });
  }, [t, name]);

  useEffect(() => {
    loadCharts().catch(() => {
      // The charts will try again when they mount; their tables need nothing of it.
    });
  }, []);

  useEffect(() => {
    let live = true;
    const key = reportKey(selection);
    const respondent: ReportRespondent | undefined =
      selection.respondent === 'all' ? undefined : selection.respondent;
    void fetchUnitReport(unitId, {
      ...selection.range,
      questionId: selection.questionId,
      respondent,
    }).then((result) => {
      if (!live) {
        return;
      }
      const load = loadOf(result);
      if (load === null) {
        onSignedOut();
        return;
      }
      setReport({ key, load });
      if (load.kind === 'ready') {
        setKnown(load.value);
      }
    });
    return () => {
      live = false;
    };
  }, [unitId, selection, onSignedOut]);

  const { range } = selection;
  useEffect(() => {
    let live = true;
    void fetchUnitQuestions(unitId, range).then((result) => {
      if (!live) {
        return;
      }
      const load = loadOf(result);
      if (load === null) {
        onSignedOut();
      } else {
        setQuestions({ key: questionsKey(range), load });
      }
    });
    return () => {
      live = false;
    };
  }, [unitId, range, onSignedOut]);

  const choosePeriod = (period: Period) =>
    setSelection((s) => ({ ...s, period, range: periodRange(period, new Date()) }));
  const questionList = currentQuestions.kind === 'ready' ? currentQuestions.value : [];
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
        <fieldset className="period">
          <legend>{t('period.legend')}</legend>
          {PERIODS.map((value) => (
            <label key={value}>
              <input
                type="radio"
                name="unit-period"
                value={value}
                checked={selection.period === value}
                onChange={() => choosePeriod(value)}
              />
              {t(`period.${value}`)}
            </label>
          ))}
        </fieldset>
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
                    question: question.questionId,
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
      {currentReport.kind === 'ready' && <UnitResults report={currentReport.value} />}
    </>
  );
}
