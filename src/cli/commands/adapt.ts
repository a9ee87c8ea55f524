// semsearch adapt <dir> [--json] [--pairs N] [--seed N]: train the query adapter on pairs mined from the workspace.
import type { AdaptReport } from '../../core';
import type { CliArgs } from '../args';
import { runReportCommand } from '../evalProgress';

export function adaptCommand(args: CliArgs): Promise<void> {
  // Writable: the adapter is saved beside the index.
  return runReportCommand(args, true, (engine, opts) => engine.adapt(opts), formatAdaptReport);
}

export function formatAdaptReport(r: AdaptReport): string {
  const f = (v: number | undefined) => (v === undefined ? '   -  ' : v.toFixed(3));
  const lines = [
    `Pairs: ${r.pairs.train} train, ${r.pairs.validation} validation, ${r.pairs.test} test (${r.pairs.mined} mined)`,
    `Training: ${r.epochs.run} epochs, best ${r.epochs.best}, ${(r.trainingMs / 1000).toFixed(1)} s (total ${(r.ms / 1000).toFixed(1)} s)`,
  ];
  if (r.epochs.run > 0) {
    lines.push(
      `Held-out NDCG@10   without   with adapter`,
      `  semantic         ${f(r.before.semantic?.ndcg10)}     ${f(r.after.semantic?.ndcg10)}`,
      `  hybrid           ${f(r.before.hybrid?.ndcg10)}     ${f(r.after.hybrid?.ndcg10)}`,
    );
  }
  lines.push(r.reason, r.inUse ? 'In use for queries from now on.' : 'Not in use.');
  return lines.join('\n') + '\n';
}
