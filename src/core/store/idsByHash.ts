// Live chunk ids by content hash, to find a vector to reuse for new chunks with the same content.
// Most hashes belong to one chunk, so a lone id is kept as a number; only shared content pays for an array.

export class IdsByHash {
  private readonly map = new Map<string, number | number[]>();

  add(hash: string, id: number): void {
    const cur = this.map.get(hash);
    if (cur === undefined) this.map.set(hash, id);
    else if (typeof cur === 'number') this.map.set(hash, [cur, id]);
    else cur.push(id);
  }

  remove(hash: string, id: number): void {
    const cur = this.map.get(hash);
    if (cur === undefined) return;
    if (typeof cur === 'number') {
      if (cur === id) this.map.delete(hash);
      return;
    }
    const i = cur.indexOf(id);
    if (i >= 0) cur.splice(i, 1);
    if (cur.length === 1) this.map.set(hash, cur[0]);
    else if (cur.length === 0) this.map.delete(hash);
  }

  /** The ids with this hash: the live array, not a copy, so add or remove none of them while iterating it. */
  ids(hash: string): readonly number[] {
    const cur = this.map.get(hash);
    return cur === undefined ? [] : typeof cur === 'number' ? [cur] : cur;
  }

  clear(): void {
    this.map.clear();
  }
}
