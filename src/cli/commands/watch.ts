// semsearch watch <dir>: index, then keep the index fresh as files change, until Ctrl+C.
import type { CliArgs } from '../args';
import { openEngine } from '../openEngine';
import { createProgressReporter, formatMs } from '../progress';

export async function watchCommand(args: CliArgs): Promise<void> {
  const engine = await openEngine(args, false);
  const progress = createProgressReporter();
  if (!args.quiet) engine.onProgress((e) => progress.update(e));
  engine.onMessage((m) => process.stderr.write(`${m.level}: ${m.text}\n`));
  // Watching starts first: changes made during the first pass are held, then applied.
  const watch = engine.watch({
    debounceMs: args.debounceMs,
    onUpdate: (s, paths) => {
      progress.done();
      const line = { changed: paths.length, embedded: s.embedded, reused: s.reused, removed: s.removed, chunks: s.chunks, ms: s.ms };
      process.stdout.write((args.json ? JSON.stringify(line) : `Updated ${paths.length} path(s): ${s.embedded} embedded, ${s.removed} removed, ${s.chunks} chunks (${formatMs(s.ms)})`) + '\n');
    },
    onError: (err: unknown) => {
      process.stderr.write(`watch error: ${(err as Error).message}\n`);
    },
  });
  const first = await engine.index();
  progress.done();
  await watch.ready;
  process.stdout.write(`Indexed ${first.files} files, ${first.chunks} chunks in ${formatMs(first.ms)}. Watching for changes (Ctrl+C to stop)…\n`);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await watch.dispose();
  await engine.close();
}
