// Progress lines on stderr for eval and adapt, and Ctrl+C as a cancel.
import type { Engine, EvalProgress } from '../core';
import type { CliArgs } from './args';
import { openEngine, requireIndex } from './openEngine';

const NAMES: Record<EvalProgress['phase'], string> = {
  reading: 'reading and chunking files',
  masking: 'masking and re-embedding answers',
  querying: 'running queries',
  training: 'training the adapter',
  testing: 'measuring on the test split',
  saving: 'saving',
};

let last = '';
let lastAt = 0;

export function evalProgressLine(p: EvalProgress): void {
  const pct = p.total > 0 ? Math.floor((100 * p.done) / p.total) : 0;
  const text = `${NAMES[p.phase]} ${p.done}/${p.total} (${pct} %)`;
  // A new phase always prints; within a phase, once a second.
  if (p.phase === last && Date.now() - lastAt < 1000 && p.done < p.total) return;
  last = p.phase;
  lastAt = Date.now();
  process.stderr.write(text + '\n');
}

/** An AbortSignal that Ctrl+C fires (a second Ctrl+C exits at once). */
export function cancelOnSigint(): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const onSigint = () => {
    if (controller.signal.aborted) process.exit(130);
    process.stderr.write('cancelling…\n');
    controller.abort();
  };
  process.on('SIGINT', onSigint);
  return { signal: controller.signal, dispose: () => process.off('SIGINT', onSigint) };
}

/**
 * The shape of `eval` and `adapt`: open the engine (writable for adapt: it saves the adapter), require an index,
 * run with progress on stderr and Ctrl+C as cancel, print the report as JSON or text.
 */
export async function runReportCommand<R>(
  args: CliArgs,
  writable: boolean,
  run: (engine: Engine, opts: { maxPairs?: number; seed?: number; signal: AbortSignal; onProgress?: (p: EvalProgress) => void }) => Promise<R>,
  format: (report: R) => string,
): Promise<void> {
  // Both measure the index as it was built: without --model, its own model (adapt opens it writable, for its file).
  const engine = await openEngine(args, !writable, false, true);
  const stop = cancelOnSigint();
  try {
    requireIndex(engine);
    const report = await run(engine, { maxPairs: args.pairs, seed: args.seed, signal: stop.signal, onProgress: args.quiet ? undefined : evalProgressLine });
    process.stdout.write(args.json ? JSON.stringify(report) + '\n' : format(report));
  } finally {
    stop.dispose();
    await engine.close();
  }
}
