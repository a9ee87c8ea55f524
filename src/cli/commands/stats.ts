// semsearch stats <dir>: what is indexed, what was skipped and why, bytes on disk.
import type { CliArgs } from '../args';
import { openEngine } from '../openEngine';

export async function statsCommand(args: CliArgs): Promise<void> {
  const engine = await openEngine(args, true);
  try {
    const s = engine.status();
    if (args.json) {
      process.stdout.write(JSON.stringify(s) + '\n');
      return;
    }
    const bytes = Object.values(s.diskBytes).reduce((a, b) => a + b, 0);
    const lines = [
      `Folder:    ${s.root}`,
      `Index:     ${s.indexDir} (${(bytes / 1024).toFixed(0)} KiB)`,
      `State:     ${s.state}${s.message ? ` — ${s.message}` : ''}`,
      `Files:     ${s.files}`,
      `Chunks:    ${s.chunks} (${s.vectors} vectors, ${s.precision})`,
      `Model:     ${s.model ? `${s.model.name} (${s.model.dimensions} dims, sha256 ${s.model.sha256.slice(0, 12)}…)` : 'none'}`,
      `Indexed:   ${s.lastIndexedAt ? new Date(s.lastIndexedAt).toISOString() : 'never'}`,
      `Skipped:   ${Object.entries(s.skipped).map(([r, n]) => `${r} ${n}`).join(', ') || 'nothing'}`,
    ];
    for (const [file, n] of Object.entries(s.diskBytes)) lines.push(`  ${file}: ${n} bytes`);
    process.stdout.write(lines.join('\n') + '\n');
  } finally {
    await engine.close();
  }
}
