// Adds up the phases' result files and prints the closing line "E2E: N passed, M failed".
// usage: node summary.js <run-dir> <phase>=<results.json> ...   Exit 1 when anything failed or nothing ran.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const [runDir, ...phases] = process.argv.slice(2);
let passed = 0;
let failed = 0;
let pending = 0;
const failures = [];
for (const spec of phases) {
  const eq = spec.indexOf('=');
  const name = spec.slice(0, eq);
  const file = spec.slice(eq + 1);
  const rcFile = path.join(runDir, `${name}.rc`);
  const rc = fs.existsSync(rcFile) ? Number(fs.readFileSync(rcFile, 'utf8').trim()) : NaN;
  let r;
  try {
    r = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    failed++;
    const logFile = path.join(runDir, `${name}.log`);
    failures.push(`${name}: no results (exit ${Number.isNaN(rc) ? 'n/a' : rc})${fs.existsSync(logFile) ? `; see ${logFile}` : ''}`);
    continue;
  }
  passed += r.passed;
  failed += r.failed;
  pending += r.pending || 0;
  for (const f of r.failures || []) failures.push(`${name}: ${f}`);
  // A phase whose process failed although its tests passed (crash after the run, timeout) still fails.
  if (rc !== 0 && r.failed === 0) {
    failed++;
    failures.push(`${name}: exit ${rc} with no failed test recorded`);
  }
  console.log(`  ${name}: ${r.passed} passed, ${r.failed} failed, ${r.pending || 0} pending`);
}
if (failures.length) console.log(`Failures:\n${failures.map((f) => '  - ' + f.split('\n')[0]).join('\n')}`);
if (pending) console.log(`(${pending} pending/skipped)`);
console.log(`E2E: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
