// Indexing progress on stderr: a redrawn bar on a terminal, a plain line now and then otherwise.
import { workFraction, type ProgressEvent } from '../core';

const PLAIN_EVERY_MS = 2000;

/** The progress line in words: "scanning… 1,234 files found" first, an ETA only once the engine can estimate one. */
export function progressText(e: ProgressEvent): string {
  if (e.phase === 'scanning') return e.filesFound ? `scanning… ${count(e.filesFound)} files found` : 'scanning…';
  const what = e.paused ? 'paused' : e.phase === 'saving' ? 'saving' : 'indexing';
  const eta = e.etaMs !== undefined ? `, about ${formatMs(e.etaMs)} left` : '';
  return `${what} ${count(e.filesDone)}/${count(e.filesTotal)} files, ${count(e.chunksEmbedded)} chunks embedded${eta}`;
}

export function createProgressReporter(stream: NodeJS.WriteStream = process.stderr): {
  update(e: ProgressEvent): void;
  done(): void;
} {
  const tty = stream.isTTY === true;
  let lastPlain = 0;
  let drawn = false;
  return {
    update(e) {
      if (e.phase === 'idle') return;
      const text = progressText(e);
      if (tty) {
        // No bar while scanning: there is no total yet.
        const pct = Math.floor(100 * workFraction(e));
        const width = 24;
        const filled = Math.round((pct / 100) * width);
        const bar = e.phase === 'scanning' ? '' : `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${String(pct).padStart(3)}% `;
        stream.write(`\r${bar}${text}\x1b[K`);
        drawn = true;
      } else if (Date.now() - lastPlain >= PLAIN_EVERY_MS) {
        lastPlain = Date.now();
        stream.write(`${text}\n`);
      }
    },
    done() {
      if (tty && drawn) stream.write('\r\x1b[K');
    },
  };
}

function count(n: number): string {
  return n.toLocaleString('en-US');
}

export function formatMs(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = Math.round(ms / 1000);
  return s < 60 ? `${s} s` : `${Math.floor(s / 60)} min ${s % 60} s`;
}
