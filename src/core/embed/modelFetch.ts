// Download (resumable, verified) or copy the model files: the logic behind `npm run fetch-model`.
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import * as path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export const MODEL_REPO = 'Xenova/all-MiniLM-L6-v2';
export const MODEL_REVISION = '751bff37182d3f1213fa05d7196b954e230abad9';
export const DEFAULT_BASE_URL = `https://huggingface.co/${MODEL_REPO}/resolve/${MODEL_REVISION}`;

export interface ModelFile {
  /** Relative path, forward slashes (also the URL suffix). */
  path: string;
  size?: number;
  /** sha256 hex: verified after download/copy unless verification is off. */
  sha256?: string;
}

/** The production model's files (models/README.md); the two large ones are pinned by size and SHA-256. */
export const MODEL_FILES: readonly ModelFile[] = [
  { path: 'onnx/model_quantized.onnx', size: 22_972_370, sha256: 'afdb6f1a0e45b715d0bb9b11772f032c399babd23bfc31fed1c170afc848bdb1' },
  { path: 'tokenizer.json', size: 711_661, sha256: 'da0e79933b9ed51798a3ae27893d3c5fa4a201126cef75586296df9b4d2c62a0' },
  { path: 'config.json' },
  { path: 'tokenizer_config.json' },
  { path: 'special_tokens_map.json' },
];

export class FetchError extends Error {
  constructor(
    message: string,
    /** A network interruption: trying again resumes from the .part file. */
    readonly retryable = false,
  ) {
    super(message);
    this.name = 'FetchError';
  }
}

export interface FetchModelOptions {
  /** Destination folder (created). */
  dest: string;
  files?: readonly ModelFile[];
  /** Download base URL: `<baseUrl>/<file.path>`. Default: the pinned Hugging Face revision. */
  baseUrl?: string;
  /** Copy from this local folder instead of downloading. */
  from?: string;
  /** Verify pinned SHA-256 (default true). Off only to copy stand-ins in tests. */
  verify?: boolean;
  /** Automatic resumptions after a network interruption, per file (default 3). */
  retries?: number;
  /** Socket inactivity timeout (default 30 s). */
  timeoutMs?: number;
  log?: (line: string) => void;
}

export interface FetchModelResult {
  /** Downloaded or copied in this run. */
  fetched: string[];
  /** Already present (and verified when pinned). */
  present: string[];
}

export function sha256OfFile(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const h = crypto.createHash('sha256');
    fs.createReadStream(file, { highWaterMark: 1 << 20 })
      .on('data', (b) => h.update(b))
      .on('error', reject)
      .on('end', () => resolve(h.digest('hex')));
  });
}

/** Throw (after deleting `file`) when its size or SHA-256 differs from the pin. */
export async function verifyFile(file: string, spec: ModelFile, label = spec.path): Promise<void> {
  if (spec.size !== undefined) {
    const size = fs.statSync(file).size;
    if (size !== spec.size) {
      fs.rmSync(file, { force: true });
      throw new FetchError(`${label}: size ${size} bytes, expected ${spec.size}; the file was deleted`);
    }
  }
  if (spec.sha256 !== undefined) {
    const got = await sha256OfFile(file);
    if (got !== spec.sha256.toLowerCase()) {
      fs.rmSync(file, { force: true });
      throw new FetchError(`${label}: SHA-256 mismatch (expected ${spec.sha256}, got ${got}); the file was deleted`);
    }
  }
}

/** Fetch every file into `dest`: files already present (and matching their pins) are kept. */
export async function fetchModel(opts: FetchModelOptions): Promise<FetchModelResult> {
  const files = opts.files ?? MODEL_FILES;
  const verify = opts.verify ?? true;
  const log = opts.log ?? (() => undefined);
  const result: FetchModelResult = { fetched: [], present: [] };
  for (const spec of files) {
    const target = path.join(opts.dest, ...spec.path.split('/'));
    const pin: ModelFile = verify ? spec : { path: spec.path };
    fs.mkdirSync(path.dirname(target), { recursive: true });
    if (fs.existsSync(target)) {
      try {
        await verifyFile(target, pin);
        result.present.push(spec.path);
        continue;
      } catch (e) {
        log(`${(e as Error).message}; fetching it again`);
      }
    }
    const part = target + '.part';
    if (opts.from) {
      const src = path.join(opts.from, ...spec.path.split('/'));
      if (!fs.existsSync(src)) throw new FetchError(`${spec.path} is missing in ${opts.from}`);
      fs.copyFileSync(src, part);
      log(`copied ${spec.path}`);
    } else {
      const url = `${(opts.baseUrl ?? DEFAULT_BASE_URL).replace(/\/+$/, '')}/${spec.path}`;
      await downloadWithRetries(url, part, opts.retries ?? 3, opts.timeoutMs ?? 30_000, log);
      log(`downloaded ${spec.path}`);
    }
    await verifyFile(part, pin, spec.path);
    fs.renameSync(part, target);
    result.fetched.push(spec.path);
  }
  return result;
}

async function downloadWithRetries(url: string, part: string, retries: number, timeoutMs: number, log: (l: string) => void): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await downloadToPart(url, part, timeoutMs);
      return;
    } catch (e) {
      const have = fs.existsSync(part) ? fs.statSync(part).size : 0;
      if (!(e instanceof FetchError && e.retryable)) throw e;
      if (attempt >= retries) {
        throw new FetchError(`download of ${url} interrupted after ${have} bytes (${e.message}); run again to resume`, true);
      }
      log(`${url}: ${e.message}; resuming at byte ${have}`);
    }
  }
}

/** One GET into `part`, resuming with a Range request when `part` already holds bytes; follows redirects. */
export async function downloadToPart(url: string, part: string, timeoutMs = 30_000, redirects = 10): Promise<void> {
  const start = fs.existsSync(part) ? fs.statSync(part).size : 0;
  const res = await get(url, start > 0 ? { Range: `bytes=${start}-` } : {}, timeoutMs);
  const status = res.statusCode ?? 0;
  if (status >= 300 && status < 400 && res.headers.location) {
    res.resume();
    if (redirects <= 0) throw new FetchError(`GET ${url}: too many redirects`);
    return downloadToPart(new URL(res.headers.location, url).toString(), part, timeoutMs, redirects - 1);
  }
  if (status === 416 && start > 0) {
    res.resume(); // the .part already holds everything; verification decides
    return;
  }
  let flags = 'w';
  if (status === 206) {
    const range = /^bytes (\d+)-/.exec(String(res.headers['content-range'] ?? ''));
    if (!range || Number(range[1]) !== start) {
      res.resume();
      throw new FetchError(`GET ${url}: server answered range ${res.headers['content-range'] ?? '(none)'} to a request from byte ${start}`);
    }
    flags = 'a';
  } else if (status !== 200) {
    res.resume();
    throw new FetchError(`GET ${url}: HTTP ${status}${res.statusMessage ? ' ' + res.statusMessage : ''}`, status >= 500);
  }
  const expected = res.headers['content-length'] !== undefined ? Number(res.headers['content-length']) : undefined;
  let received = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      received += chunk.length;
      cb(null, chunk);
    },
  });
  const out = fs.createWriteStream(part, { flags });
  try {
    await pipeline(res, counter, out);
  } catch (e) {
    // A write still in flight when the connection broke lands later: wait for the file to be
    // closed, or a resume would measure the .part too early and append the same bytes twice.
    if (!out.closed) await new Promise<void>((resolve) => out.once('close', () => resolve()));
    throw new FetchError((e as Error).message || 'connection lost', true);
  }
  if (expected !== undefined && received !== expected) {
    throw new FetchError(`connection closed after ${received} of ${expected} bytes`, true);
  }
}

function get(url: string, headers: Record<string, string>, timeoutMs: number): Promise<http.IncomingMessage> {
  return new Promise((resolve, reject) => {
    let u: URL;
    try {
      u = new URL(url);
    } catch {
      return reject(new FetchError(`invalid URL ${url}`));
    }
    const mod = u.protocol === 'https:' ? https : u.protocol === 'http:' ? http : undefined;
    if (!mod) return reject(new FetchError(`unsupported URL ${url}`));
    const req = mod.get(u, { headers: { 'User-Agent': 'semantic-code-search fetch-model', ...headers } }, resolve);
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`no data for ${timeoutMs / 1000} s`)));
    req.on('error', (e) => reject(new FetchError(`GET ${url}: ${e.message}`, true)));
  });
}
