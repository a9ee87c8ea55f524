// semsearch eval <dir> [--json] [--pairs N] [--seed N]: search quality measured on pairs mined from the workspace.
import type { EvalReport, MetricsByMode } from '../../core';
import type { CliArgs } from '../args';
import { runReportCommand } from '../evalProgress';

export function evalCommand(args: CliArgs): Promise<void> {
  return runReportCommand(args, false, (engine, opts) => engine.evaluate(opts), formatReport);
}

function row(label: string, m: MetricsByMode): string[] {
  return (['hybrid', 'semantic', 'lexical'] as const)
    .filter((mode) => m[mode])
    .map((mode) => {
      const x = m[mode]!;
      const f = (v: number) => v.toFixed(3).padStart(7);
      return `${label.padEnd(14)}${mode.padEnd(10)}${f(x.ndcg10)}${f(x.mrr10)}${f(x.recall1)}${f(x.recall5)}${f(x.recall10)}${String(x.pairs).padStart(7)}`;
    });
}

export function formatReport(r: EvalReport): string {
  const lines = [
    `${r.pairs} pairs (mined: ${r.mined.code} documented definitions, ${r.mined.docs} Markdown sections; seed ${r.seed}), ${r.chunks} chunks, ${(r.ms / 1000).toFixed(1)} s${r.adapter === 'applied' ? ', query adapter applied' : ''}`,
    '',
    `${''.padEnd(14)}${'mode'.padEnd(10)}${'NDCG@10'.padStart(7)}${'MRR@10'.padStart(7)}${'R@1'.padStart(7)}${'R@5'.padStart(7)}${'R@10'.padStart(7)}${'pairs'.padStart(7)}`,
    ...row('overall', r.overall),
  ];
  for (const [lang, m] of Object.entries(r.byLanguage)) lines.push(...row(lang, m));
  if (r.pairs === 0) lines.push('', 'No documented definitions or Markdown sections with a usable description were found.');
  return lines.join('\n') + '\n';
}
