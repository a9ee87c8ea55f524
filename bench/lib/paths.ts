import * as fs from 'node:fs';
import * as path from 'node:path';

/** The repository root: the nearest ancestor of this file holding package.json with our name. */
function findRoot(): string {
  let d = __dirname;
  for (;;) {
    const pj = path.join(d, 'package.json');
    if (fs.existsSync(pj) && (JSON.parse(fs.readFileSync(pj, 'utf8')) as { name?: string }).name === 'semantic-code-search') return d;
    const up = path.dirname(d);
    if (up === d) throw new Error('bench: repository root not found');
    d = up;
  }
}

export const REPO_ROOT = findRoot();
export const WORK_DIR = process.env.SEMSEARCH_BENCH_WORK ?? path.join(REPO_ROOT, 'bench', '.work');
export const RESULTS_DIR = path.join(REPO_ROOT, 'bench', 'results');
export const CLI_PATH = path.join(REPO_ROOT, 'out', 'src', 'cli', 'main.js');
/** The `semsearch` command as npm links it (`npx semsearch`): run through its shebang, which sets its environment. */
export const BIN_PATH = path.join(REPO_ROOT, 'bin', 'semsearch.js');
/** The stand-in models beside the repository (`../shared/models`), or SEMSEARCH_SHARED_MODELS. */
export const SHARED_MODELS = process.env.SEMSEARCH_SHARED_MODELS ?? path.resolve(REPO_ROOT, '..', 'shared', 'models');
export const STATIC_MODEL = path.join(SHARED_MODELS, 'static-minilm-dev');
export const ARCH_MODEL = path.join(SHARED_MODELS, 'minilm-arch-random');
export const REAL_MODEL = path.join(REPO_ROOT, 'models', 'all-MiniLM-L6-v2');

export function ensureDir(d: string): string {
  fs.mkdirSync(d, { recursive: true });
  return d;
}

export function rmrf(d: string): void {
  fs.rmSync(d, { recursive: true, force: true });
}

/** A model folder is usable when it holds the model's files (REQUIRED_MODEL_FILES, models/README.md). */
export function modelPresent(dir: string): boolean {
  return ['tokenizer.json', 'config.json', path.join('onnx', 'model_quantized.onnx')].every((f) => fs.existsSync(path.join(dir, f)));
}
