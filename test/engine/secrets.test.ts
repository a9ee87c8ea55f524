// Secrets are never indexed: not by name, not by folder, not by a private-key block in the content; no byte of
// them reaches any index file; a user can opt a path back in.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createEngine, type Engine } from '../../src/core';
import { devModelDir } from '../helpers/models';
import { makeTempWorkspace, type TempWorkspace } from '../helpers/tempWorkspace';

const MARK = 'Zq7SECRETVALUEq7Z';
const KEY_BLOCK = `-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA${MARK}\n-----END RSA PRIVATE KEY-----\n`;

const SECRET_FILES: Record<string, string> = {
  '.env': `DB_PASSWORD=${MARK}\n`,
  '.env.production': `API_KEY=${MARK}\n`,
  'config/id_rsa': KEY_BLOCK,
  'certs/server.pem': KEY_BLOCK,
  'certs/tls.key': KEY_BLOCK,
  'credentials.json': `{"password": "${MARK}"}\n`,
  '.aws/credentials': `[default]\naws_secret_access_key = ${MARK}\n`,
  '.npmrc': `//registry.npmjs.org/:_authToken=${MARK}\n`,
  'deploy/secrets.yaml': `password: ${MARK}\n`,
  // No telltale name: caught by the private-key block in its content.
  'notes/setup-notes.txt': `Paste this on the server:\n${KEY_BLOCK}`,
};

const FILES: Record<string, string> = {
  ...SECRET_FILES,
  '.env.example': 'DB_PASSWORD=change-me\n',
  'src/login.ts': 'export function checkPassword(user: string, password: string): boolean {\n  return hash(password) === storedHash(user);\n}\n',
};

function allIndexBytes(dir: string): Buffer {
  const parts: Buffer[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) parts.push(allIndexBytes(p));
    else if (e.isFile()) parts.push(fs.readFileSync(p));
  }
  return Buffer.concat(parts);
}

describe('secrets are never indexed', () => {
  let ws: TempWorkspace;
  let engine: Engine;
  before(async () => {
    ws = makeTempWorkspace(FILES);
    engine = await createEngine({ root: ws.root, modelDir: devModelDir(), threads: 1 });
    await engine.index();
  });
  after(async () => {
    await engine.close();
    ws.cleanup();
  });

  it('skips them by name, folder and content, counted as "secret"', () => {
    const st = engine.status();
    // .aws is skipped as a folder (one skip), every other secret as a file.
    assert.equal(st.skipped.secret, Object.keys(SECRET_FILES).length, JSON.stringify(st.skipped));
    assert.equal(st.files, 2, 'only the source file and .env.example are indexed');
  });

  it('"password" finds the code and the example, never a secret', async () => {
    const results = await engine.search('password', { k: 20 });
    const paths = new Set(results.map((r) => r.path));
    assert.ok(paths.has('src/login.ts'), [...paths].join(', '));
    for (const p of Object.keys(SECRET_FILES)) assert.ok(!paths.has(p), `${p} was returned`);
  });

  it('no byte of a secret reaches any index file', () => {
    const bytes = allIndexBytes(engine.indexDir);
    assert.ok(bytes.length > 0);
    assert.equal(bytes.indexOf(MARK), -1, 'a secret value is in the index folder');
    assert.equal(bytes.indexOf('BEGIN RSA PRIVATE KEY'), -1);
  });

  it('a user can opt a path back in', async () => {
    const ws2 = makeTempWorkspace({ '.env.test': 'TEST_DB=sqlite-memory\n', 'fixtures/test.key': KEY_BLOCK, 'a.ts': 'export const a = 1;\n' });
    const e2 = await createEngine({ root: ws2.root, modelDir: devModelDir(), threads: 1, allowSecrets: ['.env.test', 'fixtures/'] });
    try {
      await e2.index();
      assert.equal(e2.status().files, 3);
      assert.equal(e2.status().skipped.secret ?? 0, 0);
    } finally {
      await e2.close();
      ws2.cleanup();
    }
  });
});
