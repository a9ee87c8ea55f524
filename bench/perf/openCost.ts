// What verifying the data files' checksums adds to opening an index: the same index opened read-only
// with and without verification, alternately (so both see the same machine noise), medians compared.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { openIndexStore } from '../../src/core/store';
import type { CurrentRecord } from '../../src/core/store/layout';
import { median } from '../quality/metrics';

export interface OpenCost {
  chunks: number;
  reps: number;
  verifiedMs: number;
  unverifiedMs: number;
  /** verified / unverified − 1. */
  overhead: number;
}

export async function openCost(indexDir: string, reps: number): Promise<OpenCost> {
  const rec = JSON.parse(fs.readFileSync(path.join(indexDir, 'current.json'), 'utf8')) as CurrentRecord;
  const times: Record<'on' | 'off', number[]> = { on: [], off: [] };
  for (let i = 0; i < reps * 2; i++) {
    const verify = i % 2 === 0;
    const t0 = performance.now();
    const store = await openIndexStore({ indexDir, identity: rec.identity, precision: rec.precision, write: false, verifyChecksums: verify });
    times[verify ? 'on' : 'off'].push(performance.now() - t0);
    if (store.chunkCount() !== rec.chunks) throw new Error(`openCost: the index did not load (${store.message ?? 'no message'})`);
    await store.close();
  }
  const verifiedMs = median(times.on);
  const unverifiedMs = median(times.off);
  return { chunks: rec.chunks, reps, verifiedMs, unverifiedMs, overhead: verifiedMs / unverifiedMs - 1 };
}
