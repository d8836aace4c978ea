import { escapeHtml } from '../html';

/**
 * The PDFs' HTML: one document with one inline `<style>`, no script, no link to anything
 * outside it (Chromium renders it with JavaScript off and nothing to fetch). Every text from
 * the database or a request goes through `escapeHtml`; the charts' SVG is made by us.
 */

/** The print font: DejaVu Sans is Debian's default and has every Nordic letter. */
export const FONT_FAMILY = "'DejaVu Sans', 'Liberation Sans', Arial, sans-serif";
/** The one accent of both documents: a dark blue that prints well in grey too. */
export const ACCENT = '#0b4f8a';

export function htmlDocument(parts: {
  language: string;
  title: string;
  css: string;
  body: string;
}): string {
  return [
    '<!DOCTYPE html>',
    `<html lang="${escapeHtml(parts.language)}">`,
    '<head><meta charset="utf-8">',
    `<title>${escapeHtml(parts.title)}</title>`,
    `<style>${parts.css}</style>`,
    '</head>',
    `<body>${parts.body}</body>`,
    '</html>',
  ].join('\n');
}

/** A file name's safe part: a unit id may hold anything. */
export function fileNamePart(text: string): string {
  return text.replace(/[^A-Za-z0-9_-]+/g, '_').slice(0, 60) || 'unit';
}
