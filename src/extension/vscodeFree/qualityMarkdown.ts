// The Quality tab's report as Markdown ("Open as Markdown"): the same model as the panel, as text to copy into an
// issue or a pull request. Bars are text, so they read in any theme and any Markdown viewer.
import type { PanelQualityReport, QualityTable } from '../../shared/messages';

const f3 = (n: number | null | undefined): string => (n === null || n === undefined || Number.isNaN(n) ? '–' : n.toFixed(3));

/** A 20-cell text bar for a value in 0..1. */
export function textBar(value: number | null): string {
  const cells = value === null ? 0 : Math.max(0, Math.min(20, Math.round(value * 20)));
  return '█'.repeat(cells) + '░'.repeat(20 - cells);
}

/** Table cells come from workspace text (language ids, folder names): keep a `|` from splitting a row. */
const cell = (text: string): string => text.replace(/\|/g, '\\|');

function table(t: QualityTable): string[] {
  return [
    `### ${t.title}`,
    '',
    `| ${t.groupLabel} | mode | NDCG@10 | MRR@10 | Recall@1 | Recall@5 | Recall@10 | questions |`,
    '|---|---|---:|---:|---:|---:|---:|---:|',
    ...t.rows.map((r) => `| ${cell(r.group)} | ${r.mode} | ${f3(r.ndcg10)} | ${f3(r.mrr10)} | ${f3(r.recall1)} | ${f3(r.recall5)} | ${f3(r.recall10)} | ${r.pairs} |`),
    '',
  ];
}

export function qualityMarkdown(r: PanelQualityReport): string {
  const width = Math.max(0, ...r.chart.groups.map((g) => g.label.length), ...r.chart.series.map((s) => s.length));
  // One line per measured value; the group's name on its first line.
  const chart = r.chart.groups.flatMap((g) =>
    r.chart.series
      .map((s, i) => ({ s, v: g.values[i] }))
      .filter((x) => x.v !== null)
      .map(({ s, v }, i) => `${(i === 0 ? g.label : '').padEnd(width)}  ${s.padEnd(width)}  ${textBar(v)} ${f3(v)}`),
  );
  const tables = r.tables.filter((t) => t.rows.length > 0);
  const lines = [
    `# ${r.title}`,
    '',
    ...(r.verdict ? [`**${r.verdict.inUse ? 'In use' : 'Not used'}.** ${r.verdict.reason}`, ''] : []),
    ...r.summary.flatMap((s) => [s, '']),
    ...(chart.length ? [`## ${r.chart.title}`, '', '```', ...chart, '```', ''] : []),
    ...tables.flatMap(table),
    ...(tables.length ? [r.note] : []),
  ];
  return lines.join('\n') + '\n';
}
