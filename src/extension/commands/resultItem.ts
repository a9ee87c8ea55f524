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
};

/** `multiRoot`: prefix the path with its workspace folder's name. */
export function resultItem(r: SearchResult, multiRoot = false): ResultItem {
  const icon = KIND_ICONS[r.kind] ?? 'symbol-misc';
  // Chunks without a symbol (top-level code, text windows) are named by kind and file.
  const name = r.symbol || `${r.kind} in ${r.path.split('/').pop()}`;
  return {
    label: `$(${icon}) ${name}`,
    description: `${multiRoot ? `${path.basename(r.root)} › ` : ''}${r.path}:${r.startLine}`,
    detail: r.preview,
    alwaysShow: true,
    result: r,
  };
}
