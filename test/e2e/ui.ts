// Runs the Playwright UI specs (mocha tdd, in this Node process) against a running code-server.
// usage: node out/test/e2e/ui.js <server-url> <workspace> <artifacts-dir> [results.json]
// Exit code 0 when every spec passed. E2E_GREP=<regex> runs a subset. E2E_UI_SPECS=team runs team-specs/ instead of
// specs/ (the team store as a user sees it; run.sh starts its server and workspace).
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import { launch, workbenchUrl } from './browser';
import { waitForWorkbench } from './actions';
import { FIXTURE_FILES } from './fixture';
import { writeResult, type PhaseResult } from './results';
import { screenshot, setSession } from './session';

async function main(): Promise<number> {
  const [url, workspace, artifacts, resultsFile] = process.argv.slice(2);
  if (!url || !workspace || !artifacts) throw new Error('usage: ui.js <server-url> <workspace> <artifacts-dir> [results.json]');
  const team = process.env.E2E_UI_SPECS === 'team';
  const result: PhaseResult = { phase: team ? 'ui-team' : 'ui', passed: 0, failed: 0, pending: 0, failures: [] };
  const browser = await launch();
  try {
    const { page } = browser;
    page.on('pageerror', (e) => console.log(`[page error] ${e.message}`));
    setSession({ page, workspace, artifacts });
    const t0 = Date.now();
    await page.goto(workbenchUrl(url, workspace));
    const firstTop = Object.keys(FIXTURE_FILES).map((p) => p.split('/')[0]).sort()[0];
    await waitForWorkbench(page, firstTop);
    console.log(`workbench ready in ${Date.now() - t0} ms`);

    const mocha = new Mocha({ ui: 'tdd', timeout: 90_000, reporter: 'spec', color: false });
    if (process.env.E2E_GREP) mocha.grep(new RegExp(process.env.E2E_GREP));
    const specDir = path.join(__dirname, team ? 'team-specs' : 'specs');
    for (const f of fs.readdirSync(specDir).filter((f) => f.endsWith('.spec.js')).sort()) mocha.addFile(path.join(specDir, f));
    mocha.rootHooks({
      async afterEach(this: Mocha.Context) {
        const t = this.currentTest;
        if (t?.state === 'failed') {
          const file = await screenshot(`FAILED-${t.fullTitle()}`).catch(() => undefined);
          if (file) console.log(`  screenshot: ${file}`);
        }
      },
    });
    await new Promise<void>((resolve) => {
      const runner = mocha.run(() => resolve());
      runner.on('pass', () => result.passed++);
      runner.on('pending', () => result.pending++);
      runner.on('fail', (t, err: Error) => {
        result.failed++;
        result.failures.push(`${t.fullTitle()}: ${err.message}`);
      });
    });
  } catch (e) {
    result.failed++;
    result.failures.push(`UI harness: ${(e as Error).stack ?? e}`);
    console.error(`UI harness error: ${(e as Error).stack ?? e}`);
    await screenshot('FAILED-harness').catch(() => undefined);
  } finally {
    await browser.close();
    writeResult(resultsFile, result);
  }
  console.log(`UI: ${result.passed} passed, ${result.failed} failed, ${result.pending} pending`);
  return result.failed === 0 && result.passed > 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
