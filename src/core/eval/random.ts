// Seeded randomness: the same workspace and seed give the same sample and splits (the generator is clustering's).
import { mulberry32 } from '../clusters';

/** mulberry32: floats in [0, 1), the same stream for the same seed. */
export const seededRandom = mulberry32;

/** A shuffled copy (Fisher–Yates). */
export function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = items.slice();
  const rand = seededRandom(seed);
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}
