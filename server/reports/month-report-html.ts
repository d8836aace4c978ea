import { wilson } from '../../core/intervals';
import type { Scale } from '../../core/scales';
import { escapeHtml } from '../html';
import { ACCENT, FONT_FAMILY, htmlDocument } from '../pdf/html';
import {
  count,
  fill,
  monthName,
  npsWithInterval,
  shareWithInterval,
  textIn,
  weekdayName,
  wordsFor,
  type ReportLanguage,
} from '../pdf/report-words';
import { heatmapChart, trendChart } from './month-report-charts';
import type { MonthReportData } from './month-report-data';

/**
 * The monthly report as HTML, for a unit's managers: A4 pages, the footer (with page numbers)
 * drawn by the renderer. Every text from the database is escaped; a comment's text is in it
 * only when the data holds the comments, which the route gives only when they were asked for.
 */

const CSS = `
@page { size: A4; }
* { box-sizing: border-box; }
html, body { margin: 0; padding: 0; background: #fff; color: #000; font-family: ${FONT_FAMILY};
  font-size: 9.5pt; line-height: 1.35; }
header { border-top: 3mm solid ${ACCENT}; padding-top: 4mm; }
h1 { font-size: 20pt; margin: 0; overflow-wrap: anywhere; }
.kind { font-size: 12pt; margin: 1mm 0 0; color: ${ACCENT}; font-weight: bold; }
.made, .note { color: #333; margin: 1.5mm 0 0; }
h2 { font-size: 13pt; margin: 7mm 0 2mm; border-bottom: 0.4mm solid #000; padding-bottom: 1mm;
  break-after: avoid-page; overflow-wrap: anywhere; }
section { break-inside: auto; }
section.keep { break-inside: avoid-page; }
table { width: 100%; border-collapse: collapse; margin: 1mm 0 2mm; }
thead { display: table-header-group; }
tr { break-inside: avoid-page; }
th, td { text-align: left; vertical-align: top; padding: 1mm 1.5mm; border-bottom: 0.25mm solid #bbb; }
th { font-weight: bold; border-bottom: 0.4mm solid #000; }
td.num, th.num { text-align: right; white-space: nowrap; }
.question-id { font-family: 'DejaVu Sans Mono', monospace; font-size: 8.5pt; color: #333; }
.chart svg { display: block; width: 100%; height: auto; }
.summary { margin: 1mm 0 2mm; }
.counts th { font-weight: normal; border-bottom: 0.25mm solid #bbb; width: 75%; }
.comment { white-space: pre-wrap; overflow-wrap: anywhere; }
.muted { color: #444; }
`;

function questionCell(questionId: string, text: string | null, scale?: string): string {
  const id =
    `<span class="question-id">${escapeHtml(questionId)}</span>` +
    (scale === undefined ? '' : ` <span class="muted">· ${escapeHtml(scale)}</span>`);
  return text === null || text === '' ? id : `${escapeHtml(text)}<br>${id}`;
}

/** Table rows whose number cells are right-aligned (`td.num`). */
function numberedTable(
  head: readonly { text: string; num?: boolean }[],
  rows: readonly (readonly string[])[],
  className = '',
): string {
  const cls = className === '' ? '' : ` class="${className}"`;
  const th = head
    .map((h) => `<th scope="col"${h.num === true ? ' class="num"' : ''}>${escapeHtml(h.text)}</th>`)
    .join('');
  const body = rows
    .map(
      (row) =>
        `<tr>${row.map((cell, i) => `<td${head[i]?.num === true ? ' class="num"' : ''}>${cell}</td>`).join('')}</tr>`,
    )
    .join('');
  return `<table${cls}><thead><tr>${th}</tr></thead><tbody>${body}</tbody></table>`;
}

function questionsSection(data: MonthReportData, lang: ReportLanguage): string {
  const w = wordsFor(lang).report;
  const scaleName = (scale: Scale) => w.scale[scale];
  const withNps = data.questions.some((q) => q.scale === 'nps11');
  const rows = data.questions.map((q) => [
    questionCell(
      q.questionId,
      q.text === undefined ? null : textIn(q.text, lang, ''),
      scaleName(q.scale),
    ),
    escapeHtml(count(q.n, lang)),
    escapeHtml(shareWithInterval(q.positiveShare, lang)),
    escapeHtml(shareWithInterval(q.negativeShare, lang)),
    ...(withNps
      ? [escapeHtml(q.scale === 'nps11' ? npsWithInterval(q.nps ?? null, lang) : '')]
      : []),
  ]);
  return [
    `<section><h2>${escapeHtml(w.questions.heading)}</h2>`,
    rows.length === 0
      ? `<p>${escapeHtml(w.questions.none)}</p>`
      : numberedTable(
          [
            { text: w.questions.question },
            { text: w.questions.n, num: true },
            { text: w.questions.positive, num: true },
            { text: w.questions.negative, num: true },
            ...(withNps ? [{ text: w.questions.nps, num: true }] : []),
          ],
          rows,
        ),
    '</section>',
  ].join('');
}

function firstQuestionName(data: MonthReportData, lang: ReportLanguage): string {
  const id = data.first.questionId ?? '';
  const found = data.questions.find((q) => q.questionId === id);
  const text = found?.text === undefined ? '' : textIn(found.text, lang, '');
  return text === '' ? id : `${text} (${id})`;
}

function trendSection(data: MonthReportData, lang: ReportLanguage): string {
  const w = wordsFor(lang).report;
  const withNps = data.first.scale === 'nps11';
  const total = data.trend.reduce(
    (sum, row) => ({
      n: sum.n + row.n,
      positive: sum.positive + row.positive,
    }),
    { n: 0, positive: 0 },
  );
  const heading = fill(w.trend.heading, { question: firstQuestionName(data, lang) });
  if (total.n === 0) {
    return `<section class="keep"><h2>${escapeHtml(heading)}</h2><p>${escapeHtml(w.trend.none)}</p></section>`;
  }
  const rows = data.trend.map((row) => [
    escapeHtml(monthName(row.month, lang, 'title')),
    escapeHtml(count(row.n, lang)),
    escapeHtml(shareWithInterval(row.positiveShare, lang)),
    ...(withNps ? [escapeHtml(npsWithInterval(row.nps ?? null, lang))] : []),
  ]);
  return [
    `<section><div class="keep"><h2>${escapeHtml(heading)}</h2>`,
    `<div class="chart">${trendChart(data.trend, lang)}</div>`,
    `<p class="summary">${escapeHtml(
      fill(w.trend.summary, {
        n: count(total.n, lang),
        share: shareWithInterval(wilson(total.positive, total.n), lang),
      }),
    )}</p></div>`,
    numberedTable(
      [
        { text: w.trend.month },
        { text: w.questions.n, num: true },
        { text: w.questions.positive, num: true },
        ...(withNps ? [{ text: w.questions.nps, num: true }] : []),
      ],
      rows,
    ),
    '</section>',
  ].join('');
}

function heatmapSection(data: MonthReportData, lang: ReportLanguage): string {
  const w = wordsFor(lang).report;
  const cells = data.first.heatmap;
  const heading = `<h2>${escapeHtml(w.heatmap.heading)}</h2>`;
  if (cells.length === 0) {
    return `<section class="keep">${heading}<p>${escapeHtml(w.heatmap.none)}</p></section>`;
  }
  const busiest = cells.reduce((best, cell) => (cell.n > best.n ? cell : best));
  // Each weekday's totals: a cell's positives are its share of its n (4 decimals: exact).
  const days = Array.from({ length: 7 }, (_, i) => {
    const mine = cells.filter((cell) => cell.weekday === i + 1);
    const n = mine.reduce((sum, cell) => sum + cell.n, 0);
    const positive = mine.reduce(
      (sum, cell) => sum + Math.round((cell.positiveShare?.value ?? 0) * cell.n),
      0,
    );
    return [
      escapeHtml(weekdayName(i + 1, lang)),
      escapeHtml(count(n, lang)),
      escapeHtml(shareWithInterval(wilson(positive, n), lang)),
    ];
  });
  return [
    `<section class="keep">${heading}`,
    `<p class="note">${escapeHtml(w.heatmap.key)}</p>`,
    `<div class="chart">${heatmapChart(cells, lang)}</div>`,
    `<p class="summary">${escapeHtml(
      fill(w.heatmap.summary, {
        n: count(busiest.n, lang),
        weekday: weekdayName(busiest.weekday, lang),
        hour: `${String(busiest.hour).padStart(2, '0')}`,
        cells: count(cells.length, lang),
      }),
    )}</p>`,
    numberedTable(
      [
        { text: w.heatmap.weekday },
        { text: w.questions.n, num: true },
        { text: w.questions.positive, num: true },
      ],
      days,
    ),
    '</section>',
  ].join('');
}

function followUpsSection(data: MonthReportData, lang: ReportLanguage): string {
  const w = wordsFor(lang).report.followUps;
  const heading = `<h2>${escapeHtml(w.heading)}</h2>`;
  if (data.first.followUps.length === 0) {
    return `<section class="keep">${heading}<p>${escapeHtml(w.none)}</p></section>`;
  }
  const rows = data.first.followUps.map((reason) => [
    `<span class="question-id">${escapeHtml(reason.questionId)}</span>`,
    questionCell(reason.value, reason.text ? textIn(reason.text, lang, '') : null),
    escapeHtml(count(reason.n, lang)),
  ]);
  return `<section>${heading}${numberedTable(
    [{ text: w.question }, { text: w.reason }, { text: w.n, num: true }],
    rows,
  )}</section>`;
}

function feedbackSection(data: MonthReportData, lang: ReportLanguage): string {
  const w = wordsFor(lang).report.feedback;
  const f = data.feedback;
  const rows: [string, number][] = [
    [w.total, f.total],
    [w.new, f.new],
    [w.read, f.read],
    [w.handled, f.handled],
    [w.contacts, f.contacts],
    [w.overdue, f.overdue],
  ];
  return [
    `<section class="keep"><h2>${escapeHtml(w.heading)}</h2>`,
    `<p>${escapeHtml(w.lead)}</p>`,
    `<table class="counts"><tbody>${rows
      .map(
        ([label, n]) =>
          `<tr><th scope="row">${escapeHtml(label)}</th><td class="num">${escapeHtml(count(n, lang))}</td></tr>`,
      )
      .join('')}</tbody></table>`,
    '</section>',
  ].join('');
}

function commentsSection(data: MonthReportData, lang: ReportLanguage): string {
  const w = wordsFor(lang).report;
  const heading = `<h2>${escapeHtml(w.comments.heading)}</h2>`;
  const comments = data.comments;
  if (comments === null) {
    return `<section class="keep">${heading}<p class="muted">${escapeHtml(w.comments.hidden)}</p></section>`;
  }
  if (comments.items.length === 0) {
    return `<section class="keep">${heading}<p>${escapeHtml(w.comments.none)}</p></section>`;
  }
  const rows = comments.items.map((item) => [
    `<span class="num">${escapeHtml(item.answeredAt)}</span>`,
    `${escapeHtml(String(item.value))} <span class="question-id">${escapeHtml(item.questionId)}</span>`,
    `<span class="comment">${escapeHtml(item.comment)}</span>`,
    escapeHtml(w.state[item.state]),
  ]);
  return [
    `<section>${heading}`,
    comments.more
      ? `<p class="muted">${escapeHtml(fill(w.comments.more, { shown: comments.items.length }))}</p>`
      : '',
    numberedTable(
      [
        { text: w.comments.answeredAt },
        { text: w.comments.value },
        { text: w.comments.comment },
        { text: w.comments.state },
      ],
      rows,
    ),
    '</section>',
  ].join('');
}

/** The footer line the renderer prints on every page beside the page numbers. */
export function monthReportFooter(data: MonthReportData, lang: ReportLanguage): string {
  return fill(wordsFor(lang).report.footer, {
    unit: textIn(data.name, lang, data.unitId).slice(0, 80),
    month: monthName(data.month, lang, 'long'),
  });
}

export function monthReportHtml(data: MonthReportData, lang: ReportLanguage): string {
  const w = wordsFor(lang).report;
  const name = textIn(data.name, lang, data.unitId);
  const month = monthName(data.month, lang, 'long');
  const made = new Intl.DateTimeFormat(lang, {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: data.timeZone,
  }).format(new Date(data.madeAt));
  const body = [
    '<header>',
    `<h1>${escapeHtml(name)}</h1>`,
    `<p class="kind">${escapeHtml(`${w.title} – ${month}`)}</p>`,
    `<p class="made">${escapeHtml(fill(w.made, { date: made, timeZone: data.timeZone }))}</p>`,
    `<p class="note">${escapeHtml(w.intervalNote)}</p>`,
    '</header>',
    questionsSection(data, lang),
    data.first.questionId === null ? '' : trendSection(data, lang),
    data.first.questionId === null ? '' : heatmapSection(data, lang),
    data.first.questionId === null ? '' : followUpsSection(data, lang),
    feedbackSection(data, lang),
    commentsSection(data, lang),
  ].join('\n');
  return htmlDocument({ language: lang, title: `${w.title} – ${name} – ${month}`, css: CSS, body });
}

/** The report's margins: room at the foot for the page numbers. */
export const MONTH_REPORT_MARGIN = { top: '14mm', right: '15mm', bottom: '16mm', left: '15mm' };
