// All folders of the workspace: one FolderIndex each; queries span every folder and are
// merged by score; changed paths are routed to the folder that contains them.
import type { FolderState } from '../../shared/extensionApi';
import type { SearchOptions, SearchResult } from '../../core/index';
import type { FolderIndex } from './folderIndex';
import { containingRoot } from './pathInside';
import { mergeByScore } from './mergeResults';

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

  async search(query: string, opts: SearchOptions & { k: number }): Promise<SearchResult[]> {
    const lists = await Promise.all(
      this.all.map(async (f) => {
        try {
          return await f.search(query, opts);
        } catch {
          return []; // one failing folder must not hide the others' results
        }
      }),
    );
    return mergeByScore(lists, opts.k);
  }

  /** Code similar to a range of a file, from that file's folder (its engine knows the range's chunk). */
  async similar(file: string, startLine: number, endLine: number, opts: SearchOptions & { k: number }, text?: string): Promise<SearchResult[]> {
    const own = this.folderOf(file);
    if (!own) throw new Error(`${file} is not inside a workspace folder`);
    return (await own.similar(file, startLine, endLine, opts, text)).slice(0, opts.k);
  }

  async dispose(): Promise<void> {
    const all = this.all;
    this.folders.clear();
    await Promise.all(all.map((f) => f.dispose()));
  }
}
