// `npm run test:vscode`: the integration suite in desktop VS Code through @vscode/test-electron
// (config: .vscode-test.mjs). VS Code comes from VSCODE_EXECUTABLE, else a download. When neither
// works (offline), the same suite runs in code-server instead (scripts/e2e/run.sh, E2E_ONLY=integration);
// when that is impossible too, it SKIPS with the reason and exits 0.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const require = createRequire(import.meta.url);
const config = (await import(path.join(root, '.vscode-test.mjs'))).default;
const log = (m) => console.log(`[test:vscode] ${m}`);

function sh(script, env = {}) {
  return spawnSync('bash', [path.join(here, script)], { stdio: 'inherit', env: { ...process.env, ...env } }).status ?? 1;
}

function codeServerFallback(reason) {
  log(`${reason}`);
  log('Running the same integration suite in code-server (VS Code 1.100 workbench, Node extension host) instead.');
  if (sh('setup.sh') !== 0) {
    log('SKIP: code-server could not be set up either (see above). Set VSCODE_EXECUTABLE to a VS Code binary to run this suite.');
    process.exit(0);
  }
  process.exit(sh('run.sh', { E2E_ONLY: 'integration', E2E_SKIP_SETUP: '1' }));
}

async function vscodeExecutable() {
  if (process.env.VSCODE_EXECUTABLE) {
    if (!fs.existsSync(process.env.VSCODE_EXECUTABLE)) throw new Error(`VSCODE_EXECUTABLE=${process.env.VSCODE_EXECUTABLE} does not exist`);
    return process.env.VSCODE_EXECUTABLE;
  }
  const { downloadAndUnzipVSCode } = require('@vscode/test-electron');
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error('download timed out')), 60_000);
  });
  try {
    return await Promise.race([
      downloadAndUnzipVSCode({ version: config.version, cachePath: path.join(config.workDir, 'vscode'), timeout: 20_000 }),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

let executable;
try {
  executable = await vscodeExecutable();
} catch (e) {
  codeServerFallback(`No VS Code desktop: VSCODE_EXECUTABLE is not set and the download failed (${e.message.split('\n')[0]}).`);
}

if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
  log('No DISPLAY: desktop VS Code needs one on Linux (e.g. run this under xvfb-run).');
}
if (sh('build.sh') !== 0) process.exit(1);
const { runTests } = require('@vscode/test-electron');
const { writeFixture } = require(path.join(root, 'out', 'test', 'e2e', 'fixture.js'));
const results = [];
for (const run of config.runs) {
  writeFixture(run.workspace);
  fs.mkdirSync(path.join(config.workDir, 'empty-model'), { recursive: true });
  const resultsFile = path.join(config.workDir, `${run.label}-results.json`);
  fs.rmSync(resultsFile, { force: true });
  const userData = path.join(config.workDir, `user-${run.label}`);
  fs.rmSync(userData, { recursive: true, force: true });
  log(`run ${run.label} with ${executable}`);
  let code = 0;
  try {
    await runTests({
      vscodeExecutablePath: executable,
      extensionDevelopmentPath: config.extensionDevelopmentPath,
      extensionTestsPath: config.extensionTestsPath,
      extensionTestsEnv: { ...run.env, SEMSEARCH_IT_RESULTS: resultsFile },
      launchArgs: [
        run.workspace,
        `--user-data-dir=${userData}`,
        `--extensions-dir=${path.join(config.workDir, 'extensions')}`,
        ...config.launchArgs,
      ],
    });
  } catch (e) {
    code = 1;
    log(`run ${run.label} failed: ${e.message ?? e}`);
  }
  fs.writeFileSync(path.join(config.workDir, `${run.label}.rc`), String(code));
  results.push(`${run.label}=${resultsFile}`);
}
const s = spawnSync('node', [path.join(here, 'summary.js'), config.workDir, ...results], { stdio: 'inherit' });
process.exit(s.status ?? 1);
