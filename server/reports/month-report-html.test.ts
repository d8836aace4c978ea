import { describe, expect, it } from 'vitest';
import { wilson } from '../../core/intervals';
import type { UnitReport } from '../../core/reports-api';
import type { MonthReportData } from './month-report-data';
import { monthReportFooter, monthReportHtml } from './month-report-html';

/** The monthly report's HTML without a browser: a comment's text only when the data holds it. */

const FIRST: UnitReport = {
  unitId: 'khks-lapset',
  questionId: 'overall',
  scale: 'smiley4',
  from: '2026-10-31T22:00:00.000Z',
  to: '2026-11-30T22:00:00.000Z',
  timeZone: 'Europe/Helsinki',
  n: 5,
  byValue: { '1': 1, '2': 0, '3': 0, '4': 4 },
  mean: 3.4,
  positiveShare: wilson(4, 5),
  negativeShare: wilson(1, 5),
  excluded: { repeat: 0, test: 0 },
  weeks: [],
  heatmap: [{ weekday: 2, hour: 12, n: 5, positiveShare: wilson(4, 5) }],
  followUps: [],
  respondents: { patient: 0, relative: 0, other: 0, unknown: 5 },
};

function data(comments: MonthReportData['comments']): MonthReportData {
  return {
    unitId: 'khks-lapset',
    name: { fi: 'Lasten <yksikkö>' },
    timeZone: 'Europe/Helsinki',
    month: '2026-11',
    madeAt: '2026-12-01T05:00:00.000Z',
    questions: [
      {
        questionId: 'overall',
        text: { en: 'How was your visit?' },
        scale: 'smiley4',
        n: 5,
        positiveShare: wilson(4, 5),
        negativeShare: wilson(1, 5),
      },
    ],
    first: FIRST,
    trend: [{ month: '2026-11', n: 5, positive: 4, positiveShare: wilson(4, 5) }],
    feedback: { total: 1, new: 1, read: 0, handled: 0, contacts: 0, overdue: 0 },
    comments,
  };
}

const COMMENT = 'Hoitaja <b>Virtanen</b> & muut';

describe('the monthly report’s HTML', () => {
  it('says the comments are left out when they were not asked for', () => {
    const html = monthReportHtml(data(null), 'en');
    expect(html).toContain('The comments&#39; text is not in this report');
    expect(html).toContain('Lasten &lt;yksikkö&gt;');
    expect(html).toContain('How was your visit?');
    expect(html).toContain('80% (38%–96%)');
  });

  it('lists a comment escaped when it was asked for', () => {
    const html = monthReportHtml(
      data({
        items: [
          {
            answeredAt: '2026-11-03 12:00',
            questionId: 'overall',
            value: 1,
            comment: COMMENT,
            state: 'new',
          },
        ],
        more: false,
      }),
      'fi',
    );
    expect(html).toContain('Hoitaja &lt;b&gt;Virtanen&lt;/b&gt; &amp; muut');
    expect(html).not.toContain('<b>Virtanen');
    expect(monthReportFooter(data(null), 'fi')).toBe('Hymy – Lasten <yksikkö> – marraskuu 2026');
  });
});
