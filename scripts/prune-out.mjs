// Deletes compiled files in out/ whose TypeScript source is gone (moved or deleted), so that
// `node --test out/test/unit/*.test.js` never runs a test that no longer exists.
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const out = path.join(root, 'out');

function prune(dir) {
  if (!fs.existsSync(dir)) return;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      prune(p);
      if (fs.readdirSync(p).length === 0) fs.rmdirSync(p);
      continue;
    }
    const m = /^(.*)\.js(\.map)?$/.exec(entry.name);
    if (!m) continue;
    const source = path.join(root, path.relative(out, dir), m[1]);
    if (!['.ts', '.tsx', '.mts'].some((ext) => fs.existsSync(source + ext))) fs.rmSync(p);
  }
}

prune(out);
