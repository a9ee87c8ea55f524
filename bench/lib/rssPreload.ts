// Preloaded into CLI children (node --require): at exit, write the process's peak RSS (KiB, all threads; see
// peakRss.ts) to the file the parent named.
import * as fs from 'node:fs';
import { peakRssKiB } from './peakRss';
import { isMainThread } from 'node:worker_threads';

const file = process.env.SEMSEARCH_BENCH_RSS_FILE;
if (file && isMainThread) {
  process.on('exit', () => {
    try {
      fs.writeFileSync(file, String(peakRssKiB()));
    } catch {
      /* best effort */
    }
  });
}
