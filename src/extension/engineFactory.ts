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
  /** The team store's password (VS Code SecretStorage), read when an engine is created. */
  teamPassword?: () => Promise<string | undefined>;
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
    // With a team store this folder keeps only an overlay (the files that differ from the team snapshot), apart.
    const indexDir = indexDirFor(this.storage.indexesRoot, folder, embedder.identity) + (settings.teamStoreUrl ? '-team-overlay' : '');
    if (this.storage.legacyRoot && !settings.teamStoreUrl) {
      const legacy = legacyIndexDirFor(this.storage.legacyRoot, folder);
      const done = await migrateLegacyIndex(legacy, indexDir);
      if (done !== 'none') this.onMigrated?.(`${done === 'moved' ? 'Moved' : 'Removed'} the old index copy ${legacy}${done === 'moved' ? ` to ${indexDir}` : ''}`);
    }
    const password = settings.teamStoreUrl ? await this.storage.teamPassword?.() : undefined;
    // The overlay is written by whichever window opens it; team mode is never read-only.
    return createEngine({ ...engineOptionsFor(settings, folder, indexDir, this.extensionPath, password), embedder, readOnly: readOnly && !settings.teamStoreUrl });
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
        // Engines chunk in a worker that counts word pieces and sends their ids: no tokenizer on the extension host.
        return createEmbedder(model, { threads: settings.threads > 0 ? settings.threads : undefined, background: true, tokenCounting: false, callerSendsIds: true });
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
