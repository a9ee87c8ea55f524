// fetch-model against a loopback HTTP server serving the static-minilm-dev stand-in.
import { test, describe, before, after } from 'node:test';
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { fetchModel, sha256OfFile, MODEL_FILES, type ModelFile } from '../../src/core/embed/modelFetch';
import { devModelDir } from '../helpers/models';

const SCRIPT = path.join(__dirname, '..', '..', 'scripts', 'fetch-model.js');
const ONNX = 'onnx/model_quantized.onnx';

interface Served {
  url: string;
  requests: { path: string; range?: string }[];
  /** Paths whose next response is cut off after this many bytes (socket destroyed). */
  cutNext: Map<string, number>;
  close(): Promise<void>;
}

/** Serves devModelDir() under /m/, with Range support; /redirect/* answers 302 to /m/*. */
function serve(): Promise<Served> {
  const root = devModelDir();
  const s: Omit<Served, 'url' | 'close'> = { requests: [], cutNext: new Map() };
  const server = http.createServer((req, res) => {
    const u = new URL(req.url ?? '/', 'http://x');
    s.requests.push({ path: u.pathname, range: req.headers.range });
    if (u.pathname.startsWith('/redirect/')) {
      res.writeHead(302, { Location: '/m/' + u.pathname.slice('/redirect/'.length) });
      return res.end();
    }
    const rel = u.pathname.startsWith('/m/') ? u.pathname.slice(3) : '';
    const file = path.join(root, ...rel.split('/'));
    if (!rel || rel.includes('..') || !fs.existsSync(file)) {
      res.writeHead(404);
      return res.end('not found');
    }
    const data = fs.readFileSync(file);
    let start = 0;
    const m = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
    if (m) {
      start = Number(m[1]);
      if (start >= data.length) {
        res.writeHead(416, { 'Content-Range': `bytes */${data.length}` });
        return res.end();
      }
      res.writeHead(206, { 'Content-Length': data.length - start, 'Content-Range': `bytes ${start}-${data.length - 1}/${data.length}` });
    } else {
      res.writeHead(200, { 'Content-Length': data.length });
    }
    const cut = s.cutNext.get(rel);
    if (cut !== undefined) {
      s.cutNext.delete(rel);
      res.write(data.subarray(start, start + cut), () => setTimeout(() => req.socket.destroy(), 20));
      return;
    }
    res.end(data.subarray(start));
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        ...s,
        url: `http://127.0.0.1:${port}`,
        close: () => new Promise<void>((r) => server.close(() => r())),
      });
    }),
  );
}

function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [SCRIPT, ...args], { timeout: 60_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr });
    });
  });
}

describe('fetch-model', () => {
  let srv: Served;
  let tmp: string;
  let pins: ModelFile[];
  let n = 0;
  const dest = (): string => path.join(tmp, `dest${n++}`);

  before(async () => {
    srv = await serve();
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'semsearch-fetch-'));
    // Same file list as production, pinned to the stand-in's bytes.
    pins = await Promise.all(
      MODEL_FILES.map(async (f) => {
        const abs = path.join(devModelDir(), ...f.path.split('/'));
        return f.sha256 ? { path: f.path, size: fs.statSync(abs).size, sha256: await sha256OfFile(abs) } : { path: f.path };
      }),
    );
  });
  after(async () => {
    await srv.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  test('downloads every file through a redirect and verifies the pinned hashes', async () => {
    const d = dest();
    const r = await fetchModel({ dest: d, files: pins, baseUrl: `${srv.url}/redirect` });
    assert.deepEqual(r.fetched, MODEL_FILES.map((f) => f.path));
    for (const f of MODEL_FILES) {
      const got = path.join(d, ...f.path.split('/'));
      assert.deepEqual(fs.readFileSync(got), fs.readFileSync(path.join(devModelDir(), ...f.path.split('/'))), f.path);
      assert.ok(!fs.existsSync(got + '.part'));
    }
    // a second run keeps verified files
    const again = await fetchModel({ dest: d, files: pins, baseUrl: `${srv.url}/m` });
    assert.deepEqual(again.fetched, []);
    assert.equal(again.present.length, MODEL_FILES.length);
  });

  test('a hash mismatch deletes the file and fails', async () => {
    const d = dest();
    const bad = pins.map((p) => (p.path === ONNX ? { ...p, sha256: '0'.repeat(64) } : p));
    await assert.rejects(fetchModel({ dest: d, files: bad, baseUrl: `${srv.url}/m` }), /onnx\/model_quantized\.onnx: SHA-256 mismatch .*deleted/);
    assert.ok(!fs.existsSync(path.join(d, 'onnx', 'model_quantized.onnx')));
    assert.ok(!fs.existsSync(path.join(d, 'onnx', 'model_quantized.onnx.part')));
  });

  test('an interrupted download resumes with a Range request and verifies', async () => {
    const d = dest();
    const size = pins.find((p) => p.path === ONNX)!.size!;
    srv.cutNext.set(ONNX, 3_000_000);
    srv.requests.length = 0;
    await assert.rejects(fetchModel({ dest: d, files: pins, baseUrl: `${srv.url}/m`, retries: 0 }), /interrupted after \d+ bytes.*run again to resume/);
    const part = path.join(d, 'onnx', 'model_quantized.onnx.part');
    const have = fs.statSync(part).size;
    assert.ok(have > 0 && have < size, `partial file of ${have} bytes`);
    assert.ok(!fs.existsSync(path.join(d, 'onnx', 'model_quantized.onnx')));

    const r = await fetchModel({ dest: d, files: pins, baseUrl: `${srv.url}/m` });
    assert.ok(r.fetched.includes(ONNX));
    assert.ok(srv.requests.some((q) => q.path === `/m/${ONNX}` && q.range === `bytes=${have}-`), JSON.stringify(srv.requests));
    assert.equal(await sha256OfFile(path.join(d, ...ONNX.split('/'))), pins.find((p) => p.path === ONNX)!.sha256);
    assert.ok(!fs.existsSync(part));
  });

  test('within one run an interruption is resumed automatically', async () => {
    const d = dest();
    srv.cutNext.set(ONNX, 1_000_000);
    srv.requests.length = 0;
    const lines: string[] = [];
    await fetchModel({ dest: d, files: pins, baseUrl: `${srv.url}/m`, log: (l) => lines.push(l) });
    assert.ok(lines.some((l) => /resuming at byte [1-9]/.test(l)), lines.join('\n'));
    assert.ok(srv.requests.some((q) => q.range !== undefined));
    assert.equal(await sha256OfFile(path.join(d, ...ONNX.split('/'))), pins.find((p) => p.path === ONNX)!.sha256);
  });

  test('HTTP errors fail with the status', async () => {
    await assert.rejects(fetchModel({ dest: dest(), files: [{ path: 'nope.json' }], baseUrl: `${srv.url}/m` }), /HTTP 404/);
  });

  test('script: --from copies a local folder (--no-verify for stand-ins)', async () => {
    const d = dest();
    const r = await run(['--from', devModelDir(), '--dest', d, '--no-verify']);
    assert.equal(r.code, 0, r.stderr);
    for (const f of MODEL_FILES) assert.ok(fs.existsSync(path.join(d, ...f.path.split('/'))), f.path);
    assert.match(r.stdout, /5 fetched/);
  });

  test('script: --from still verifies the production pins (a stand-in fails, one line on stderr)', async () => {
    const d = dest();
    const r = await run(['--from', devModelDir(), '--dest', d]);
    assert.notEqual(r.code, 0);
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    assert.match(r.stderr, /^fetch-model: onnx\/model_quantized\.onnx: size 11845056 bytes, expected 22972370; the file was deleted/);
    assert.ok(!fs.existsSync(path.join(d, 'onnx', 'model_quantized.onnx')));
  });

  test('script: --base-url downloads and verifies against the production pins', async () => {
    const d = dest();
    const r = await run(['--base-url', `${srv.url}/m`, '--dest', d]);
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /^fetch-model: onnx\/model_quantized\.onnx: size .* expected 22972370/);
    const bad = await run(['--bogus']);
    assert.notEqual(bad.code, 0);
    assert.match(bad.stderr, /^fetch-model: unknown argument --bogus/);
  });
});
