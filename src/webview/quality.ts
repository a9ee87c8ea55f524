// The Quality tab: a Measure Search Quality or Adapt Search report as a bar chart (SVG, coloured by VS Code's
// chart theme colours through CSS classes) and accessible tables. All workspace text goes in as text nodes.
import type { PanelQualityReport, QualityChart, QualityTable } from '../shared/messages';

const SVG = 'http://www.w3.org/2000/svg';

function el<K extends keyof HTMLElementTagNameMap>(tag: K, cls?: string, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number>, text?: string): SVGElementTagNameMap[K] {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  if (text !== undefined) e.textContent = text;
  return e;
}

const f3 = (n: number | null): string => (n === null || !Number.isFinite(n) ? '–' : n.toFixed(3));
/** Series colours are classes (panel.css maps them to --vscode-charts-*), so the chart follows the theme. */
const seriesClass = (i: number): string => `series-${i % 4}`;

// Layout in SVG user units; the viewBox scales it to the panel's width.
const WIDTH = 640;
const LABEL_W = 130;
const VALUE_W = 52;
const BAR_H = 14;
const GROUP_GAP = 10;
const AXIS_H = 22;

/** Horizontal grouped bars: per group one bar per series, on a 0..1 axis with gridlines every 0.25. */
export function renderChart(chart: QualityChart): HTMLElement {
  const figure = el('figure', 'quality-figure');
  const caption = el('figcaption', 'quality-chart-title', chart.title);
  caption.id = 'quality-chart-title';
  const plotW = WIDTH - LABEL_W - VALUE_W;
  const groupH = chart.series.length * BAR_H + GROUP_GAP;
  const height = chart.groups.length * groupH + AXIS_H;
  const root = svg('svg', { id: 'quality-chart', viewBox: `0 0 ${WIDTH} ${height}`, role: 'img', 'aria-labelledby': 'quality-chart-title', preserveAspectRatio: 'xMinYMin meet' });
  for (const tick of [0, 0.25, 0.5, 0.75, 1]) {
    const x = LABEL_W + tick * plotW;
    root.append(svg('line', { class: 'chart-grid', x1: x, x2: x, y1: 0, y2: height - AXIS_H }));
    root.append(svg('text', { class: 'chart-tick', x, y: height - 6, 'text-anchor': 'middle' }, tick.toFixed(2)));
  }
  chart.groups.forEach((g, gi) => {
    const top = gi * groupH;
    root.append(svg('text', { class: 'chart-label', x: LABEL_W - 8, y: top + (chart.series.length * BAR_H) / 2 + 4, 'text-anchor': 'end' }, g.label));
    chart.series.forEach((series, si) => {
      const value = g.values[si];
      const y = top + si * BAR_H;
      const w = value === null || !Number.isFinite(value) ? 0 : Math.max(0, Math.min(1, value)) * plotW;
      const bar = svg('rect', { class: `chart-bar ${seriesClass(si)}`, x: LABEL_W, y: y + 1, width: w, height: BAR_H - 2, 'data-group': g.label, 'data-series': series });
      bar.append(svg('title', {}, `${g.label}, ${series}: ${chart.metric} ${f3(value)}`));
      root.append(bar);
      root.append(svg('text', { class: 'chart-value', x: LABEL_W + w + 4, y: y + BAR_H - 3 }, f3(value)));
    });
  });
  const legend = el('ul', 'quality-legend');
  legend.setAttribute('aria-label', 'Legend');
  chart.series.forEach((series, i) => {
    const item = el('li');
    const swatch = el('span', `legend-swatch ${seriesClass(i)}`);
    swatch.setAttribute('aria-hidden', 'true');
    item.append(swatch, document.createTextNode(series));
    legend.append(item);
  });
  figure.append(caption, root, legend);
  return figure;
}

const COLUMNS: [string, (r: QualityTable['rows'][number]) => string][] = [
  ['mode', (r) => r.mode],
  ['NDCG@10', (r) => f3(r.ndcg10)],
  ['MRR@10', (r) => f3(r.mrr10)],
  ['Recall@1', (r) => f3(r.recall1)],
  ['Recall@5', (r) => f3(r.recall5)],
  ['Recall@10', (r) => f3(r.recall10)],
  ['questions', (r) => String(r.pairs)],
];

export function renderTable(t: QualityTable): HTMLTableElement {
  const table = el('table', 'quality-table');
  table.append(el('caption', undefined, t.title));
  const head = el('tr');
  for (const name of [t.groupLabel, ...COLUMNS.map((c) => c[0])]) {
    const th = el('th', undefined, name);
    th.scope = 'col';
    head.append(th);
  }
  table.append(el('thead'), el('tbody'));
  table.tHead!.append(head);
  let previous = '';
  for (const r of t.rows) {
    const tr = el('tr');
    // The group names its rows: a row header, written once per group for the eye but present for screen readers.
    const th = el('th', previous === r.group ? 'repeat' : undefined, r.group);
    th.scope = 'row';
    tr.append(th);
    COLUMNS.forEach(([name, value], i) => {
      const td = el('td', i === 0 ? undefined : 'num', value(r));
      td.dataset.col = name;
      tr.append(td);
    });
    table.tBodies[0].append(tr);
    previous = r.group;
  }
  return table;
}

export function renderQuality(container: HTMLElement, r: PanelQualityReport): void {
  container.replaceChildren();
  container.append(el('h2', 'quality-title', r.title));
  if (r.verdict) {
    const verdict = el('p', `quality-verdict ${r.verdict.inUse ? 'in-use' : 'not-used'}`);
    verdict.id = 'quality-verdict';
    verdict.append(el('strong', undefined, r.verdict.inUse ? 'In use. ' : 'Not used. '), document.createTextNode(r.verdict.reason));
    container.append(verdict);
  }
  for (const s of r.summary) container.append(el('p', 'quality-summary', s));
  if (r.chart.groups.length > 0 && r.chart.series.length > 0) container.append(renderChart(r.chart));
  for (const t of r.tables) if (t.rows.length > 0) container.append(renderTable(t));
  if (r.tables.some((t) => t.rows.length > 0)) container.append(el('p', 'quality-note muted', r.note));
}
