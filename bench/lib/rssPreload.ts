// Preloaded into CLI children (node --require): at exit, write the process's peak RSS (KiB, from
// process.resourceUsage().maxRSS, which covers all threads) to the file the parent named.
import * as fs from 'node:fs';
import { isMainThread } from 'node:worker_threads';

const file = process.env.SEMSEARCH_BENCH_RSS_FILE;
if (file && isMainThread) {
  process.on('exit', () => {
    try {
      fs.writeFileSync(file, String(process.resourceUsage().maxRSS));
    } catch {
      /* best effort */
    }
  });
}
