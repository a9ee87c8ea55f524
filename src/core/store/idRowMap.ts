// Chunk id → row of the vectors, for every stored vector. Chunk ids are handed out counting up (the manifest's
// nextId), so a table indexed by id is dense: opening a 162k-vector index filled a Map in ~70–130 ms, the table in
// ~1 ms, at 4 bytes per id instead of ~30 per entry. Ids spread far wider than the vectors they hold (an index
// that has re-chunked its files many times over) fall back to a Map, so memory stays bounded by the live count.

const NONE = -1;
/** The table may span this many times the live ids (plus SLACK) before it becomes a Map. */
const SPREAD = 16;
const SLACK = 1 << 20;

export class IdRowMap {
  private table: Int32Array | undefined = new Int32Array(0);
  private map: Map<number, number> | undefined;
  private count = 0;

  get size(): number {
    return this.map ? this.map.size : this.count;
  }

  get(id: number): number | undefined {
    if (this.map) return this.map.get(id);
    const r = id < this.table!.length ? this.table![id] : NONE;
    return r === NONE ? undefined : r;
  }

  has(id: number): boolean {
    return this.get(id) !== undefined;
  }

  set(id: number, row: number): void {
    if (!this.map && (!Number.isInteger(id) || id < 0 || id >= (this.count + 1) * SPREAD + SLACK || row > 0x7fffffff)) this.toMap();
    if (this.map) {
      this.map.set(id, row);
      return;
    }
    let t = this.table!;
    if (id >= t.length) {
      const next = new Int32Array(Math.max(id + 1, t.length * 2, 1024)).fill(NONE);
      next.set(t);
      this.table = t = next;
    }
    if (t[id] === NONE) this.count++;
    t[id] = row;
  }

  delete(id: number): boolean {
    if (this.map) return this.map.delete(id);
    const t = this.table!;
    if (id >= t.length || !(id >= 0) || t[id] === NONE) return false;
    t[id] = NONE;
    this.count--;
    return true;
  }

  clear(): void {
    this.table = new Int32Array(0);
    this.map = undefined;
    this.count = 0;
  }

  /** Room for ids below `end` up front, for `live` of them (a load knows both): no doubling while it fills. */
  reserve(end: number, live: number): void {
    if (this.map || end <= this.table!.length) return;
    if (end >= live * SPREAD + SLACK) return this.toMap();
    const next = new Int32Array(end).fill(NONE);
    next.set(this.table!);
    this.table = next;
  }

  /** Ids in id order (a Map's: in insertion order), without an [id, row] pair per id (every open walks them all). */
  *keys(): IterableIterator<number> {
    if (this.map) {
      yield* this.map.keys();
      return;
    }
    const t = this.table!;
    for (let id = 0; id < t.length; id++) if (t[id] !== NONE) yield id;
  }

  /** [id, row] in id order (a Map's: in insertion order). */
  *[Symbol.iterator](): IterableIterator<[number, number]> {
    if (this.map) {
      yield* this.map;
      return;
    }
    const t = this.table!;
    for (let id = 0; id < t.length; id++) if (t[id] !== NONE) yield [id, t[id]];
  }

  private toMap(): void {
    const map = new Map<number, number>();
    for (const e of this) map.set(e[0], e[1]);
    this.map = map;
    this.table = undefined;
  }
}
