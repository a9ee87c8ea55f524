// The browser page and paths shared by the UI specs during one run. One job: hand them out.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';

export interface Session {
  page: Page;
  /** Absolute path of the fixture workspace opened in the workbench. */
  workspace: string;
  /** Where screenshots go (test-artifacts/…). */
  artifacts: string;
}

let current: Session | undefined;

export function setSession(s: Session): void {
  current = s;
}

export function session(): Session {
  if (!current) throw new Error('E2E session not started: run the specs through test/e2e/ui.ts');
  return current;
}

/** Saves a PNG of the whole page under the artifacts folder; returns its path. */
export async function screenshot(name: string): Promise<string> {
  const s = session();
  fs.mkdirSync(s.artifacts, { recursive: true });
  const file = path.join(s.artifacts, `${name.replace(/[^\w.-]+/g, '-')}.png`);
  await s.page.screenshot({ path: file });
  return file;
}
