// Live chunk ids by content hash, to find a vector to reuse for new chunks with the same content.
// Kept as two typed arrays (an open-addressing multi-map from a 32-bit key of the hash to ids), not as a Map of
// hex strings: ~16 bytes a chunk instead of ~110 (the 64-character key string and the Map entry), which was
// ~12 MB at 110k chunks and ~120 MB at a million. The full hash is not stored: a candidate's is read from its
// chunk (`hashOf`), so two hashes that share a key never mix.

/** 32-bit FNV-1a of a string's UTF-16 code units (hashes are hex SHA-256 in practice; any string works). */
function keyOf(hash: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < hash.length; i++) h = Math.imul(h ^ hash.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

const INITIAL_CAPACITY = 1024;

export class IdsByHash {
  /** Key of each slot. */
  private keys = new Uint32Array(INITIAL_CAPACITY);
  /** id + 1 of each slot; 0: empty. */
  private vals = new Uint32Array(INITIAL_CAPACITY);
  private mask = INITIAL_CAPACITY - 1;
  private shift = 32 - Math.log2(INITIAL_CAPACITY);
  private count = 0;

  /** `hashOf(id)`: the content hash of a live chunk (undefined when it is gone). */
  constructor(private readonly hashOf: (id: number) => string | undefined) {}

  get size(): number {
    return this.count;
  }

  private home(key: number): number {
    // Fibonacci hashing: the top bits of the product depend on every bit of the key.
    return Math.imul(key, 0x9e3779b1) >>> this.shift;
  }

  add(hash: string, id: number): void {
    if ((this.count + 1) * 2 > this.keys.length) this.grow();
    this.place(keyOf(hash), id + 1);
    this.count++;
  }

  private place(key: number, val: number): void {
    let i = this.home(key);
    while (this.vals[i] !== 0) i = (i + 1) & this.mask;
    this.keys[i] = key;
    this.vals[i] = val;
  }

  private grow(): void {
    const keys = this.keys;
    const vals = this.vals;
    this.keys = new Uint32Array(keys.length * 2);
    this.vals = new Uint32Array(keys.length * 2);
    this.mask = this.keys.length - 1;
    this.shift--;
    for (let i = 0; i < keys.length; i++) if (vals[i] !== 0) this.place(keys[i], vals[i]);
  }

  remove(hash: string, id: number): void {
    const key = keyOf(hash);
    for (let i = this.home(key); this.vals[i] !== 0; i = (i + 1) & this.mask) {
      if (this.keys[i] === key && this.vals[i] === id + 1) {
        this.deleteSlot(i);
        this.count--;
        return;
      }
    }
  }

  /** Linear-probing deletion without tombstones: later entries of the run move back into the hole when allowed. */
  private deleteSlot(hole: number): void {
    const mask = this.mask;
    for (let j = (hole + 1) & mask; this.vals[j] !== 0; j = (j + 1) & mask) {
      const home = this.home(this.keys[j]);
      // The entry at j may fill the hole only if its home is not in the cyclic range (hole, j].
      const homeInRange = hole <= j ? home > hole && home <= j : home > hole || home <= j;
      if (homeInRange) continue;
      this.keys[hole] = this.keys[j];
      this.vals[hole] = this.vals[j];
      hole = j;
    }
    this.vals[hole] = 0;
    this.keys[hole] = 0;
  }

  /** The live ids whose chunk has this hash (a new array). */
  ids(hash: string): number[] {
    const key = keyOf(hash);
    const out: number[] = [];
    for (let i = this.home(key); this.vals[i] !== 0; i = (i + 1) & this.mask) {
      if (this.keys[i] !== key) continue;
      const id = this.vals[i] - 1;
      if (this.hashOf(id) === hash) out.push(id);
    }
    return out;
  }

  clear(): void {
    this.keys = new Uint32Array(INITIAL_CAPACITY);
    this.vals = new Uint32Array(INITIAL_CAPACITY);
    this.mask = INITIAL_CAPACITY - 1;
    this.shift = 32 - Math.log2(INITIAL_CAPACITY);
    this.count = 0;
  }
}
