// semsearch watch <dir>: index, then keep the index fresh as files change, until Ctrl+C.
import { createDebouncedWatcher, createPathFilter } from '../../core';
import type { CliArgs } from '../args';
import { openEngine } from '../openEngine';
import { createProgressReporter, formatMs } from '../progress';

export async function watchCommand(args: CliArgs): Promise<void> {
  const engine = await openEngine(args, false);
  const progress = createProgressReporter();
  if (!args.quiet) engine.onProgress((e) => progress.update(e));
  engine.onMessage((m) => process.stderr.write(`${m.level}: ${m.text}\n`));
  const first = await engine.index();
  progress.done();
  process.stdout.write(`Indexed ${first.files} files, ${first.chunks} chunks in ${formatMs(first.ms)}. Watching for changes (Ctrl+C to stop)…\n`);
  const filter = createPathFilter({ root: engine.root, include: args.include, exclude: args.exclude, maxFileBytes: args.maxFileBytes, indexDir: engine.indexDir });
  const watcher = createDebouncedWatcher({
    root: engine.root,
    filter,
    debounceMs: args.debounceMs,
    onChange: async (paths) => {
      const s = await engine.update(paths);
      progress.done();
      const line = { changed: paths.length, embedded: s.embedded, reused: s.reused, removed: s.removed, chunks: s.chunks, ms: s.ms };
      process.stdout.write((args.json ? JSON.stringify(line) : `Updated ${paths.length} path(s): ${s.embedded} embedded, ${s.removed} removed, ${s.chunks} chunks (${formatMs(s.ms)})`) + '\n');
    },
    onError: (err: unknown) => {
      process.stderr.write(`watch error: ${(err as Error).message}\n`);
    },
  });
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await watcher.close();
  await engine.close();
}
