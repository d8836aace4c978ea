import { escapeHtml } from '../html';

/**
 * Every e-mail's words, in fi, sv and en (the account's `language`; fi for any other), each as
 * plain text and as HTML with everything from outside escaped. A mail says how many and where,
 * never what: no comment's text, no contact detail, only counts, units' names, due dates and the
 * dashboard's link.
 */

export type MailLanguage = 'fi' | 'sv' | 'en';

export type ComposedMail = { subject: string; text: string; html: string };

export function mailLanguage(language: string): MailLanguage {
  return language === 'sv' || language === 'en' ? language : 'fi';
}

/** An alert as its mail tells it. */
export type AlertMailFacts = {
  unitName: string;
  /** The local date and time of the answer that opened it (`YYYY-MM-DD HH:MM`). */
  openedAt: string;
  negativeInWindow: number;
  answersInWindow: number;
  /** p0 as a percentage, whole. */
  baselinePercent: number;
  /** The dashboard's alerts page. */
  link: string;
};

/** One unit's lines of a digest. */
export type DigestUnit = {
  unitName: string;
  /** New feedback since the last digest. */
  newItems: number;
  /** Contact requests not handled, due within 2 days (or overdue). */
  contactsDue: number;
  /** The earliest of those due dates, `YYYY-MM-DD`, when there are any. */
  firstDue?: string | undefined;
};

export type DigestMailFacts = { date: string; units: readonly DigestUnit[]; link: string };

const WORDS = {
  fi: {
    alertSubject: (unit: string) => `Hymy: hälytys – ${unit}`,
    alertLead: (unit: string) => `Yksikön ${unit} kielteisten vastausten osuus on noussut.`,
    alertWindow: (neg: number, all: number) =>
      `${neg} kielteistä vastausta ${all} vastauksesta (tavallisesti noin`,
    alertBaseline: (percent: number) => `${percent} %).`,
    alertOpened: 'Hälytys avautui',
    alertAction: 'Katso ja kuittaa hälytys',
    digestSubject: (date: string) => `Hymy: palautekooste ${date}`,
    digestLead: 'Yksiköidesi palaute edellisen koosteen jälkeen:',
    newItems: (n: number) => `uutta palautetta: ${n}`,
    contactsDue: (n: number, due: string) =>
      `yhteydenottopyyntöjä, vastattava viimeistään ${due}: ${n}`,
    digestAction: 'Avaa saapuneet',
    footer: 'Tämä viesti on lähetetty automaattisesti. Älä vastaa siihen.',
  },
  sv: {
    alertSubject: (unit: string) => `Hymy: larm – ${unit}`,
    alertLead: (unit: string) => `Andelen negativa svar har stigit vid enheten ${unit}.`,
    alertWindow: (neg: number, all: number) =>
      `${neg} negativa svar av ${all} svar (vanligtvis cirka`,
    alertBaseline: (percent: number) => `${percent} %).`,
    alertOpened: 'Larmet öppnades',
    alertAction: 'Se och kvittera larmet',
    digestSubject: (date: string) => `Hymy: sammandrag av respons ${date}`,
    digestLead: 'Respons till dina enheter sedan förra sammandraget:',
    newItems: (n: number) => `ny respons: ${n}`,
    contactsDue: (n: number, due: string) => `kontaktbegäranden att besvara senast ${due}: ${n}`,
    digestAction: 'Öppna inkorgen',
    footer: 'Detta meddelande skickades automatiskt. Svara inte på det.',
  },
  en: {
    alertSubject: (unit: string) => `Hymy: alert – ${unit}`,
    alertLead: (unit: string) => `The share of negative answers has risen at ${unit}.`,
    alertWindow: (neg: number, all: number) =>
      `${neg} negative answers out of ${all} (usually about`,
    alertBaseline: (percent: number) => `${percent} %).`,
    alertOpened: 'The alert opened',
    alertAction: 'See and acknowledge the alert',
    digestSubject: (date: string) => `Hymy: feedback digest ${date}`,
    digestLead: 'Feedback for your units since the last digest:',
    newItems: (n: number) => `new feedback: ${n}`,
    contactsDue: (n: number, due: string) => `contact requests to answer by ${due}: ${n}`,
    digestAction: 'Open the inbox',
    footer: 'This message was sent automatically. Please do not reply to it.',
  },
} as const satisfies Record<MailLanguage, unknown>;

/** Subject lines are one line: a unit's name cannot add headers or break the subject. */
export function oneLine(text: string): string {
  return text.replace(/[\r\n\t]+/g, ' ').trim();
}

/** The closing line every mail ends with. */
export function mailFooter(language: MailLanguage): string {
  return WORDS[language].footer;
}

/** A mail's HTML: its paragraphs and list items escaped, then the link and the footer. */
export function mailHtml(
  paragraphs: readonly string[],
  list: readonly string[],
  link: string,
  action: string,
  footer: string,
): string {
  const escaped = escapeHtml(link);
  return [
    '<!DOCTYPE html><html><body>',
    ...paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`),
    list.length > 0
      ? `<ul>${list.map((item) => `<li>${escapeHtml(item)}</li>`).join('')}</ul>`
      : '',
    `<p><a href="${escaped}">${escapeHtml(action)}</a></p>`,
    `<p><small>${escapeHtml(footer)}</small></p>`,
    '</body></html>',
  ].join('\n');
}

export function alertMail(language: MailLanguage, facts: AlertMailFacts): ComposedMail {
  const w = WORDS[language];
  const lines = [
    w.alertLead(facts.unitName),
    `${w.alertWindow(facts.negativeInWindow, facts.answersInWindow)} ${w.alertBaseline(facts.baselinePercent)}`,
    `${w.alertOpened}: ${facts.openedAt}`,
  ];
  return {
    subject: oneLine(w.alertSubject(facts.unitName)),
    text: [...lines, '', `${w.alertAction}: ${facts.link}`, '', w.footer, ''].join('\n'),
    html: mailHtml(lines, [], facts.link, w.alertAction, w.footer),
  };
}

export function digestMail(language: MailLanguage, facts: DigestMailFacts): ComposedMail {
  const w = WORDS[language];
  const items = facts.units.map((unit) => {
    const parts: string[] = [];
    if (unit.newItems > 0) {
      parts.push(w.newItems(unit.newItems));
    }
    if (unit.contactsDue > 0 && unit.firstDue !== undefined) {
      parts.push(w.contactsDue(unit.contactsDue, unit.firstDue));
    }
    return `${unit.unitName} — ${parts.join('; ')}`;
  });
  return {
    subject: oneLine(w.digestSubject(facts.date)),
    text: [
      w.digestLead,
      '',
      ...items.map((item) => `- ${item}`),
      '',
      `${w.digestAction}: ${facts.link}`,
      '',
      w.footer,
      '',
    ].join('\n'),
    html: mailHtml([w.digestLead], items, facts.link, w.digestAction, w.footer),
  };
}
