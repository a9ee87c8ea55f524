// Launches Debian's Chromium through playwright-core with a fresh profile. One job: the browser.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = process.env.E2E_CHROMIUM || '/usr/bin/chromium';

export interface Browser {
  ctx: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

export async function launch(): Promise<Browser> {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'semsearch-e2e-profile-'));
  const ctx = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1400, height: 900 },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
  const page = ctx.pages()[0] ?? (await ctx.newPage());
  return {
    ctx,
    page,
    async close() {
      await ctx.close().catch(() => undefined);
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Workbench URL for a folder, optionally with development payload pairs (values are paths). */
export function workbenchUrl(base: string, folder: string, payload?: Array<[string, string]>): string {
  const u = new URL(base);
  u.searchParams.set('folder', folder);
  if (payload) {
    // In the web workbench the development flags must be vscode-remote URIs, not plain paths.
    u.searchParams.set('payload', JSON.stringify(payload.map(([k, v]) => [k, `vscode-remote://remote${v}`])));
  }
  return u.toString();
}
