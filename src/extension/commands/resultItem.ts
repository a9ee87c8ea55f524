// A search or similar-code hit as a QuickPick row: symbol, path:line, one-line preview.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { SearchResult } from '../../core/index';

export interface ResultItem extends vscode.QuickPickItem {
  result: SearchResult;
}

const KIND_ICONS: Record<string, string> = {
  function: 'symbol-function',
  method: 'symbol-method',
  class: 'symbol-class',
  interface: 'symbol-interface',
  type: 'symbol-type-parameter',
  enum: 'symbol-enum',
  module: 'symbol-module',
  section: 'markdown',
  text: 'file-text',
  block: 'symbol-namespace',
  code: 'symbol-namespace',
  imports: 'references',
};

/** `multiRoot`: prefix the path with its workspace folder's name. */
export function resultItem(r: SearchResult, multiRoot = false): ResultItem {
  // With the engine's readable form: its name (Class.method, a part by its inner function, a heading path), the
  // line that matched the query (else the definition line) and that line's number; no raw scores.
  const d = r.display;
  const icon = KIND_ICONS[d?.kind ?? r.kind] ?? KIND_ICONS[r.kind] ?? 'symbol-misc';
  // Chunks without a symbol (top-level code, text windows) are named by kind and file.
  const name = d?.name || r.symbol || `${r.kind} in ${r.path.split('/').pop()}`;
  const first = d?.lines[0];
  return {
    label: `$(${icon}) ${name}`,
    description: `${multiRoot ? `${path.basename(r.root)} › ` : ''}${r.path}:${first?.line ?? r.startLine}`,
    detail: first ? first.text : r.preview,
    alwaysShow: true,
    result: r,
  };
}
