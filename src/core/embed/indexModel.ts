// The model an existing index was built with, for readers given no model: `semsearch index . --model X` then
// `semsearch query . "…"` must search with X, not fail to find a default model or silently use another one.
import { ModelNotFoundError } from '../errors';
import type { ModelIdentity } from '../types';
import { loadModelLocation, missingModelFiles } from './resolve';
import type { ModelLocation } from './types';

/** What an index records about its model (the `identity` and `modelDir` of its `current.json`). */
export interface IndexModelRecord {
  identity: ModelIdentity;
  modelDir?: string;
}

export function sameModel(a: ModelIdentity, b: ModelIdentity): boolean {
  return a.name === b.name && a.sha256 === b.sha256 && a.dimensions === b.dimensions;
}

export function describeModel(m: ModelIdentity): string {
  return `${m.name} (${m.dimensions} dims, sha256 ${m.sha256.slice(0, 12)}…)`;
}

/**
 * The recorded folder when it still holds the recorded model; else the usual resolution when that finds the same
 * model; else a ModelNotFoundError naming the model the index expects and where it was. `resolveDefault` is the
 * usual resolution (resolve.ts), only called when the recorded folder does not do.
 */
export async function modelForIndex(
  record: IndexModelRecord,
  indexDir: string,
  resolveDefault: () => Promise<ModelLocation>,
  hashCache?: string,
): Promise<ModelLocation> {
  const expected = record.identity;
  let problem: string;
  if (!record.modelDir) {
    problem = 'the index does not say where that model was';
  } else if (missingModelFiles(record.modelDir).length > 0) {
    problem = `${record.modelDir} no longer holds it`;
  } else {
    const found = await loadModelLocation(record.modelDir, hashCache).catch(() => undefined);
    if (found && sameModel(found.identity, expected)) return found;
    problem = found ? `${record.modelDir} now holds ${describeModel(found.identity)}` : `${record.modelDir} no longer holds it`;
  }
  const fallback = await resolveDefault().catch(() => undefined);
  if (fallback && sameModel(fallback.identity, expected)) return fallback;
  const other = fallback ? `, and the default model is ${describeModel(fallback.identity)}` : '';
  throw new ModelNotFoundError(
    `The index in ${indexDir} was built with model ${describeModel(expected)}, but ${problem}${other}. ` +
      'Give the folder of that model (--model), or index again with the model you have.',
    record.modelDir ? [record.modelDir] : [],
  );
}
