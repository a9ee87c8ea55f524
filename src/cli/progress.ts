// Indexing progress on stderr: a redrawn bar on a terminal, a plain line now and then otherwise.
import type { ProgressEvent } from '../core';

const PLAIN_EVERY_MS = 2000;

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
      const pct = e.filesTotal > 0 ? Math.floor((100 * e.filesDone) / e.filesTotal) : 0;
      const eta = e.etaMs !== undefined ? ` ETA ${formatMs(e.etaMs)}` : '';
      const text = `${e.paused ? 'paused' : e.phase} ${e.filesDone}/${e.filesTotal} files, ${e.chunksEmbedded} chunks embedded${eta}`;
      if (tty) {
        const width = 24;
        const filled = Math.round((pct / 100) * width);
        stream.write(`\r[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${String(pct).padStart(3)}% ${text}\x1b[K`);
        drawn = true;
      } else if (Date.now() - lastPlain >= PLAIN_EVERY_MS) {
        lastPlain = Date.now();
        stream.write(`${pct}% ${text}\n`);
      }
    },
    done() {
      if (tty && drawn) stream.write('\r\x1b[K');
    },
  };
}

export function formatMs(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = Math.round(ms / 1000);
  return s < 60 ? `${s} s` : `${Math.floor(s / 60)} min ${s % 60} s`;
}
