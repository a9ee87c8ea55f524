// Configuration of the integration suite for @vscode/test-electron (desktop VS Code), read by
// scripts/e2e/test-vscode.mjs (`npm run test:vscode`). The same suite runs in code-server through
// scripts/e2e/run.sh. Each run opens a fresh copy of the fixture workspace (test/e2e/fixture.ts).
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(fileURLToPath(import.meta.url));
const work = path.join(root, '.e2e', 'vscode-test');

export default {
  /** A VS Code build to download when VSCODE_EXECUTABLE is not set: 'stable' or e.g. '1.100.3'. */
  version: process.env.VSCODE_VERSION || 'stable',
  extensionDevelopmentPath: root,
  extensionTestsPath: path.join(root, 'out', 'test', 'integration', 'index.js'),
  /** Where downloads and per-run user data go (gitignored). */
  workDir: work,
  /** On top of test-electron's own (--no-sandbox, --skip-welcome, --disable-workspace-trust, …). */
  launchArgs: ['--disable-extensions', '--disable-gpu'],
  runs: [
    {
      label: 'main',
      workspace: path.join(work, 'ws-main'),
      env: { SEMSEARCH_IT_SUITE: 'main', SEMSEARCH_MODEL_DIR: path.resolve(root, '..', 'shared', 'models', 'static-minilm-dev') },
    },
    {
      label: 'missing-model',
      workspace: path.join(work, 'ws-missing-model'),
      env: { SEMSEARCH_IT_SUITE: 'missing-model', SEMSEARCH_MODEL_DIR: path.join(work, 'empty-model') },
    },
  ],
};
