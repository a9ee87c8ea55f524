// semsearch clusters <dir> [--k N]: groups of related code with labels.
import type { CliArgs } from '../args';
import { openEngine, requireIndex } from '../openEngine';

export async function clustersCommand(args: CliArgs): Promise<void> {
  const engine = await openEngine(args, true);
  try {
    requireIndex(engine);
    const map = await engine.clusters({ k: args.clusterK });
    if (args.json) {
      process.stdout.write(JSON.stringify(map) + '\n');
      return;
    }
    process.stdout.write(`${map.k} clusters (silhouette ${map.silhouette.toFixed(3)}, ${map.points.length} chunks, ${map.layout} layout)\n`);
    for (const c of [...map.clusters].sort((a, b) => b.size - a.size)) {
      process.stdout.write(`\n#${c.id} ${c.label}  (${c.size} chunks)\n`);
      for (const r of c.representatives) process.stdout.write(`    ${r.path}:${r.startLine}-${r.endLine}  ${r.symbol}\n`);
    }
  } finally {
    await engine.close();
  }
}
