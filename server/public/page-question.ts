import {
  isSuppressed,
  type PublicFigure,
  type PublicQuestion,
  type PublicWeek,
} from '../../core/public-api';
import { pickLocalized, type PublicLanguage } from './language';
import { weeklyShareSvg } from './page-chart';
import { isoWeek, type PageFormat } from './page-format';
import { escapeHtml } from '../html';
import { inLanguage, langAttribute } from './page-html';
import { fill, fillHtml, type PublicTexts } from './page-texts';

/**
 * One question of the public page: its headline figures in words, the weekly chart with the
 * sentence that says what it shows, and the table the chart draws. A suppressed figure is
 * said to be hidden, never given a number.
 */

type Shown = Exclude<PublicFigure, { suppressed: true }>;

export type QuestionContext = {
  language: PublicLanguage;
  texts: PublicTexts;
  f: PageFormat;
};

function shown(figure: PublicFigure | undefined): Shown | undefined {
  return figure === undefined || isSuppressed(figure) ? undefined : figure;
}

/** A week is shown only with its count and its share; otherwise every figure of it is hidden. */
function weekShare(week: PublicWeek): Shown | undefined {
  return week.n === null ? undefined : shown(week.positiveShare);
}

function headlines(question: PublicQuestion, { texts, f }: QuestionContext): string[] {
  const share = question.n === null ? undefined : shown(question.positiveShare);
  const lines = [
    share === undefined || question.n === null
      ? texts.question.shareSuppressed
      : fill(texts.question.share, {
          share: f.percent(share.value),
          range: f.percentRange(share.low, share.high),
          answers: fill(texts.question.answers, { count: f.count(question.n) }),
        }),
  ];
  if (question.nps !== undefined) {
    const nps = question.n === null ? undefined : shown(question.nps);
    lines.push(
      nps === undefined
        ? texts.question.npsSuppressed
        : fill(texts.question.nps, { nps: f.nps(nps.value), range: f.npsRange(nps.low, nps.high) }),
    );
  }
  return lines;
}

/** What the chart shows, in words: the first and last week shown, and how many are hidden. */
export function chartSummary(weeks: readonly PublicWeek[], { texts, f }: QuestionContext): string {
  const visible = weeks.flatMap((week) => {
    const share = weekShare(week);
    return share === undefined ? [] : [{ week, share }];
  });
  const first = visible[0];
  const last = visible.at(-1);
  if (first === undefined || last === undefined) {
    return texts.chart.summaryNone;
  }
  const trend =
    visible.length === 1
      ? fill(texts.chart.summaryOne, {
          week: f.week(first.week.start),
          value: f.percent(first.share.value),
        })
      : fill(texts.chart.summary, {
          firstWeek: f.week(first.week.start),
          first: f.percent(first.share.value),
          lastWeek: f.week(last.week.start),
          last: f.percent(last.share.value),
        });
  const hidden = weeks.length - visible.length;
  const counted = { hidden, weeks: weeks.length };
  const said =
    hidden === 0
      ? texts.chart.hiddenNone
      : hidden === 1
        ? texts.chart.hiddenOne
        : texts.chart.hiddenMany;
  return `${trend} ${fill(said, counted)}`;
}

/** `2026-W36`, the HTML form of an ISO week. */
function weekDatetime(monday: string): string {
  const { week, year } = isoWeek(monday);
  return `${year}-W${String(week).padStart(2, '0')}`;
}

function unbroken(text: string): string {
  return `<span class="nw">${escapeHtml(text)}</span>`;
}

function capitalised(text: string, language: PublicLanguage): string {
  return `${text.charAt(0).toLocaleUpperCase(language)}${text.slice(1)}`;
}

function weekRow(week: PublicWeek, withNps: boolean, { texts, f, language }: QuestionContext) {
  const name = escapeHtml(capitalised(f.week(week.start), language));
  const label = `<th scope="row"><time datetime="${weekDatetime(week.start)}">${name}</time></th>`;
  const share = weekShare(week);
  if (share === undefined || week.n === null) {
    const hidden = escapeHtml(texts.chart.hidden);
    return `<tr>${label}<td colspan="${withNps ? 3 : 2}" class="hidden">${hidden}</td></tr>`;
  }
  // Each number whole on its line: a narrow screen breaks the cell only before its interval.
  const figure = (value: string, range: string) =>
    fillHtml(texts.chart.figure, { value: unbroken(value), range: unbroken(range) }, escapeHtml);
  const cells = [
    escapeHtml(f.count(week.n)),
    figure(f.percent(share.value), f.percentRange(share.low, share.high)),
  ];
  if (withNps) {
    const nps = shown(week.nps);
    cells.push(
      nps === undefined
        ? escapeHtml(texts.chart.notShown)
        : figure(f.nps(nps.value), f.npsRange(nps.low, nps.high)),
    );
  }
  const tds = cells.map((cell) => `<td class="number">${cell}</td>`).join('');
  return `<tr>${label}${tds}</tr>`;
}

/** The section of one question; `index` names its ids (`q1`, and `q1c-c0`… in its chart). */
export function questionSection(
  question: PublicQuestion,
  index: number,
  ctx: QuestionContext,
): string {
  const { language, texts, f } = ctx;
  const id = `q${index + 1}`;
  const text = pickLocalized(question.text, language) ?? {
    text: question.questionId,
    lang: language,
  };
  const withNps = question.nps !== undefined;
  const anyShown = question.weeks.some((week) => weekShare(week) !== undefined);
  const chart = anyShown
    ? `<div class="chart">${weeklyShareSvg(question.weeks, f, `${id}c`)}</div>`
    : '';
  const columns = [
    `<th scope="col">${escapeHtml(texts.chart.weekColumn)}</th>`,
    ...[texts.chart.answersColumn, texts.chart.shareColumn]
      .concat(withNps ? [texts.chart.npsColumn] : [])
      .map((label) => `<th scope="col" class="number">${escapeHtml(label)}</th>`),
  ].join('');
  const caption = fillHtml(
    texts.chart.caption,
    { question: inLanguage(text, language) },
    escapeHtml,
  );
  const note = `<span class="note">${escapeHtml(texts.chart.intervalNote)}</span>`;
  const rows = question.weeks.map((week) => weekRow(week, withNps, ctx)).join('\n');
  return [
    `<section aria-labelledby="${id}">`,
    `<h2 id="${id}"${langAttribute(text, language)}>${escapeHtml(text.text)}</h2>`,
    ...headlines(question, ctx).map((line) => `<p class="headline">${escapeHtml(line)}</p>`),
    `<h3>${escapeHtml(texts.chart.title)}</h3>`,
    `<figure>${chart}<figcaption class="summary">${escapeHtml(chartSummary(question.weeks, ctx))}</figcaption></figure>`,
    // Its own scroll (and so a tab stop) should a narrow screen not hold it: the page never does.
    `<div class="table" role="region" aria-labelledby="${id}t" tabindex="0">`,
    `<table><caption id="${id}t">${caption} ${note}</caption>`,
    `<thead><tr>${columns}</tr></thead>`,
    `<tbody>\n${rows}\n</tbody>`,
    '</table>',
    '</div>',
    '</section>',
  ].join('\n');
}
