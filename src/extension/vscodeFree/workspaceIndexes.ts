// All folders of the workspace: one FolderIndex each; queries span every folder and are
// merged by score; changed paths are routed to the folder that contains them.
import * as path from 'node:path';
import type { FolderState, ApiSearchResult } from '../../shared/extensionApi';
import type { SearchOptions, SearchResult } from '../../core/index';
import type { FolderIndex } from './folderIndex';
import { containingRoot } from './pathInside';
import { mergeByScore } from './mergeResults';

export interface FolderSearchResult extends ApiSearchResult {
  /** Absolute path of the workspace folder. */
  root: string;
  language: string;
}

export function toFolderResult(root: string, r: SearchResult): FolderSearchResult {
  const rel = r.path.split(path.sep).join('/');
  return {
    root,
    file: path.isAbsolute(r.path) ? r.path : path.join(root, r.path),
    path: rel,
    startLine: r.startLine,
    endLine: r.endLine,
    score: r.score,
    kind: r.kind,
    symbol: r.symbol,
    preview: r.preview,
    language: r.language,
  };
}

export class WorkspaceIndexes {
  private readonly folders = new Map<string, FolderIndex>();

  get roots(): string[] {
    return [...this.folders.keys()];
  }

  get all(): FolderIndex[] {
    return [...this.folders.values()];
  }

  get(root: string): FolderIndex | undefined {
    return this.folders.get(root);
  }

  add(index: FolderIndex): void {
    this.folders.set(index.folder, index);
  }

  async remove(root: string): Promise<void> {
    const index = this.folders.get(root);
    this.folders.delete(root);
    await index?.dispose();
  }

  /** The folder that contains an absolute file path. */
  folderOf(file: string): FolderIndex | undefined {
    const root = containingRoot(file, this.roots);
    return root ? this.folders.get(root) : undefined;
  }

  states(): FolderState[] {
    return this.all.map(({ status }) => ({ folder: status.folder, state: status.state, files: status.files, chunks: status.chunks, message: status.message }));
  }

  /** Routes changed absolute paths to their folders' batchers. */
  changed(paths: Iterable<string>): void {
    const byFolder = new Map<FolderIndex, string[]>();
    for (const p of paths) {
      const f = this.folderOf(p);
      if (!f) continue;
      byFolder.set(f, [...(byFolder.get(f) ?? []), p]);
    }
    for (const [f, ps] of byFolder) f.changed(ps);
  }

  async whenIndexed(): Promise<FolderState[]> {
    await Promise.all(this.all.map((f) => f.whenFirstPass()));
    return this.states();
  }

  /** Applies collected changes now instead of after the quiet period. */
  async flushPending(): Promise<void> {
    await Promise.all(this.all.map((f) => f.flushPending()));
  }

  async whenIdle(): Promise<void> {
    await Promise.all(this.all.map((f) => f.whenIdle()));
  }

  async search(query: string, opts: SearchOptions & { k: number }): Promise<FolderSearchResult[]> {
    const lists = await Promise.all(
      this.all.map(async (f) => {
        try {
          return (await f.search(query, opts)).map((r) => toFolderResult(f.folder, r));
        } catch {
          return []; // one failing folder must not hide the others' results
        }
      }),
    );
    return mergeByScore(lists, opts.k);
  }

  /** Code similar to a range of a file, from that file's folder (its engine knows the range's chunk). */
  async similar(file: string, startLine: number, endLine: number, opts: SearchOptions & { k: number }, text?: string): Promise<FolderSearchResult[]> {
    const own = this.folderOf(file);
    if (!own) throw new Error(`${file} is not inside a workspace folder`);
    const ownResults = (await own.similar(file, startLine, endLine, opts, text)).map((r) => toFolderResult(own.folder, r));
    return ownResults.slice(0, opts.k);
  }

  async dispose(): Promise<void> {
    const all = this.all;
    this.folders.clear();
    await Promise.all(all.map((f) => f.dispose()));
  }
}
