import { createHash } from 'node:crypto';

/**
 * The public page's one style sheet, inline so the page is one request, and allowed by its hash
 * in the CSP (nothing else may style the page). Colours keep at least 4.5:1 on white (as the
 * dashboard's); one column from 320 px up; print drops the navigation and keeps tables whole.
 */
export const PAGE_CSS = `
:root{color-scheme:light;font-family:system-ui,'Segoe UI',Roboto,'Noto Sans',sans-serif;font-size:16px;line-height:1.5;color:#1a1a1a;background:#fff}
*{box-sizing:border-box}
body{margin:0}
a{color:#1f4e99}
a:hover{text-decoration-thickness:2px}
:focus-visible{outline:3px solid #b34700;outline-offset:2px}
.skip{position:absolute;left:0.5rem;top:-4rem;padding:0.5rem 1rem;background:#fff;color:#1f4e99;z-index:1}
.skip:focus{top:0.5rem}
.top{display:flex;flex-wrap:wrap;align-items:center;justify-content:space-between;gap:0.5rem 1.5rem;padding:0.75rem 1rem;background:#f3f5f8;border-bottom:1px solid #c4c4c4}
.site{font-weight:700}
.languages ul{display:flex;flex-wrap:wrap;gap:0.25rem 1rem;margin:0;padding:0;list-style:none}
.languages a{display:inline-block;padding:0.25rem 0}
.languages a[aria-current]{color:#1a1a1a;font-weight:700;text-decoration:none}
main,footer{max-width:46rem;margin:0 auto;padding:0 1rem}
h1{font-size:1.75rem;line-height:1.25;margin:1.5rem 0 0.25rem;overflow-wrap:anywhere}
h2{font-size:1.35rem;line-height:1.3;margin:2.5rem 0 0.5rem;overflow-wrap:anywhere}
h3{font-size:1.1rem;margin:1.25rem 0 0.5rem}
.subtitle,.period{margin:0;color:#4d4d4d}
.headline{font-size:1.15rem;margin:0.5rem 0}
figure{margin:1rem 0}
.chart svg{display:block;width:100%;max-width:560px;height:auto}
.summary{margin:0.5rem 0 1rem}
table{width:100%;border-collapse:collapse;font-size:0.95rem}
caption{text-align:left;font-weight:700;padding-bottom:0.25rem;overflow-wrap:anywhere}
caption .note{display:block;font-weight:400;color:#4d4d4d}
.table{overflow-x:auto}
th,td{padding:0.3rem 0.4rem;border-bottom:1px solid #c4c4c4;text-align:left;vertical-align:top}
thead th{border-bottom:2px solid #4d4d4d}
th.number,td.number{text-align:right;font-variant-numeric:tabular-nums}
td .nw{white-space:nowrap}
td.hidden{color:#4d4d4d;font-style:italic}
.notes{list-style:none;margin:0;padding:0}
.notes li{border-left:4px solid #1f4e99;padding:0.25rem 0 0.25rem 0.75rem;margin:1rem 0}
.notes dl{margin:0}
.notes dt{font-weight:700}
.notes dd{margin:0 0 0.5rem;overflow-wrap:anywhere}
.month{color:#4d4d4d;margin:0}
footer{margin-top:3rem;padding-bottom:2rem;border-top:1px solid #c4c4c4}
@media (max-width:30rem){main,footer{padding:0 0.75rem}th,td{padding:0.3rem 0.15rem}table{font-size:0.8125rem}h1{font-size:1.5rem}}
@media print{.skip,.languages{display:none}.top{background:none}a{color:inherit}section,figure,tr{break-inside:avoid}h2{break-after:avoid}}
`.trim();

/** For the CSP's `style-src`: the only style the page may have. */
export const PAGE_CSS_HASH = `'sha256-${createHash('sha256').update(PAGE_CSS).digest('base64')}'`;
