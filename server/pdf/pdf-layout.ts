/**
 * How a document is laid on A4 pages by Chromium's print: margins, a footer line with the page
 * numbers (the monthly report), or the first page only (the wall poster).
 */

/** Of Playwright's `page.pdf` options, those a render sets. */
export type PdfOptions = {
  format: 'A4';
  printBackground: boolean;
  margin?: { top?: string; right?: string; bottom?: string; left?: string };
  displayHeaderFooter?: boolean;
  headerTemplate?: string;
  footerTemplate?: string;
  pageRanges?: string;
};

/** How a document is laid on its A4 pages. */
export type PdfLayout = {
  /** Margins; left out, none (the document's CSS places everything). */
  margin?: PdfOptions['margin'];
  /** A line at the foot of every page, with "page / pages" at its right. */
  footer?: string;
  /** The first page only: a wall poster is one sheet whatever its content. */
  firstPageOnly?: boolean;
};

function escapeTemplate(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Chromium fills `pageNumber` and `totalPages` itself, with JavaScript off too. */
function footerTemplate(text: string): string {
  return (
    "<div style=\"width:100%;margin:0 14mm;font:7.5pt 'DejaVu Sans',sans-serif;color:#444;" +
    'display:flex;justify-content:space-between">' +
    `<span>${escapeTemplate(text)}</span>` +
    '<span><span class="pageNumber"></span> / <span class="totalPages"></span></span></div>'
  );
}

export function pdfOptions(layout: PdfLayout): PdfOptions {
  return {
    format: 'A4',
    printBackground: true,
    margin: layout.margin ?? { top: '0', right: '0', bottom: '0', left: '0' },
    ...(layout.footer === undefined
      ? {}
      : {
          displayHeaderFooter: true,
          headerTemplate: '<span></span>',
          footerTemplate: footerTemplate(layout.footer),
        }),
    ...(layout.firstPageOnly === true ? { pageRanges: '1' } : {}),
  };
}
