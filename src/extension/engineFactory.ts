// Creates one engine per workspace folder, all sharing one embedder (one model and one
// worker thread in memory, however many folders are open).
import type { Embedder, Engine } from '../core/index';
import { createEmbedder, createEngine, resolveModel } from '../core/index';
import { indexDirFor, legacyIndexDirFor, migrateLegacyIndex } from './vscodeFree/indexLocation';
import { engineOptionsFor, type ExtensionSettings, resolveModelPath } from './vscodeFree/settingsModel';

export interface IndexStorage {
  /** Global storage folder holding one index per folder and model. */
  indexesRoot: string;
  /** The workspace storage where earlier versions kept indexes (migrated from), if any. */
  legacyRoot?: string;
}

export class EngineFactory {
  private embedder: Promise<Embedder> | undefined;
  private embedderKey = '';

  constructor(
    private readonly extensionPath: string,
    private readonly storage: IndexStorage,
    private readonly onMigrated?: (what: string) => void,
  ) {}

  /** The folder's engine; its index folder is keyed by the folder's real path and the model's identity. */
  async create(settings: ExtensionSettings, folder: string, readOnly = false): Promise<Engine> {
    const embedder = await this.sharedEmbedder(settings, folder);
    const indexDir = indexDirFor(this.storage.indexesRoot, folder, embedder.identity);
    if (this.storage.legacyRoot) {
      const legacy = legacyIndexDirFor(this.storage.legacyRoot, folder);
      const done = await migrateLegacyIndex(legacy, indexDir);
      if (done !== 'none') this.onMigrated?.(`${done === 'moved' ? 'Moved' : 'Removed'} the old index copy ${legacy}${done === 'moved' ? ` to ${indexDir}` : ''}`);
    }
    return createEngine({ ...engineOptionsFor(settings, folder, indexDir, this.extensionPath), embedder, readOnly });
  }

  /** Model resolution: setting → model shipped in the extension → SEMSEARCH_MODEL_DIR (core/embed/resolve.ts). */
  private sharedEmbedder(settings: ExtensionSettings, folder: string): Promise<Embedder> {
    const explicit = resolveModelPath(settings.modelPath, folder);
    const key = JSON.stringify([explicit, settings.threads]);
    if (!this.embedder || key !== this.embedderKey) {
      void this.close();
      this.embedderKey = key;
      const pending = (async () => {
        const model = await resolveModel({ explicit, packageRoot: this.extensionPath, env: process.env });
        return createEmbedder(model, { threads: settings.threads > 0 ? settings.threads : undefined, background: true });
      })();
      // A failed resolution (no model yet) is retried on the next create().
      pending.catch(() => {
        if (this.embedder === pending) this.embedder = undefined;
      });
      this.embedder = pending;
    }
    return this.embedder;
  }

  async close(): Promise<void> {
    const old = this.embedder;
    this.embedder = undefined;
    const e = await old?.catch(() => undefined);
    await e?.close().catch(() => undefined);
  }
}
