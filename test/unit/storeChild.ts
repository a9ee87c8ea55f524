// Child process for the crash tests: `node storeChild.js saveloop <dir>` saves forever;
// `node storeChild.js hold <dir>` takes the writer lock and waits. Killed with SIGKILL by the test.
import { openIndexStore } from '../../src/core/store';
import { IDENTITY, chunk, vectorFor } from './storeFixtures';

async function main() {
  const [mode, dir] = process.argv.slice(2);
  const store = await openIndexStore({ indexDir: dir, identity: IDENTITY, precision: 'i8' });
  if (mode === 'hold') {
    process.stdout.write('locked\n');
    setInterval(() => undefined, 1000);
    return;
  }
  let round = 0;
  for (;;) {
    round++;
    // Churn: add a few files, replace one, remove one; every chunk gets its vector before saving.
    for (let f = 0; f < 5; f++) {
      const p = `src/f${(round * 5 + f) % 40}.ts`;
      const chunks = Array.from({ length: 1 + ((round + f) % 7) }, (_, i) => chunk(p, `h${(round * 3 + f * 11 + i) % 300}`, `alpha beta ${round} ${i}`, i * 10 + 1));
      const { needVector } = store.putFile(p, { size: 10, mtimeMs: round, hash: `${round}:${f}` }, chunks);
      for (const id of needVector) store.setVector(id, vectorFor(store.getChunk(id)!.hash));
    }
    store.removeFile(`src/f${(round * 7) % 40}.ts`);
    store.setSkipped({ binary: round });
    await store.save();
    process.stdout.write(`saved ${round}\n`);
  }
}

main().catch((err) => {
  process.stderr.write(String(err?.stack ?? err));
  process.exit(1);
});
