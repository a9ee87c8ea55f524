#!/usr/bin/env -S MALLOC_ARENA_MAX=2 MALLOC_MMAP_THRESHOLD_=131072 node --max-semi-space-size=2 --heap-growing-percent=30
// Entry of the semsearch command: runs the compiled CLI (npm install builds it via `prepare`).
// MALLOC_ARENA_MAX=2 (glibc; other C libraries ignore it): by default glibc gives each thread that allocates its
// own malloc arena, and an index run has many (the main thread, two workers, onnxruntime's runs on libuv's pool).
// Each arena keeps what its thread freed: 142 MB of arenas held 72 MB in use at the peak of a 100k-chunk run. Two
// arenas keep the peak ~35 MB lower at the same speed (BENCHMARKS.md §7). The variable is read when the process
// starts, so it is set here, in the shebang (`env -S`; npm's Windows shims apply it too), not from JavaScript.
// The two V8 flags collect an index run's garbage sooner. Chunk texts, token ids and the model's vector buffers
// live for a few groups, so with V8's 16 MB semi-spaces they were promoted, and the old space then grew to ~3× its
// live size before a full collection (a million-chunk run's timeline: ~250 MB of dead heap and ~160 MB of dead
// ArrayBuffers at its peak). A 2 MB semi-space and a 30 % growth step lowered a 100k run's peak by ~45 MB with the
// static model and 36 MB with the MiniLM architecture (BENCHMARKS.md §7); heap sizes are fixed at startup, hence here.
// MALLOC_MMAP_THRESHOLD_=131072 keeps glibc's first threshold for serving a request with its own mapping: by default
// glibc raises it to the size of each mapped block freed (up to 32 MB), after which an index run's large short-lived
// buffers (file reads, token ids, the model's outputs, save buffers) come from the arenas, and freed arena memory
// mostly stays resident. Mapped, each returns to the system when freed: a 100k-chunk run's peak 388 → 360 MB with the
// MiniLM architecture (same run time) and ~349 → ~323 MB with the static model (~10 % slower: more page faults).
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
