// Validation of messages coming from the panel webview. The webview renders workspace text,
// so treat whatever it sends as untrusted: known types only, bounded strings, sane line
// numbers, and file paths inside a workspace folder.
import type { FromWebview, PanelTab, SearchModeName } from '../../shared/messages';
import { PANEL_TABS, SEARCH_MODES } from '../../shared/messages';
import { isInsideWorkspace } from './pathInside';

export type Validation = { ok: true; message: FromWebview } | { ok: false; reason: string };

const MAX_QUERY = 1000;
const MAX_PATH = 4096;
const MAX_LINE = 10_000_000;

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
    case 'tabChanged':
      problem = onlyKeys(m, ['type', 'tab']) ?? (!PANEL_TABS.includes(m.tab as PanelTab) ? 'unknown tab' : undefined);
      break;
    default:
      return { ok: false, reason: 'unknown message type' };
  }
  return problem ? fail(problem) : { ok: true, message: m as unknown as FromWebview };
}
