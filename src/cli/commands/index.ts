// semsearch index <dir>: one incremental pass, then a summary.
import type { CliArgs } from '../args';
import { openEngine } from '../openEngine';
import { createProgressReporter, formatMs } from '../progress';
import { publishIndex } from './publish';

export async function indexCommand(args: CliArgs): Promise<void> {
  const engine = await openEngine(args, false);
  const progress = createProgressReporter();
  if (!args.quiet) engine.onProgress((e) => progress.update(e));
  engine.onMessage((m) => process.stderr.write(`${m.level}: ${m.text}\n`));
  const controller = new AbortController();
  const onSigint = () => controller.abort(); // Ctrl+C saves what is done, then exits
  process.once('SIGINT', onSigint);
  try {
    const s = await engine.index({ signal: controller.signal });
    progress.done();
    if (args.json) {
      const { cancelled, ...shape } = s;
      process.stdout.write(JSON.stringify(cancelled ? { ...shape, cancelled } : shape) + '\n');
    } else {
      const skipped = Object.entries(s.skipped).map(([r, n]) => `${r} ${n}`).join(', ');
      process.stdout.write(
        `${s.cancelled ? 'Cancelled' : 'Indexed'}: ${s.files} files, ${s.chunks} chunks ` +
          `(${s.embedded} embedded, ${s.reused} reused, ${s.removed} removed, ${s.tokens} tokens) in ${formatMs(s.ms)}` +
          (skipped ? `\nSkipped: ${skipped}` : '') +
          '\n',
      );
    }
    if (args.store && !s.cancelled) await publishIndex(engine, args, controller.signal);
  } finally {
    process.off('SIGINT', onSigint);
    await engine.close();
  }
}
