import { isSuppressed, type PublicFigure } from '../../core/public-api';
import { renderSvg } from '../charts/svg';
import { escapeHtml } from '../html';
import { ACCENT, FONT_FAMILY, htmlDocument } from '../pdf/html';
import {
  count,
  fill,
  monthName,
  npsValue,
  percent,
  textIn,
  wordsFor,
  type ReportLanguage,
} from '../pdf/report-words';
import type { PosterData } from './poster-data';

/**
 * The wall poster as HTML: one A4 sheet, big type, black on white with one accent, in the
 * unit's languages (the first largest). The sheet is a fixed 297 mm box that hides what would
 * not fit, and the PDF keeps only its first page, so a unit's long name can never make two.
 */

/** The unit's name is set smaller the longer it is, and cut after three lines. */
const NAME_MAX_CHARS = 160;

function nameSize(name: string): string {
  if (name.length <= 28) {
    return '34pt';
  }
  if (name.length <= 56) {
    return '27pt';
  }
  return name.length <= 100 ? '21pt' : '17pt';
}

function clipped(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

/** A figure as the poster prints it: "87 %", "+42"; null when suppressed. */
function shown(figure: PublicFigure, measure: PosterData['measure'], lang: ReportLanguage) {
  if (isSuppressed(figure)) {
    return null;
  }
  return measure === 'nps' ? npsValue(figure.value, lang) : percent(figure.value, lang);
}

function intervalText(figure: PublicFigure, data: PosterData, lang: ReportLanguage): string {
  if (isSuppressed(figure)) {
    return '';
  }
  const bound = (value: number) =>
    data.measure === 'nps' ? npsValue(value, lang, 1) : percent(value, lang);
  return fill(wordsFor(lang).poster.interval, { low: bound(figure.low), high: bound(figure.high) });
}

function trendChart(data: PosterData, lang: ReportLanguage): string {
  const nps = data.measure === 'nps';
  const values = data.months.map((m) =>
    isSuppressed(m.figure) ? null : nps ? m.figure.value : Math.round(m.figure.value * 100),
  );
  const labels = data.months.map((m) => shown(m.figure, data.measure, lang) ?? '');
  return renderSvg(
    {
      textStyle: { fontFamily: FONT_FAMILY, color: '#000' },
      grid: { left: 56, right: 12, top: 30, bottom: 34 },
      xAxis: {
        type: 'category',
        data: data.months.map((m) => monthName(m.month, lang, 'short')),
        axisTick: { show: false },
        axisLine: { lineStyle: { color: '#000', width: 1.5 } },
        axisLabel: { color: '#000', fontSize: 16 },
      },
      yAxis: {
        type: 'value',
        min: nps ? -100 : 0,
        max: 100,
        interval: nps ? 50 : 25,
        axisLabel: { color: '#333', fontSize: 12, formatter: nps ? '{value}' : '{value} %' },
        splitLine: { lineStyle: { color: '#bbb', type: 'dashed' } },
      },
      series: [
        {
          type: 'bar',
          data: values,
          barWidth: '55%',
          itemStyle: { color: ACCENT },
          label: {
            show: true,
            position: 'top',
            color: '#000',
            fontSize: 17,
            fontWeight: 'bold',
            formatter: (params: { dataIndex: number }) => labels[params.dataIndex] ?? '',
          },
        },
      ],
    },
    { width: 680, height: 200 },
    'poster-trend',
  );
}

/** The chart's figures as a table: month, figure, answers (a figure below 5 answers is "few"). */
function trendTable(data: PosterData, lang: ReportLanguage): string {
  const words = wordsFor(lang).poster;
  const figureLabel = data.measure === 'nps' ? 'NPS' : '%';
  const row = (label: string, cells: readonly string[]) =>
    `<tr><th scope="row">${escapeHtml(label)}</th>${cells.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`;
  return [
    '<table class="trend"><thead>',
    `<tr><th scope="col">${escapeHtml(words.month)}</th>${data.months
      .map((m) => `<th scope="col">${escapeHtml(monthName(m.month, lang, 'short'))}</th>`)
      .join('')}</tr>`,
    '</thead><tbody>',
    row(
      figureLabel,
      data.months.map((m) => shown(m.figure, data.measure, lang) ?? words.few),
    ),
    row(
      words.n,
      data.months.map((m) => (m.n === null ? '–' : count(m.n, lang))),
    ),
    '</tbody></table>',
  ].join('');
}

const CSS = `
@page { size: A4; margin: 0; }
* { box-sizing: border-box; }
html, body { margin: 0; padding: 0; background: #fff; color: #000; font-family: ${FONT_FAMILY}; }
.sheet { width: 210mm; height: 297mm; overflow: hidden; padding: 0 16mm 11mm;
  display: flex; flex-direction: column; }
.sheet > * { flex: none; }
.rule { height: 5mm; background: ${ACCENT}; margin: 0 -16mm 8mm; }
h1 { margin: 0; font-weight: bold; line-height: 1.12; overflow-wrap: anywhere;
  display: -webkit-box; -webkit-box-orient: vertical; -webkit-line-clamp: 3; overflow: hidden; }
.also { margin: 1mm 0 0; font-size: 11pt; color: #333; white-space: nowrap; overflow: hidden;
  text-overflow: ellipsis; }
.month { margin: 3mm 0 0; font-size: 18pt; }
.month small { font-size: 12pt; color: #333; }
.result { margin: 6mm 0 0; padding: 3mm 0 3mm 7mm; border-left: 3mm solid ${ACCENT}; }
.figure { font-size: 74pt; font-weight: bold; line-height: 1; color: ${ACCENT}; }
.figure.few { font-size: 34pt; color: #000; line-height: 1.2; }
.measure { font-size: 21pt; margin-top: 2mm; }
.measure small { display: block; font-size: 12pt; color: #333; margin-top: 1mm; }
.interval { font-size: 14pt; margin-top: 3mm; }
.interval small { display: block; font-size: 10.5pt; color: #333; }
.question { font-size: 12pt; font-style: italic; margin-top: 3mm; color: #222;
  white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
h2 { font-size: 15pt; margin: 6mm 0 1mm; }
h2 small { font-weight: normal; font-size: 11pt; color: #333; }
.sheet > .chart { flex: 1 1 0; min-height: 32mm; max-height: 56mm; }
.chart svg { display: block; width: 100%; height: 100%; }
table.trend { width: 100%; border-collapse: collapse; font-size: 11pt; margin-top: 1mm; }
table.trend th, table.trend td { border-bottom: 0.3mm solid #999; padding: 1mm 1.5mm; text-align: center; }
table.trend th[scope="row"], table.trend thead th:first-child { text-align: left; font-weight: normal;
  color: #333; width: 30mm; }
.thanks { margin-top: auto; padding-top: 5mm; }
.thanks p { margin: 0; }
.thanks .main { font-size: 27pt; font-weight: bold; }
.thanks .other { font-size: 16pt; font-weight: bold; margin-top: 0.5mm; }
.thanks .lead { font-size: 11pt; color: #222; margin-top: 2mm; }
.foot { margin-top: 4mm; padding-top: 2.5mm; border-top: 0.4mm solid #000; font-size: 9.5pt; }
.foot .url { font-size: 13pt; font-weight: bold; overflow-wrap: anywhere; }
.foot p { margin: 0 0 1mm; }
`;

export type PosterPlace = {
  /** The server's public origin, for the public page's address. */
  origin: string;
};

export function posterHtml(data: PosterData, place: PosterPlace): string {
  const languages = data.languages;
  const [lang, ...others] = languages as [ReportLanguage, ...ReportLanguage[]];
  const words = wordsFor(lang).poster;
  const name = clipped(textIn(data.name, lang, data.unitId), NAME_MAX_CHARS);
  const otherNames = [
    ...new Set(others.map((l) => textIn(data.name, l, name)).filter((n) => n !== name)),
  ];
  const current = data.months[data.months.length - 1]!;
  const figure = shown(current.figure, data.measure, lang);
  const measureWord = (l: ReportLanguage) =>
    data.measure === 'nps' ? wordsFor(l).poster.nps : wordsFor(l).poster.positiveShare;
  const intervalLines = languages.map((l) => {
    const parts = [intervalText(current.figure, data, l)];
    if (current.n !== null) {
      parts.push(fill(wordsFor(l).poster.answers, { n: count(current.n, l) }));
    }
    return parts.filter((p) => p !== '').join(' · ');
  });
  const question = data.questionText === null ? null : textIn(data.questionText, lang, '');
  const otherLine = (pick: (l: ReportLanguage) => string) =>
    others.length === 0 ? '' : `<small>${escapeHtml(others.map(pick).join(' · '))}</small>`;
  const publicUrl = `${place.origin}/public/units/${encodeURIComponent(data.unitId)}`;

  const body = [
    '<main class="sheet">',
    '<div class="rule"></div>',
    `<h1 style="font-size:${nameSize(name)}">${escapeHtml(name)}</h1>`,
    ...otherNames.map((n) => `<p class="also">${escapeHtml(n)}</p>`),
    `<p class="month">${escapeHtml(monthName(data.month, lang, 'title'))} ${otherLine((l) => monthName(data.month, l, 'title'))}</p>`,
    '<section class="result">',
    figure === null
      ? `<div class="figure few">${escapeHtml(words.fewAnswers)}</div>` +
        (others.length === 0
          ? ''
          : `<div class="measure"><small>${escapeHtml(others.map((l) => wordsFor(l).poster.fewAnswers).join(' · '))}</small></div>`)
      : `<div class="figure">${escapeHtml(figure)}</div>` +
        `<div class="measure">${escapeHtml(measureWord(lang))} ${otherLine(measureWord)}</div>` +
        `<div class="interval">${escapeHtml(intervalLines[0] ?? '')} ${
          others.length === 0
            ? ''
            : `<small>${escapeHtml(intervalLines.slice(1).join(' · '))}</small>`
        }</div>`,
    question === null || question === ''
      ? ''
      : `<div class="question">${escapeHtml(question)}</div>`,
    '</section>',
    `<h2>${escapeHtml(words.trend)} ${otherLine((l) => wordsFor(l).poster.trend)}</h2>`,
    `<div class="chart">${trendChart(data, lang)}</div>`,
    trendTable(data, lang),
    '<section class="thanks">',
    `<p class="main">${escapeHtml(words.thanks)}</p>`,
    ...others.map((l) => `<p class="other">${escapeHtml(wordsFor(l).poster.thanks)}</p>`),
    `<p class="lead">${escapeHtml(languages.map((l) => wordsFor(l).poster.thanksLead).join(' '))}</p>`,
    '</section>',
    '<footer class="foot">',
    data.published
      ? `<p>${escapeHtml(languages.map((l) => wordsFor(l).poster.publicPage).join(' · '))}:</p>` +
        `<p class="url">${escapeHtml(publicUrl)}</p>`
      : '',
    `<p>${escapeHtml(languages.map((l) => wordsFor(l).poster.suppressedNote).join(' '))}</p>`,
    '</footer>',
    '</main>',
  ].join('\n');
  return htmlDocument({ language: lang, title: name, css: CSS, body });
}
