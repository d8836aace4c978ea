/**
 * The charts' colours: the page's own (`styles.css` :root), written out because ECharts paints
 * SVG attributes and cannot read CSS variables. Text colours keep 4.5:1 on white and on every
 * heat-map cell; no colour is the only telling of anything (each chart has its words and table).
 */
export const PALETTE = {
  text: '#1a1a1a',
  muted: '#4d4d4d',
  line: '#c4c4c4',
  accent: '#1f4e99',
  band: 'rgba(31, 78, 153, 0.2)',
  target: '#b34700',
  positive: '#1b6e2a',
  negative: '#a4000f',
  neither: '#767676',
  /** The heat map's light and dark ends: dark text stays readable on both. */
  heat: ['#eef3fb', '#7ea3d9'],
} as const;

export const FONT = "system-ui, 'Segoe UI', Roboto, 'Noto Sans', sans-serif";

/** What every chart shares: no animation (a figure is not a show), the page's font. */
export const BASE = {
  animation: false,
  textStyle: { fontFamily: FONT, color: PALETTE.text, fontSize: 12 },
} as const;

export const AXIS_LABEL = { color: PALETTE.muted, fontSize: 12 } as const;

/** The axis of a bar chart's counts: whole numbers, written as the page writes them. */
export function countAxis(f: { count(n: number): string }) {
  return {
    type: 'value',
    minInterval: 1,
    axisLabel: { ...AXIS_LABEL, formatter: (v: number) => f.count(v) },
    splitLine: { lineStyle: { color: PALETTE.line } },
  } as const;
}

/** The count written at the end of each bar, so its length is not the only telling. */
export function countLabel(f: { count(n: number): string }, position: 'top' | 'right') {
  return {
    show: true,
    position,
    color: PALETTE.text,
    formatter: ({ value }: { value: unknown }) => f.count(Number(value)),
  } as const;
}
