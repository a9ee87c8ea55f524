// Mocha (tdd) runner for the integration suite inside a VS Code extension host: the contract of
// @vscode/test-electron's extensionTestsPath (run() resolves on success, rejects on failure), also used
// by the code-server route (scripts/e2e/run.sh via the workbench `payload` URL parameter).
// SEMSEARCH_IT_SUITE=main (default) runs every *.test.js except the ones of the other suites;
// SEMSEARCH_IT_SUITE=missing-model (no model) and =team (a team store, set up by scripts/e2e/run.sh) run only theirs.
// SEMSEARCH_IT_RESULTS=<file> receives the counts.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

/** Files of the suites that need a server of their own. */
const SUITES: Record<string, RegExp> = { 'missing-model': /^missingModel\./, team: /^team\./ };

export function run(): Promise<void> {
  const suite = process.env.SEMSEARCH_IT_SUITE || 'main';
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 120_000, reporter: 'spec' });
  if (process.env.SEMSEARCH_IT_GREP) mocha.grep(new RegExp(process.env.SEMSEARCH_IT_GREP));
  const files = fs
    .readdirSync(__dirname)
    .filter((f) => f.endsWith('.test.js'))
    .filter((f) => (SUITES[suite] ? SUITES[suite].test(f) : !Object.values(SUITES).some((re) => re.test(f))))
    .sort();
  for (const f of files) mocha.addFile(path.join(__dirname, f));
  const counts = { phase: `integration:${suite}`, passed: 0, failed: 0, pending: 0, failures: [] as string[] };
  return new Promise((resolve, reject) => {
    try {
      const runner = mocha.run((failures) => {
        if (process.env.SEMSEARCH_IT_RESULTS) fs.writeFileSync(process.env.SEMSEARCH_IT_RESULTS, JSON.stringify(counts, null, 2));
        console.log(`integration (${suite}): ${counts.passed} passed, ${counts.failed} failed, ${counts.pending} pending`);
        if (failures > 0) reject(new Error(`${failures} integration test(s) failed`));
        else if (counts.passed === 0) reject(new Error('no integration test ran'));
        else resolve();
      });
      runner.on('pass', () => counts.passed++);
      runner.on('pending', () => counts.pending++);
      runner.on('fail', (t, err: Error) => {
        counts.failed++;
        counts.failures.push(`${t.fullTitle()}: ${err.message}`);
      });
    } catch (e) {
      reject(e);
    }
  });
}
