// The extension's settings (contributes.configuration, prefix semanticSearch.) as a plain
// object, and how they become EngineOptions for one workspace folder.
import * as os from 'node:os';
import * as path from 'node:path';
import type { EngineOptions, VectorPrecision } from '../../core/index';

export interface ExtensionSettings {
  include: string[];
  exclude: string[];
  /** Globs of secret-looking files (.env, keys, credentials) to index anyway; empty by default. */
  allowSecretFiles: string[];
  maxFileSizeKB: number;
  modelPath: string;
  precision: VectorPrecision;
  /** 0 = automatic (the engine picks max(1, cores - 1) in the editor). */
  threads: number;
  /** Weight of the semantic list in hybrid fusion, 0..1. */
  hybridSemanticWeight: number;
  autoIndex: boolean;
  /** Results in the search QuickPick / panel. */
  maxResults: number;
  /** The team index (postgres://user@host/db, without the password: that lives in SecretStorage); '' = off. */
  teamStoreUrl: string;
  /** The repository's name in the team store ('' = the origin remote, else the folder's name). */
  teamStoreRepo: string;
  /** The query adapter: `auto` uses a saved one that measured a gain, `off` never. */
  adapter: 'auto' | 'off';
}

export const DEFAULT_SETTINGS: ExtensionSettings = {
  include: [],
  exclude: [],
  allowSecretFiles: [],
  maxFileSizeKB: 1000,
  modelPath: '',
  precision: 'i8',
  threads: 0,
  hybridSemanticWeight: 0.4,
  autoIndex: true,
  maxResults: 30,
  teamStoreUrl: '',
  teamStoreRepo: '',
  adapter: 'auto',
};

/** Reads settings through a getter (vscode's WorkspaceConfiguration.get in the extension), validating each value. */
export function readSettings(get: (key: string) => unknown): ExtensionSettings {
  const d = DEFAULT_SETTINGS;
  const strings = (v: unknown, fallback: string[]) =>
    Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && x.trim() !== '') : fallback;
  const num = (v: unknown, fallback: number, min: number, max: number) =>
    typeof v === 'number' && Number.isFinite(v) ? Math.min(max, Math.max(min, v)) : fallback;
  const precision = get('vectorPrecision');
  return {
    include: strings(get('include'), d.include),
    exclude: strings(get('exclude'), d.exclude),
    allowSecretFiles: strings(get('allowSecretFiles'), d.allowSecretFiles),
    maxFileSizeKB: num(get('maxFileSizeKB'), d.maxFileSizeKB, 1, 100_000),
    modelPath: typeof get('modelPath') === 'string' ? (get('modelPath') as string).trim() : d.modelPath,
    precision: precision === 'i8' || precision === 'f16' || precision === 'f32' || precision === 'b1' ? precision : d.precision,
    threads: Math.round(num(get('threads'), d.threads, 0, 64)),
    hybridSemanticWeight: num(get('hybridWeight'), d.hybridSemanticWeight, 0, 1),
    autoIndex: typeof get('autoIndex') === 'boolean' ? (get('autoIndex') as boolean) : d.autoIndex,
    maxResults: Math.round(num(get('maxResults'), d.maxResults, 1, 200)),
    adapter: get('adapter') === 'off' ? 'off' : 'auto',
    teamStoreUrl: teamUrl(get('teamStore.url')),
    teamStoreRepo: typeof get('teamStore.repo') === 'string' ? (get('teamStore.repo') as string).trim() : d.teamStoreRepo,
  };
}

/** Only a postgres:// URL turns the team index on; anything else is ignored (the status view says why). */
function teamUrl(v: unknown): string {
  return typeof v === 'string' && /^postgres(ql)?:\/\//.test(v.trim()) ? v.trim() : '';
}

/** The team store URL with the password from SecretStorage put in (the setting never holds it). */
export function teamUrlWithPassword(url: string, password: string | undefined): string {
  if (!password) return url;
  const u = new URL(url);
  u.password = password;
  return u.toString();
}

/** `~`, `${workspaceFolder}` and relative paths (against the folder) in the model path setting. */
export function resolveModelPath(setting: string, folder: string): string | undefined {
  if (!setting) return undefined;
  let p = setting.replace(/\$\{workspaceFolder\}/g, folder);
  if (p === '~' || p.startsWith('~/')) p = path.join(os.homedir(), p.slice(1));
  return path.resolve(folder, p);
}

/** Settings that need the engine recreated (the index itself changes) when they change. */
export const ENGINE_SETTING_KEYS = ['include', 'exclude', 'allowSecretFiles', 'maxFileSizeKB', 'modelPath', 'vectorPrecision', 'threads', 'teamStore', 'adapter'] as const;

export function engineOptionsFor(
  s: ExtensionSettings,
  folder: string,
  indexDir: string,
  extensionPath: string,
  teamPassword?: string,
): EngineOptions {
  return {
    root: folder,
    indexDir,
    modelDir: resolveModelPath(s.modelPath, folder),
    packageRoot: extensionPath,
    include: s.include,
    exclude: s.exclude,
    allowSecrets: s.allowSecretFiles,
    adapter: s.adapter,
    ...(s.teamStoreUrl ? { team: { url: teamUrlWithPassword(s.teamStoreUrl, teamPassword), ...(s.teamStoreRepo ? { repo: s.teamStoreRepo } : {}) } } : {}),
    maxFileBytes: s.maxFileSizeKB * 1000,
    precision: s.precision,
    threads: s.threads > 0 ? s.threads : undefined,
    background: true,
  };
}
