// The saved adapter: one JSON file beside the index, named and checked by the model identity, so an adapter never
// meets another model's vectors. Written durably (temp, fsync, rename); a damaged or foreign file reads as none.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { writeFileDurable } from '../store/files';
import type { ModelIdentity } from '../types';
import type { AdaptReport } from './types';

export interface SavedAdapter {
  format: 1;
  identity: ModelIdentity;
  report: AdaptReport;
  /** dim × dim row-major float32, base64. */
  matrix: string;
}

const PREFIX = 'adapter-';

export function adapterFile(indexDir: string, identity: ModelIdentity): string {
  return path.join(indexDir, `${PREFIX}${identity.sha256.slice(0, 16)}-${identity.dimensions}.json`);
}

export async function saveAdapter(indexDir: string, identity: ModelIdentity, matrix: Float32Array, report: AdaptReport): Promise<string> {
  const file = adapterFile(indexDir, identity);
  const saved: SavedAdapter = { format: 1, identity, report, matrix: Buffer.from(matrix.buffer, matrix.byteOffset, matrix.byteLength).toString('base64') };
  await fs.promises.mkdir(indexDir, { recursive: true });
  await writeFileDurable(file, JSON.stringify(saved));
  // Adapters of other models can never be used with this index again.
  for (const name of await fs.promises.readdir(indexDir)) {
    if (name.startsWith(PREFIX) && name.endsWith('.json') && path.join(indexDir, name) !== file) {
      await fs.promises.rm(path.join(indexDir, name), { force: true }).catch(() => undefined);
    }
  }
  return file;
}

export interface LoadedAdapter {
  matrix: Float32Array;
  report: AdaptReport;
}

/** The adapter saved for exactly this model, or undefined (none, another model, or unreadable). */
export function loadAdapter(indexDir: string, identity: ModelIdentity): LoadedAdapter | undefined {
  let saved: SavedAdapter;
  try {
    saved = JSON.parse(fs.readFileSync(adapterFile(indexDir, identity), 'utf8')) as SavedAdapter;
  } catch {
    return undefined;
  }
  const id = saved?.identity;
  if (saved?.format !== 1 || !id || id.name !== identity.name || id.sha256 !== identity.sha256 || id.dimensions !== identity.dimensions) return undefined;
  const bytes = Buffer.from(String(saved.matrix), 'base64');
  const dim = identity.dimensions;
  if (bytes.byteLength !== dim * dim * 4) return undefined;
  const matrix = new Float32Array(dim * dim);
  new Uint8Array(matrix.buffer).set(bytes);
  if (!matrix.every(Number.isFinite)) return undefined;
  return { matrix, report: saved.report };
}
