#!/usr/bin/env -S MALLOC_ARENA_MAX=2 node
// Entry of the semsearch command: runs the compiled CLI (npm install builds it via `prepare`).
// MALLOC_ARENA_MAX=2 (glibc; other C libraries ignore it): by default glibc gives each thread that allocates its
// own malloc arena, and an index run has many (the main thread, two workers, onnxruntime's runs on libuv's pool).
// Each arena keeps what its thread freed: 142 MB of arenas held 72 MB in use at the peak of a 100k-chunk run. Two
// arenas keep the peak ~35 MB lower at the same speed (BENCHMARKS.md §7). The variable is read when the process
// starts, so it is set here, in the shebang (`env -S`; npm's Windows shims apply it too), not from JavaScript.
const path = require('node:path');
const fs = require('node:fs');
const cli = path.join(__dirname, '..', 'out', 'src', 'cli', 'main.js');
if (!fs.existsSync(cli)) {
  process.stderr.write('semsearch: not built yet; run `npm run build` in ' + path.dirname(__dirname) + '\n');
  process.exit(1);
}
require(cli)
  .main(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
  });
