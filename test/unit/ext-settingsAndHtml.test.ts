import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { indexDirFor, legacyIndexDirFor, migrateLegacyIndex } from '../../src/extension/vscodeFree/indexLocation';
import { contentSecurityPolicy, escapeHtml, panelHtml } from '../../src/extension/vscodeFree/panelHtml';
import { DEFAULT_SETTINGS, engineOptionsFor, readSettings, resolveModelPath } from '../../src/extension/vscodeFree/settingsModel';

describe('settings', () => {
  it('reads valid values and falls back on invalid ones', () => {
    const values: Record<string, unknown> = { include: ['src/**', 3, ''], vectorPrecision: 'f16', threads: 2.6, hybridWeight: 7, autoIndex: 'yes', maxFileSizeKB: -5 };
    const s = readSettings((k) => values[k]);
    assert.deepEqual(s.include, ['src/**']);
    assert.equal(s.precision, 'f16');
    assert.equal(s.threads, 3);
    assert.equal(s.hybridSemanticWeight, 1);
    assert.equal(s.autoIndex, true);
    assert.equal(s.maxFileSizeKB, 1);
    assert.equal(readSettings(() => 'bogus').precision, 'i8');
    assert.deepEqual(readSettings((k) => (k === 'allowSecretFiles' ? ['.env.local', 7] : undefined)).allowSecretFiles, ['.env.local']);
  });

  it('turns settings into background EngineOptions for a folder', () => {
    const o = engineOptionsFor({ ...DEFAULT_SETTINGS, modelPath: 'models/m', exclude: ['**/gen/**'], allowSecretFiles: ['config/.env.demo'] }, '/ws/a', '/store/idx', '/ext');
    assert.deepEqual(o.allowSecrets, ['config/.env.demo'], 'the secret opt-in reaches the engine');
    assert.equal(o.background, true);
    assert.equal(o.packageRoot, '/ext');
    assert.equal(o.indexDir, '/store/idx');
    assert.equal(o.modelDir, path.resolve('/ws/a', 'models/m'));
    assert.equal(o.threads, undefined, '0 means automatic');
    assert.equal(o.maxFileBytes, 1_000_000);
    assert.deepEqual(o.exclude, ['**/gen/**']);
  });

  it('resolves the model path: empty, ${workspaceFolder}, ~ and absolute', () => {
    assert.equal(resolveModelPath('', '/ws'), undefined);
    assert.equal(resolveModelPath('${workspaceFolder}/m', '/ws'), path.resolve('/ws/m'));
    assert.equal(resolveModelPath('~/models/x', '/ws'), path.join(os.homedir(), 'models/x'));
    assert.equal(resolveModelPath('/abs/m', '/ws'), path.resolve('/abs/m'));
  });

  it('gives every folder and model one stable index folder, keyed by the real path (a symlink shares it)', () => {
    const tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'ext-loc-')));
    fs.mkdirSync(path.join(tmp, 'app'));
    fs.symlinkSync(path.join(tmp, 'app'), path.join(tmp, 'link'));
    const m1 = { name: 'm', sha256: 'a'.repeat(64) };
    const m2 = { name: 'm', sha256: 'b'.repeat(64) };
    const a = indexDirFor('/store', path.join(tmp, 'app'), m1);
    assert.equal(a, indexDirFor('/store', path.join(tmp, 'app'), m1));
    assert.equal(a, indexDirFor('/store', path.join(tmp, 'link'), m1), 'the same folder through a symlink');
    assert.notEqual(a, indexDirFor('/store', path.join(tmp, 'app'), m2), 'another model, another index');
    assert.notEqual(a, indexDirFor('/store', '/other/app', m1));
    assert.equal(path.dirname(a), path.resolve('/store'));
    assert.match(path.basename(indexDirFor('/store', '/ws/we ird:name', m1)), /^we_ird_name-[0-9a-f]{16}$/);
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('moves an index from the old per-workspace place, or removes the old copy when the new one exists', async () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ext-mig-'));
    const legacy = legacyIndexDirFor(path.join(tmp, 'ws-storage'), '/ws/app');
    fs.mkdirSync(legacy, { recursive: true });
    fs.writeFileSync(path.join(legacy, 'current.json'), '{}');
    const target = path.join(tmp, 'global', 'indexes', 'app-1');
    assert.equal(await migrateLegacyIndex(legacy, target), 'moved');
    assert.ok(fs.existsSync(path.join(target, 'current.json')) && !fs.existsSync(legacy));
    fs.mkdirSync(legacy, { recursive: true });
    assert.equal(await migrateLegacyIndex(legacy, target), 'removed');
    assert.ok(!fs.existsSync(legacy));
    assert.equal(await migrateLegacyIndex(legacy, target), 'none');
    fs.rmSync(tmp, { recursive: true, force: true });
  });
});

describe('panel HTML', () => {
  const html = panelHtml({
    cspSource: 'vscode-resource:',
    scriptUri: 'vscode-resource:/media/webview.js',
    styleUri: 'vscode-resource:/media/panel.css',
    nonce: 'abc123',
    initial: { tab: 'search', query: '"></body><script>alert(1)</script>', mode: 'hybrid', folders: [{ root: '/ws', name: "it's" }] },
  });

  it('has a strict CSP: default-src none, scripts by nonce only, no remote sources', () => {
    const csp = contentSecurityPolicy('vscode-resource:', 'abc123');
    assert.match(csp, /^default-src 'none'/);
    assert.match(csp, /script-src 'nonce-abc123'/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|https?:/);
    assert.ok(html.includes(escapeHtml(csp)));
  });

  it('puts initial data only in an escaped data attribute, and every script has the nonce', () => {
    assert.equal((html.match(/<script/g) ?? []).length, 1);
    assert.match(html, /<script nonce="abc123" src="vscode-resource:\/media\/webview.js"><\/script>/);
    assert.ok(!html.includes('<script>alert(1)'));
    const attr = /data-initial="([^"]*)"/.exec(html)![1];
    const decoded = attr.replace(/&#(\d+);/g, (_, n) => String.fromCharCode(Number(n)));
    assert.equal(JSON.parse(decoded).query, '"></body><script>alert(1)</script>');
    assert.equal(JSON.parse(decoded).folders[0].name, "it's");
  });
});
