// Validation of messages coming from the panel webview. The webview renders workspace text,
// so treat whatever it sends as untrusted: known types only, bounded strings, sane line
// numbers, and file paths inside a workspace folder.
import type { FromWebview, MapExportFormat, PanelTab, QualityCommand, SearchModeName } from '../../shared/messages';
import { MAP_EXPORT_FORMATS, PANEL_TABS, QUALITY_COMMANDS, SEARCH_MODES } from '../../shared/messages';
import { isInsideWorkspace } from './pathInside';

export type Validation = { ok: true; message: FromWebview } | { ok: false; reason: string };

const MAX_QUERY = 1000;
const MAX_PATH = 4096;
const MAX_LINE = 10_000_000;
const MAX_CLUSTER = 1024;
/** An exported map: a PNG of a large canvas in base64, or an SVG of every point. */
const MAX_EXPORT_CHARS = 40_000_000;

type Rec = Record<string, unknown>;

export function isRecord(v: unknown): v is Rec {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function onlyKeys(m: Rec, allowed: string[]): string | undefined {
  const extra = Object.keys(m).filter((k) => !allowed.includes(k));
  return extra.length ? `unexpected field(s): ${extra.join(', ')}` : undefined;
}

function isLine(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= MAX_LINE;
}

export function checkRange(m: Rec, roots: readonly string[]): string | undefined {
  if (typeof m.file !== 'string' || m.file.length === 0 || m.file.length > MAX_PATH) return 'file must be a non-empty string';
  if (!isInsideWorkspace(m.file, roots)) return 'file is outside the workspace';
  if (!isLine(m.startLine) || !isLine(m.endLine)) return 'lines must be positive integers';
  if (m.endLine < m.startLine) return 'endLine before startLine';
  return undefined;
}

export function validateWebviewMessage(raw: unknown, roots: readonly string[]): Validation {
  if (!isRecord(raw) || typeof raw.type !== 'string') return { ok: false, reason: 'not a message object' };
  const m = raw;
  const fail = (reason: string): Validation => ({ ok: false, reason: `${String(m.type).slice(0, 40)}: ${reason}` });
  let problem: string | undefined;
  switch (m.type) {
    case 'ready':
      problem = onlyKeys(m, ['type']);
      break;
    case 'search':
      problem =
        onlyKeys(m, ['type', 'query', 'mode']) ??
        (typeof m.query !== 'string' || m.query.length > MAX_QUERY ? 'query must be a string of at most 1000 characters' : undefined) ??
        (!SEARCH_MODES.includes(m.mode as SearchModeName) ? 'unknown mode' : undefined);
      break;
    case 'open':
    case 'findSimilar':
      problem = onlyKeys(m, ['type', 'file', 'startLine', 'endLine']) ?? checkRange(m, roots);
      break;
    case 'requestMap':
      problem =
        onlyKeys(m, ['type', 'folder', 'k']) ??
        (typeof m.folder !== 'string' || !roots.includes(m.folder) ? 'folder is not a workspace folder' : undefined) ??
        (m.k !== undefined && !(Number.isInteger(m.k) && (m.k as number) >= 2 && (m.k as number) <= 64) ? 'k must be an integer from 2 to 64' : undefined);
      break;
    case 'searchInCluster':
      problem =
        onlyKeys(m, ['type', 'query', 'mode', 'folder', 'cluster']) ??
        (typeof m.query !== 'string' || m.query.length > MAX_QUERY ? 'query must be a string of at most 1000 characters' : undefined) ??
        (!SEARCH_MODES.includes(m.mode as SearchModeName) ? 'unknown mode' : undefined) ??
        (typeof m.folder !== 'string' || !roots.includes(m.folder) ? 'folder is not a workspace folder' : undefined) ??
        (!(Number.isInteger(m.cluster) && (m.cluster as number) >= 0 && (m.cluster as number) < MAX_CLUSTER) ? 'cluster must be a cluster id' : undefined);
      break;
    case 'exportMap':
      problem =
        onlyKeys(m, ['type', 'format', 'data']) ??
        (!MAP_EXPORT_FORMATS.includes(m.format as MapExportFormat) ? 'format must be png or svg' : undefined) ??
        (typeof m.data !== 'string' || m.data.length === 0 || m.data.length > MAX_EXPORT_CHARS ? 'data must be a non-empty string of at most 40 MB' : undefined) ??
        exportContent(m.format as MapExportFormat, m.data as string);
      break;
    case 'tabChanged':
      problem = onlyKeys(m, ['type', 'tab']) ?? (!PANEL_TABS.includes(m.tab as PanelTab) ? 'unknown tab' : undefined);
      break;
    case 'qualityCommand':
      problem = onlyKeys(m, ['type', 'command']) ?? (!QUALITY_COMMANDS.includes(m.command as QualityCommand) ? 'unknown quality command' : undefined);
      break;
    default:
      return { ok: false, reason: 'unknown message type' };
  }
  return problem ? fail(problem) : { ok: true, message: m as unknown as FromWebview };
}

/** The bytes must be what the format says: a PNG signature, or an SVG document. */
function exportContent(format: MapExportFormat, data: string): string | undefined {
  if (format === 'png') {
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(data)) return 'png data must be base64';
    return Buffer.from(data.slice(0, 12), 'base64').subarray(0, 8).equals(PNG_SIGNATURE) ? undefined : 'data is not a PNG image';
  }
  return /^<svg[\s>]/.test(data) && data.trimEnd().endsWith('</svg>') ? undefined : 'data is not an SVG document';
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
