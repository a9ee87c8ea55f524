// Files skipped for what their bytes hold (minified, binary, not UTF-8, empty), remembered with the size and mtime
// they had when read. The next pass trusts them as it trusts the manifest's files: a remembered file whose stat is
// unchanged is skipped again without reading it (before this, a no-op pass re-read every minified bundle).
// Reasons that depend on settings (secrets and the allow-list, the size limit) or on the system (unreadable) are
// never remembered: those files are looked at again on every pass.
import type { SkipReason } from '../types';

const REMEMBERED: ReadonlySet<SkipReason> = new Set<SkipReason>(['minified', 'binary', 'invalid-utf8', 'empty']);

/** `current.json` holds them; past this many, the rest are read again on each pass. */
export const MAX_CONTENT_SKIPS = 5_000;

/** One remembered file as `current.json` stores it: [path, size, mtimeMs, reason]. */
export type ContentSkipRecord = [string, number, number, SkipReason];

interface Entry {
  size: number;
  mtimeMs: number;
  reason: SkipReason;
}

export class ContentSkips {
  private readonly byPath = new Map<string, Entry>();

  /** From `current.json`; anything malformed is dropped (those files are simply read again). */
  static fromRecord(raw: unknown): ContentSkips {
    const skips = new ContentSkips();
    if (!Array.isArray(raw)) return skips;
    for (const r of raw.slice(0, MAX_CONTENT_SKIPS)) {
      if (!Array.isArray(r) || r.length !== 4) continue;
      const [p, size, mtimeMs, reason] = r as unknown[];
      if (typeof p !== 'string' || typeof size !== 'number' || typeof mtimeMs !== 'number' || !REMEMBERED.has(reason as SkipReason)) continue;
      skips.byPath.set(p, { size, mtimeMs, reason: reason as SkipReason });
    }
    return skips;
  }

  get size(): number {
    return this.byPath.size;
  }

  /** Why the file was skipped when it last had exactly this size and mtime; undefined if it must be read. */
  get(path: string, size: number, mtimeMs: number): SkipReason | undefined {
    const e = this.byPath.get(path);
    return e && e.size === size && e.mtimeMs === mtimeMs ? e.reason : undefined;
  }

  /** What reading the file found: a remembered reason is kept, anything else (indexed, or skipped for a setting) forgets it. */
  set(path: string, size: number, mtimeMs: number, reason: SkipReason | null): void {
    if (reason === null || !REMEMBERED.has(reason)) {
      this.byPath.delete(path);
      return;
    }
    if (!this.byPath.has(path) && this.byPath.size >= MAX_CONTENT_SKIPS) return;
    this.byPath.set(path, { size, mtimeMs, reason });
  }

  /** Forgets the files a full scan no longer found. */
  retain(paths: ReadonlySet<string>): void {
    for (const p of this.byPath.keys()) if (!paths.has(p)) this.byPath.delete(p);
  }

  toRecord(): ContentSkipRecord[] {
    return [...this.byPath].map(([p, e]) => [p, e.size, e.mtimeMs, e.reason]);
  }
}
