// semsearch stats <dir>: what is indexed, what was skipped and why, bytes on disk.
import type { CliArgs } from '../args';
import type { TeamStatus } from '../../core';
import { openEngine } from '../openEngine';
import { formatMs } from '../progress';

export async function statsCommand(args: CliArgs): Promise<void> {
  const engine = await openEngine(args, true, args.store !== undefined);
  try {
    const team = await engine.teamStatus?.();
    const s = engine.status();
    if (args.json) {
      process.stdout.write(JSON.stringify(team ? { ...s, team } : s) + '\n');
      return;
    }
    const bytes = Object.values(s.diskBytes).reduce((a, b) => a + b, 0);
    const lines = [
      `Folder:    ${s.root}`,
      `Index:     ${s.indexDir} (${(bytes / 1024).toFixed(0)} KiB)`,
      `State:     ${s.state}${s.incomplete ? ` (${s.incomplete.filesDone} of ${s.incomplete.filesTotal} files; run \`semsearch index\` to finish)` : ''}${s.message ? ` — ${s.message}` : ''}`,
      `Files:     ${s.files}`,
      `Chunks:    ${s.chunks} (${s.vectors} vectors, ${s.precision})`,
      `Model:     ${s.model ? `${s.model.name} (${s.model.dimensions} dims, sha256 ${s.model.sha256.slice(0, 12)}…)` : 'none'}`,
      `Indexed:   ${s.lastIndexedAt ? new Date(s.lastIndexedAt).toISOString() : 'never'}`,
      `Skipped:   ${Object.entries(s.skipped).map(([r, n]) => `${r} ${n}`).join(', ') || 'nothing'}`,
    ];
    for (const [file, n] of Object.entries(s.diskBytes)) lines.push(`  ${file}: ${n} bytes`);
    if (team) lines.push(...teamLines(team));
    process.stdout.write(lines.join('\n') + '\n');
  } finally {
    await engine.close();
  }
}

function teamLines(t: TeamStatus): string[] {
  const age = t.publishedAt !== undefined ? ` (published ${new Date(t.publishedAt).toISOString()}, ${formatMs(Date.now() - t.publishedAt)} ago)` : '';
  return [
    `Store:     postgres ${t.store} — ${t.state}${t.message ? `: ${t.message}` : ''}`,
    `Snapshot:  ${t.repo} @ ${t.commit ?? 'none'}${age}${t.snapshotChunks !== undefined ? `, ${t.snapshotChunks} chunks` : ''}`,
    `Overlay:   ${t.overlayFiles} file(s) differ on this machine (searched locally)`,
  ];
}
