// Progress lines on stderr for eval and adapt, and Ctrl+C as a cancel.
import type { EvalProgress } from '../core';

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
