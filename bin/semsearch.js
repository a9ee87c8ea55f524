#!/usr/bin/env node
// Entry of the semsearch command: runs the compiled CLI (npm install builds it via `prepare`).
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
