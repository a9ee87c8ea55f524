// Every term's postings in a few shared segments of one kind of typed array, instead of one growing array (and one
// object) per term. Measured at 110k chunks (161k terms, 3.9M postings = 15 MB): one { buf, len } object and
// Uint32Array per term took 44 MB of heap and 19 MB of array buffers while indexing; most terms have one or two
// postings, so the per-term objects, not the postings, were most of it.
//
// A list lives in one block of a segment; a full block is replaced by one of the next size class, ~1.4 times larger
// (2, 3, 4, 6, 8, 12, …: half-powers of two keep ~85 % of a block in use where doubling kept ~70 %), and goes to the
// free list of its class, which the next list that grows to that size reuses. A decoded index adopts its one
// exact-size array as segment 0: lists are read from it in place until something is appended to them.

/** Entries of a new segment, at most (16 MB); a larger block gets a segment of its own. */
const SEGMENT_MAX = 1 << 22;
/** Entries of the first segment (a small index stays small). */
const SEGMENT_MIN = 1 << 14;

export class PostingsPool {
  private segs: Uint32Array[] = [];
  /** Per list: its segment, offset, length and capacity (entries). */
  private seg: Uint32Array = new Uint32Array(0);
  private off: Uint32Array = new Uint32Array(0);
  private len: Uint32Array = new Uint32Array(0);
  private cap: Uint32Array = new Uint32Array(0);
  private lists = 0;
  /** Free blocks by size class k ({@link classSize}), each as segment × 2^32 + offset. */
  private free: number[][] = [];
  /** Where the next block of the last segment starts. */
  private used = 0;
  /** Entries in every segment (what the pool holds, used or not). */
  private allocated = 0;

  /** A pool whose lists are the given ranges of `all` (a decoded index): no copy. */
  static adopt(all: Uint32Array, start: Uint32Array, len: Uint32Array): PostingsPool {
    const p = new PostingsPool();
    p.segs = [all];
    p.used = all.length;
    p.allocated = all.length;
    p.lists = start.length;
    p.seg = new Uint32Array(start.length);
    p.off = start;
    p.len = len;
    p.cap = len.slice();
    return p;
  }

  /** Lists made so far (list numbers are 0 … count − 1). */
  get count(): number {
    return this.lists;
  }

  /** Entries the segments hold, used or free (for tests and memory figures). */
  get allocatedEntries(): number {
    return this.allocated;
  }

  /** A new, empty list; returns its number. */
  create(): number {
    if (this.lists === this.seg.length) this.growLists();
    return this.lists++;
  }

  /** A new, empty list with room for `n` entries before it moves (a writer decoding a file it will append to). */
  createWithRoom(n: number): number {
    const list = this.create();
    if (n > 0) this.move(list, classAbove(n));
    return list;
  }

  length(list: number): number {
    return this.len[list];
  }

  /** The list's entries (a view: valid until the next append to any list). */
  view(list: number): Uint32Array {
    const o = this.off[list];
    return this.segs[this.seg[list]].subarray(o, o + this.len[list]);
  }

  push(list: number, entry: number): void {
    const n = this.len[list];
    if (n === this.cap[list]) this.move(list, n === 0 ? 2 : classAbove(n) + 1);
    this.segs[this.seg[list]][this.off[list] + n] = entry;
    this.len[list] = n + 1;
  }

  /** The list's block is replaced by one of size class `k` holding the same entries; the old block is freed. */
  private move(list: number, k: number): void {
    const cap = classSize(k);
    const at = this.alloc(k);
    const s = Math.floor(at / 2 ** 32);
    const o = at % 2 ** 32;
    const n = this.len[list];
    if (n > 0) this.segs[s].set(this.view(list), o);
    if (this.cap[list] > 0) this.release(this.seg[list], this.off[list], this.cap[list]);
    this.seg[list] = s;
    this.off[list] = o;
    this.cap[list] = cap;
  }

  /** A block of size class `k`: a free one, else the end of the last segment. */
  private alloc(k: number): number {
    const cap = classSize(k);
    const reuse = this.free[k]?.pop();
    if (reuse !== undefined) return reuse;
    let last = this.segs.length - 1;
    if (last < 0 || this.used + cap > this.segs[last].length) {
      // The rest of the last segment goes to the free lists; a new one adds an eighth (the pool grows gently).
      if (last >= 0) this.releaseTail(last);
      const size = Math.max(cap, Math.min(SEGMENT_MAX, Math.max(SEGMENT_MIN, this.allocated >>> 3)));
      this.segs.push(new Uint32Array(size));
      this.allocated += size;
      this.used = 0;
      last++;
    }
    const o = this.used;
    this.used += cap;
    return last * 2 ** 32 + o;
  }

  private releaseTail(s: number): void {
    let o = this.used;
    const end = this.segs[s].length;
    while (end - o >= 2) {
      const c = classSize(classAbove(end - o + 1) - 1);
      this.release(s, o, c);
      o += c;
    }
    this.used = end;
  }

  /** A block back to the free list of the largest class it can serve. */
  private release(s: number, o: number, cap: number): void {
    if (cap < 2) return;
    const k = classAbove(cap + 1) - 1;
    (this.free[k] ??= []).push(s * 2 ** 32 + o);
  }

  private growLists(): void {
    const n = Math.max(1024, Math.ceil(this.seg.length * 1.5));
    const grow = (a: Uint32Array): Uint32Array => {
      const b = new Uint32Array(n);
      b.set(a);
      return b;
    };
    this.seg = grow(this.seg);
    this.off = grow(this.off);
    this.len = grow(this.len);
    this.cap = grow(this.cap);
  }
}

/** Entries of a block of size class k: 2, 3, 4, 6, 8, 12, 16, … (k = 2, 3, 4, …). */
export function classSize(k: number): number {
  return k % 2 === 0 ? 2 ** (k / 2) : 3 * 2 ** ((k - 3) / 2);
}

/** The smallest size class whose blocks hold at least n entries (n ≥ 1). */
export function classAbove(n: number): number {
  let k = 2;
  while (classSize(k) < n) k++;
  return k;
}
