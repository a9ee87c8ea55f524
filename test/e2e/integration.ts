// Runs the mocha integration suite (test/integration) inside code-server's Node extension host, the way
// @vscode/test-electron would: the workbench reads extensionDevelopmentPath/extensionTestsPath from the
// `payload` URL parameter and reports the exit code through window.codeAutomationExit.
// usage: node out/test/e2e/integration.js <server-url> <workspace> <extension-dir> <tests-index.js> [timeout-s]
import * as util from 'node:util';
import { launch, workbenchUrl } from './browser';

/** Workbench chatter forwarded with the test output (timings, sockets, the unreachable extension gallery). */
const NOISE =
  /^(Creation of workbench contribution|Creating a socket|Resolv(ing|ed) connection token|Updating additional builtin|\[Service Worker\]|ChatSessionStore|getaddrinfo ENOTFOUND)/;

async function main(): Promise<number> {
  const [url, workspace, extDir, testsPath, timeoutArg] = process.argv.slice(2);
  if (!url || !workspace || !extDir || !testsPath) {
    throw new Error('usage: integration.js <server-url> <workspace> <extension-dir> <tests-index.js> [timeout-s]');
  }
  const timeoutMs = Number(timeoutArg || 240) * 1000;
  const browser = await launch();
  try {
    const { ctx, page } = browser;
    await ctx.exposeFunction('codeAutomationLog', (_type: string, args: unknown[]) => {
      const text = util.format(...(Array.isArray(args) ? args : [args]));
      if (!NOISE.test(text)) console.log(text);
    });
    let exit!: (code: number) => void;
    const exited = new Promise<number>((r) => (exit = r));
    await ctx.exposeFunction('codeAutomationExit', (code: number) => exit(code));
    await page.goto(
      workbenchUrl(url, workspace, [
        ['extensionDevelopmentPath', extDir],
        ['extensionTestsPath', testsPath],
      ]),
    );
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<number>((r) => {
      timer = setTimeout(() => {
        console.error(`integration suite did not finish within ${timeoutMs / 1000} s`);
        r(124);
      }, timeoutMs);
    });
    const code = await Promise.race([exited, timedOut]);
    clearTimeout(timer);
    return code;
  } finally {
    await browser.close();
  }
}

main().then(
  (code) => process.exit(code === 0 ? 0 : code === 124 ? 124 : 1),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
