// Locates the stand-in models in ../shared/models (never copied into the repository).
import * as fs from 'node:fs';
import * as path from 'node:path';

function findSharedModels(): string | undefined {
  if (process.env.SEMSEARCH_SHARED_MODELS) return process.env.SEMSEARCH_SHARED_MODELS;
  // Walk up from here (works from src and from compiled output) looking for shared/models beside the repo.
  let dir = __dirname;
  for (let i = 0; i < 8; i++) {
    const candidate = path.join(dir, '..', 'shared', 'models');
    if (fs.existsSync(path.join(candidate, 'static-minilm-dev'))) return path.resolve(candidate);
    dir = path.dirname(dir);
  }
  return undefined;
}

/** The static-embedding stand-in with real (weaker) semantic signal: relevance tests. */
export function devModelDir(): string {
  if (process.env.SEMSEARCH_MODEL_DIR) return process.env.SEMSEARCH_MODEL_DIR;
  const shared = findSharedModels();
  if (!shared) throw new Error('../shared/models/static-minilm-dev not found: set SEMSEARCH_MODEL_DIR');
  return path.join(shared, 'static-minilm-dev');
}

/** The exact MiniLM architecture with random weights: speed only. */
export function randomArchModelDir(): string {
  const shared = findSharedModels();
  if (!shared) throw new Error('../shared/models/minilm-arch-random not found');
  return path.join(shared, 'minilm-arch-random');
}

/** The real model when present (fetched into models/all-MiniLM-L6-v2), else undefined: tests skip with a message. */
export function realModelDir(): string | undefined {
  const dir = path.join(repoRoot(), 'models', 'all-MiniLM-L6-v2');
  return fs.existsSync(path.join(dir, 'onnx', 'model_quantized.onnx')) ? dir : undefined;
}

/** The repository root (the folder with package.json), from src or compiled output. */
export function repoRoot(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}
