// Model resolution: --model / setting → <package>/models/all-MiniLM-L6-v2 → SEMSEARCH_MODEL_DIR.
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ModelNotFoundError } from '../errors';
import type { ModelIdentity } from '../types';
import { cachedFileHash } from './modelHashCache';
import type { ModelLocation } from './types';

/** Files a model folder must hold to be usable (relative, forward slashes). */
export const REQUIRED_MODEL_FILES = ['tokenizer.json', 'tokenizer_config.json', 'config.json', 'onnx/model_quantized.onnx'] as const;

/** Folder name of the bundled model inside the package's `models/`. */
export const PACKAGED_MODEL_NAME = 'all-MiniLM-L6-v2';

export const MODEL_DIR_ENV = 'SEMSEARCH_MODEL_DIR';

export interface ResolveModelOptions {
  /** `--model` / setting: when given it must be complete (no silent fall-through). */
  explicit?: string;
  /** Package folder holding `models/all-MiniLM-L6-v2/`; default: the nearest ancestor of this file with our package.json. */
  packageRoot?: string;
  /** Default `process.env`. */
  env?: NodeJS.ProcessEnv;
  /** A file that remembers the model file's hash between processes (modelHashCache.ts). */
  hashCache?: string;
}

/** Which required files are missing in `dir` (empty when complete). */
export function missingModelFiles(dir: string): string[] {
  return REQUIRED_MODEL_FILES.filter((f) => {
    try {
      return !fs.statSync(path.join(dir, f)).isFile();
    } catch {
      return true;
    }
  });
}

function describe(dir: string, source: string): string {
  if (!fs.existsSync(dir)) return `${source} ${dir} (folder does not exist)`;
  return `${source} ${dir} (missing ${missingModelFiles(dir).join(', ')})`;
}

const HOW_TO_FIX =
  'Run `npm run fetch-model` to download all-MiniLM-L6-v2 into the package, or point SEMSEARCH_MODEL_DIR (or --model / the model setting) ' +
  'at a folder holding tokenizer.json, tokenizer_config.json, config.json and onnx/model_quantized.onnx.';

/** Resolve a complete model folder; throws ModelNotFoundError with one actionable message. */
export async function resolveModel(opts: ResolveModelOptions = {}): Promise<ModelLocation> {
  const env = opts.env ?? process.env;
  if (opts.explicit !== undefined && opts.explicit !== '') {
    const dir = path.resolve(opts.explicit);
    if (missingModelFiles(dir).length > 0) {
      throw new ModelNotFoundError(`The model folder given explicitly is not usable: ${describe(dir, 'model')}. ${HOW_TO_FIX}`, [dir]);
    }
    return loadModelLocation(dir, opts.hashCache);
  }
  const searched: string[] = [];
  const problems: string[] = [];
  const packageRoot = opts.packageRoot ?? findPackageRoot();
  if (packageRoot) {
    const dir = path.resolve(packageRoot, 'models', PACKAGED_MODEL_NAME);
    searched.push(dir);
    if (missingModelFiles(dir).length === 0) return loadModelLocation(dir, opts.hashCache);
    problems.push(describe(dir, 'packaged model'));
  } else {
    problems.push('packaged model (package folder not found)');
  }
  const fromEnv = env[MODEL_DIR_ENV];
  if (fromEnv) {
    const dir = path.resolve(fromEnv);
    searched.push(dir);
    if (missingModelFiles(dir).length === 0) return loadModelLocation(dir, opts.hashCache);
    problems.push(describe(dir, MODEL_DIR_ENV + '='));
  } else {
    problems.push(`${MODEL_DIR_ENV} (not set)`);
  }
  throw new ModelNotFoundError(`No complete embedding model found. Looked at: ${problems.join('; ')}. ${HOW_TO_FIX}`, searched);
}

/** Build the location and identity of a folder known to be complete. */
export async function loadModelLocation(dir: string, hashCache?: string): Promise<ModelLocation> {
  const onnxPath = path.join(dir, 'onnx', 'model_quantized.onnx');
  let config: Record<string, unknown>;
  try {
    config = JSON.parse(await fs.promises.readFile(path.join(dir, 'config.json'), 'utf8')) as Record<string, unknown>;
  } catch (e) {
    throw new ModelNotFoundError(`The model's config.json in ${dir} is not valid JSON (${(e as Error).message}). ${HOW_TO_FIX}`, [dir]);
  }
  const dimensions = Number(config.hidden_size);
  if (!Number.isInteger(dimensions) || dimensions <= 0) {
    throw new ModelNotFoundError(`The model's config.json in ${dir} has no valid hidden_size. ${HOW_TO_FIX}`, [dir]);
  }
  const name = typeof config._name_or_path === 'string' && config._name_or_path ? config._name_or_path : path.basename(dir);
  const identity: ModelIdentity = { name, sha256: await cachedFileHash(onnxPath, hashCache, sha256File), dimensions };
  return { dir, onnxPath, identity };
}

/** Stream-hash a file (sha256 hex). */
export function sha256File(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = crypto.createHash('sha256');
    const stream = fs.createReadStream(file, { highWaterMark: 1 << 20 });
    stream.on('data', (b) => hash.update(b));
    stream.on('error', reject);
    stream.on('end', () => resolve(hash.digest('hex')));
  });
}

/** Nearest ancestor of this file whose package.json is ours (works from src, tsc output and a dist/ bundle). */
export function findPackageRoot(from: string = __dirname): string | undefined {
  let dir = from;
  for (;;) {
    const pj = path.join(dir, 'package.json');
    try {
      const name = (JSON.parse(fs.readFileSync(pj, 'utf8')) as { name?: string }).name;
      if (name === 'semantic-code-search') return dir;
    } catch {
      // not here
    }
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}
