import type { Interval } from '../../core/intervals';
import { count, fill, monthName, npsValue, percent, wordsFor } from '../pdf/report-words';
import { mailFooter, mailHtml, oneLine, type ComposedMail, type MailLanguage } from './texts';

/**
 * The monthly report's mail: the month's headline figures of one unit's first question, in the
 * account's language, as text and as escaped HTML; the report itself goes with it as a PDF.
 * Counts and shares only: never a comment's text.
 */

export type MonthlyMailFacts = {
  unitName: string;
  /** `YYYY-MM`. */
  month: string;
  /** The first question's words, when its survey gives any. */
  question: string | null;
  n: number;
  positiveShare: Interval | null;
  /** nps11 only. */
  nps?: Interval | null | undefined;
  /** Comments and contact requests given in the month. */
  feedback: number;
  /** The unit's page on the dashboard. */
  link: string;
};

export function monthlyMail(language: MailLanguage, facts: MonthlyMailFacts): ComposedMail {
  const w = wordsFor(language).mail;
  const month = monthName(facts.month, language, 'long');
  const lines = [fill(w.lead, { unit: facts.unitName, month })];
  if (facts.question !== null) {
    lines.push(fill(w.question, { question: facts.question }));
  }
  if (facts.n === 0 || facts.positiveShare === null) {
    lines.push(w.noAnswers);
  } else {
    lines.push(fill(w.answers, { n: count(facts.n, language) }));
    const share = facts.positiveShare;
    lines.push(
      fill(w.positive, {
        value: percent(share.value, language),
        low: percent(share.low, language),
        high: percent(share.high, language),
      }),
    );
    if (facts.nps !== undefined && facts.nps !== null) {
      lines.push(
        fill(w.nps, {
          value: npsValue(facts.nps.value, language),
          low: npsValue(facts.nps.low, language, 1),
          high: npsValue(facts.nps.high, language, 1),
        }),
      );
    }
  }
  lines.push(fill(w.feedback, { n: count(facts.feedback, language) }));
  lines.push(w.attached);
  const footer = mailFooter(language);
  return {
    subject: oneLine(fill(w.subject, { month, unit: facts.unitName })),
    text: [...lines, '', `${w.action}: ${facts.link}`, '', footer, ''].join('\n'),
    html: mailHtml(lines, [], facts.link, w.action, footer),
  };
}

/** The attachment's file name: "monthly-report-<unit>-2026-11.pdf". */
export function monthlyFileName(language: MailLanguage, unitPart: string, month: string): string {
  return `${wordsFor(language).mail.filename}-${unitPart}-${month}.pdf`;
}
