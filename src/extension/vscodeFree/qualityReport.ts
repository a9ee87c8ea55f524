// The workspace-quality reports (Measure Search Quality, Adapt Search to This Workspace) as Markdown, opened in
// VS Code's Markdown preview: tables plus a bar per mode, readable in any theme.
import type { AdaptReport, EvalReport, Metrics, MetricsByMode } from '../../core/index';

const MODES = ['hybrid', 'semantic', 'lexical'] as const;

function f3(n: number | undefined): string {
  return n === undefined || Number.isNaN(n) ? '–' : n.toFixed(3);
}

/** A 20-cell bar for a value in 0..1 (text, so it needs no colours and reads in every theme). */
export function bar(value: number): string {
  const cells = Math.max(0, Math.min(20, Math.round(value * 20)));
  return '█'.repeat(cells) + '░'.repeat(20 - cells);
}

function metricsTable(rows: [string, MetricsByMode][]): string[] {
  const out = ['| | mode | NDCG@10 | MRR@10 | Recall@1 | Recall@5 | Recall@10 | pairs |', '|---|---|---:|---:|---:|---:|---:|---:|'];
  for (const [label, byMode] of rows) {
    for (const mode of MODES) {
      const m: Metrics | undefined = byMode[mode];
      if (m) out.push(`| ${label} | ${mode} | ${f3(m.ndcg10)} | ${f3(m.mrr10)} | ${f3(m.recall1)} | ${f3(m.recall5)} | ${f3(m.recall10)} | ${m.pairs} |`);
    }
  }
  return out;
}

export function evalReportMarkdown(r: EvalReport, folderName: string): string {
  const lines = [
    `# Search quality of ${folderName}`,
    '',
    `${r.pairs} questions from this workspace (of ${r.mined.code} documented definitions and ${r.mined.docs} Markdown sections found), each asked with its own documentation hidden from the index; ${r.chunks} chunks, model ${r.model.name}${r.adapter === 'applied' ? ', with the query adapter' : ''}. Measured in ${(r.ms / 1000).toFixed(1)} s.`,
    '',
    '## Overall (NDCG@10)',
    '',
    '```',
    ...MODES.filter((m) => r.overall[m]).map((m) => `${m.padEnd(9)} ${bar(r.overall[m]!.ndcg10)} ${f3(r.overall[m]!.ndcg10)}`),
    '```',
    '',
    ...metricsTable([['all', r.overall], ...Object.entries(r.bySet).map(([set, m]) => [set, m!] as [string, MetricsByMode])]),
    '',
    '## By language',
    '',
    ...metricsTable(Object.entries(r.byLanguage)),
    '',
    'NDCG@10: 1 when the answer is first, lower the further down it is; Recall@k: share of questions answered in the first k.',
  ];
  return lines.join('\n') + '\n';
}

export function adaptReportMarkdown(r: AdaptReport, folderName: string): string {
  const sign = (n: number) => `${n >= 0 ? '+' : ''}${n.toFixed(3)}`;
  const lines = [
    `# Query adapter for ${folderName}`,
    '',
    `**${r.inUse ? 'In use' : 'Not used'}.** ${r.reason}`,
    '',
    `Trained on ${r.pairs.train} pairs from this workspace (${r.pairs.validation} to choose when to stop, ${r.pairs.test} held out to measure it), ${r.epochs.run} epochs (best ${r.epochs.best}), ${(r.trainingMs / 1000).toFixed(1)} s. It changes query embeddings only; the index is not re-embedded.`,
    '',
    `Held-out gain: semantic ${sign(r.gain.semantic)}, hybrid ${sign(r.gain.hybrid)} NDCG@10 (used when semantic gains at least ${r.minGain} and hybrid does not fall).`,
    '',
    '```',
    ...MODES.filter((m) => r.before[m] && r.after[m]).flatMap((m) => [
      `${m.padEnd(9)} before ${bar(r.before[m]!.ndcg10)} ${f3(r.before[m]!.ndcg10)}`,
      `${''.padEnd(9)} after  ${bar(r.after[m]!.ndcg10)} ${f3(r.after[m]!.ndcg10)}`,
    ]),
    '```',
    '',
    ...metricsTable([
      ['before', r.before],
      ['after', r.after],
    ]),
  ];
  return lines.join('\n') + '\n';
}
